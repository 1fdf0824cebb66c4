/**
 * Idea sheets as an Excel workbook in the town's own form (アイデアシート: 「項目 | 各課入力内容」,
 * the form's labels and guidance notes verbatim, ■/□ lines for 分類 and 実施時期, the KPI block
 * 指標 / 計測方法 / 目標数値（仮） with a line per plan year), one idea per A4 portrait page at
 * 10 pt; and 「一覧」, one row per idea, readable on A4 landscape. Rows are as high as their text
 * (cell-fit.ts). The form's words live in domain/idea-form.ts; the reader (idea-form-reader.ts)
 * reads this layout back, and a clerk's filled copy of the town's workbook too.
 */
import ExcelJS from 'exceljs';
import {
	box,
	FORM_FIELDS,
	FORM_GUIDANCE,
	FORM_HEADER,
	FORM_LABELS,
	formatBackground,
	formatBullets,
	formatFormGoals,
	formatFormTargets,
	formatFormTiming,
	formatKpiDetails,
	formatSolution,
	KPI_KIND_FORM_LABELS,
	KPI_ROW_LABELS,
	KPI_VIEWPOINT_LABEL,
	SMART_FORM_LABELS,
	type FormField
} from '$lib/domain/idea-form';
import { SMART_KEYS } from '$lib/domain/kpi';
import { formatPrecedents, formatTargets, formatTiming, type TransferIdea, type TransferKpi } from '$lib/domain/idea-transfer';
import { fitRowHeights, type FitCell } from './cell-fit';
import { BORDER, cellValue, SPREADSHEET_FONT } from './xlsx-kpi';

export { readIdeasWorkbook } from './idea-form-reader';

export const IDEA_SHEET_MARKER = 'アイデアシート';
export const SUMMARY_SHEET_NAME = '一覧';
/**
 * Text size of the idea sheets: 11 pt, so that it stays above 9 pt on paper also where
 * LibreOffice, lacking Calibri's metrics, makes the columns wider and shrinks the page (~85 %).
 */
const SIZE = 11;
const SUMMARY_SIZE = 10;
/** Column widths: 項目 | KPI kind | 指標/計測方法 | value | 目標数値（仮）. */
const FORM_WIDTHS = [28, 12, 12, 25, 14];
const LABEL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9E1F2' } };
const GUIDANCE_COLOR = { argb: 'FF595959' };

export interface IdeaForWorkbook {
	idea: TransferIdea;
	session?: string;
	group?: string;
	votes?: number | null;
	hints?: number;
}

/** A worksheet name Excel accepts (≤ 31 characters, no []:*?/\), unique in the workbook. */
function sheetName(no: number, title: string, used: Set<string>): string {
	const base = `${String(no).padStart(2, '0')}_${title.replace(/[[\]:*?/\\]/g, '').trim() || 'アイデア'}`.slice(0, 31);
	let name = base;
	for (let i = 2; used.has(name); i++) name = `${base.slice(0, 27)}(${i})`;
	used.add(name);
	return name;
}

function formValue(idea: TransferIdea, field: FormField, years: readonly number[]): string {
	switch (field) {
		case 'departmentName':
		case 'title':
		case 'problem':
		case 'expectedEffect':
		case 'sideBenefits':
			return idea[field];
		case 'relatedProjects':
			return idea.relatedProjects.join('\n');
		case 'goals':
			return formatFormGoals(idea.goals);
		case 'background':
			return formatBackground(idea.backgroundResidents, idea.backgroundTown);
		case 'targets':
			return [formatTargets(idea.targets), idea.targetNote].filter((t) => t.trim()).join('\n');
		case 'solution':
			return formatSolution(idea.solutionMeans, idea.solutionWhom, idea.solutionState);
		case 'measures':
			return formatBullets(idea.measures);
		case 'timing':
			return formatFormTiming(years, idea.timing);
		case 'precedents':
			return formatPrecedents(idea.precedents);
	}
}

