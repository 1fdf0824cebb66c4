/**
 * The KPI list as an Excel workbook for the council: A3 landscape, one row per KPI, the goal,
 * direction and measure cells merged over their rows, the header rows frozen on screen and
 * repeated on every printed page (print titles), page numbers in the footer.
 */
import ExcelJS from 'exceljs';
import { neutraliseCell } from '$lib/domain/spreadsheet-cell';
import { fiscalYearRange, formatDate, formatFiscalYearShort } from '$lib/domain/fiscal-year';
import type { DocumentInfo } from '$lib/domain/strategy-document';
import { KPI_KIND_LABEL } from '$lib/domain/strategy-document';
import { kpiListRows } from '$lib/domain/strategy-kpi-list';
import type { StrategyDraft } from '$lib/domain/strategy-draft';

export const KPI_SHEET_NAME = 'KPI一覧';
/** Rows 1–3: the title row and the two header rows (repeated when printed). */
export const KPI_HEADER_ROWS = 3;
export const SPREADSHEET_FONT = 'ＭＳ Ｐゴシック';

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
export const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Text cells are neutralised (and left empty rather than holding ""); numbers stay numbers. */
export function cellValue(value: string | number | null): string | number | null {
	if (typeof value !== 'string') return value;
	return value === '' ? null : neutraliseCell(value);
}

export function numberFormat(value: number): string {
	return Number.isInteger(value) ? '#,##0' : '#,##0.0#';
}

export async function kpiWorkbook(draft: StrategyDraft, info: DocumentInfo): Promise<Buffer> {
	const years = fiscalYearRange(info.planStartFy, info.planEndFy);
	const rows = kpiListRows(draft, years);
	const wb = new ExcelJS.Workbook();
	wb.creator = info.townName;
	wb.title = `${info.strategyName} KPI一覧`;
	wb.created = new Date(info.date);

	const columns = [
		{ header: '基本目標', width: 22 },
		{ header: '基本的方向', width: 24 },
		{ header: '具体的な施策', width: 26 },
		{ header: 'KPI', width: 30 },
		{ header: '種別', width: 11 },
		{ header: '単位', width: 7 },
		{ header: '基準値', width: 10 },
		{ header: '基準年度', width: 8 },
		...years.map(() => ({ header: '', width: 10 })),
		{ header: '計測方法', width: 28 },
		{ header: '担当課', width: 14 }
	];
	const lastCol = columns.length;
	const firstYearCol = 9;
	const ws = wb.addWorksheet(KPI_SHEET_NAME, {
		pageSetup: {
			// A3 (Excel's paper size 8; exceljs's enum lists no A3)
			paperSize: 8 as unknown as ExcelJS.PaperSize,
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			horizontalCentered: true,
			margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
			printTitlesRow: `1:${KPI_HEADER_ROWS}`
		},
		headerFooter: { oddFooter: '&C&P / &N' },
		views: [{ state: 'frozen', xSplit: 0, ySplit: KPI_HEADER_ROWS, topLeftCell: `A${KPI_HEADER_ROWS + 1}`, activeCell: `A${KPI_HEADER_ROWS + 1}` }]
	});
	columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));

	const title = `${info.townName} ${info.strategyName} 重要業績評価指標（KPI）一覧　${info.versionLabel}（${formatDate(info.date, { era: true })}）`;
	ws.getCell(1, 1).value = cellValue(title);
	ws.mergeCells(1, 1, 1, lastCol);
	ws.getRow(1).font = { name: SPREADSHEET_FONT, size: 14, bold: true };
	ws.getRow(1).height = 24;

	// header: single headings span rows 2–3; 目標値 spans the year columns with the years below
	columns.forEach((c, i) => {
		const col = i + 1;
		if (col >= firstYearCol && col < firstYearCol + years.length) return;
		ws.getCell(2, col).value = c.header;
		ws.mergeCells(2, col, 3, col);
	});
	if (years.length > 0) {
		ws.getCell(2, firstYearCol).value = '目標値';
		ws.mergeCells(2, firstYearCol, 2, firstYearCol + years.length - 1);
		years.forEach((y, i) => (ws.getCell(3, firstYearCol + i).value = `${formatFiscalYearShort(y)}（${y}）`));
	}
	for (const r of [2, 3]) {
		const row = ws.getRow(r);
		for (let col = 1; col <= lastCol; col++) {
			const cell = row.getCell(col);
			cell.font = { name: SPREADSHEET_FONT, size: 10, bold: true };
			cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
			cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
			cell.border = BORDER;
		}
	}

	rows.forEach((r, i) => {
		const rowNumber = KPI_HEADER_ROWS + 1 + i;
		const values: Array<string | number | null> = [
			r.goal,
			r.direction,
			r.measure,
			r.kpi + (r.cumulative ? '※' : ''),
			KPI_KIND_LABEL[r.kind],
			r.unit,
			r.baselineValue,
			r.baselineYear === null ? null : formatFiscalYearShort(r.baselineYear),
			...r.targets,
			r.measurementMethod,
			r.department
		];
		const row = ws.getRow(rowNumber);
		values.forEach((v, c) => {
			const cell = row.getCell(c + 1);
			cell.value = cellValue(v);
			cell.font = { name: SPREADSHEET_FONT, size: 10 };
			cell.border = BORDER;
			cell.alignment = { vertical: 'top', wrapText: true, horizontal: typeof v === 'number' ? 'right' : 'left' };
			if (typeof v === 'number') cell.numFmt = numberFormat(v);
		});
	});

	// merge the goal, direction and measure cells over their consecutive rows
	const mergeRuns = (col: number, key: (r: (typeof rows)[number]) => string) => {
		let start = 0;
		for (let i = 1; i <= rows.length; i++) {
			if (i === rows.length || key(rows[i]!) !== key(rows[start]!)) {
				if (i - start > 1) ws.mergeCells(KPI_HEADER_ROWS + 1 + start, col, KPI_HEADER_ROWS + i, col);
				start = i;
			}
		}
	};
	mergeRuns(1, (r) => String(r.goalId));
	mergeRuns(2, (r) => r.directionId);
	mergeRuns(3, (r) => r.measureId);

	if (rows.length === 0) {
		ws.getCell(KPI_HEADER_ROWS + 1, 1).value = 'KPIはまだ設定されていません。';
	} else if (rows.some((r) => r.cumulative)) {
		ws.getCell(KPI_HEADER_ROWS + rows.length + 2, 1).value = '※ 基準値からの累計';
	}

	return Buffer.from(await wb.xlsx.writeBuffer());
}
