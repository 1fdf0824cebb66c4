import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDb } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { findDocument } from '$lib/server/repositories/documents';
import { canEdit, canFacilitate, memberDepartmentLabel } from '$lib/server/repositories/memberships';
import { boardLabel, findBoardPlace } from '$lib/server/repositories/workshop-boards';
import { fiscalYearOf } from '$lib/domain/fiscal-year';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, role, workspace } = await requireMembership(locals, params.workspaceId);
	const document = ID_PATTERN.test(params.documentId)
		? await findDocument(appDb(), params.documentId)
		: undefined;
	if (!document || document.workspaceId !== workspace.id || document.kind !== 'board') {
		error(404, { message: m.board_error_not_found() });
	}
	const db = appDb();
	const place = await findBoardPlace(db, workspace.id, document.id);
	return {
		// departmentName: the default department of new cards and sheets (「総務課 企画係」)
		user: {
			id: user.id,
			displayName: user.displayName,
			departmentName: await memberDepartmentLabel(db, workspace.id, user.id)
		},
		role,
		readOnly: !canEdit(role),
		// the collaboration server accepts edits to a locked board from facilitators only
		canEditLocked: canFacilitate(role),
		workspaceId: workspace.id,
		board: { id: document.id, title: document.title },
		/** The plan period (KPI target years, timing choices) and the current fiscal year. */
		plan: { startFy: workspace.planStartFy, endFy: workspace.planEndFy, currentFy: fiscalYearOf() },
		/** The workshop session this board belongs to; chief-level boards carry sheets forward. */
		session: place
			? { name: place.sessionName, audience: place.audience, label: boardLabel(place) }
			: null
	};
};
