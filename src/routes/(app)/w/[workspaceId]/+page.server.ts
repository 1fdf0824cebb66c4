/**
 * Workspace home: the workspace, its workshops with their sessions and groups. Facilitators
 * and admins create workshops (the four-session template) and add groups; each group gets a
 * board document.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import {
	addGroup,
	createWorkshop,
	findSessionInWorkspace,
	groupNamesOfSession,
	listWorkshops
} from '$lib/server/repositories/workshops';
import { invalid, parseForm } from '$lib/server/forms';
import { ID_PATTERN } from '$lib/server/ids';
import { DEFAULT_WORKSHOP_SESSIONS, nextGroupName } from '$lib/domain/workshop-template';
import { fiscalYearOf, formatEraFiscalYear } from '$lib/domain/fiscal-year';
import { workshopSetupActions } from '$lib/server/facilitation/workshop-setup-actions';
import { workshopSetupData } from '$lib/server/facilitation/workspace-home';
import { canFacilitate } from '$lib/server/repositories/memberships';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { workspace, user, role } = await requireMembership(locals, params.workspaceId);
	const workshops = await listWorkshops(appDb(), workspace.id);
	return {
		workshops,
		// facilitation: the person's own groups (highlighted) and, for facilitators, who is in which group
		...(await workshopSetupData(appDb(), {
			workspaceId: workspace.id,
			userId: user.id,
			canFacilitate: canFacilitate(role),
			workshopIds: workshops.map((w) => w.id)
		})),
		defaultWorkshopTitle: `${formatEraFiscalYear(fiscalYearOf())} ${m.workshop_default_title_suffix()}`
	};
};

export const actions: Actions = {
	...workshopSetupActions,
	createWorkshop: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(
			z.object({
				title: z
					.string({ error: m.v_required() })
					.trim()
					.min(1, { error: m.v_workshop_title_required() })
					.max(100, { error: m.v_too_long({ max: 100 }) })
			}),
			await request.formData()
		);
		if (!parsed.ok) {
			return invalid('createWorkshop', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		}
		const db = appDb();
		const workshop = await db
			.transaction()
			.execute((trx) =>
				createWorkshop(trx, {
					workspaceId: workspace.id,
					title: parsed.data.title,
					sessions: DEFAULT_WORKSHOP_SESSIONS
				})
			);
		log.info('workshop.created', { workspaceId: workspace.id, workshopId: workshop.id, userId: user.id });
		return { action: 'createWorkshop', success: true, message: m.workshop_created({ title: workshop.title }) };
	},

	addGroup: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(
			z.object({
				sessionId: z.string().regex(ID_PATTERN, { error: m.error_bad_request() }),
				name: z
					.string()
					.trim()
					.max(30, { error: m.v_too_long({ max: 30 }) })
					.default('')
			}),
			await request.formData()
		);
		if (!parsed.ok) return invalid('addGroup', m.form_fix_errors(), parsed.fieldErrors, parsed.values);

		const db = appDb();
		const session = await findSessionInWorkspace(db, workspace.id, parsed.data.sessionId);
		if (!session) return invalid('addGroup', m.workshop_session_not_found(), {}, parsed.values);

		const group = await db.transaction().execute(async (trx) => {
			const existing = await groupNamesOfSession(trx, session.id);
			const name = parsed.data.name || nextGroupName(existing);
			if (existing.includes(name)) return null;
			return addGroup(trx, { workspaceId: workspace.id, sessionId: session.id, name });
		});
		if (!group) {
			return invalid(
				'addGroup',
				m.workshop_group_exists({ name: parsed.data.name }),
				{ name: [m.workshop_group_exists({ name: parsed.data.name })] },
				parsed.values
			);
		}
		log.info('workshop.group_added', {
			workspaceId: workspace.id,
			sessionId: session.id,
			groupId: group.id,
			documentId: group.documentId,
			userId: user.id
		});
		return {
			action: 'addGroup',
			success: true,
			sessionId: session.id,
			message: m.workshop_group_added({ name: group.name, session: session.name })
		};
	}
};
