/**
 * A board of a workspace, for the board's pages and endpoints: membership first (401/403/404 as
 * requireMembership), then the document must exist, belong to the workspace and be a board (404).
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership, type WorkspaceAccess } from '../authz';
import type { Db } from '../db';
import { appDb } from '../db/instance';
import type { Role } from '../db/types';
import { ID_PATTERN } from '../ids';
import { findDocument, type DocumentRecord } from '../repositories/documents';

interface LocalsLike {
	user: WorkspaceAccess['user'] | null;
}

export async function requireBoard(
	locals: LocalsLike,
	params: { workspaceId: string; documentId: string },
	roles?: readonly Role[],
	db: Db = appDb()
): Promise<WorkspaceAccess & { board: DocumentRecord }> {
	const access = await requireMembership(locals, params.workspaceId, roles, db);
	const board = ID_PATTERN.test(params.documentId) ? await findDocument(db, params.documentId) : undefined;
	if (!board || board.workspaceId !== access.workspace.id || board.kind !== 'board') {
		error(404, { message: m.board_error_not_found() });
	}
	return { ...access, board };
}
