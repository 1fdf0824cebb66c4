/**
 * The 地域再生計画 digest of a workspace, ready for the page and the download: the current draft
 * (projects with their idea sheets' current titles), the saved form, and the plan laid out.
 */
import type { OpenedDatabase } from '../db';
import type { Workspace } from '../repositories/workspaces';
import { loadRegionalPlanForm } from '../repositories/regional-plan';
import { draftForExport, projectLabels } from './document';
import { regionalPlanDocument } from '$lib/domain/regional-plan';
import type { StrategyDraft } from '$lib/domain/strategy-draft';

export async function regionalPlanFor(database: OpenedDatabase, workspace: Workspace) {
	const loaded = await draftForExport(database, workspace, null);
	if (!loaded) return undefined;
	const label = await projectLabels(database, workspace, null);
	const draft: StrategyDraft = label
		? {
				...loaded.draft,
				goals: loaded.draft.goals.map((g) => ({
					...g,
					directions: g.directions.map((d) => ({
						...d,
						measures: d.measures.map((m) => ({ ...m, projects: m.projects.map((p) => ({ ...p, ...label(p) })) }))
					}))
				}))
			}
		: loaded.draft;
	const { form, updatedAt } = await loadRegionalPlanForm(database.db, workspace.id, workspace.townName);
	const document = regionalPlanDocument(draft, form, { planStartFy: workspace.planStartFy, planEndFy: workspace.planEndFy });
	return { draft, form, updatedAt, document };
}
