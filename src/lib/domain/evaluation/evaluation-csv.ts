/**
 * The achievement table as CSV (goal, measure, kpi, unit, baseline, actual, target,
 * progress_rate, class) and the per-goal summary as text, for planning sections and scripts.
 *
 * Why here: the app's CSV download and the `evaluate` command must print the same cells from
 * the same evaluation; both call these functions. Numbers are plain (no thousands commas, '-' for
 * minus) so scripts can read them; progress_rate is a percentage with one decimal (half up),
 * empty when undefined; class uses the stable English keys. Text cells pass through
 * `neutraliseCell` (formula injection). Pure.
 */
import Papa from 'papaparse';
import { neutraliseCell } from '../spreadsheet-cell';
import { formatJapaneseNumber, formatRate, ratePercent } from './japanese-number';
import {
	KPI_CLASSES,
	KPI_CLASS_LABELS,
	type ClassTally,
	type EvaluatedKpi,
	type EvaluationSummary,
	type SummaryParts
} from './progress';
import { goalCodeLabel } from './register-kpi';

export const EVALUATION_CSV_COLUMNS = [
	'goal',
	'measure',
	'kpi',
	'unit',
	'baseline',
	'actual',
	'target',
	'progress_rate',
	'class'
] as const;

const plain = (value: number | null | undefined): string =>
	value === null || value === undefined ? '' : formatJapaneseNumber(value, { grouping: false, minus: '-' });

/** One row of cells per KPI, in the order given. */
export function evaluationCsvRows(items: readonly EvaluatedKpi[]): string[][] {
	return items.map(({ kpi, evaluation }) => {
		const target = evaluation.target;
		const rate = ratePercent(evaluation.rate);
		return [
			neutraliseCell(`${goalCodeLabel(kpi.goal.code)} ${kpi.goal.title}`.trim()),
			neutraliseCell(kpi.measure ? `${kpi.measure.code} ${kpi.measure.title}`.trim() : ''),
			neutraliseCell(kpi.name),
			neutraliseCell(kpi.unit),
			plain(kpi.baselineValue),
			plain(evaluation.actual?.value),
			typeof target === 'number' ? plain(target) : neutraliseCell(target ?? ''),
			rate === null ? '' : rate.toFixed(1),
			evaluation.kpiClass
		];
	});
}

/** The whole CSV with its header row, lines ended by \n. */
export function evaluationCsv(items: readonly EvaluatedKpi[]): string {
	return `${Papa.unparse([[...EVALUATION_CSV_COLUMNS], ...evaluationCsvRows(items)], { newline: '\n' })}\n`;
}

/** 「目標達成 1 / 改善 2 / 変化なし 0 / 悪化 1 / 未把握 0 ／ 進捗率80%以上 2/4件（50.0%）」. */
export function formatTally(tally: ClassTally): string {
	const counts = KPI_CLASSES.map((c) => `${KPI_CLASS_LABELS[c]} ${tally.counts[c]}`).join(' / ');
	const share = tally.thresholdShare === undefined ? '—' : formatRate(tally.thresholdShare);
	return `${tally.total}件: ${counts} ／ 進捗率80%以上 ${tally.reachingThreshold}/${tally.rated}件（${share}）`;
}

function partsLines(parts: SummaryParts): string[] {
	const lines: string[] = [];
	if (parts.goalTargets.total > 0) lines.push(`  数値目標 ${formatTally(parts.goalTargets)}`);
	if (parts.measureKpis.total > 0) lines.push(`  施策KPI ${formatTally(parts.measureKpis)}`);
	lines.push(`  合計 ${formatTally(parts.all)}`);
	return lines;
}

/** The per-goal summary and the whole strategy as lines of text (the CLI prints it after the CSV). */
export function evaluationSummaryText(summary: EvaluationSummary): string {
	const lines: string[] = [];
	for (const goal of summary.goals) {
		lines.push(`${goalCodeLabel(goal.goal.code)} ${goal.goal.title}`.trim());
		lines.push(...partsLines(goal));
	}
	lines.push('戦略全体');
	lines.push(...partsLines(summary.strategy));
	return `${lines.join('\n')}\n`;
}
