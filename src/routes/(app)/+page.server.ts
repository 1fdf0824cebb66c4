/** Home: the workspaces of the signed-in user (installation admins see all of them). */
import { requireUser } from '$lib/server/authz';
import { appDb } from '$lib/server/db/instance';
import { listAllWorkspaces, listWorkspacesOfUser } from '$lib/server/repositories/workspaces';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const db = appDb();
	const workspaces = user.isAdmin
		? await listAllWorkspaces(db, user.id)
		: await listWorkspacesOfUser(db, user.id);
	return {
		workspaces,
		canCreateWorkspace: user.isAdmin,
		welcome: url.searchParams.has('welcome')
	};
};