const styled = (cell: ExcelJS.Cell, options: { bold?: boolean; fill?: ExcelJS.Fill; center?: boolean; color?: Partial<ExcelJS.Color>; size?: number } = {}) => {
	cell.font = { name: SPREADSHEET_FONT, size: options.size ?? SIZE, bold: options.bold, color: options.color };
	cell.border = BORDER;
	cell.alignment = { vertical: options.center ? 'middle' : 'top', horizontal: options.center ? 'center' : 'left', wrapText: true };
	if (options.fill) cell.fill = options.fill;
};

function writeIdeaSheet(ws: ExcelJS.Worksheet, item: IdeaForWorkbook, no: number, years: readonly number[]) {
	const { idea } = item;
	FORM_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
	const last = FORM_WIDTHS.length;
	const fit: FitCell[] = [];
	const put = (row: number, col: number, value: string | number | null, span: { rows?: number; cols?: number } = {}, style: Parameters<typeof styled>[1] = {}) => {
		const cell = ws.getCell(row, col);
		cell.value = cellValue(value);
		if ((span.rows ?? 1) > 1 || (span.cols ?? 1) > 1) ws.mergeCells(row, col, row + (span.rows ?? 1) - 1, col + (span.cols ?? 1) - 1);
		for (let r = row; r < row + (span.rows ?? 1); r++) for (let c = col; c < col + (span.cols ?? 1); c++) styled(ws.getCell(r, c), style);
		fit.push({ row, col, rows: span.rows, cols: span.cols, text: value, size: SIZE });
	};

	ws.getCell(1, 1).value = IDEA_SHEET_MARKER;
	ws.getCell(1, 1).font = { name: SPREADSHEET_FONT, size: 14, bold: true };
	const origin = [`No.${no}`, [item.session, item.group].filter(Boolean).join(' ')].filter(Boolean).join('　');
	ws.getCell(1, 2).value = cellValue(origin);
	ws.mergeCells(1, 2, 1, last);
	ws.getCell(1, 2).font = { name: SPREADSHEET_FONT, size: SIZE };
	ws.getCell(1, 2).alignment = { horizontal: 'right', vertical: 'middle' };
	ws.getRow(1).height = 24;

	let r = 2;
	put(r, 1, FORM_HEADER[0], {}, { bold: true, fill: HEADER_FILL, center: true });
	put(r, 2, FORM_HEADER[1], { cols: last - 1 }, { bold: true, fill: HEADER_FILL, center: true });
	r++;
	for (const field of FORM_FIELDS) {
		const value = formValue(idea, field, years);
		const guidance = !value.trim() ? FORM_GUIDANCE[field] : undefined;
		put(r, 1, FORM_LABELS[field], {}, { bold: false, fill: LABEL_FILL });
		put(r, 2, guidance ?? value, { cols: last - 1 }, guidance ? { color: GUIDANCE_COLOR } : {});
		r++;
	}

	// the KPI block: SMART viewpoint | kind | 指標/計測方法/単位・基準値 | value | 目標数値（仮）
	const blockStart = r;
	for (const kind of ['output', 'outcome'] as const) {
		const list: Array<TransferKpi | null> = kind === 'output' ? idea.outputKpis : idea.outcomeKpis;
		const kpis = list.length ? list : [null];
		const kindStart = r;
		for (const kpi of kpis) {
			const rows: Array<[string, string]> = [
				[KPI_ROW_LABELS.name, kpi?.name ?? ''],
				[KPI_ROW_LABELS.method, kpi?.measurementMethod ?? '']
			];
			if (kpi) rows.push([KPI_ROW_LABELS.details, formatKpiDetails(kpi, kind)]);
			rows.forEach(([label, value], i) => {
				put(r + i, 3, label, {}, { fill: LABEL_FILL, center: true });
				put(r + i, 4, value);
			});
			put(r, 5, formatFormTargets(years, kpi?.targets ?? {}), { rows: rows.length });
			r += rows.length;
		}
		put(kindStart, 2, KPI_KIND_FORM_LABELS[kind], { rows: r - kindStart }, { fill: LABEL_FILL });
	}
	const viewpoint = [
		KPI_VIEWPOINT_LABEL,
		...SMART_KEYS.map((k) => `${box(idea.smart[k].checked)}${SMART_FORM_LABELS[k]}${idea.smart[k].reason ? `：${idea.smart[k].reason}` : ''}`)
	].join('\n');
	put(blockStart, 1, viewpoint, { rows: r - blockStart }, { fill: LABEL_FILL });

	const heights = fitRowHeights(fit, (c) => FORM_WIDTHS[c - 1] ?? 9);
	for (const [row, h] of heights) ws.getRow(row).height = h;
}

