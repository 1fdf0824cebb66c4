/** A saved version of the draft, read-only, as the council document, with its exports. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { strategyDocumentFor } from '$lib/server/strategy/document';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId);
	if (!ID_PATTERN.test(params.versionId)) error(404, { message: m.export_version_not_found() });
	const result = await strategyDocumentFor(appDatabase(), workspace, params.versionId);
	if (!result || result.source.kind !== 'version') error(404, { message: m.export_version_not_found() });
	return {
		version: { id: params.versionId, name: result.source.name ?? '', at: result.source.at },
		document: result.document
	};
};
