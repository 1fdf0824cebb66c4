/**
 * The KPI list as an Excel workbook for the council: A3 landscape, every basic goal with its
 * numeric targets (数値目標) first, then each measure (coded 4-1-2) with its KPIs, the direction
 * each should move (↑ 増加 / ↓ 減少), yearly targets, and empty columns for what the yearly
 * evaluation fills in (基準日・調査日, 結果公表日, 確認方法). Text wraps and every row is as high
 * as its text needs (cell-fit.ts): no office suite grows rows by itself for a written file. The
 * header rows are frozen on screen and repeated on every printed page; page numbers in the footer.
 */
import ExcelJS from 'exceljs';
import { neutraliseCell } from '$lib/domain/spreadsheet-cell';
import { fiscalYearRange, formatDate, formatFiscalYearShort } from '$lib/domain/fiscal-year';
import type { DocumentInfo } from '$lib/domain/strategy-document';
import { kpiTableRows, type KpiTableRow } from '$lib/domain/strategy-kpi-list';
import type { StrategyDraft } from '$lib/domain/strategy-draft';
import { fitRowHeights, type FitCell } from './cell-fit';

export const KPI_SHEET_NAME = 'KPI一覧';
/** Rows 1–3: the title row and the two header rows (repeated when printed). */
export const KPI_HEADER_ROWS = 3;
export const SPREADSHEET_FONT = 'ＭＳ Ｐゴシック';
/**
 * Body text size. Column widths total about 200 (Excel's unit): Excel prints them on A3 at full
 * size; LibreOffice without Calibri's metrics (Carlito) makes each unit wider and shrinks the
 * page to fit, to about 83 %, which still prints 10 pt text above 8 pt (export-layout.test.ts).
 */
const BODY_SIZE = 10;

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
export const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Text cells are neutralised (and left empty rather than holding ""); numbers stay numbers. */
export function cellValue(value: string | number | null): string | number | null {
	if (typeof value !== 'string') return value;
	return value === '' ? null : neutraliseCell(value);
}

/** Thousands separators; a minus prints as △, as Japanese public documents write it. */
export function numberFormat(value: number): string {
	const f = Number.isInteger(value) ? '#,##0' : '#,##0.0#';
	return `${f};"△"${f}`;
}

/** The title names the town once (the strategy's name usually holds it already). */
export function kpiTitle(info: DocumentInfo): string {
	const name = info.strategyName.includes(info.townName) ? info.strategyName : `${info.townName} ${info.strategyName}`;
	return `${name}　重要業績評価指標（KPI）一覧　${info.versionLabel}（${formatDate(info.date, { era: true })}）`;
}

export const KPI_NOTES = [
	'※ 累計値：基準値からの累計で示す指標です。',
	'方向：↑ 増加 は値が増えるほど、↓ 減少 は値が減るほど望ましい指標です。△ はマイナスを表します。',
	'基準日・調査日、結果公表日、確認方法は、効果検証の際に記入します。'
];

interface Column {
	header: string;
	width: number;
	value: (r: KpiTableRow) => string | number | null;
	align?: 'center' | 'right';
}

export function kpiColumns(years: readonly number[]): Column[] {
	return [
		{ header: '基本目標', width: 12, value: (r) => r.goal },
		{ header: '基本的方向', width: 12, value: (r) => r.direction },
		{ header: '具体的な施策', width: 13, value: (r) => r.measure },
		{ header: '区分', width: 12, value: (r) => r.kindLabel, align: 'center' },
		{ header: '指標', width: 21, value: (r) => r.indicator },
		{ header: '方向', width: 7, value: (r) => r.directionMark, align: 'center' },
		{ header: '単位', width: 6.5, value: (r) => r.unit, align: 'center' },
		{ header: '基準値', width: 10, value: (r) => r.baselineValue },
		{ header: '基準年度', width: 8.5, value: (r) => (r.baselineYear === null ? null : formatFiscalYearShort(r.baselineYear)), align: 'center' },
		...years.map((y, i): Column => ({ header: `${formatFiscalYearShort(y)}\n（${y}）`, width: 10, value: (r) => r.targets[i] ?? null })),
		{ header: '基準日・\n調査日', width: 8, value: () => null },
		{ header: '結果\n公表日', width: 7, value: () => null },
		{ header: '確認方法', width: 8.5, value: () => null },
		{ header: '計測方法', width: 15, value: (r) => r.measurementMethod },
		{ header: '担当課', width: 10.5, value: (r) => r.department }
	];
}

