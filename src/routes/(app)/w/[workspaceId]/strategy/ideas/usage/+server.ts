/**
 * Where ideas are used in the draft strategy: for the idea sheet's "used in" line.
 * GET …/strategy/ideas/usage[?documentId=<board>[&sheetId=<sheet>]] → { usages: { "<documentId>/<sheetId>": IdeaUsage[] } }
 * Any member of the workspace; read from the stored strategy document (never behind what was shown).
 */
import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { loadDraft } from '$lib/server/strategy/draft';
import { ideaUsages, type IdeaUsage } from '$lib/domain/strategy-draft';
import type { RequestHandler } from './$types';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId);
	const documentId = url.searchParams.get('documentId');
	const sheetId = url.searchParams.get('sheetId');
	if ((documentId && !ID.test(documentId)) || (sheetId && !ID.test(sheetId)) || (sheetId && !documentId)) {
		error(400, { message: m.error_bad_request() });
	}
	const loaded = await loadDraft(appDatabase(), workspace.id);
	const usages: Record<string, IdeaUsage[]> = {};
	for (const [key, list] of ideaUsages(loaded!.draft)) {
		const [doc, sheet] = key.split('/');
		if (documentId && doc !== documentId) continue;
		if (sheetId && sheet !== sheetId) continue;
		usages[key] = list;
	}
	return json({ usages }, { headers: { 'cache-control': 'no-store' } });
};
