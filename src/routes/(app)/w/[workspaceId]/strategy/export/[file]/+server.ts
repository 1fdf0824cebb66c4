/**
 * Downloads: GET …/strategy/export/<file>[?version=<id>] for any member of the workspace.
 * Files: strategy.docx, kpis.xlsx, kpis.csv, strategy.md (the current draft or a version),
 * ideas.xlsx, ideas.csv, idea-kpis.csv (always the current idea sheets). See docs/exports.md.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { buildExport, isExportFile } from '$lib/server/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId);
	const file = params.file;
	if (!isExportFile(file)) error(404, { message: m.error_not_found() });
	const version = url.searchParams.get('version');
	if (version !== null && !ID_PATTERN.test(version)) error(404, { message: m.export_version_not_found() });
	const started = Date.now();
	const result = await buildExport(appDatabase(), workspace, file, version);
	if (!result) error(404, { message: m.export_version_not_found() });
	const body = typeof result.body === 'string' ? result.body : new Uint8Array(result.body);
	log.info('strategy.exported', {
		workspaceId: workspace.id,
		userId: user.id,
		file,
		versionId: version,
		bytes: typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
		ms: Date.now() - started
	});
	const ascii = file;
	return new Response(body, {
		headers: {
			'content-type': result.contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
