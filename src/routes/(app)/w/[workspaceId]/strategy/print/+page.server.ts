/** The print view of the draft (current or ?version=<id>): the council document for the browser's print. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { strategyDocumentFor } from '$lib/server/strategy/document';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId);
	const version = url.searchParams.get('version');
	if (version !== null && !ID_PATTERN.test(version)) error(404, { message: m.export_version_not_found() });
	const result = await strategyDocumentFor(appDatabase(), workspace, version);
	if (!result) error(404, { message: m.export_version_not_found() });
	return { document: result.document, versionId: version, title: result.info.versionLabel };
};
