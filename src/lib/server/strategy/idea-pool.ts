/**
 * Loads the idea pool: every idea sheet on the boards of the workspace's workshops, read from
 * the stored documents (readStoredDocument: the stored state is never behind what participants
 * have seen), with where each comes from, its votes and its open KPI hints; an idea carried
 * forward into a later session is one item (its latest version), see collapseCarriedVersions.
 */
import type { OpenedDatabase } from '../db';
import { readStoredDocument } from '../collab/read-document';
import { listWorkshops } from '../repositories/workshops';
import type { Workspace } from '../repositories/workspaces';
import { boardVote, listSheets } from '$lib/collab/schema';
import { ideaKpiHints } from '$lib/domain/kpi-hints';
import { collapseCarriedVersions, ideaKey, type IdeaPoolItem } from '$lib/domain/idea-pool';

export async function loadIdeaPool(database: OpenedDatabase, workspace: Workspace): Promise<IdeaPoolItem[]> {
	const workshops = await listWorkshops(database.db, workspace.id);
	const plan = { startFy: workspace.planStartFy, endFy: workspace.planEndFy };
	const items: Array<Omit<IdeaPoolItem, 'versionKeys'>> = [];
	// oldest workshop first, sessions and groups in their order
	for (const workshop of [...workshops].reverse()) {
		for (const session of workshop.sessions) {
			for (const group of session.groups) {
				const doc = await readStoredDocument(database, group.documentId);
				try {
					const results = boardVote(doc)?.results ?? null;
					for (const sheet of listSheets(doc)) {
						const dots = results
							? sheet.issueCardIds.reduce((sum, id) => sum + (results[id]?.dots ?? 0), 0)
							: null;
						const linked = results ? sheet.issueCardIds.some((id) => results[id] !== undefined) : false;
						items.push({
							key: ideaKey({ documentId: group.documentId, sheetId: sheet.id }),
							documentId: group.documentId,
							sheetId: sheet.id,
							title: sheet.title,
							departmentName: sheet.departmentName,
							goals: sheet.goals,
							workshopId: workshop.id,
							workshopTitle: workshop.title,
							sessionId: session.id,
							sessionName: session.name,
							sessionOrdinal: session.ordinal,
							groupName: group.name,
							votes: linked ? dots : null,
							hints: ideaKpiHints(
								{ outputs: sheet.outputKpis, outcomes: sheet.outcomeKpis, smart: sheet.smart },
								plan
							).map((h) => h.code),
							sheet
						});
					}
				} finally {
					doc.destroy();
				}
			}
		}
	}
	// a sheet carried forward into a chief-level session stands for the clerks' sheet it came from
	return collapseCarriedVersions(items);
}
