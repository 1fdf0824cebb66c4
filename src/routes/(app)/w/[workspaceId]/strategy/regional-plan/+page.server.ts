/**
 * The 地域再生計画 digest (facilitators): pick measures, KPIs and projects of the current draft,
 * fill what the strategy does not hold, save (one form per workspace, regional_plan), and
 * download the .docx in the national format (./download).
 */
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { RegionalPlanFormSchema, saveRegionalPlanForm } from '$lib/server/repositories/regional-plan';
import { regionalPlanFor } from '$lib/server/strategy/regional-plan';
import { formatPlanPeriod } from '$lib/domain/fiscal-year';
import { planPeriodText, REGIONAL_PLAN_TEXT_LIMIT } from '$lib/domain/regional-plan';
import type { Actions, PageServerLoad } from './$types';

const TEXT_FIELDS = [
	'name',
	'author',
	'area',
	'currentState',
	'issues',
	'goal',
	'overview',
	'grantName',
	'otherProjects',
	'evaluationMethod',
	'evaluationTiming',
	'publication'
] as const;

export const load: PageServerLoad = async ({ locals, params }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const plan = await regionalPlanFor(appDatabase(), workspace);
	const measures = (plan?.draft.goals ?? []).flatMap((g) =>
		g.directions.flatMap((d) =>
			d.measures.map((measure) => ({
				id: measure.id,
				goalId: g.id,
				title: measure.title,
				directionTitle: d.title,
				kpis: measure.kpis.map((k) => ({ id: k.id, name: k.name, unit: k.unit })),
				projects: measure.projects.map((p) => ({ id: p.id, title: p.title, departmentName: p.departmentName }))
			}))
		)
	);
	return {
		form: plan?.form,
		updatedAt: plan?.updatedAt ?? null,
		measures,
		period: `${formatPlanPeriod(workspace.planStartFy, workspace.planEndFy)}／${planPeriodText(workspace.planEndFy)}`
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		const data = await request.formData();
		const value = (key: string) => {
			const v = data.get(key);
			return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '';
		};
		const list = (key: string) => data.getAll(key).filter((v): v is string => typeof v === 'string');
		const parsed = RegionalPlanFormSchema.safeParse({
			...Object.fromEntries(TEXT_FIELDS.map((k) => [k, value(k)])),
			measureIds: list('measure'),
			kpiIds: list('kpi'),
			projectIds: list('project')
		});
		if (!parsed.success) return fail(400, { message: m.rplan_invalid({ max: REGIONAL_PLAN_TEXT_LIMIT }) });
		await saveRegionalPlanForm(appDatabase().db, workspace.id, parsed.data, user.id);
		log.info('regional_plan.saved', { workspaceId: workspace.id, userId: user.id, measures: parsed.data.measureIds.length, kpis: parsed.data.kpiIds.length });
		return { saved: true };
	}
};
