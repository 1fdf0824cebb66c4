import { describe, expect, it } from 'vitest';
import {
	actualForYear,
	classify,
	evaluateKpi,
	evaluateRegister,
	isDiscrepant,
	KPI_CLASS_LABELS,
	latestActualYear,
	progressRate,
	shareOfPlannedChange,
	summarise,
	targetForYear,
	type KpiToEvaluate
} from './progress';
import { blankRegisterKpi, type KpiActual, type RegisterKpi } from './register-kpi';

const goal = { code: '1', title: 'しごとをつくる' };
const measure = { code: '1-1', title: '農業の担い手' };

function kpi(overrides: Partial<RegisterKpi> = {}): RegisterKpi {
	return { ...blankRegisterKpi('k', goal, measure), name: '指標', ...overrides };
}
const actual = (fiscalYear: number, value: number, note = ''): KpiActual => ({ fiscalYear, value, note });

describe('progressRate', () => {
	it('is actual ÷ target when higher is better', () => {
		expect(progressRate({ actual: 80, target: 100, baseline: 50, direction: 'higher', cumulative: false })).toBe(0.8);
		expect(progressRate({ actual: 120, target: 100, baseline: 50, direction: 'higher', cumulative: false })).toBe(1.2);
	});

	it('is target ÷ actual when lower is better (the flattering ratio)', () => {
		expect(progressRate({ actual: 425, target: 300, baseline: 500, direction: 'lower', cumulative: false })).toBeCloseTo(300 / 425, 12);
	});

	it('is (actual − baseline) ÷ (target − baseline) for cumulative KPIs, in either direction', () => {
		expect(progressRate({ actual: 8378, target: 8000, baseline: 7023, direction: 'higher', cumulative: true })).toBeCloseTo(1355 / 977, 12);
		expect(progressRate({ actual: 425, target: 300, baseline: 500, direction: 'lower', cumulative: true })).toBe(0.375);
	});

	it('counts a missing baseline as 0 for cumulative KPIs', () => {
		expect(progressRate({ actual: 30, target: 120, baseline: null, direction: 'higher', cumulative: true })).toBe(0.25);
	});

	it('is undefined when the denominator is 0, never 0', () => {
		expect(progressRate({ actual: 5, target: 0, baseline: null, direction: 'higher', cumulative: false })).toBeUndefined();
		expect(progressRate({ actual: 0, target: 5, baseline: null, direction: 'lower', cumulative: false })).toBeUndefined();
		expect(progressRate({ actual: 10, target: 10, baseline: 10, direction: 'higher', cumulative: true })).toBeUndefined();
		// 0/0/0: baseline, target and actual all zero.
		expect(progressRate({ actual: 0, target: 0, baseline: 0, direction: 'higher', cumulative: false })).toBeUndefined();
		expect(progressRate({ actual: 0, target: 0, baseline: 0, direction: 'higher', cumulative: true })).toBeUndefined();
	});

	it('is 0 (a defined rate) when the actual is 0 against a non-zero target', () => {
		expect(progressRate({ actual: 0, target: 10, baseline: null, direction: 'higher', cumulative: false })).toBe(0);
	});
});

describe('shareOfPlannedChange and the discrepancy flag', () => {
	it('shows how much of the planned cut was made', () => {
		expect(shareOfPlannedChange(425, 500, 300, false)).toBe(0.375);
		expect(isDiscrepant(300 / 425, 0.375)).toBe(true);
	});

	it('is undefined without a baseline unless cumulative (then 0)', () => {
		expect(shareOfPlannedChange(50, null, 100, false)).toBeUndefined();
		expect(shareOfPlannedChange(50, null, 100, true)).toBe(0.5);
		expect(shareOfPlannedChange(50, 100, 100, false)).toBeUndefined();
	});

	it('flags only a difference of more than 20 points', () => {
		expect(isDiscrepant(0.9, 0.7)).toBe(false);
		expect(isDiscrepant(0.91, 0.7)).toBe(true);
		expect(isDiscrepant(0.5, undefined)).toBe(false);
		expect(isDiscrepant(undefined, 0.5)).toBe(false);
	});
});

