/**
 * Access to one board for the facilitation APIs and pages: the board must exist, be a board of a
 * workspace, and the signed-in user must be a member of that workspace (with one of `roles`).
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership, type WorkspaceAccess } from '../authz';
import { appDb } from '../db/instance';
import type { Role } from '../db/types';
import { ID_PATTERN } from '../ids';
import { findDocument, type DocumentRecord } from '../repositories/documents';
import type { SessionUser } from '../auth/session';

export interface BoardAccess extends WorkspaceAccess {
	board: DocumentRecord;
}

/**
 * 401 when signed out, 404 for an unknown board (or one of another workspace when
 * `workspaceId` is given), 403 for non-members or other roles.
 */
export async function requireBoardAccess(
	locals: { user: SessionUser | null },
	documentId: string,
	options: { roles?: readonly Role[]; workspaceId?: string } = {}
): Promise<BoardAccess> {
	if (!locals.user) error(401, { message: m.error_login_required() });
	const board = ID_PATTERN.test(documentId) ? await findDocument(appDb(), documentId) : undefined;
	if (!board || board.kind !== 'board' || (options.workspaceId && board.workspaceId !== options.workspaceId)) {
		error(404, { message: m.board_error_not_found() });
	}
	const access = await requireMembership(locals, board.workspaceId, options.roles);
	return { ...access, board };
}