function writeSummary(ws: ExcelJS.Worksheet, items: readonly IdeaForWorkbook[], names: string[]) {
	const columns: Array<{ header: string; width: number; value: (it: IdeaForWorkbook, i: number) => string | number | null; center?: boolean }> = [
		{ header: 'No', width: 4, value: (_, i) => i + 1, center: true },
		// department and section on their own lines, so neither name breaks
		{ header: '課・係名', width: 14, value: (it) => it.idea.departmentName.trim().replace(/[ \u3000]+/g, '\n') },
		{ header: 'アイデア名', width: 18, value: (it) => it.idea.title },
		{ header: '総合戦略上の分類', width: 10, value: (it) => it.idea.goals.map((g) => `基本目標${g}`).join('\n') },
		{ header: '課題', width: 24, value: (it) => it.idea.problem },
		{ header: 'デジタルによる課題解決アイデア', width: 24, value: (it) => formatSolution(it.idea.solutionMeans, it.idea.solutionWhom, it.idea.solutionState) },
		{ header: '実施時期', width: 8, value: (it) => formatTiming(it.idea.timing), center: true },
		{ header: 'KPI', width: 13, value: (it) => `アウトプット${it.idea.outputKpis.length}\nアウトカム${it.idea.outcomeKpis.length}` },
		{ header: '投票数', width: 6, value: (it) => it.votes ?? null, center: true }
	];
	columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
	const fit: FitCell[] = [];
	columns.forEach((c, i) => {
		const cell = ws.getCell(1, i + 1);
		cell.value = c.header;
		styled(cell, { bold: true, fill: HEADER_FILL, center: true, size: SUMMARY_SIZE });
		fit.push({ row: 1, col: i + 1, text: c.header, size: SUMMARY_SIZE });
	});
	items.forEach((it, n) => {
		columns.forEach((c, i) => {
			const v = c.value(it, n);
			const cell = ws.getCell(n + 2, i + 1);
			cell.value = cellValue(v);
			styled(cell, { center: c.center, size: SUMMARY_SIZE });
			if (c.center) cell.alignment = { ...cell.alignment, vertical: 'top' };
			fit.push({ row: n + 2, col: i + 1, text: v, size: SUMMARY_SIZE });
		});
		// the number links to the idea's own sheet
		ws.getCell(n + 2, 1).value = { text: String(n + 1), hyperlink: `#'${names[n]!.replace(/'/g, "''")}'!A1` };
	});
	for (const [row, h] of fitRowHeights(fit, (c) => columns[c - 1]?.width ?? 9)) ws.getRow(row).height = h;
}

export async function ideasWorkbook(
	items: readonly IdeaForWorkbook[],
	years: readonly number[],
	meta: { townName: string; date: number }
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = meta.townName;
	wb.created = new Date(meta.date);
	const used = new Set<string>([SUMMARY_SHEET_NAME]);
	const names = items.map((it, i) => sheetName(i + 1, it.idea.title, used));

	const summary = wb.addWorksheet(SUMMARY_SHEET_NAME, {
		pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
		headerFooter: { oddFooter: '&C&P / &N' },
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }]
	});
	writeSummary(summary, items, names);

	items.forEach((it, i) => {
		const ws = wb.addWorksheet(names[i]!, {
			pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.45, bottom: 0.45, header: 0.2, footer: 0.2 } },
			headerFooter: { oddFooter: '&C&A' }
		});
		writeIdeaSheet(ws, it, i + 1, years);
	});
	return Buffer.from(await wb.xlsx.writeBuffer());
}