describe('classify', () => {
	const base = { direction: 'higher' as const, cumulative: false };
	it('is not_measured without an actual, whatever else', () => {
		expect(classify({ ...base, actual: null, rate: undefined, baseline: 5 })).toBe('not_measured');
	});
	it('is met at 100% or more', () => {
		expect(classify({ ...base, actual: 100, rate: 1, baseline: 50 })).toBe('met');
		expect(classify({ ...base, actual: 100, rate: 0.1 + 0.2 + 0.7, baseline: 50 })).toBe('met');
		expect(classify({ ...base, actual: 100, rate: 1.5, baseline: null })).toBe('met');
	});
	it('is unchanged without a baseline (non-cumulative) or when the actual equals it', () => {
		expect(classify({ ...base, actual: 60, rate: 0.6, baseline: null })).toBe('unchanged');
		expect(classify({ ...base, actual: 50, rate: 0.5, baseline: 50 })).toBe('unchanged');
	});
	it('is improved or worse by the KPI direction', () => {
		expect(classify({ ...base, actual: 60, rate: 0.6, baseline: 50 })).toBe('improved');
		expect(classify({ ...base, actual: 40, rate: 0.4, baseline: 50 })).toBe('worse');
		expect(classify({ ...base, direction: 'lower', actual: 425, rate: 0.706, baseline: 500 })).toBe('improved');
		expect(classify({ ...base, direction: 'lower', actual: 520, rate: 0.577, baseline: 500 })).toBe('worse');
	});
	it('counts a missing cumulative baseline as 0', () => {
		expect(classify({ ...base, cumulative: true, actual: 30, rate: 0.25, baseline: null })).toBe('improved');
		expect(classify({ ...base, cumulative: true, actual: 0, rate: 0, baseline: null })).toBe('unchanged');
	});
	it('has the Japanese labels of published evaluations', () => {
		expect(KPI_CLASS_LABELS).toEqual({ met: '目標達成', improved: '改善', unchanged: '変化なし', worse: '悪化', not_measured: '未把握' });
	});
});

describe('actualForYear and targetForYear', () => {
	const actuals = [actual(2019, 11, 'R1の数値'), actual(2021, 13), actual(2024, 20)];
	it('uses the latest actual up to and including the year', () => {
		expect(actualForYear(actuals, 2022)).toEqual(actual(2021, 13));
		expect(actualForYear(actuals, 2021)).toEqual(actual(2021, 13));
		expect(actualForYear(actuals, 2020)).toEqual(actual(2019, 11, 'R1の数値'));
		expect(actualForYear(actuals, 2018)).toBeNull();
		expect(actualForYear([actual(2024, 1), actual(2019, 2)], 2030)).toEqual(actual(2024, 1));
	});

	it('takes the final target by default, the year’s own when the register says so', () => {
		const k = kpi({ targets: { 2022: 90, 2024: 100 }, finalTarget: 100, targetYear: 2024 });
		expect(targetForYear(k, 2022)).toEqual({ value: 100, fiscalYear: 2024 });
		expect(targetForYear(k, 2022, 'yearly')).toEqual({ value: 90, fiscalYear: 2022 });
		expect(targetForYear(k, 2023, 'yearly')).toEqual({ value: 100, fiscalYear: 2024 });
		expect(targetForYear(kpi(), 2023)).toBeNull();
	});
});

