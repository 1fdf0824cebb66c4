/**
 * The KPI register (KPI台帳) for one fiscal year: every KPI by goal → measure with its actual,
 * progress and class, filters by department, class and "not entered yet", the class distribution
 * per goal, and the adoptions that made the register. Facilitators adopt a saved version (策定版 /
 * 改訂) and set which target the progress compares against.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { failure, invalid, parseForm } from '$lib/server/forms';
import { ID_PATTERN } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { adoptStrategyVersion } from '$lib/server/evaluation/adopt';
import { parseDateInput } from '$lib/server/evaluation/dates';
import { isKpiClass, registerPageView } from '$lib/server/evaluation/register-page';
import { yearParam } from '$lib/server/evaluation/year-param';
import { defaultEvaluationYear, evaluateLoaded, loadRegister } from '$lib/server/evaluation/register-view';
import { listAdoptions, setRegisterCompareWith } from '$lib/server/repositories/kpi-register';
import { canFacilitate } from '$lib/server/repositories/memberships';
import { listStrategyVersions } from '$lib/server/repositories/strategy';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import type { Actions, PageServerLoad } from './$types';

/**
 * Rendered on the server only: the page is a large table (1,000 KPIs) whose filters are a GET form
 * and whose forms post normally, so shipping its data again for hydration would double its weight.
 */
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { role, workspace } = await requireMembership(locals, params.workspaceId);
	const database = appDatabase();
	const loaded = await loadRegister(database.db, workspace.id);
	const year = yearParam(url) ?? defaultEvaluationYear(loaded);
	const cls = url.searchParams.get('class') ?? '';
	const filters = {
		department: url.searchParams.get('department') ?? '',
		kpiClass: isKpiClass(cls) ? cls : ('' as const),
		missing: url.searchParams.get('missing') === '1'
	};
	const view = registerPageView(evaluateLoaded(loaded, year), filters);
	const facilitator = canFacilitate(role);
	const [adoptions, versions] = await Promise.all([
		listAdoptions(database.db, workspace.id),
		facilitator ? listStrategyVersions(database.db, workspace.id) : Promise.resolve([])
	]);
	const first = Math.min(workspace.planStartFy - 1, year);
	const last = Math.max(workspace.planEndFy, year);
	return {
		view,
		filters,
		basis: loaded.basis,
		years: fiscalYearRange(first, last),
		adoptions,
		versions: versions.map((v) => ({ id: v.id, name: v.name, createdAt: v.createdAt })),
		canFacilitate: facilitator
	};
};

export const actions: Actions = {
	adopt: async ({ locals, params, request }) => {
		const { user, workspace } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(
			z.object({
				versionId: z.string().regex(ID_PATTERN, { error: m.strat_version_not_found() }),
				adoptedOn: z.string()
			}),
			await request.formData()
		);
		if (!parsed.ok) return invalid('adopt', m.strat_version_not_found(), parsed.fieldErrors, parsed.values);
		const adoptedOn = parseDateInput(parsed.data.adoptedOn);
		if (adoptedOn === null) {
			return invalid('adopt', m.eval_adopt_date_invalid(), { adoptedOn: [m.eval_adopt_date_invalid()] }, parsed.values);
		}
		const result = await adoptStrategyVersion(appDatabase(), {
			workspaceId: workspace.id,
			versionId: parsed.data.versionId,
			adoptedOn,
			userId: user.id
		});
		if (!result.ok) {
			return result.reason === 'version_not_found'
				? failure(404, 'adopt', m.strat_version_not_found(), {}, parsed.values)
				: invalid('adopt', m.eval_adopt_no_kpis(), {}, parsed.values);
		}
		const { plan, adoptionId } = result.result;
		log.info('evaluation.adopted', {
			workspaceId: workspace.id,
			userId: user.id,
			versionId: parsed.data.versionId,
			adoptionId,
			added: plan.added.length,
			continued: plan.continued.length,
			retired: plan.retired.length
		});
		return {
			action: 'adopt',
			success: true,
			message: m.eval_adopted({
				name: result.versionName,
				added: plan.added.length,
				continued: plan.continued.length,
				retired: plan.retired.length
			})
		};
	},
	setting: async ({ locals, params, request }) => {
		const { workspace } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const parsed = parseForm(z.object({ basis: z.enum(['final', 'yearly']) }), await request.formData());
		if (!parsed.ok) return invalid('setting', m.error_bad_request(), parsed.fieldErrors, parsed.values);
		await setRegisterCompareWith(appDatabase().db, workspace.id, parsed.data.basis);
		return { action: 'setting', success: true, message: m.eval_setting_saved() };
	}
};
