/**
 * A KPI table file (.xlsx, or .csv in UTF-8 or Shift_JIS) → the import result of
 * domain/evaluation/kpi-table-import.ts.
 *
 * Why here: reading .xlsx needs exceljs (server only); everything after the cells is the pure
 * domain parser, shared with the preview and the `evaluate` command. Each function is a pure
 * function of the bytes (no database, no files, no globals), so the upload worker pool can run
 * it in a worker thread.
 */
import ExcelJS from 'exceljs';
import { restoreCell } from '../../domain/spreadsheet-cell';
import {
	failedKpiTableImport,
	findKpiTableHeader,
	parseKpiTable,
	parseKpiTableCsv,
	type KpiTableImport,
	type KpiTableOptions
} from '../../domain/evaluation/kpi-table-import';

/** Larger than any real KPI table; refuses zip bombs before exceljs inflates them. */
export const MAX_KPI_TABLE_FILE_BYTES = 10 * 1024 * 1024;

export type KpiTableFileKind = 'xlsx' | 'csv';

/** The kind of a file by its first bytes (a zip is .xlsx), falling back on the name. */
export function kpiTableFileKind(bytes: Uint8Array, fileName = ''): KpiTableFileKind {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
	return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

/** The text of a cell whatever exceljs made of it (rich text, formula result, hyperlink, date). */
function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return restoreCell(value);
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		const o = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
		if (Array.isArray(o.richText)) return restoreCell(o.richText.map((t) => t.text).join(''));
		if ('result' in o) return cellText(o.result);
		if (typeof o.text === 'string') return restoreCell(o.text);
	}
	return '';
}

/**
 * The cells of a worksheet as text. A cell merged vertically repeats its master's text (a goal
 * spanning several KPI rows, as a reader sees it); one merged horizontally is blank, so a heading
 * spanning columns is not read twice.
 */
function worksheetCells(ws: ExcelJS.Worksheet): string[][] {
	const out: string[][] = [];
	const width = ws.columnCount;
	for (let r = 1; r <= ws.rowCount; r++) {
		const row = ws.getRow(r);
		const line: string[] = [];
		for (let c = 1; c <= width; c++) {
			const cell = row.getCell(c);
			if (cell.isMerged && cell.master !== cell) {
				line.push(cell.master.col === cell.col ? cellText(cell.master.value) : '');
			} else line.push(cellText(cell.value));
		}
		out.push(line);
	}
	return out;
}

export type XlsxCellsResult = { ok: true; sheetName: string; cells: string[][] } | { ok: false; message: string };

/** The cells of the first worksheet that has a KPI table heading row (else the first worksheet). */
export async function readKpiTableXlsxCells(bytes: Uint8Array): Promise<XlsxCellsResult> {
	if (bytes.byteLength > MAX_KPI_TABLE_FILE_BYTES) {
		return { ok: false, message: 'ファイルが大きすぎます（上限 10MB）。KPIの表だけのファイルにして取り込んでください。' };
	}
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
	} catch {
		return { ok: false, message: 'Excelファイル（.xlsx）として読めません。Excelで開けることを確かめ、.xlsx 形式で保存し直してください。' };
	}
	let first: { sheetName: string; cells: string[][] } | null = null;
	for (const ws of workbook.worksheets) {
		const cells = worksheetCells(ws);
		if (!first) first = { sheetName: ws.name, cells };
		if (findKpiTableHeader(cells)) return { ok: true, sheetName: ws.name, cells };
	}
	if (!first) return { ok: false, message: 'ワークシートがありません。KPIの表があるファイルを選んでください。' };
	return { ok: true, ...first };
}

/** Parses a KPI table file of either kind. Never throws on bad input. */
export async function importKpiTableFile(
	bytes: Uint8Array,
	fileName = '',
	options: KpiTableOptions = {}
): Promise<KpiTableImport> {
	if (bytes.byteLength === 0) return failedKpiTableImport('empty_file');
	if (kpiTableFileKind(bytes, fileName) === 'csv') {
		if (bytes.byteLength > MAX_KPI_TABLE_FILE_BYTES) {
			return failedKpiTableImport('unreadable_file', 'ファイルが大きすぎます（上限 10MB）。ファイルを分けて取り込んでください。');
		}
		return parseKpiTableCsv(bytes, options);
	}
	const read = await readKpiTableXlsxCells(bytes);
	if (!read.ok) return failedKpiTableImport('unreadable_file', read.message);
	return parseKpiTable(read.cells, options);
}