describe('evaluateKpi', () => {
	it('evaluates a reduction KPI with the rate, the share and the flag', () => {
		const k = kpi({ direction: 'lower', baselineValue: 500, baselineYear: 2019, finalTarget: 300, targetYear: 2024 });
		const e = evaluateKpi(k, [actual(2022, 425)], { year: 2022 });
		expect(e.rate).toBeCloseTo(0.70588, 4);
		expect(e.shareOfPlannedChange).toBe(0.375);
		expect(e.discrepancy).toBe(true);
		expect(e.kpiClass).toBe('improved');
		expect(e.reachesThreshold).toBe(false);
	});

	it('evaluates a lower-is-better cumulative KPI by the share, without a flag', () => {
		const k = kpi({ direction: 'lower', cumulative: true, baselineValue: 500, finalTarget: 300 });
		const e = evaluateKpi(k, [actual(2022, 280)], { year: 2022 });
		expect(e.rate).toBe(1.1);
		expect(e.shareOfPlannedChange).toBe(1.1);
		expect(e.discrepancy).toBe(false);
		expect(e.kpiClass).toBe('met');
	});

	it('shows an older actual with its own year', () => {
		const k = kpi({ baselineValue: 10, finalTarget: 20 });
		const e = evaluateKpi(k, [actual(2019, 11)], { year: 2022 });
		expect(e.actual).toEqual(actual(2019, 11));
		expect(e.actualIsOlder).toBe(true);
		expect(e.kpiClass).toBe('improved');
	});

	it('with no baseline: defined rate, class unchanged unless met', () => {
		const k = kpi({ finalTarget: 100 });
		expect(evaluateKpi(k, [actual(2022, 85)], { year: 2022 })).toMatchObject({ rate: 0.85, kpiClass: 'unchanged', reachesThreshold: true, shareOfPlannedChange: undefined });
		expect(evaluateKpi(k, [actual(2022, 100)], { year: 2022 }).kpiClass).toBe('met');
	});

	it('with a zero target: rate undefined, class by the baseline', () => {
		const k = kpi({ direction: 'lower', baselineValue: 3, finalTarget: 0 });
		const e = evaluateKpi(k, [actual(2022, 0)], { year: 2022 });
		expect(e.rate).toBeUndefined();
		expect(e.kpiClass).toBe('improved');
		const up = kpi({ baselineValue: 0, finalTarget: 0 });
		expect(evaluateKpi(up, [actual(2022, 0)], { year: 2022 })).toMatchObject({ rate: undefined, kpiClass: 'unchanged' });
	});

	it('0/0/0 cumulative: undefined rate, unchanged', () => {
		const k = kpi({ cumulative: true, baselineValue: 0, finalTarget: 0 });
		expect(evaluateKpi(k, [actual(2022, 0)], { year: 2022 })).toMatchObject({ rate: undefined, shareOfPlannedChange: undefined, kpiClass: 'unchanged', reachesThreshold: false });
	});

	it('without an actual: not measured, nothing computed', () => {
		const k = kpi({ baselineValue: 5, finalTarget: 10 });
		expect(evaluateKpi(k, [actual(2023, 9)], { year: 2022 })).toMatchObject({ actual: null, rate: undefined, kpiClass: 'not_measured' });
	});

	it('a text target: rate undefined, class by the department’s judgement with its reason', () => {
		const k = kpi({ baselineValue: 1.51, finalTarget: '全国平均' });
		const pending = evaluateKpi(k, [actual(2022, 1.6)], { year: 2022 });
		expect(pending).toMatchObject({ rate: undefined, kpiClass: 'improved', classBasis: 'rule', needsJudgement: true });
		const judged = evaluateKpi(k, [actual(2022, 1.6)], { year: 2022, judgement: { judgedClass: 'met', reason: '全国平均1.58を上回った' } });
		expect(judged).toMatchObject({ rate: undefined, kpiClass: 'met', classBasis: 'judgement', judgementReason: '全国平均1.58を上回った', needsJudgement: false, target: '全国平均' });
		// A judgement does not make up for a missing actual.
		expect(evaluateKpi(k, [], { year: 2022, judgement: { judgedClass: 'met', reason: 'x' } }).kpiClass).toBe('not_measured');
	});

	it('uses the yearly target when the register says so', () => {
		const k = kpi({ baselineValue: 50, targets: { 2022: 80, 2024: 100 }, finalTarget: 100, targetYear: 2024 });
		expect(evaluateKpi(k, [actual(2022, 80)], { year: 2022 }).kpiClass).toBe('improved');
		expect(evaluateKpi(k, [actual(2022, 80)], { year: 2022, targetBasis: 'yearly' })).toMatchObject({ rate: 1, kpiClass: 'met', targetYear: 2022 });
	});

	it('the memuro sheet 2-2 figures: 93.6% of 95.0 and a cumulative count far past its target', () => {
		const liking = kpi({ name: '芽室町が好きな町民の割合', unit: '%', baselineValue: 98.6, finalTarget: 95, targetYear: 2024 });
		const e1 = evaluateKpi(liking, [actual(2020, 92.6), actual(2024, 93.6)], { year: 2024 });
		expect(e1.rate).toBeCloseTo(93.6 / 95, 12);
		expect(e1.kpiClass).toBe('worse');
		const gifts = kpi({ name: 'ふるさと納税の寄附件数', unit: '件', cumulative: true, baselineValue: 7023, finalTarget: 8000, targetYear: 2024 });
		const e2 = evaluateKpi(gifts, [actual(2024, 71924)], { year: 2024 });
		expect(e2.kpiClass).toBe('met');
	});
});

