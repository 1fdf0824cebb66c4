/**
 * Form actions of the workspace home for setting a workshop up (facilitators and admins): edit
 * its sessions, assign participants to groups automatically (replacing an earlier assignment
 * only when confirmed) and move one person to another group. Spread into the page's `actions`.
 * Every action answers `{ action, success, message }` or the usual form failure.
 */
import type { Action } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '../authz';
import { appDb } from '../db/instance';
import { failure, invalid, parseForm } from '../forms';
import { ID_PATTERN } from '../ids';
import { log } from '../log';
import { findMembership } from '../repositories/memberships';
import { findSessionInWorkspace } from '../repositories/workshops';
import {
	addSession,
	assignSessionGroups,
	findGroupInSession,
	findWorkshopInWorkspace,
	moveMember,
	moveSession,
	removeSession,
	renameSession,
	sessionHasAssignments
} from '../repositories/workshop-setup';

type WorkspaceAction = Action<{ workspaceId: string }>;

/** Most groups one automatic assignment makes. */
export const MAX_GROUPS = 20;

const id = () => z.string().regex(ID_PATTERN, { error: m.error_bad_request() });
const sessionName = () =>
	z
		.string({ error: m.v_required() })
		.trim()
		.min(1, { error: m.fac_v_session_name_required() })
		.max(100, { error: m.v_too_long({ max: 100 }) });
const confirmed = () =>
	z
		.string()
		.optional()
		.transform((v) => v === 'yes');

async function sessionFor(workspaceId: string, sessionId: string) {
	return findSessionInWorkspace(appDb(), workspaceId, sessionId);
}

