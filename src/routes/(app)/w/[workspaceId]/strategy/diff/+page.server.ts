/**
 * The 新旧対照表 between two drafts: ?from=<versionId>&to=<versionId | current>.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { listStrategyVersions } from '$lib/server/repositories/strategy';
import { loadDraft } from '$lib/server/strategy/draft';
import { diffStrategies } from '$lib/domain/strategy-diff';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId);
	const database = appDatabase();
	const versions = await listStrategyVersions(database.db, workspace.id);
	const from = url.searchParams.get('from') ?? '';
	const to = url.searchParams.get('to') ?? 'current';
	const valid = (v: string) => v === 'current' || ID_PATTERN.test(v);
	if (!from) return { versions, from, to, entries: null, fromName: '', toName: '' };
	if (!valid(from) || !valid(to)) error(404, { message: m.export_version_not_found() });
	const [a, b] = await Promise.all([
		loadDraft(database, workspace.id, from === 'current' ? null : from),
		loadDraft(database, workspace.id, to === 'current' ? null : to)
	]);
	if (!a || !b) error(404, { message: m.export_version_not_found() });
	return {
		versions,
		from,
		to,
		fromName: a.source.name ?? m.strat_current_draft(),
		toName: b.source.name ?? m.strat_current_draft(),
		entries: diffStrategies(a.draft, b.draft)
	};
};
