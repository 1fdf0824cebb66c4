/**
 * The strategy editor (素案): one live document per workspace. A facilitator's first visit
 * creates it; other members see it read-only (and a notice until it exists). The idea pool is
 * read from the stored boards on every load, so projects show their sheets' current titles.
 * Facilitators save named versions of it, rename them and delete them.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { failure, invalid, parseForm } from '$lib/server/forms';
import { ID_PATTERN } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { canEditDocument, canFacilitate } from '$lib/server/repositories/memberships';
import { listOrgUnits } from '$lib/server/repositories/org-units';
import {
	deleteStrategyVersion,
	ensureStrategyDocument,
	findStrategyDocument,
	findStrategyVersionName,
	listStrategyVersions,
	renameStrategyVersion,
	saveStrategyVersion
} from '$lib/server/repositories/strategy';
import { currentStrategyState } from '$lib/server/strategy/draft';
import { loadIdeaPool } from '$lib/server/strategy/idea-pool';
import { formatDate } from '$lib/domain/fiscal-year';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, role, workspace } = await requireMembership(locals, params.workspaceId);
	const database = appDatabase();
	const facilitator = canFacilitate(role);
	const document = facilitator
		? (await ensureStrategyDocument(database.db, workspace.id, workspace.strategyName)).document
		: await findStrategyDocument(database.db, workspace.id);
	const [pool, versions, units] = await Promise.all([
		loadIdeaPool(database, workspace),
		listStrategyVersions(database.db, workspace.id),
		listOrgUnits(database.db, workspace.id)
	]);
	return {
		user: { id: user.id, displayName: user.displayName },
		canEditStrategy: canEditDocument('strategy', role),
		strategyDocumentId: document?.id ?? null,
		pool,
		versions,
		departments: units.filter((u) => u.parentId === null).map((u) => u.name),
		defaultVersionName: m.strat_version_default_name({ date: formatDate(Date.now()) })
	};
};

/** A version's name: trimmed, 1–100 characters. */
const versionName = () =>
	z
		.string({ error: m.v_required() })
		.trim()
		.min(1, { error: m.strat_version_name_required() })
		.max(100, { error: m.v_too_long({ max: 100 }) });

/** The id of a version (a malformed one is answered like an unknown one). */
const versionId = () =>
	z.string({ error: m.strat_version_not_found() }).regex(ID_PATTERN, { error: m.strat_version_not_found() });

/**
 * A failed rename or delete: 404 (as a form failure, shown beside the list) when the workspace
 * has no such version, also when the id belongs to another workspace or is malformed.
 */
const versionNotFound = (action: string, values: Record<string, string> = {}) =>
	failure(404, action, m.strat_version_not_found(), {}, values);

export const actions: Actions = {
	saveVersion: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(z.object({ name: versionName() }), await request.formData());
		if (!parsed.ok) return invalid('saveVersion', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		const database = appDatabase();
		const state = await currentStrategyState(database, workspace.id);
		if (!state) return invalid('saveVersion', m.strat_version_no_document(), {}, parsed.values);
		const version = await saveStrategyVersion(database.db, {
			workspaceId: workspace.id,
			name: parsed.data.name,
			createdBy: user.id,
			state
		});
		log.info('strategy.version_saved', {
			workspaceId: workspace.id,
			versionId: version.id,
			userId: user.id,
			bytes: state.byteLength
		});
		return {
			action: 'saveVersion',
			success: true,
			versionId: version.id,
			message: m.strat_version_saved({ name: version.name })
		};
	},

	renameVersion: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(z.object({ versionId: versionId(), name: versionName() }), await request.formData());
		if (!parsed.ok) {
			if (parsed.fieldErrors.versionId) return versionNotFound('renameVersion', parsed.values);
			return invalid('renameVersion', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		}
		const { versionId: id, name } = parsed.data;
		if (!(await renameStrategyVersion(appDatabase().db, workspace.id, id, name))) {
			return versionNotFound('renameVersion', parsed.values);
		}
		log.info('strategy.version_renamed', { workspaceId: workspace.id, versionId: id, userId: user.id });
		return { action: 'renameVersion', success: true, versionId: id, message: m.strat_version_renamed({ name }) };
	},

	deleteVersion: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(z.object({ versionId: versionId() }), await request.formData());
		if (!parsed.ok) return versionNotFound('deleteVersion');
		const id = parsed.data.versionId;
		const db = appDatabase().db;
		const name = await findStrategyVersionName(db, workspace.id, id);
		// a second facilitator may have deleted it in between: that answers not found as well
		if (name === undefined || !(await deleteStrategyVersion(db, workspace.id, id))) return versionNotFound('deleteVersion');
		log.info('strategy.version_deleted', { workspaceId: workspace.id, versionId: id, userId: user.id });
		return { action: 'deleteVersion', success: true, versionId: id, message: m.strat_version_deleted({ name }) };
	}
};
