/**
 * GET …/evaluation/export/achievement.xlsx|achievement.csv[?year=2024] — the achievement table
 * for any member of the workspace (the register is not secret within the town hall).
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { buildEvaluationExport, isEvaluationExport } from '$lib/server/evaluation/exports';
import { yearParam } from '$lib/server/evaluation/year-param';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId);
	const file = params.file;
	if (!isEvaluationExport(file)) error(404, { message: m.error_not_found() });
	const started = Date.now();
	const result = await buildEvaluationExport(appDatabase().db, workspace, file, yearParam(url));
	const body = typeof result.body === 'string' ? result.body : new Uint8Array(result.body);
	log.info('evaluation.exported', { workspaceId: workspace.id, userId: user.id, file, year: result.year, ms: Date.now() - started });
	return new Response(body, {
		headers: {
			'content-type': result.contentType,
			'content-disposition': `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
