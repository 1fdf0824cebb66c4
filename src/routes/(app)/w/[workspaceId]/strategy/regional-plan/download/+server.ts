/**
 * GET …/strategy/regional-plan/download (facilitators): the saved 地域再生計画 digest of the current
 * draft as .docx in the national format (「<町>_地域再生計画_<YYYY-MM-DD>.docx」).
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { regionalPlanDocx } from '$lib/server/export/regional-plan-docx';
import { regionalPlanFor } from '$lib/server/strategy/regional-plan';
import type { RequestHandler } from './$types';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 2026-12-02 in Japan's time zone: file names that sort. */
function isoDay(now: number): string {
	return new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
}

export const GET: RequestHandler = async ({ locals, params }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const plan = await regionalPlanFor(appDatabase(), workspace);
	if (!plan) error(404, { message: m.error_not_found() });
	const body = new Uint8Array(await regionalPlanDocx(plan.document));
	const fileName = `${workspace.townName}_地域再生計画_${isoDay(Date.now())}.docx`.replace(/[\\/:*?"<>|\r\n\t]/g, '');
	log.info('regional_plan.exported', { workspaceId: workspace.id, userId: user.id, bytes: body.byteLength });
	return new Response(body, {
		headers: {
			'content-type': DOCX,
			'content-disposition': `attachment; filename="regional-plan.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
