/**
 * The facilitator's overview of a workshop: every group's progress per session, read from the
 * stored boards (cards, sheets, template fields filled, SMART complete, KPI hints).
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { findWorkshopInWorkspace } from '$lib/server/repositories/workshop-setup';
import { boardProgress, fillRate } from '$lib/server/facilitation/board-progress';
import { forEachWorkshopBoard, workshopSessions } from '$lib/server/facilitation/workshop-documents';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const database = appDatabase();
	const workshop = ID_PATTERN.test(params.workshopId)
		? await findWorkshopInWorkspace(database.db, workspace.id, params.workshopId)
		: undefined;
	if (!workshop) error(404, { message: m.fac_workshop_not_found() });
	const plan = { startFy: workspace.planStartFy, endFy: workspace.planEndFy };
	const boards = await forEachWorkshopBoard(database, workspace.id, workshop.id, (place, doc) => {
		const { perSheet, ...progress } = boardProgress(doc, plan);
		return {
			sessionId: place.sessionId,
			groupName: place.groupName,
			documentId: place.documentId,
			...progress,
			fillRate: fillRate(progress),
			sheets: perSheet.length,
			perSheet
		};
	});
	const sessions = (await workshopSessions(database, workshop.id)).map((s) => ({
		...s,
		boards: boards.filter((b) => b.sessionId === s.id)
	}));
	return { workshop, sessions, plan };
};
