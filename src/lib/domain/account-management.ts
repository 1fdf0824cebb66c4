/**
 * Who may touch whose sign-in credentials, and what adding a login id to a workspace does.
 *
 * Accounts are shared between workspaces, so an administrator of one workspace must not be able
 * to issue a password link for, reset or deactivate a person who also belongs to a workspace
 * that administrator does not run: that is how a pending account of workspace A was taken over
 * from workspace B (issue 8). The rules are decided here as values, without the database; the
 * routes load the facts, ask, and then act.
 */
import type { Role } from './staff-csv';

/** The administrator who asks. */
export interface CredentialActor {
	userId: string;
	/** An installation administrator may manage every account but their own. */
	isInstallationAdmin: boolean;
	/** The workspaces in which the actor's own membership has the `admin` role. */
	adminOf: ReadonlySet<string>;
}

/** The account whose credentials (password link, active flag) would change. */
export interface CredentialTarget {
	userId: string;
	isInstallationAdmin: boolean;
	/** Every workspace the account belongs to, in any role. */
	workspaceIds: readonly string[];
}

export type CredentialRefusal =
	/** Nobody resets or deactivates their own account here (the account page changes a password). */
	| 'self'
	/** Only another installation administrator may touch an installation administrator. */
	| 'installation_admin'
	/** An account in no workspace belongs to no workspace administrator. */
	| 'no_membership'
	/** The account also belongs to a workspace that the actor does not administer. */
	| 'outside_actor_workspaces';

export type CredentialDecision = { ok: true } | { ok: false; reason: CredentialRefusal };

/**
 * Whether `actor` may issue, re-issue or revoke invitation and reset links for `target`, or
 * deactivate and reactivate them: an installation administrator for anyone but themselves; a
 * workspace administrator only when every one of the target's memberships is in a workspace
 * the actor administers.
 */
export function mayManageCredentials(
	actor: CredentialActor,
	target: CredentialTarget
): CredentialDecision {
	if (actor.userId === target.userId) return { ok: false, reason: 'self' };
	if (actor.isInstallationAdmin) return { ok: true };
	if (target.isInstallationAdmin) return { ok: false, reason: 'installation_admin' };
	if (target.workspaceIds.length === 0) return { ok: false, reason: 'no_membership' };
	for (const workspaceId of target.workspaceIds) {
		if (!actor.adminOf.has(workspaceId)) return { ok: false, reason: 'outside_actor_workspaces' };
	}
	return { ok: true };
}

/** What is known about a login id when an administrator adds it to a workspace. */
export type LoginIdState =
	/** No account has this login id: adding creates one. */
	| 'free'
	/** The account is already a member of this workspace. */
	| 'member_here'
	/** An account exists, but not in this workspace (where else is never said). */
	| 'taken';

export type AddMemberDecision =
	/** Create the account and issue its first invitation link. */
	| { kind: 'create' }
	/** Add a membership to the existing account; never touch its credentials, issue no link. */
	| { kind: 'add_existing' }
	/**
	 * Refuse. `unavailable` is the one answer for a taken login id without confirmation, whatever
	 * the account is (in another workspace, an installation administrator, deactivated, with or
	 * without a password), so that it says nothing about other workspaces.
	 */
	| { kind: 'refuse'; reason: 'unavailable' | 'already_member' };

/**
 * What adding a login id does. Credentials are only ever issued for an account that this
 * request creates; an existing account is added as it is, and only when the administrator has
 * confirmed beforehand that a taken login id means "that person" (`confirmedExisting`).
 */
export function decideAddMember(state: LoginIdState, confirmedExisting: boolean): AddMemberDecision {
	switch (state) {
		case 'free':
			return { kind: 'create' };
		case 'member_here':
			// The administrator's own staff list shows this anyway; saying so leaks nothing.
			return { kind: 'refuse', reason: 'already_member' };
		case 'taken':
			return confirmedExisting ? { kind: 'add_existing' } : { kind: 'refuse', reason: 'unavailable' };
	}
}

/**
 * Changing a member's role is a matter of one workspace, not of the account: any administrator
 * of the workspace may, for anyone there but themselves. (It touches no credentials; the role
 * in other workspaces is unchanged.)
 */
export function mayChangeRole(
	actor: { userId: string; role: Role },
	target: { userId: string; isMemberHere: boolean }
): { ok: true } | { ok: false; reason: 'self' | 'not_admin' | 'not_member' } {
	if (actor.role !== 'admin') return { ok: false, reason: 'not_admin' };
	if (actor.userId === target.userId) return { ok: false, reason: 'self' };
	if (!target.isMemberHere) return { ok: false, reason: 'not_member' };
	return { ok: true };
}