export async function kpiWorkbook(draft: StrategyDraft, info: DocumentInfo): Promise<Buffer> {
	const years = fiscalYearRange(info.planStartFy, info.planEndFy);
	const rows = kpiTableRows(draft, years);
	const wb = new ExcelJS.Workbook();
	wb.creator = info.townName;
	wb.title = `${info.strategyName} KPI一覧`;
	wb.created = new Date(info.date);

	const columns = kpiColumns(years);
	const lastCol = columns.length;
	const firstYearCol = 10;
	const ws = wb.addWorksheet(KPI_SHEET_NAME, {
		pageSetup: {
			// A3 (Excel's paper size 8; exceljs's enum lists no A3)
			paperSize: 8 as unknown as ExcelJS.PaperSize,
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			horizontalCentered: true,
			margins: { left: 0.25, right: 0.25, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
			printTitlesRow: `1:${KPI_HEADER_ROWS}`
		},
		headerFooter: { oddFooter: '&C&P / &N' },
		views: [{ state: 'frozen', xSplit: 0, ySplit: KPI_HEADER_ROWS, topLeftCell: `A${KPI_HEADER_ROWS + 1}`, activeCell: `A${KPI_HEADER_ROWS + 1}` }]
	});
	columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
	const fit: FitCell[] = [];

	ws.getCell(1, 1).value = cellValue(kpiTitle(info));
	ws.mergeCells(1, 1, 1, lastCol);
	ws.getCell(1, 1).font = { name: SPREADSHEET_FONT, size: 14, bold: true };
	ws.getCell(1, 1).alignment = { vertical: 'middle', wrapText: true };
	fit.push({ row: 1, col: 1, cols: lastCol, text: kpiTitle(info), size: 14 });

	// header: single headings span rows 2–3; 目標値 spans the year columns with the years below
	columns.forEach((c, i) => {
		const col = i + 1;
		if (col >= firstYearCol && col < firstYearCol + years.length) {
			ws.getCell(3, col).value = c.header;
			fit.push({ row: 3, col, text: c.header });
			return;
		}
		ws.getCell(2, col).value = c.header;
		ws.mergeCells(2, col, 3, col);
		fit.push({ row: 2, col, rows: 2, text: c.header });
	});
	if (years.length > 0) {
		ws.getCell(2, firstYearCol).value = '目標値';
		ws.mergeCells(2, firstYearCol, 2, firstYearCol + years.length - 1);
	}
	for (const r of [2, 3]) {
		const row = ws.getRow(r);
		for (let col = 1; col <= lastCol; col++) {
			const cell = row.getCell(col);
			cell.font = { name: SPREADSHEET_FONT, size: BODY_SIZE, bold: true };
			cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
			cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
			cell.border = BORDER;
		}
	}

	rows.forEach((r, i) => {
		const rowNumber = KPI_HEADER_ROWS + 1 + i;
		const row = ws.getRow(rowNumber);
		columns.forEach((c, ci) => {
			const v = c.value(r);
			const cell = row.getCell(ci + 1);
			cell.value = cellValue(v);
			const placeholder = (r.kind !== 'kpi' && r.kind !== 'numericTarget' && ci === 4) || (r.kind === 'noMeasure' && ci === 2);
			cell.font = { name: SPREADSHEET_FONT, size: BODY_SIZE, color: placeholder ? { argb: 'FF595959' } : undefined };
			cell.border = BORDER;
			const horizontal = typeof v === 'number' ? 'right' : (c.align ?? 'left');
			cell.alignment = { vertical: 'top', wrapText: true, horizontal };
			if (typeof v === 'number') cell.numFmt = numberFormat(v);
			if (ci >= 3 || (r.kind !== 'numericTarget' && r.kind !== 'noNumericTarget') || ci === 0) fit.push({ row: rowNumber, col: ci + 1, text: v });
			if (r.kind === 'numericTarget' || r.kind === 'noNumericTarget') {
				if (ci === 1 || ci === 2) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
			}
		});
	});

	// merge the goal, direction and measure cells over their consecutive rows (the numeric
	// targets' 【数値目標】 spans the direction and measure columns)
	const runs = (key: (r: KpiTableRow) => string, onRun: (start: number, end: number, r: KpiTableRow) => void) => {
		let start = 0;
		for (let i = 1; i <= rows.length; i++) {
			if (i === rows.length || key(rows[i]!) !== key(rows[start]!)) {
				onRun(KPI_HEADER_ROWS + 1 + start, KPI_HEADER_ROWS + i, rows[start]!);
				start = i;
			}
		}
	};
	const span = (start: number, end: number, col: number, cols = 1) => {
		if (end > start || cols > 1) ws.mergeCells(start, col, end, col + cols - 1);
	};
	runs((r) => String(r.goalId), (s, e, r) => {
		span(s, e, 1);
		fit.push({ row: s, col: 1, rows: e - s + 1, text: r.goal });
	});
	runs((r) => r.directionKey, (s, e, r) => {
		const targets = r.kind === 'numericTarget' || r.kind === 'noNumericTarget';
		span(s, e, 2, targets ? 2 : 1);
		fit.push({ row: s, col: 2, rows: e - s + 1, cols: targets ? 2 : 1, text: r.direction });
	});
	runs((r) => r.measureKey, (s, e, r) => {
		if (r.kind === 'numericTarget' || r.kind === 'noNumericTarget') return;
		span(s, e, 3);
		fit.push({ row: s, col: 3, rows: e - s + 1, text: r.measure });
	});
	// cells of the first column merged over rows were pushed as single cells above: drop those
	const merged = fit.filter((c, i) => !(c.row > KPI_HEADER_ROWS && (c.rows ?? 1) === 1 && c.col <= 3 && fit.some((m, j) => j !== i && m.col === c.col && (m.rows ?? 1) > 1 && m.row <= c.row && c.row < m.row + m.rows!)));

	let after = KPI_HEADER_ROWS + rows.length + 2;
	const notes = rows.some((r) => r.cumulative) ? KPI_NOTES : KPI_NOTES.slice(1);
	for (const note of notes) {
		ws.getCell(after, 1).value = note;
		ws.mergeCells(after, 1, after, lastCol);
		ws.getCell(after, 1).font = { name: SPREADSHEET_FONT, size: BODY_SIZE };
		after++;
	}

	for (const [r, h] of fitRowHeights(merged, (c) => columns[c - 1]?.width ?? 9)) ws.getRow(r).height = h;
	return Buffer.from(await wb.xlsx.writeBuffer());
}
