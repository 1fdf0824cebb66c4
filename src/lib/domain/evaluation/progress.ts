/**
 * Progress rates, classes and summaries of the yearly evaluation (効果検証), exactly as the
 * published evaluations compute them (see docs/evaluation.md for the rules in prose).
 *
 * Why one module: the register page, the entry screen (as one types), the .xlsx and CSV
 * exports and the `evaluate` command must give the same rate and class for the same KPI; towns
 * today get these wrong in Excel and the mistakes end up in council reports. Rates are ratios
 * (1 = 100%) kept unrounded; rounding is for display only (japanese-number.ts). Pure.
 */
import type { FiscalYear } from '../fiscal-year';
import type { KpiDirection } from '../kpi';
import {
	isGoalTarget,
	type KpiActual,
	type KpiTargetValue,
	type RegisterGoal,
	type RegisterKpi,
	type RegisterKpiWithActuals
} from './register-kpi';

export type KpiClass = 'met' | 'improved' | 'unchanged' | 'worse' | 'not_measured';
export const KPI_CLASSES: readonly KpiClass[] = ['met', 'improved', 'unchanged', 'worse', 'not_measured'];

export const KPI_CLASS_LABELS: Record<KpiClass, string> = {
	met: '目標達成',
	improved: '改善',
	unchanged: '変化なし',
	worse: '悪化',
	not_measured: '未把握'
};

/** A class a department may give by judgement (text targets): never 未把握, which is a fact. */
export type JudgedClass = Exclude<KpiClass, 'not_measured'>;

/** The department's judgement for a KPI whose target is words (「全国平均」「現状維持」). */
export interface KpiJudgement {
	judgedClass: JudgedClass;
	reason: string;
}

/** Which target a year is compared against: the final target (as published reports do) or the year's own. */
export type TargetBasis = 'final' | 'yearly';

/** The rate at or above which a KPI counts as "progress ≥ 80%" in summaries. */
export const PROGRESS_THRESHOLD = 0.8;
/** Rate and share of planned change differing by more than this (20 points) are flagged. */
export const DISCREPANCY_THRESHOLD = 0.2;
/** Float noise allowance for ≥ comparisons (0.1 + 0.2 style), far below display precision. */
const EPSILON = 1e-9;

export interface ProgressInput {
	actual: number;
	target: number;
	baseline: number | null;
	direction: KpiDirection;
	cumulative: boolean;
}

/**
 * Progress rate: actual ÷ target (target ÷ actual when lower is better); cumulative:
 * (actual − baseline) ÷ (target − baseline) in either direction, a missing baseline counting as 0.
 * undefined when the denominator is 0 (shown as 「—」, never 0%).
 */
export function progressRate(input: ProgressInput): number | undefined {
	const { actual, target, direction, cumulative } = input;
	if (cumulative) {
		const baseline = input.baseline ?? 0;
		return ratio(actual - baseline, target - baseline);
	}
	return direction === 'lower' ? ratio(target, actual) : ratio(actual, target);
}

