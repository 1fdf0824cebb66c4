import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDb } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { findDocument } from '$lib/server/repositories/documents';
import { canEdit, canFacilitate } from '$lib/server/repositories/memberships';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, role, workspace } = await requireMembership(locals, params.workspaceId);
	const document = ID_PATTERN.test(params.documentId)
		? await findDocument(appDb(), params.documentId)
		: undefined;
	if (!document || document.workspaceId !== workspace.id || document.kind !== 'board') {
		error(404, { message: m.board_error_not_found() });
	}
	return {
		user: { id: user.id, displayName: user.displayName },
		role,
		readOnly: !canEdit(role),
		// the collaboration server accepts edits to a locked board from facilitators only
		canEditLocked: canFacilitate(role),
		workspaceId: workspace.id,
		board: { id: document.id, title: document.title }
	};
};
