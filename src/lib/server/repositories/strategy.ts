/**
 * The workspace's strategy document (one per workspace, document kind 'strategy') and the named
 * versions of it (strategy_version).
 */
import type { Db } from '../db';
import { newId } from '../ids';
import { findDocument, type DocumentRecord } from './documents';
import { initialStrategyUpdate } from '$lib/collab/strategy';

/** better-sqlite3 binds Buffers, not plain Uint8Arrays (wraps without copying). */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const asBytes = (v: unknown): Uint8Array =>
	v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(0);

export async function findStrategyDocument(db: Db, workspaceId: string): Promise<DocumentRecord | undefined> {
	const row = await db
		.selectFrom('document')
		.select('id')
		.where('workspace_id', '=', workspaceId)
		.where('kind', '=', 'strategy')
		.executeTakeFirst();
	return row ? findDocument(db, row.id) : undefined;
}

/**
 * The strategy document of a workspace, created on first use with its initial content (the four
 * goals, the lock, the schema version) written as the first entry of its update log, in the same
 * transaction as the catalogue row: nobody can open it before it has its goals, and two
 * facilitators arriving at once cannot create two (a unique index; the loser reads the winner's).
 */
export async function ensureStrategyDocument(
	db: Db,
	workspaceId: string,
	title: string,
	now = Date.now()
): Promise<{ document: DocumentRecord; created: boolean }> {
	const existing = await findStrategyDocument(db, workspaceId);
	if (existing) return { document: existing, created: false };
	try {
		const document = await db.transaction().execute(async (trx) => {
			const id = newId();
			await trx
				.insertInto('document')
				.values({ id, workspace_id: workspaceId, kind: 'strategy', title, created_at: now })
				.execute();
			await trx
				.insertInto('document_update')
				.values({ document_id: id, data: asBuffer(initialStrategyUpdate()), created_at: now })
				.execute();
			return { id, workspaceId, kind: 'strategy' as const, title };
		});
		return { document, created: true };
	} catch (error) {
		const raced = await findStrategyDocument(db, workspaceId);
		if (raced) return { document: raced, created: false };
		throw error;
	}
}

export interface StrategyVersionSummary {
	id: string;
	workspaceId: string;
	name: string;
	createdAt: number;
	createdBy: string | null;
	createdByName: string | null;
}

export interface StrategyVersion extends StrategyVersionSummary {
	state: Uint8Array;
}

export async function saveStrategyVersion(
	db: Db,
	input: { workspaceId: string; name: string; createdBy: string; state: Uint8Array },
	now = Date.now()
): Promise<StrategyVersionSummary> {
	const id = newId();
	await db
		.insertInto('strategy_version')
		.values({
			id,
			workspace_id: input.workspaceId,
			name: input.name,
			created_at: now,
			created_by: input.createdBy,
			state: asBuffer(input.state)
		})
		.execute();
	return { id, workspaceId: input.workspaceId, name: input.name, createdAt: now, createdBy: input.createdBy, createdByName: null };
}

/** The versions of a workspace's strategy, newest first (without their state). */
export async function listStrategyVersions(db: Db, workspaceId: string): Promise<StrategyVersionSummary[]> {
	const rows = await db
		.selectFrom('strategy_version as v')
		.leftJoin('user as u', 'u.id', 'v.created_by')
		.select(['v.id', 'v.workspace_id', 'v.name', 'v.created_at', 'v.created_by', 'u.display_name'])
		.where('v.workspace_id', '=', workspaceId)
		.orderBy('v.created_at', 'desc')
		.orderBy('v.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		workspaceId: r.workspace_id,
		name: r.name,
		createdAt: Number(r.created_at),
		createdBy: r.created_by,
		createdByName: r.display_name ?? null
	}));
}

/** A version with its state, only if it belongs to the workspace. */
export async function findStrategyVersion(
	db: Db,
	workspaceId: string,
	id: string
): Promise<StrategyVersion | undefined> {
	const r = await db
		.selectFrom('strategy_version as v')
		.leftJoin('user as u', 'u.id', 'v.created_by')
		.select(['v.id', 'v.workspace_id', 'v.name', 'v.created_at', 'v.created_by', 'v.state', 'u.display_name'])
		.where('v.workspace_id', '=', workspaceId)
		.where('v.id', '=', id)
		.executeTakeFirst();
	return (
		r && {
			id: r.id,
			workspaceId: r.workspace_id,
			name: r.name,
			createdAt: Number(r.created_at),
			createdBy: r.created_by,
			createdByName: r.display_name ?? null,
			state: asBytes(r.state)
		}
	);
}

/** The name of a version, only if it belongs to the workspace (without its state). */
export async function findStrategyVersionName(db: Db, workspaceId: string, id: string): Promise<string | undefined> {
	const r = await db
		.selectFrom('strategy_version')
		.select('name')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
	return r?.name;
}

/**
 * Renames a version of the workspace; its state is never changed. False when the workspace has
 * no such version (another workspace's version is not touched).
 */
export async function renameStrategyVersion(db: Db, workspaceId: string, id: string, name: string): Promise<boolean> {
	const result = await db
		.updateTable('strategy_version')
		.set({ name })
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/**
 * Deletes a version of the workspace. No other table refers to a version (exports, the diff and
 * the print view take its id from the URL and answer 404 once it is gone). False when the
 * workspace has no such version (another workspace's version is not touched).
 */
export async function deleteStrategyVersion(db: Db, workspaceId: string, id: string): Promise<boolean> {
	const result = await db
		.deleteFrom('strategy_version')
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', id)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
