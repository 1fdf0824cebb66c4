import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { EVALUATION_CSV_COLUMNS, evaluationCsv, evaluationSummaryText, formatTally } from './evaluation-csv';
import { evaluateRegister, summarise, type KpiToEvaluate } from './progress';
import { blankRegisterKpi, type RegisterKpi } from './register-kpi';

const goal = { code: '1', title: 'しごとをつくる' };
const kpi = (o: Partial<RegisterKpi>): RegisterKpi => ({ ...blankRegisterKpi('k', goal, { code: '1-1', title: '担い手' }), name: '指標', unit: '人', ...o });

const items: KpiToEvaluate[] = [
	{ kpi: kpi({ name: '削減', direction: 'lower', baselineValue: 500, finalTarget: 300 }), actuals: [{ fiscalYear: 2022, value: 425, note: '' }] },
	{ kpi: kpi({ name: '=SUM(A1)', baselineValue: -120, finalTarget: 0 }), actuals: [{ fiscalYear: 2022, value: -30, note: '' }] },
	{ kpi: kpi({ name: '出生率, 合計特殊', kind: 'goal_target', measure: null, baselineValue: 1.51, finalTarget: '全国平均' }), actuals: [] },
	{ kpi: kpi({ name: '1/3', baselineValue: 0, finalTarget: 3 }), actuals: [{ fiscalYear: 2022, value: 1, note: '' }] }
];
const evaluated = evaluateRegister(items, { year: 2022 });

describe('evaluationCsv', () => {
	const rows = Papa.parse<string[]>(evaluationCsv(evaluated).trim()).data;
	it('writes the issue’s columns in order', () => {
		expect(rows[0]).toEqual([...EVALUATION_CSV_COLUMNS]);
		expect(EVALUATION_CSV_COLUMNS).toEqual(['goal', 'measure', 'kpi', 'unit', 'baseline', 'actual', 'target', 'progress_rate', 'class']);
	});
	it('writes plain numbers, the rate in percent with one decimal, the class key', () => {
		expect(rows[1]).toEqual(['基本目標1 しごとをつくる', '1-1 担い手', '削減', '人', '500', '425', '300', '70.6', 'improved']);
		expect(rows[4]).toEqual(['基本目標1 しごとをつくる', '1-1 担い手', '1/3', '人', '0', '1', '3', '33.3', 'improved']);
	});
	it('leaves the rate empty when undefined (never 0), minus as -, text targets as written', () => {
		expect(rows[2]!.slice(4)).toEqual(['-120', '-30', '0', '', 'improved']);
		expect(rows[3]).toEqual(['基本目標1 しごとをつくる', '', '出生率, 合計特殊', '人', '1.51', '', '全国平均', '', 'not_measured']);
	});
	it('neutralises text that a spreadsheet would run as a formula', () => {
		expect(rows[2]![2]).toBe("'=SUM(A1)");
	});
});

describe('evaluationSummaryText', () => {
	const summary = summarise(evaluated);
	it('prints each goal and the whole strategy, goal targets and measure KPIs apart', () => {
		const text = evaluationSummaryText(summary);
		expect(text.split('\n')).toEqual([
			'基本目標1 しごとをつくる',
			`  数値目標 ${formatTally(summary.goals[0]!.goalTargets)}`,
			`  施策KPI ${formatTally(summary.goals[0]!.measureKpis)}`,
			`  合計 ${formatTally(summary.goals[0]!.all)}`,
			'戦略全体',
			`  数値目標 ${formatTally(summary.strategy.goalTargets)}`,
			`  施策KPI ${formatTally(summary.strategy.measureKpis)}`,
			`  合計 ${formatTally(summary.strategy.all)}`,
			''
		]);
		expect(formatTally(summary.strategy.measureKpis)).toBe('3件: 目標達成 0 / 改善 3 / 変化なし 0 / 悪化 0 / 未把握 0 ／ 進捗率80%以上 0/2件（0.0%）');
		expect(formatTally(summary.strategy.goalTargets)).toBe('1件: 目標達成 0 / 改善 0 / 変化なし 0 / 悪化 0 / 未把握 1 ／ 進捗率80%以上 0/0件（—）');
	});
});
