/**
 * The achievement table (達成状況一覧) as published evaluation reports print it: A3 landscape,
 * one row per KPI — goal, measure, KPI, unit, baseline (a), actual (b), target (c), progress
 * rate, class, ※, direction — then the per-goal summary (counts per class and the share of KPIs
 * with progress ≥ 80%, goal targets and measure KPIs apart). Header rows repeat on every printed
 * page; every text cell wraps and every row is tall enough for its longest cell, so nothing is
 * cut off when printed (Excel does not grow rows of merged or pre-written cells by itself).
 */
import ExcelJS from 'exceljs';
import { BORDER, cellValue, numberFormat, SPREADSHEET_FONT } from './xlsx-kpi';
import { roundHalfUp } from '$lib/domain/evaluation/japanese-number';
import { formatFiscalYearShort, formatEraFiscalYear, formatDate } from '$lib/domain/fiscal-year';
import { KPI_CLASS_LABELS, KPI_CLASSES, type ClassTally, type EvaluatedKpi, type EvaluationSummary } from '$lib/domain/evaluation/progress';
import { goalCodeLabel } from '$lib/domain/evaluation/register-kpi';

export const ACHIEVEMENT_SHEET_NAME = '達成状況';
/** Row 1 the title, row 2 the headings (repeated when printed). */
export const ACHIEVEMENT_HEADER_ROWS = 2;

export const ACHIEVEMENT_COLUMNS = [
	{ header: '基本目標', width: 22 },
	{ header: '施策', width: 26 },
	{ header: '指標（KPI）', width: 32 },
	{ header: '単位', width: 8 },
	{ header: '基準値(a)', width: 12 },
	{ header: '実績値(b)', width: 13 },
	{ header: '目標値(c)', width: 12 },
	{ header: '進捗率', width: 9 },
	{ header: '区分', width: 10 },
	{ header: '※', width: 4 },
	{ header: '方向', width: 7 }
] as const;

export interface AchievementInfo {
	townName: string;
	strategyName: string;
	year: number;
	date: number;
}

/** Display width of text in Excel column units: full-width characters count two. */
function textWidth(text: string): number {
	let w = 0;
	for (const ch of text) w += /[\u0000-\u00ff\uff61-\uff9f]/.test(ch) ? 1 : 2;
	return w;
}

/** Lines a cell of this column width needs (wrapped), counting explicit line breaks. */
function linesFor(text: string, width: number): number {
	return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(1, width - 1))), 0);
}

const LINE_HEIGHT = 14;

function fitRowHeight(row: ExcelJS.Row, texts: readonly string[], widths: readonly number[]): void {
	const lines = Math.max(1, ...texts.map((t, i) => linesFor(t, widths[i] ?? 10)));
	row.height = lines * LINE_HEIGHT + 4;
}

const rateCell = (rate: number | undefined): number | string =>
	rate === undefined || !Number.isFinite(rate) ? '—' : roundHalfUp(rate * 100, 1) / 100;

