/**
 * The draft strategy as the HTTP side reads it: the current state of the workspace's strategy
 * document (from storage, see read-document.ts) or a saved version's snapshot.
 */
import * as Y from 'yjs';
import type { OpenedDatabase } from '../db';
import { readStoredDocument } from '../collab/read-document';
import { findStrategyDocument, findStrategyVersion } from '../repositories/strategy';
import { readStrategy, readStrategyState } from '$lib/collab/strategy';
import type { StrategyDraft } from '$lib/domain/strategy-draft';

export interface DraftSource {
	kind: 'current' | 'version';
	/** The version's id (versions only). */
	id: string | null;
	name: string | null;
	/** When the version was saved, or when the current draft was read. */
	at: number;
}

/** The current state of the strategy document as an update (empty draft when none exists yet). */
export async function currentStrategyState(database: OpenedDatabase, workspaceId: string): Promise<Uint8Array | null> {
	const document = await findStrategyDocument(database.db, workspaceId);
	if (!document) return null;
	const doc = await readStoredDocument(database, document.id);
	try {
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * The current draft, or the version `versionId` when given. Undefined when the version does not
 * exist in this workspace.
 */
export async function loadDraft(
	database: OpenedDatabase,
	workspaceId: string,
	versionId?: string | null,
	now = Date.now()
): Promise<{ draft: StrategyDraft; source: DraftSource } | undefined> {
	if (versionId) {
		const version = await findStrategyVersion(database.db, workspaceId, versionId);
		if (!version) return undefined;
		return {
			draft: readStrategyState(version.state),
			source: { kind: 'version', id: version.id, name: version.name, at: version.createdAt }
		};
	}
	const state = await currentStrategyState(database, workspaceId);
	const draft = state ? readStrategyState(state) : readStrategy(new Y.Doc());
	return { draft, source: { kind: 'current', id: null, name: null, at: now } };
}
