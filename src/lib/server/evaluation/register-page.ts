/**
 * What the register page shows, computed on the server: the evaluated KPIs grouped by basic goal
 * and measure, each with its display texts (actual with its own year, target, rate, share of
 * planned change, class), the page's filters applied, and per goal the class distribution as SVG.
 * Plain data, so the page only lays it out and the bench times exactly what a request costs.
 */
import { classDistributionSvg } from './charts';
import type { EvaluatedRegister } from './register-view';
import { formatJapaneseNumber, formatRate, formatValueWithYear, ratePercent } from '$lib/domain/evaluation/japanese-number';
import { KPI_CLASS_LABELS, KPI_CLASSES, type ClassTally, type KpiClass } from '$lib/domain/evaluation/progress';
import { goalCodeLabel, kpiCodeLabel, REGISTER_KPI_KIND_LABELS, type RegisterKpiKind } from '$lib/domain/evaluation/register-kpi';
import { formatFiscalYearShort } from '$lib/domain/fiscal-year';

export interface RegisterFilters {
	department: string;
	kpiClass: KpiClass | '';
	/** Only KPIs without an actual of the year evaluated. */
	missing: boolean;
}

export interface RegisterRowView {
	id: string;
	code: string;
	name: string;
	kind: RegisterKpiKind;
	kindLabel: string;
	unit: string;
	department: string;
	direction: 'higher' | 'lower';
	cumulative: boolean;
	baselineText: string;
	actualText: string;
	actualNote: string;
	/** An actual of the year evaluated exists. */
	entered: boolean;
	targetText: string;
	rateText: string;
	/** 0–100 for the bar; null when undefined. */
	ratePercent: number | null;
	shareText: string;
	discrepancy: boolean;
	kpiClass: KpiClass;
	classLabel: string;
}

export interface RegisterMeasureView {
	code: string;
	title: string;
	rows: RegisterRowView[];
}

export interface RegisterGoalView {
	code: string;
	label: string;
	title: string;
	tally: ClassTally;
	targets: RegisterRowView[];
	measures: RegisterMeasureView[];
}

export interface RegisterPageView {
	year: number;
	yearLabel: string;
	goals: RegisterGoalView[];
	departments: string[];
	total: number;
	shown: number;
	strategy: ClassTally;
	/** The class distribution per goal (SVG; numbers, codes and fixed labels only). */
	distributionSvg: string;
}

const plain = (v: number | null) => (v === null ? '—' : formatJapaneseNumber(v, { minus: '△' }));

export function registerPageView(evaluated: EvaluatedRegister, filters: RegisterFilters): RegisterPageView {
	const { year } = evaluated;
	const goals = new Map<string, RegisterGoalView>();
	for (const g of evaluated.summary.goals) {
		goals.set(g.goal.code, {
			code: g.goal.code,
			label: goalCodeLabel(g.goal.code),
			title: g.goal.title,
			tally: g.all,
			targets: [],
			measures: []
		});
	}
	const departments = new Set<string>();
	let shown = 0;
	for (const { kpi, evaluation: e } of evaluated.items) {
		if (kpi.department) departments.add(kpi.department);
		const entered = e.actual !== null && e.actual.fiscalYear === year;
		if (filters.department && kpi.department !== filters.department) continue;
		if (filters.kpiClass && e.kpiClass !== filters.kpiClass) continue;
		if (filters.missing && entered) continue;
		shown++;
		const row: RegisterRowView = {
			id: kpi.id,
			code: kpiCodeLabel(kpi),
			name: kpi.name,
			kind: kpi.kind,
			kindLabel: REGISTER_KPI_KIND_LABELS[kpi.kind],
			unit: kpi.unit,
			department: kpi.department,
			direction: kpi.direction,
			cumulative: kpi.cumulative,
			baselineText:
				kpi.baselineValue === null
					? '—'
					: kpi.baselineYear !== null
						? `${plain(kpi.baselineValue)}（${formatFiscalYearShort(kpi.baselineYear)}）`
						: plain(kpi.baselineValue),
			actualText: e.actual ? formatValueWithYear(e.actual.value, e.actual.fiscalYear, year, { minus: '△' }) : '—',
			actualNote: e.actual?.note ?? '',
			entered,
			targetText: typeof e.target === 'number' ? plain(e.target) : (e.target ?? '—'),
			rateText: formatRate(e.rate),
			ratePercent: e.rate === undefined ? null : Math.max(0, Math.min(100, ratePercent(e.rate) ?? 0)),
			shareText: formatRate(e.shareOfPlannedChange),
			discrepancy: e.discrepancy,
			kpiClass: e.kpiClass,
			classLabel: KPI_CLASS_LABELS[e.kpiClass]
		};
		const goal = goals.get(kpi.goal.code)!;
		if (!kpi.measure) {
			goal.targets.push(row);
			continue;
		}
		let measure = goal.measures.find((m) => m.code === kpi.measure!.code);
		if (!measure) {
			measure = { code: kpi.measure.code, title: kpi.measure.title, rows: [] };
			goal.measures.push(measure);
		}
		measure.rows.push(row);
	}
	return {
		year,
		yearLabel: formatFiscalYearShort(year),
		goals: [...goals.values()],
		departments: [...departments].sort((a, b) => a.localeCompare(b, 'ja')),
		total: evaluated.items.length,
		shown,
		strategy: evaluated.summary.strategy.all,
		distributionSvg: classDistributionSvg(
			evaluated.summary.goals.map((g) => ({ label: goalCodeLabel(g.goal.code), counts: g.all.counts }))
		)
	};
}

export const isKpiClass = (v: string): v is KpiClass => (KPI_CLASSES as readonly string[]).includes(v);