export async function achievementWorkbook(items: readonly EvaluatedKpi[], summary: EvaluationSummary, info: AchievementInfo): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = info.townName;
	wb.title = `${info.strategyName} 達成状況一覧 ${formatFiscalYearShort(info.year)}`;
	wb.created = new Date(info.date);
	const widths = ACHIEVEMENT_COLUMNS.map((c) => c.width);
	const lastCol = ACHIEVEMENT_COLUMNS.length;
	const ws = wb.addWorksheet(ACHIEVEMENT_SHEET_NAME, {
		pageSetup: {
			paperSize: 8 as unknown as ExcelJS.PaperSize, // A3 (exceljs's enum lists no A3)
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			horizontalCentered: true,
			margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
			printTitlesRow: `1:${ACHIEVEMENT_HEADER_ROWS}`
		},
		headerFooter: { oddFooter: '&C&P / &N' },
		views: [{ state: 'frozen', xSplit: 0, ySplit: ACHIEVEMENT_HEADER_ROWS, topLeftCell: 'A3', activeCell: 'A3' }]
	});
	widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

	const title = `${info.townName} ${info.strategyName} KPI達成状況一覧　${formatEraFiscalYear(info.year)}（${formatDate(info.date, { era: true })}現在）`;
	ws.getCell(1, 1).value = cellValue(title);
	ws.mergeCells(1, 1, 1, lastCol);
	ws.getRow(1).font = { name: SPREADSHEET_FONT, size: 14, bold: true };
	ws.getRow(1).height = 24;
	const header = ws.getRow(2);
	ACHIEVEMENT_COLUMNS.forEach((c, i) => {
		const cell = header.getCell(i + 1);
		cell.value = c.header;
		cell.font = { name: SPREADSHEET_FONT, size: 10, bold: true };
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
		cell.border = BORDER;
	});
	header.height = 20;

	let r = ACHIEVEMENT_HEADER_ROWS + 1;
	for (const { kpi, evaluation: e } of items) {
		const older = e.actual !== null && e.actualIsOlder;
		const values: Array<string | number | null> = [
			`${goalCodeLabel(kpi.goal.code)} ${kpi.goal.title}`.trim(),
			kpi.measure ? `施策${kpi.measure.code} ${kpi.measure.title}`.trim() : '（数値目標）',
			kpi.name,
			kpi.unit,
			kpi.baselineValue,
			e.actual === null ? '—' : older ? `${e.actual.value}（${formatFiscalYearShort(e.actual.fiscalYear)}）` : e.actual.value,
			e.target,
			rateCell(e.rate),
			KPI_CLASS_LABELS[e.kpiClass],
			kpi.cumulative ? '※' : '',
			kpi.direction === 'lower' ? '↓減少' : '↑増加'
		];
		const row = ws.getRow(r);
		values.forEach((v, c) => {
			const cell = row.getCell(c + 1);
			cell.value = cellValue(v);
			cell.font = { name: SPREADSHEET_FONT, size: 10 };
			cell.border = BORDER;
			const numeric = typeof v === 'number';
			cell.alignment = { vertical: 'top', wrapText: true, horizontal: numeric || c >= 4 ? (c >= 8 ? 'center' : 'right') : 'left' };
			if (numeric) cell.numFmt = c === 7 ? '0.0%' : numberFormat(v);
		});
		fitRowHeight(row, values.map((v) => (v === null ? '' : String(v))), widths);
		r++;
	}
	if (items.length === 0) {
		ws.getCell(r, 1).value = 'KPI台帳に指標がありません。';
		r++;
	}
	ws.getCell(r, 1).value = '進捗率＝実績値(b)÷目標値(c)（減少が望ましい指標は(c)÷(b)）。※累計の指標は((b)−(a))÷((c)−(a))。';
	ws.mergeCells(r, 1, r, lastCol);
	ws.getCell(r, 1).alignment = { wrapText: true };
	ws.getCell(r, 1).font = { name: SPREADSHEET_FONT, size: 9 };
	r += 2;

	// ─── summary per goal ───
	const summaryHeader = ['基本目標', '区分', 'KPI数', ...KPI_CLASSES.map((c) => KPI_CLASS_LABELS[c]), '進捗率80%以上', '割合'];
	ws.getCell(r, 1).value = '基本目標別の集計';
	ws.getCell(r, 1).font = { name: SPREADSHEET_FONT, size: 12, bold: true };
	r++;
	const headRow = ws.getRow(r);
	summaryHeader.forEach((h, i) => {
		const cell = headRow.getCell(i + 1);
		cell.value = h;
		cell.font = { name: SPREADSHEET_FONT, size: 10, bold: true };
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
		cell.border = BORDER;
	});
	r++;
	const writeTally = (label: string, part: string, t: ClassTally) => {
		const values: Array<string | number> = [
			label,
			part,
			t.total,
			...KPI_CLASSES.map((c) => t.counts[c]),
			t.reachingThreshold,
			t.thresholdShare === undefined ? '—' : roundHalfUp(t.thresholdShare * 100, 1) / 100
		];
		const row = ws.getRow(r);
		values.forEach((v, i) => {
			const cell = row.getCell(i + 1);
			cell.value = cellValue(v);
			cell.font = { name: SPREADSHEET_FONT, size: 10 };
			cell.border = BORDER;
			cell.alignment = { wrapText: true, vertical: 'top', horizontal: typeof v === 'number' ? 'right' : 'left' };
			if (i === values.length - 1 && typeof v === 'number') cell.numFmt = '0.0%';
		});
		fitRowHeight(row, values.map(String), widths);
		r++;
	};
	for (const g of summary.goals) {
		const label = `${goalCodeLabel(g.goal.code)} ${g.goal.title}`.trim();
		writeTally(label, '数値目標', g.goalTargets);
		writeTally(label, '施策のKPI', g.measureKpis);
	}
	writeTally('全体', '数値目標', summary.strategy.goalTargets);
	writeTally('全体', '施策のKPI', summary.strategy.measureKpis);
	writeTally('全体', '合計', summary.strategy.all);
	ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + lastCol)}${r - 1}`;

	return Buffer.from(await wb.xlsx.writeBuffer());
}
