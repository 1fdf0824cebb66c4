/**
 * Staff of a workspace. Facilitators and admins view the list; admins (workspace or
 * installation) add staff, change roles, deactivate and reactivate accounts and issue new
 * invitation links. Deactivating ends all of the user's sessions, so the websocket server
 * closes their sockets at its next session re-check.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import {
	canManageAccount,
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
				role: roleField()
			}),
			await request.formData()
		);
		if (!parsed.ok) return invalid('add', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		const input = parsed.data;
		const workspaceId = access.workspace.id;
		const db = appDb();

		const outcome = await db.transaction().execute(async (trx) => {
			const existing = await findUserByLoginId(trx, input.loginId);
			if (existing && (await findMembership(trx, workspaceId, existing.id))) {
				return { kind: 'already' as const, user: existing };
			}
			const user = existing ?? (await createUser(trx, { loginId: input.loginId, displayName: input.name }));
			const unit = await ensureOrgUnitFor(trx, workspaceId, input.department, input.section);
			await upsertMembership(trx, {
				workspaceId,
				userId: user.id,
				role: input.role,
				rank: input.rank,
				orgUnitId: unit.id
			});
			const invitation =
				!user.passwordHash && user.active ? await issueInvitation(trx, user.id, access.user.id) : null;
			return { kind: existing ? ('existing' as const) : ('created' as const), user, invitation };
		});

		if (outcome.kind === 'already') {
			const message = m.members_already_member({ name: outcome.user.displayName });
			return invalid('add', message, { loginId: [message] }, parsed.values);
		}
		log.info('member.added', {
			workspaceId,
			userId: outcome.user.id,
			byUserId: access.user.id,
			newUser: outcome.kind === 'created',
			role: input.role
		});
		return {
			action: 'add',
			success: true,
			message:
				outcome.kind === 'created'
					? m.members_added_new({ name: outcome.user.displayName })
					: m.members_added_existing({ name: outcome.user.displayName }),
			invitation: outcome.invitation
				? {
						name: outcome.user.displayName,
						loginId: outcome.user.loginId,
						url: inviteUrl(url.origin, outcome.invitation.token)
					}
				: null
		};
	},

	changeRole: async ({ locals, params, request }) => {
		const access = await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
		const parsed = parseForm(userIdSchema().extend({ role: roleField() }), await request.formData());
		if (!parsed.ok) return invalid('changeRole', m.form_fix_errors(), parsed.fieldErrors);
		const { userId, role } = parsed.data;
		if (userId === access.user.id) {
			return invalid('changeRole', m.members_cannot_change_own_role());
		}
		const db = appDb();
		const target = await findUserById(db, userId);
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
		if (!(await canManageAccount(db, access.user, target))) {
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
	if (!(await canManageAccount(db, access.user, target))) {
		return failure(
			403,
			action,
			target.id === access.user.id ? m.members_cannot_deactivate_self() : m.members_cannot_manage_account()
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
