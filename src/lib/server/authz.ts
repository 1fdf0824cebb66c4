/**
 * Authorisation for routes: who is signed in, and what they may do in a workspace.
 * Every load and action in (app) calls one of these; installation administrators count as
 * `admin` in every workspace, whether or not they are members.
 */
import { error, redirect } from '@sveltejs/kit';
import type { Db } from './db';
import { appDb } from './db/instance';
import type { Role } from './db/types';
import type { SessionUser } from './auth/session';
import { ID_PATTERN } from './ids';
import { effectiveRole, findMembership, membershipsOfUser, type Membership } from './repositories/memberships';
import { mayManageCredentials, type CredentialDecision } from '$lib/domain/account-management';
import { findWorkspace, type Workspace } from './repositories/workspaces';
import { m } from '$lib/paraglide/messages';

interface LocalsLike {
	user: SessionUser | null;
}

/** Where to send someone who must sign in first, coming back to `url` afterwards. */
export function loginUrl(url: URL): string {
	const back = url.pathname + url.search;
	return back === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(back)}`;
}

/** The signed-in user; otherwise a redirect to the login page (or 401 for non-page requests). */
export function requireUser(locals: LocalsLike, url?: URL): SessionUser {
	if (locals.user) return locals.user;
	if (url) redirect(303, loginUrl(url));
	error(401, { message: m.error_login_required() });
}

/** Only installation administrators. */
export function requireInstallationAdmin(locals: LocalsLike, url?: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!user.isAdmin) error(403, { message: m.error_forbidden() });
	return user;
}

export interface WorkspaceAccess {
	user: SessionUser;
	workspace: Workspace;
	/** The effective role: `admin` for installation administrators. */
	role: Role;
	/** The membership row; null for an installation administrator who is not a member. */
	membership: Membership | null;
}

/**
 * The user's access to a workspace. Throws 401 when signed out, 404 when the workspace does
 * not exist, 403 when the user is not a member or their role is not among `roles`.
 */
export async function requireMembership(
	locals: LocalsLike,
	workspaceId: string,
	roles?: readonly Role[],
	db: Db = appDb()
): Promise<WorkspaceAccess> {
	const user = requireUser(locals);
	if (!ID_PATTERN.test(workspaceId)) error(404, { message: m.error_not_found() });
	const workspace = await findWorkspace(db, workspaceId);
	if (!workspace) error(404, { message: m.error_not_found() });
	const membership = (await findMembership(db, workspaceId, user.id)) ?? null;
	const role = effectiveRole(user, membership?.role);
	if (!role) error(403, { message: m.error_not_member() });
	if (roles && !roles.includes(role)) error(403, { message: m.error_forbidden() });
	return { user, workspace, role, membership };
}

/** Roles that manage staff of a workspace. */
export const STAFF_ADMIN_ROLES: readonly Role[] = ['admin'];
/** Roles that run sessions: create workshops and groups, and view the staff list. */
export const FACILITATOR_ROLES: readonly Role[] = ['admin', 'facilitator'];

/** The facts `mayManageCredentials` decides on, loaded for one actor and one target. */
export async function credentialDecision(
	db: Db,
	actor: SessionUser,
	target: { id: string; isAdmin: boolean }
): Promise<CredentialDecision> {
	const [mine, theirs] = await Promise.all([membershipsOfUser(db, actor.id), membershipsOfUser(db, target.id)]);
	return mayManageCredentials(
		{
			userId: actor.id,
			isInstallationAdmin: actor.isAdmin,
			adminOf: new Set(mine.filter((mb) => mb.role === 'admin').map((mb) => mb.workspaceId))
		},
		{ userId: target.id, isInstallationAdmin: target.isAdmin, workspaceIds: theirs.map((mb) => mb.workspaceId) }
	);
}

/**
 * Whether `actor` may change another user's credentials (deactivate, reactivate, issue an
 * invitation or reset link): see `mayManageCredentials`.
 */
export async function canManageAccount(
	db: Db,
	actor: SessionUser,
	target: { id: string; isAdmin: boolean }
): Promise<boolean> {
	return (await credentialDecision(db, actor, target)).ok;
}
