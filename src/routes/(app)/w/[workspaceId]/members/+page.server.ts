/**
 * Staff of a workspace. Facilitators and admins view the list; admins (workspace or
 * installation) add staff, change roles, deactivate and reactivate accounts and issue new
 * invitation links. Deactivating ends all of the user's sessions, so the websocket server
 * closes their sockets at its next session re-check. Who may touch whose credentials, and what
 * adding a taken login id does, is decided in `$lib/domain/account-management`.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import {
	canManageAccount,
	credentialDecision,
	FACILITATOR_ROLES,
	requireMembership,
	STAFF_ADMIN_ROLES
} from '$lib/server/authz';
import {
	findMembership,
	listMembers,
	setMemberRole,
	upsertMembership
} from '$lib/server/repositories/memberships';
import { ensureOrgUnitFor, listOrgUnits } from '$lib/server/repositories/org-units';
import { issueInvitation, usersWithPendingInvitation } from '$lib/server/repositories/invitations';
import {
	createUser,
	deleteUserSessions,
	findUserById,
	findUserByLoginId,
	setUserActive
} from '$lib/server/repositories/users';
import { failure, invalid, parseForm } from '$lib/server/forms';
import { ID_PATTERN } from '$lib/server/ids';
import {
	displayNameField,
	loginIdField,
	orgUnitNameField,
	rankField,
	roleField
} from '$lib/server/validation';
import {
	decideAddMember,
	mayChangeRole,
	type CredentialRefusal,
	type LoginIdState
} from '$lib/domain/account-management';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const access = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const db = appDb();
	const canManage = access.role === 'admin';
	const members = await listMembers(db, access.workspace.id);
	const pending = await usersWithPendingInvitation(
		db,
		members.map((mb) => mb.userId)
	);
	const rows = [];
	for (const mb of members) {
		rows.push({
			...mb,
			invitationPending: pending.has(mb.userId),
			isSelf: mb.userId === access.user.id,
			canManageAccount:
				canManage && (await canManageAccount(db, access.user, { id: mb.userId, isAdmin: mb.isAdmin }))
		});
	}
	const units = await listOrgUnits(db, access.workspace.id);
	return {
		members: rows,
		canManage,
		departments: units.filter((u) => u.parentId === null).map((u) => u.name),
		sections: [...new Set(units.filter((u) => u.parentId !== null).map((u) => u.name))]
	};
};

const userIdSchema = () =>
	z.object({ userId: z.string().regex(ID_PATTERN, { error: m.error_bad_request() }) });

function inviteUrl(origin: string, token: string): string {
	return `${origin}/invite/${token}`;
}

export const actions: Actions = {
	add: async ({ locals, params, request, url }) => {
		const access = await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
		const parsed = parseForm(
			z.object({
				name: displayNameField(),
				loginId: loginIdField(),
				department: orgUnitNameField(true),
				section: orgUnitNameField(false),
				rank: rankField(),
				role: roleField(),
				// "If this login id is taken, add that person's account" — asked before, not after.
				existingAccount: z
					.string()
					.optional()
					.transform((v) => v === 'on' || v === '1')
			}),
			await request.formData()
		);
		if (!parsed.ok) return invalid('add', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		const input = parsed.data;
		const workspaceId = access.workspace.id;
		const db = appDb();

		// Decide from what is known about the login id, then act; all in one transaction so that
		// what was decided is what gets written.
		const outcome = await db.transaction().execute(async (trx) => {
			const existing = await findUserByLoginId(trx, input.loginId);
			const state: LoginIdState = !existing
				? 'free'
				: (await findMembership(trx, workspaceId, existing.id))
					? 'member_here'
					: 'taken';
			const decision = decideAddMember(state, input.existingAccount);
			if (decision.kind === 'refuse') return { decision, user: existing ?? null, invitation: null };
			const user = existing ?? (await createUser(trx, { loginId: input.loginId, displayName: input.name }));
			const unit = await ensureOrgUnitFor(trx, workspaceId, input.department, input.section);
			await upsertMembership(trx, {
				workspaceId,
				userId: user.id,
				role: input.role,
				rank: input.rank,
				orgUnitId: unit.id
			});
			// Credentials only for the account this request created: an existing account keeps
			// its password, and its pending link (issued by whoever may) keeps working.
			const invitation = decision.kind === 'create' ? await issueInvitation(trx, user.id, access.user.id) : null;
			return { decision, user, invitation };
		});

		const { decision, user, invitation } = outcome;
		if (decision.kind === 'refuse' || !user) {
			// Logged with the login id: probing for taken ids leaves a trail.
			log.info('member.add_refused', {
				workspaceId,
				byUserId: access.user.id,
				loginId: input.loginId,
				reason: decision.kind === 'refuse' ? decision.reason : 'unknown'
			});
			// The same answer for every taken login id, whoever holds it and wherever.
			const message =
				decision.kind === 'refuse' && decision.reason === 'already_member' && user
					? m.members_already_member({ name: user.displayName })
					: m.members_login_id_unavailable();
			return invalid('add', message, { loginId: [message] }, parsed.values);
		}
		log.info('member.added', {
			workspaceId,
			userId: user.id,
			byUserId: access.user.id,
			newUser: decision.kind === 'create',
			role: input.role
		});
		return {
			action: 'add',
			success: true,
			message:
				decision.kind === 'create'
					? m.members_added_new({ name: user.displayName })
					: m.members_added_existing_account({ loginId: user.loginId }),
			invitation: invitation
				? {
						name: user.displayName,
						loginId: user.loginId,
						url: inviteUrl(url.origin, invitation.token)
					}
				: null
		};
	},

	changeRole: async ({ locals, params, request }) => {
		const access = await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
		const parsed = parseForm(userIdSchema().extend({ role: roleField() }), await request.formData());
		if (!parsed.ok) return invalid('changeRole', m.form_fix_errors(), parsed.fieldErrors);
		const { userId, role } = parsed.data;
		const db = appDb();
		const target = await findUserById(db, userId);
		const isMemberHere = !!target && !!(await findMembership(db, access.workspace.id, userId));
		const decision = mayChangeRole({ userId: access.user.id, role: access.role }, { userId, isMemberHere });
		if (!decision.ok) {
			if (decision.reason === 'self') return invalid('changeRole', m.members_cannot_change_own_role());
			return failure(404, 'changeRole', m.members_not_found(), {});
		}
		if (!target || !(await setMemberRole(db, access.workspace.id, userId, role))) {
			return failure(404, 'changeRole', m.members_not_found(), {});
		}
		log.info('member.role_changed', {
			workspaceId: access.workspace.id,
			userId,
			role,
			byUserId: access.user.id
		});
		return {
			action: 'changeRole',
			success: true,
			message: m.members_role_changed({ name: target.displayName })
		};
	},

	deactivate: async (event) => setActive(event, false),
	reactivate: async (event) => setActive(event, true),

	reissueInvitation: async ({ locals, params, request, url }) => {
		const access = await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
		const parsed = parseForm(userIdSchema(), await request.formData());
		if (!parsed.ok) return invalid('reissueInvitation', m.error_bad_request());
		const db = appDb();
		const target = await findUserById(db, parsed.data.userId);
		if (!target || !(await findMembership(db, access.workspace.id, target.id))) {
			return failure(404, 'reissueInvitation', m.members_not_found(), {});
		}
		const decision = await credentialDecision(db, access.user, target);
		if (!decision.ok) {
			logCredentialRefusal(access.workspace.id, access.user.id, target.id, 'reissueInvitation', decision.reason);
			return failure(403, 'reissueInvitation', m.members_cannot_manage_account(), {});
		}
		if (!target.active) return invalid('reissueInvitation', m.members_inactive_no_invitation());
		const invitation = await issueInvitation(db, target.id, access.user.id);
		log.info('member.invitation_issued', {
			workspaceId: access.workspace.id,
			userId: target.id,
			byUserId: access.user.id,
			passwordReset: target.passwordHash !== null
		});
		return {
			action: 'reissueInvitation',
			success: true,
			message: target.passwordHash
				? m.members_reset_link_issued({ name: target.displayName })
				: m.members_invitation_issued({ name: target.displayName }),
			invitation: {
				name: target.displayName,
				loginId: target.loginId,
				url: inviteUrl(url.origin, invitation.token)
			}
		};
	}
};

function logCredentialRefusal(
	workspaceId: string,
	byUserId: string,
	userId: string,
	action: string,
	reason: CredentialRefusal
) {
	log.warn('member.credentials_refused', { workspaceId, byUserId, userId, action, reason });
}

async function setActive(
	{ locals, params, request }: Parameters<Actions[string]>[0],
	active: boolean
) {
	const action = active ? 'reactivate' : 'deactivate';
	const access = await requireMembership(locals, params.workspaceId!, STAFF_ADMIN_ROLES);
	const parsed = parseForm(userIdSchema(), await request.formData());
	if (!parsed.ok) return invalid(action, m.error_bad_request());
	const db = appDb();
	const target = await findUserById(db, parsed.data.userId);
	if (!target || !(await findMembership(db, access.workspace.id, target.id))) {
		return failure(404, action, m.members_not_found());
	}
	const decision = await credentialDecision(db, access.user, target);
	if (!decision.ok) {
		logCredentialRefusal(access.workspace.id, access.user.id, target.id, action, decision.reason);
		return failure(
			403,
			action,
			decision.reason === 'self' ? m.members_cannot_deactivate_self() : m.members_cannot_manage_account()
		);
	}
	await db.transaction().execute(async (trx) => {
		await setUserActive(trx, target.id, active);
		if (!active) await deleteUserSessions(trx, target.id);
	});
	log.info(active ? 'user.reactivated' : 'user.deactivated', {
		workspaceId: access.workspace.id,
		userId: target.id,
		byUserId: access.user.id
	});
	return {
		action,
		success: true,
		message: active
			? m.members_reactivated({ name: target.displayName })
			: m.members_deactivated({ name: target.displayName })
	};
}