describe('summarise', () => {
	const goal2 = { code: '2', title: 'ひとの流れ' };
	const items: KpiToEvaluate[] = [
		{ kpi: kpi({ id: 'a', kind: 'goal_target', measure: null, baselineValue: 10, finalTarget: 20 }), actuals: [actual(2022, 20)] },
		{ kpi: kpi({ id: 'b', baselineValue: 10, finalTarget: 20 }), actuals: [actual(2022, 17)] },
		{ kpi: kpi({ id: 'c', baselineValue: 10, finalTarget: 20 }), actuals: [actual(2022, 9)] },
		{ kpi: kpi({ id: 'd', baselineValue: 10, finalTarget: 20 }), actuals: [] },
		{ kpi: kpi({ id: 'e', goal: goal2, measure: { code: '2-1', title: 'x' }, finalTarget: '現状維持' }), actuals: [actual(2022, 5)], judgement: { judgedClass: 'unchanged', reason: '維持' } },
		{ kpi: kpi({ id: 'f', goal: goal2, measure: { code: '2-1', title: 'x' }, baselineValue: 5, finalTarget: 0 }), actuals: [actual(2022, 5)] }
	];
	const summary = summarise(evaluateRegister(items, { year: 2022 }));

	it('counts classes per goal, goal targets and measure KPIs apart', () => {
		expect(summary.goals.map((g) => g.goal.code)).toEqual(['1', '2']);
		const g1 = summary.goals[0]!;
		expect(g1.goalTargets.counts).toEqual({ met: 1, improved: 0, unchanged: 0, worse: 0, not_measured: 0 });
		expect(g1.measureKpis.counts).toEqual({ met: 0, improved: 1, unchanged: 0, worse: 1, not_measured: 1 });
		expect(g1.all.total).toBe(4);
	});

	it('counts KPIs at 80% or more among those with a rate', () => {
		const g1 = summary.goals[0]!;
		expect(g1.measureKpis).toMatchObject({ rated: 2, reachingThreshold: 1, thresholdShare: 0.5 });
		expect(g1.goalTargets).toMatchObject({ rated: 1, reachingThreshold: 1, thresholdShare: 1 });
		const g2 = summary.goals[1]!;
		expect(g2.measureKpis).toMatchObject({ total: 2, rated: 0, reachingThreshold: 0, thresholdShare: undefined });
		expect(g2.measureKpis.counts.unchanged).toBe(2);
	});

	it('adds up to the whole strategy', () => {
		expect(summary.strategy.all.total).toBe(6);
		expect(summary.strategy.all.counts).toEqual({ met: 1, improved: 1, unchanged: 2, worse: 1, not_measured: 1 });
		expect(summary.strategy.measureKpis.total).toBe(5);
		expect(summary.strategy.all).toMatchObject({ rated: 3, reachingThreshold: 2 });
	});

	it('finds the latest year with an actual', () => {
		expect(latestActualYear(items)).toBe(2022);
		expect(latestActualYear([])).toBeNull();
	});
});
