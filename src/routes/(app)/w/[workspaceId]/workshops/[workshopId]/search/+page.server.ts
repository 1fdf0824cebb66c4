/**
 * Search across every board of a workshop (any member): free text, department, basic goal,
 * group, kind and "has KPI hints", from the query string (a GET form, so results can be linked).
 * Each result links to its board with an anchor (#card-<id> / #sheet-<id>).
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isBasicGoalId } from '$lib/domain/strategy';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { listOrgUnits } from '$lib/server/repositories/org-units';
import { findWorkshopInWorkspace } from '$lib/server/repositories/workshop-setup';
import { excerpt, filterItems, itemsOfBoard, type SearchFilters } from '$lib/server/facilitation/workshop-search';
import { forEachWorkshopBoard } from '$lib/server/facilitation/workshop-documents';
import type { PageServerLoad } from './$types';

/** Most results shown at once. */
const MAX_RESULTS = 200;

function filtersFrom(params: URLSearchParams): SearchFilters {
	const goal = Number(params.get('goal'));
	const kind = params.get('kind');
	const documentId = params.get('group') ?? '';
	return {
		q: (params.get('q') ?? '').slice(0, 200),
		department: (params.get('department') ?? '').slice(0, 100),
		goal: isBasicGoalId(goal) ? goal : null,
		documentId: ID_PATTERN.test(documentId) ? documentId : '',
		hasHints: params.get('hints') === '1',
		kind: kind === 'card' || kind === 'sheet' ? kind : 'all'
	};
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId);
	const database = appDatabase();
	const workshop = ID_PATTERN.test(params.workshopId)
		? await findWorkshopInWorkspace(database.db, workspace.id, params.workshopId)
		: undefined;
	if (!workshop) error(404, { message: m.fac_workshop_not_found() });

	const filters = filtersFrom(url.searchParams);
	const plan = { startFy: workspace.planStartFy, endFy: workspace.planEndFy };
	const groups: Array<{ documentId: string; label: string }> = [];
	const found = (
		await forEachWorkshopBoard(database, workspace.id, workshop.id, (place, doc) => {
			groups.push({ documentId: place.documentId, label: `${place.sessionName} ${place.groupName}` });
			return filterItems(itemsOfBoard(doc, place, plan), filters);
		})
	).flat();
	const departments = (await listOrgUnits(database.db, workspace.id)).filter((u) => u.parentId === null).map((u) => u.name);
	return {
		workshop,
		filters,
		groups,
		departments,
		total: found.length,
		results: found.slice(0, MAX_RESULTS).map((item) => ({
			kind: item.kind,
			id: item.id,
			documentId: item.documentId,
			board: `${item.sessionName} ${item.groupName}`,
			title: item.title.trim().split('\n')[0]!.slice(0, 120),
			departmentName: item.departmentName,
			goals: item.goals,
			hints: item.hints,
			excerpt: excerpt(item.body, filters.q)
		})),
		limited: found.length > MAX_RESULTS
	};
};