function ratio(numerator: number, denominator: number): number | undefined {
	if (denominator === 0 || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return undefined;
	const r = numerator / denominator;
	return Object.is(r, -0) ? 0 : r;
}

/**
 * Share of the planned change achieved: (actual − baseline) ÷ (target − baseline). A missing
 * baseline counts as 0 for cumulative KPIs and leaves the share undefined otherwise.
 */
export function shareOfPlannedChange(
	actual: number,
	baseline: number | null,
	target: number,
	cumulative: boolean
): number | undefined {
	if (baseline === null && !cumulative) return undefined;
	const b = baseline ?? 0;
	return ratio(actual - b, target - b);
}

/** Rate and share differ by more than 20 points (both defined). */
export function isDiscrepant(rate: number | undefined, share: number | undefined): boolean {
	if (rate === undefined || share === undefined) return false;
	return Math.abs(rate - share) > DISCREPANCY_THRESHOLD + EPSILON;
}

export interface ClassifyInput {
	/** null: no actual up to the evaluated year. */
	actual: number | null;
	rate: number | undefined;
	baseline: number | null;
	direction: KpiDirection;
	cumulative: boolean;
}

/**
 * The class by rule: no actual → not_measured; rate defined and ≥ 100% → met; no baseline
 * (non-cumulative; cumulative counts it as 0) or actual = baseline → unchanged; moved from the
 * baseline in the KPI's direction → improved; else worse.
 */
export function classify(input: ClassifyInput): KpiClass {
	if (input.actual === null) return 'not_measured';
	if (input.rate !== undefined && input.rate >= 1 - EPSILON) return 'met';
	const baseline = input.baseline ?? (input.cumulative ? 0 : null);
	if (baseline === null || input.actual === baseline) return 'unchanged';
	const rose = input.actual > baseline;
	return rose === (input.direction === 'higher') ? 'improved' : 'worse';
}

/** The latest actual up to and including `year` (surveys are often a year behind or five-yearly). */
export function actualForYear(actuals: readonly KpiActual[], year: FiscalYear): KpiActual | null {
	let best: KpiActual | null = null;
	for (const a of actuals) {
		if (a.fiscalYear <= year && (best === null || a.fiscalYear > best.fiscalYear)) best = a;
	}
	return best;
}

/**
 * The target `year` is compared against: the final target (basis 'final'), or the year's own
 * yearly target (basis 'yearly'), falling back to the final target when the year has none.
 */
export function targetForYear(
	kpi: Pick<RegisterKpi, 'targets' | 'finalTarget' | 'targetYear'>,
	year: FiscalYear,
	basis: TargetBasis = 'final'
): { value: KpiTargetValue; fiscalYear: FiscalYear | null } | null {
	if (basis === 'yearly') {
		const own = kpi.targets[year];
		if (typeof own === 'number' && Number.isFinite(own)) return { value: own, fiscalYear: year };
	}
	if (kpi.finalTarget === null || kpi.finalTarget === '') return null;
	return { value: kpi.finalTarget, fiscalYear: kpi.targetYear };
}

export interface EvaluateOptions {
	year: FiscalYear;
	targetBasis?: TargetBasis;
	/** The department's judgement, used when the target is words. */
	judgement?: KpiJudgement | null;
}

/** One KPI evaluated for one fiscal year. */
export interface KpiEvaluation {
	year: FiscalYear;
	/** The actual used (latest up to `year`), or null. */
	actual: KpiActual | null;
	/** The actual is of an earlier year than `year`: show it with its own year 「11（R1）」. */
	actualIsOlder: boolean;
	/** The target compared against (number or words), or null when none is set. */
	target: KpiTargetValue | null;
	targetYear: FiscalYear | null;
	/** Progress rate as a ratio (1 = 100%); undefined when it cannot be computed. */
	rate: number | undefined;
	/** Share of the planned change achieved, beside the rate. */
	shareOfPlannedChange: number | undefined;
	/** Rate and share differ by more than 20 points: information for the council, not a class. */
	discrepancy: boolean;
	kpiClass: KpiClass;
	/** 'rule' by the rules above; 'judgement' given by the department for a text target. */
	classBasis: 'rule' | 'judgement';
	/** The department's reason when classBasis is 'judgement'. */
	judgementReason: string;
	/** A text target with an actual but no judgement yet: the class shown is the rule's. */
	needsJudgement: boolean;
	/** Rate defined and ≥ 80%. */
	reachesThreshold: boolean;
}

/** Evaluates one KPI for one fiscal year. */
export function evaluateKpi(
	kpi: RegisterKpi,
	actuals: readonly KpiActual[],
	options: EvaluateOptions
): KpiEvaluation {
	const actual = actualForYear(actuals, options.year);
	const target = targetForYear(kpi, options.year, options.targetBasis ?? 'final');
	const numericTarget = typeof target?.value === 'number' ? target.value : null;
	const textTarget = typeof target?.value === 'string';

	let rate: number | undefined;
	let share: number | undefined;
	if (actual !== null && numericTarget !== null) {
		rate = progressRate({
			actual: actual.value,
			target: numericTarget,
			baseline: kpi.baselineValue,
			direction: kpi.direction,
			cumulative: kpi.cumulative
		});
		share = shareOfPlannedChange(actual.value, kpi.baselineValue, numericTarget, kpi.cumulative);
	}

	const ruleClass = classify({
		actual: actual?.value ?? null,
		rate,
		baseline: kpi.baselineValue,
		direction: kpi.direction,
		cumulative: kpi.cumulative
	});
	const judgement = options.judgement ?? null;
	const judged = textTarget && actual !== null && judgement !== null;

	return {
		year: options.year,
		actual,
		actualIsOlder: actual !== null && actual.fiscalYear < options.year,
		target: target?.value ?? null,
		targetYear: target?.fiscalYear ?? null,
		rate,
		shareOfPlannedChange: share,
		discrepancy: isDiscrepant(rate, share),
		kpiClass: judged ? judgement.judgedClass : ruleClass,
		classBasis: judged ? 'judgement' : 'rule',
		judgementReason: judged ? judgement.reason : '',
		needsJudgement: textTarget && actual !== null && judgement === null,
		reachesThreshold: rate !== undefined && rate >= PROGRESS_THRESHOLD - EPSILON
	};
}

// ─── Summaries ───────────────────────────────────────────────────────────────────────────────

/** Counts of one group of KPIs, as councils publish them. */
export interface ClassTally {
	/** Every KPI of the group. */
	total: number;
	counts: Record<KpiClass, number>;
	/** KPIs whose rate could be computed: the denominator of the 80% share. */
	rated: number;
	/** KPIs with a rate ≥ 80%. */
	reachingThreshold: number;
	/** reachingThreshold ÷ rated; undefined when nothing was rated. */
	thresholdShare: number | undefined;
}

/** Goal targets (数値目標) and measure KPIs apart, and both together. */
export interface SummaryParts {
	goalTargets: ClassTally;
	measureKpis: ClassTally;
	all: ClassTally;
}

export interface GoalSummary extends SummaryParts {
	goal: RegisterGoal;
}

export interface EvaluationSummary {
	/** In the order goals first appear. */
	goals: GoalSummary[];
	strategy: SummaryParts;
}

export interface EvaluatedKpi {
	kpi: RegisterKpi;
	evaluation: KpiEvaluation;
}

export function emptyTally(): ClassTally {
	return {
		total: 0,
		counts: { met: 0, improved: 0, unchanged: 0, worse: 0, not_measured: 0 },
		rated: 0,
		reachingThreshold: 0,
		thresholdShare: undefined
	};
}

function emptyParts(): SummaryParts {
	return { goalTargets: emptyTally(), measureKpis: emptyTally(), all: emptyTally() };
}

function add(tally: ClassTally, evaluation: KpiEvaluation): void {
	tally.total++;
	tally.counts[evaluation.kpiClass]++;
	if (evaluation.rate !== undefined) tally.rated++;
	if (evaluation.reachesThreshold) tally.reachingThreshold++;
	tally.thresholdShare = tally.rated === 0 ? undefined : tally.reachingThreshold / tally.rated;
}

function addToParts(parts: SummaryParts, item: EvaluatedKpi): void {
	add(isGoalTarget(item.kpi) ? parts.goalTargets : parts.measureKpis, item.evaluation);
	add(parts.all, item.evaluation);
}

/** Counts per class and the ≥ 80% share, per basic goal and for the whole strategy. */
export function summarise(items: readonly EvaluatedKpi[]): EvaluationSummary {
	const byGoal = new Map<string, GoalSummary>();
	const strategy = emptyParts();
	for (const item of items) {
		let goal = byGoal.get(item.kpi.goal.code);
		if (!goal) {
			goal = { goal: item.kpi.goal, ...emptyParts() };
			byGoal.set(item.kpi.goal.code, goal);
		}
		addToParts(goal, item);
		addToParts(strategy, item);
	}
	return { goals: [...byGoal.values()], strategy };
}

// ─── A whole register ────────────────────────────────────────────────────────────────────────

/** A register KPI with its actuals and, for a text target, the department's judgement. */
export interface KpiToEvaluate extends RegisterKpiWithActuals {
	judgement?: KpiJudgement | null;
}

/** Evaluates every KPI for one year, in the order given. */
export function evaluateRegister(
	items: readonly KpiToEvaluate[],
	options: { year: FiscalYear; targetBasis?: TargetBasis }
): EvaluatedKpi[] {
	return items.map((item) => ({
		kpi: item.kpi,
		evaluation: evaluateKpi(item.kpi, item.actuals, { ...options, judgement: item.judgement ?? null })
	}));
}

/** The latest fiscal year any KPI has an actual for (the default year to evaluate), or null. */
export function latestActualYear(items: readonly RegisterKpiWithActuals[]): FiscalYear | null {
	let latest: FiscalYear | null = null;
	for (const item of items) {
		for (const a of item.actuals) if (latest === null || a.fiscalYear > latest) latest = a.fiscalYear;
	}
	return latest;
}
