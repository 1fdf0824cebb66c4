/**
 * Every page under /w/<workspaceId> (including the boards) needs membership of the workspace.
 * Child pages get `workspace` and `role` from here via `await parent()`, but each load and
 * action still calls requireMembership itself.
 */
import { requireMembership } from '$lib/server/authz';
import { canEdit, canFacilitate } from '$lib/server/repositories/memberships';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => {
	const { workspace, role } = await requireMembership(locals, params.workspaceId);
	return {
		workspace,
		role,
		permissions: {
			canEdit: canEdit(role),
			canFacilitate: canFacilitate(role),
			canManageStaff: role === 'admin'
		}
	};
};
