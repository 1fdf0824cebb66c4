/**
 * The KPI register (KPI台帳) of an adopted strategy: every basic goal's numeric target (数値目標)
 * and every measure's KPI, with what the yearly evaluation (効果検証) needs beyond the draft —
 * codes for cross-reference, a final target that may be words (「全国平均」), the period a
 * baseline was averaged over, survey and publication timing, the responsible department — and
 * the yearly actuals entered against it.
 *
 * Why here: the database register, the import of a table written elsewhere, the progress rules,
 * the CSV and the `evaluate` command all read this one shape. It extends the KPI fields shared
 * with idea sheets and the draft (../kpi.ts), so a KPI is one type from idea to evaluation.
 * Pure types and small helpers; no server.
 */
import type { FiscalYear, FiscalYearPeriod } from '../fiscal-year';
import type { KpiDirection, KpiFields } from '../kpi';

export type { KpiDirection };

/**
 * goal_target: a basic goal's own numeric target (数値目標); outcome / output: a measure's KPI
 * (重要業績評価指標). Tables that only say 施策 give 'outcome'.
 */
export type RegisterKpiKind = 'goal_target' | 'outcome' | 'output';
export const REGISTER_KPI_KINDS: readonly RegisterKpiKind[] = ['goal_target', 'outcome', 'output'];

export const REGISTER_KPI_KIND_LABELS: Record<RegisterKpiKind, string> = {
	goal_target: '数値目標',
	outcome: 'アウトカム',
	output: 'アウトプット'
};

/** A target is a number, or words kept as written (「全国平均」「現状維持」) whose rate is undefined. */
export type KpiTargetValue = number | string;

/** 基本目標: its code in the strategy ('1', '2' …; any number of goals) and the town's own title. */
export interface RegisterGoal {
	code: string;
	title: string;
}

/** 施策: its code ('1-2-3', or '1-2') and title. */
export interface RegisterMeasure {
	code: string;
	title: string;
}

/** One KPI of the register. `targets` (from KpiFields) holds the yearly numeric targets. */
export interface RegisterKpi extends KpiFields {
	/** Stable id: kept across revisions of the strategy (改訂). */
	id: string;
	kind: RegisterKpiKind;
	goal: RegisterGoal;
	/** null for a goal's own numeric target. */
	measure: RegisterMeasure | null;
	/** The period a baseline was averaged over (「(H20-24) 1.51」); null for a single year. */
	baselinePeriod: FiscalYearPeriod | null;
	/** The final target (目標値): a number or words; null when not set. */
	finalTarget: KpiTargetValue | null;
	/** 目標年度. */
	targetYear: FiscalYear | null;
	/** 基準日・調査日 (e.g. 「毎年3月31日」「5年ごとの国勢調査」). */
	surveyDate: string;
	/** 結果公表日 (e.g. 「翌年度6月」). */
	publicationTiming: string;
	/** 担当課. */
	department: string;
	/** Where it came from: a strategy version and idea sheet, or an imported file and row. */
	source: string;
}

/** The actual (実績値) of one fiscal year. The value may be older than the year it is entered for. */
export interface KpiActual {
	/** The fiscal year the value is of (「11（R1）」 entered in R4 is of R1). */
	fiscalYear: FiscalYear;
	value: number;
	/** 「R1の数値」「今年度は調査なし」「5年ごとの国勢調査」. */
	note: string;
}

/** A KPI with its actuals: what the progress rules evaluate. */
export interface RegisterKpiWithActuals {
	kpi: RegisterKpi;
	actuals: KpiActual[];
}

/** 「基本目標1」. */
export const goalCodeLabel = (code: string): string => `基本目標${code}`;

/** 「施策1-2-3」. */
export const measureCodeLabel = (code: string): string => `施策${code}`;

/** 「基本目標1」 for a goal target, 「施策1-2-3」 for a measure's KPI. */
export function kpiCodeLabel(kpi: Pick<RegisterKpi, 'goal' | 'measure'>): string {
	return kpi.measure ? measureCodeLabel(kpi.measure.code) : goalCodeLabel(kpi.goal.code);
}

/** Goal targets (数値目標) and measure KPIs are counted apart in every summary. */
export const isGoalTarget = (kpi: Pick<RegisterKpi, 'kind'>): boolean => kpi.kind === 'goal_target';

/** The numeric final target, or null for words or none. */
export function numericFinalTarget(kpi: Pick<RegisterKpi, 'finalTarget'>): number | null {
	return typeof kpi.finalTarget === 'number' ? kpi.finalTarget : null;
}

/** A register KPI with every optional field blank: the starting point for importers and tests. */
export function blankRegisterKpi(id: string, goal: RegisterGoal, measure: RegisterMeasure | null): RegisterKpi {
	return {
		id,
		kind: measure ? 'outcome' : 'goal_target',
		goal,
		measure,
		name: '',
		unit: '',
		measurementMethod: '',
		baselineValue: null,
		baselineYear: null,
		baselinePeriod: null,
		direction: 'higher',
		cumulative: false,
		targets: {},
		finalTarget: null,
		targetYear: null,
		surveyDate: '',
		publicationTiming: '',
		department: '',
		source: ''
	};
}
