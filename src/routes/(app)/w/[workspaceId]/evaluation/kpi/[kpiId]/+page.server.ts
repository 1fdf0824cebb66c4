/**
 * One KPI of the register: its chart over the years (server-rendered SVG), its actuals with
 * notes, its evaluation for the chosen year, and the history of every change of its actuals.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { kpiChartSvg } from '$lib/server/evaluation/charts';
import { yearParam } from '$lib/server/evaluation/year-param';
import { actualHistory, findRegisterKpi, listActualsOfKpi, registerCompareWith } from '$lib/server/repositories/kpi-register';
import { evaluateKpi, KPI_CLASS_LABELS } from '$lib/domain/evaluation/progress';
import { formatRate } from '$lib/domain/evaluation/japanese-number';
import { fiscalYearOf, fiscalYearRange } from '$lib/domain/fiscal-year';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { workspace } = await requireMembership(locals, params.workspaceId);
	if (!ID_PATTERN.test(params.kpiId)) error(404, { message: m.eval_actual_kpi_not_found() });
	const db = appDatabase().db;
	const entry = await findRegisterKpi(db, workspace.id, params.kpiId);
	if (!entry) error(404, { message: m.eval_actual_kpi_not_found() });
	const [all, history, basis] = await Promise.all([
		listActualsOfKpi(db, entry.kpi.id),
		actualHistory(db, entry.kpi.id),
		registerCompareWith(db, workspace.id)
	]);
	const actuals = all.map((a) => ({ fiscalYear: a.fiscalYear, value: a.value, note: a.note, enteredByName: a.enteredByName }));
	const kpi = entry.kpi;
	const year = yearParam(url) ?? actuals.at(-1)?.fiscalYear ?? fiscalYearOf() - 1;
	const known = [
		kpi.baselineYear,
		kpi.targetYear,
		year,
		...actuals.map((a) => a.fiscalYear),
		...Object.keys(kpi.targets).map(Number),
		workspace.planStartFy,
		workspace.planEndFy
	].filter((y): y is number => typeof y === 'number');
	const years = fiscalYearRange(Math.min(...known), Math.max(...known));
	const evaluation = evaluateKpi(kpi, actuals, { year, targetBasis: basis });
	return {
		kpi,
		retired: entry.retired,
		year,
		actuals,
		history,
		chartSvg: kpiChartSvg({
			years,
			baseline: kpi.baselineValue,
			actuals,
			targets: kpi.targets,
			finalTarget: typeof kpi.finalTarget === 'number' ? kpi.finalTarget : null,
			direction: kpi.direction
		}),
		evaluation: {
			rateText: formatRate(evaluation.rate),
			shareText: formatRate(evaluation.shareOfPlannedChange),
			discrepancy: evaluation.discrepancy,
			kpiClass: evaluation.kpiClass,
			classLabel: KPI_CLASS_LABELS[evaluation.kpiClass]
		}
	};
};
