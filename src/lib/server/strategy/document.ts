/**
 * The draft ready for documents: the current draft or a version, with its cover information
 * (town, strategy, plan period, version label and date) and, for the current draft, the projects'
 * current sheet titles. Used by the exports, the print view and the version view.
 */
import type { OpenedDatabase } from '../db';
import type { Workspace } from '../repositories/workspaces';
import { loadDraft } from './draft';
import { loadIdeaPool } from './idea-pool';
import { strategyDocument, type DocumentInfo } from '$lib/domain/strategy-document';
import type { DraftProject } from '$lib/domain/strategy-draft';

/** The label of the working draft in documents (versions use their own name). */
export const CURRENT_DRAFT_LABEL = '素案（作業中）';

export type ProjectLabel = (p: DraftProject) => { title: string; departmentName: string };

export async function draftForExport(database: OpenedDatabase, workspace: Workspace, versionId: string | null, now = Date.now()) {
	const loaded = await loadDraft(database, workspace.id, versionId, now);
	if (!loaded) return undefined;
	const info: DocumentInfo = {
		townName: workspace.townName,
		strategyName: workspace.strategyName,
		planStartFy: workspace.planStartFy,
		planEndFy: workspace.planEndFy,
		versionLabel: loaded.source.name ?? CURRENT_DRAFT_LABEL,
		date: loaded.source.at
	};
	return { ...loaded, info };
}

/**
 * How projects are labelled: the working draft shows its projects' current sheet titles (the
 * link stays live); a version shows them as they were saved.
 */
export async function projectLabels(database: OpenedDatabase, workspace: Workspace, versionId: string | null): Promise<ProjectLabel | undefined> {
	if (versionId) return undefined;
	// a project placed with an earlier version of an idea shows the idea's latest version
	const pool = new Map((await loadIdeaPool(database, workspace)).flatMap((i) => i.versionKeys.map((k) => [k, i] as const)));
	return (p) => {
		const idea = pool.get(`${p.documentId}/${p.sheetId}`);
		return idea ? { title: idea.title || p.title, departmentName: idea.departmentName || p.departmentName } : p;
	};
}

export async function strategyDocumentFor(database: OpenedDatabase, workspace: Workspace, versionId: string | null) {
	const loaded = await draftForExport(database, workspace, versionId);
	if (!loaded) return undefined;
	const label = await projectLabels(database, workspace, versionId);
	return { ...loaded, document: strategyDocument(loaded.draft, loaded.info, label) };
}