const renameSessionAction: WorkspaceAction = async ({ locals, params, request }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const parsed = parseForm(z.object({ sessionId: id(), name: sessionName() }), await request.formData());
	if (!parsed.ok) return invalid('renameSession', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
	const session = await sessionFor(workspace.id, parsed.data.sessionId);
	if (!session) return failure(404, 'renameSession', m.workshop_session_not_found());
	await renameSession(appDb(), session.id, parsed.data.name);
	log.info('workshop.session_renamed', { workspaceId: workspace.id, sessionId: session.id, userId: user.id });
	return { action: 'renameSession', success: true, sessionId: session.id, message: m.fac_session_renamed({ name: parsed.data.name }) };
};

const moveSessionAction: WorkspaceAction = async ({ locals, params, request }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const parsed = parseForm(
		z.object({ sessionId: id(), direction: z.enum(['up', 'down'], { error: m.error_bad_request() }) }),
		await request.formData()
	);
	if (!parsed.ok) return invalid('moveSession', m.error_bad_request(), parsed.fieldErrors, parsed.values);
	const session = await sessionFor(workspace.id, parsed.data.sessionId);
	if (!session) return failure(404, 'moveSession', m.workshop_session_not_found());
	const db = appDb();
	const moved = await db.transaction().execute((trx) => moveSession(trx, session.workshopId, session.id, parsed.data.direction));
	if (!moved) return invalid('moveSession', m.fac_session_cannot_move());
	log.info('workshop.session_moved', { workspaceId: workspace.id, sessionId: session.id, userId: user.id });
	return { action: 'moveSession', success: true, sessionId: session.id, message: m.fac_session_moved({ name: session.name }) };
};

const addSessionAction: WorkspaceAction = async ({ locals, params, request }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const parsed = parseForm(
		z.object({
			workshopId: id(),
			name: sessionName(),
			audience: z.enum(['clerk', 'chief', 'all'], { error: m.fac_v_audience_invalid() })
		}),
		await request.formData()
	);
	if (!parsed.ok) return invalid('addSession', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
	const db = appDb();
	const workshop = await findWorkshopInWorkspace(db, workspace.id, parsed.data.workshopId);
	if (!workshop) return failure(404, 'addSession', m.fac_workshop_not_found());
	const sessionId = await db
		.transaction()
		.execute((trx) => addSession(trx, workshop.id, { name: parsed.data.name, audience: parsed.data.audience }));
	log.info('workshop.session_added', { workspaceId: workspace.id, workshopId: workshop.id, sessionId, userId: user.id });
	return { action: 'addSession', success: true, workshopId: workshop.id, message: m.fac_session_added({ name: parsed.data.name }) };
};

const removeSessionAction: WorkspaceAction = async ({ locals, params, request }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const parsed = parseForm(z.object({ sessionId: id(), confirm: confirmed() }), await request.formData());
	if (!parsed.ok) return invalid('removeSession', m.error_bad_request(), parsed.fieldErrors, parsed.values);
	const session = await sessionFor(workspace.id, parsed.data.sessionId);
	if (!session) return failure(404, 'removeSession', m.workshop_session_not_found());
	if (!parsed.data.confirm) return invalid('removeSession', m.fac_session_remove_confirm_needed({ name: session.name }));
	const boards = await appDb()
		.transaction()
		.execute((trx) => removeSession(trx, session.workshopId, session.id));
	log.info('workshop.session_removed', { workspaceId: workspace.id, sessionId: session.id, boards, userId: user.id });
	return { action: 'removeSession', success: true, message: m.fac_session_removed({ name: session.name, boards }) };
};

const assignGroupsAction: WorkspaceAction = async ({ locals, params, request }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const parsed = parseForm(
		z.object({
			sessionId: id(),
			groupCount: z.coerce
				.number({ error: m.fac_v_group_count() })
				.int({ error: m.fac_v_group_count() })
				.min(1, { error: m.fac_v_group_count() })
				.max(MAX_GROUPS, { error: m.fac_v_group_count() }),
			confirm: confirmed()
		}),
		await request.formData()
	);
	if (!parsed.ok) return invalid('assignGroups', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
	const db = appDb();
	const session = await sessionFor(workspace.id, parsed.data.sessionId);
	if (!session) return failure(404, 'assignGroups', m.workshop_session_not_found());
	const result = await db.transaction().execute(async (trx) => {
		if (!parsed.data.confirm && (await sessionHasAssignments(trx, session.id))) return null;
		try {
			return await assignSessionGroups(trx, {
				workspaceId: workspace.id,
				sessionId: session.id,
				audience: session.audience,
				groupCount: parsed.data.groupCount
			});
		} catch (error) {
			if (error instanceof RangeError) return 'too_few' as const;
			throw error;
		}
	});
	if (result === null) {
		return failure(409, 'assignGroups', m.fac_assign_confirm_needed({ session: session.name }), {}, parsed.values);
	}
	if (result === 'too_few') {
		return invalid('assignGroups', m.fac_assign_too_few_groups(), { groupCount: [m.fac_assign_too_few_groups()] }, parsed.values);
	}
	const people = result.groups.reduce((n, g) => n + g.userIds.length, 0);
	log.info('workshop.groups_assigned', {
		workspaceId: workspace.id,
		sessionId: session.id,
		groups: result.groups.length,
		created: result.created,
		people,
		userId: user.id
	});
	return {
		action: 'assignGroups',
		success: true,
		sessionId: session.id,
		groups: result.groups.map((g) => ({ groupId: g.groupId, name: g.name, level: g.level, size: g.userIds.length })),
		message: m.fac_assign_done({ session: session.name, groups: result.groups.length, people })
	};
};

const moveMemberAction: WorkspaceAction = async ({ locals, params, request }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const parsed = parseForm(
		z.object({ sessionId: id(), userId: id(), groupId: z.union([z.literal(''), id()]).default('') }),
		await request.formData()
	);
	if (!parsed.ok) return invalid('moveMember', m.error_bad_request(), parsed.fieldErrors, parsed.values);
	const db = appDb();
	const session = await sessionFor(workspace.id, parsed.data.sessionId);
	if (!session) return failure(404, 'moveMember', m.workshop_session_not_found());
	if (!(await findMembership(db, workspace.id, parsed.data.userId))) return failure(404, 'moveMember', m.fac_member_not_found());
	const group = parsed.data.groupId ? await findGroupInSession(db, session.id, parsed.data.groupId) : null;
	if (parsed.data.groupId && !group) return failure(404, 'moveMember', m.fac_group_not_found());
	await db
		.transaction()
		.execute((trx) => moveMember(trx, { sessionId: session.id, userId: parsed.data.userId, groupId: group?.id ?? null }));
	log.info('workshop.member_moved', {
		workspaceId: workspace.id,
		sessionId: session.id,
		memberId: parsed.data.userId,
		groupId: group?.id ?? null,
		userId: user.id
	});
	return {
		action: 'moveMember',
		success: true,
		sessionId: session.id,
		message: group ? m.fac_member_moved({ group: group.name }) : m.fac_member_unassigned()
	};
};

export const workshopSetupActions = {
	renameSession: renameSessionAction,
	moveSession: moveSessionAction,
	addSession: addSessionAction,
	removeSession: removeSessionAction,
	assignGroups: assignGroupsAction,
	moveMember: moveMemberAction
};
