/**
 * The evaluation's downloads by file name: the achievement table as .xlsx and as CSV (the core's
 * CSV writer, with a BOM so Excel opens it as UTF-8). Names carry the year and a zero-padded
 * date in Japan time: 「みらい町_達成状況_R6_2026-12-02.xlsx」.
 */
import type { Db } from '../db';
import type { Workspace } from '../repositories/workspaces';
import { achievementWorkbook } from '../export/xlsx-achievement';
import { isoDateInJapan } from './dates';
import { defaultEvaluationYear, evaluateLoaded, loadRegister } from './register-view';
import { evaluationCsv } from '$lib/domain/evaluation/evaluation-csv';
import { formatFiscalYearShort } from '$lib/domain/fiscal-year';

export const EVALUATION_EXPORTS = {
	'achievement.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'achievement.csv': 'text/csv; charset=utf-8'
} as const;
export type EvaluationExport = keyof typeof EVALUATION_EXPORTS;
export const isEvaluationExport = (name: string): name is EvaluationExport => Object.hasOwn(EVALUATION_EXPORTS, name);

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '').trim();

export async function buildEvaluationExport(
	db: Db,
	workspace: Workspace,
	file: EvaluationExport,
	year: number | null,
	now = Date.now()
): Promise<{ body: Uint8Array | string; contentType: string; fileName: string; year: number }> {
	const loaded = await loadRegister(db, workspace.id);
	const y = year ?? defaultEvaluationYear(loaded, now);
	const evaluated = evaluateLoaded(loaded, y);
	const base = safeName(`${workspace.townName}_達成状況_${formatFiscalYearShort(y)}_${isoDateInJapan(now)}`);
	const contentType = EVALUATION_EXPORTS[file];
	if (file === 'achievement.xlsx') {
		const body = await achievementWorkbook(evaluated.items, evaluated.summary, {
			townName: workspace.townName,
			strategyName: workspace.strategyName,
			year: y,
			date: now
		});
		return { body, contentType, fileName: `${base}.xlsx`, year: y };
	}
	return { body: `\uFEFF${evaluationCsv(evaluated.items)}`, contentType, fileName: `${base}.csv`, year: y };
}
