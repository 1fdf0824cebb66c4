/** The Excel KPI list read back with exceljs and checked cell by cell against the draft. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import { kpiListRows } from '$lib/domain/strategy-kpi-list';
import { kpiWorkbook, KPI_HEADER_ROWS, KPI_SHEET_NAME } from './xlsx-kpi';
import { kpiListCells, kpiListHeader } from './csv';
import { FORMULA_TEXT, SAMPLE_INFO, sampleDraft } from './testing/sample';

describe('kpiWorkbook', async () => {
	const draft = sampleDraft();
	const years = fiscalYearRange(SAMPLE_INFO.planStartFy, SAMPLE_INFO.planEndFy);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await kpiWorkbook(draft, SAMPLE_INFO)) as unknown as ArrayBuffer);
	const ws = wb.getWorksheet(KPI_SHEET_NAME)!;
	const rows = kpiListRows(draft, years);

	it('has a title and two header rows with the plan years under 目標値', () => {
		expect(String(ws.getCell('A1').value)).toContain('重要業績評価指標（KPI）一覧　有識者会議提出版（令和8年1月15日）');
		const header = kpiListHeader(years);
		expect(ws.getCell(2, 1).value).toBe('基本目標');
		expect(ws.getCell(2, 4).value).toBe('KPI');
		expect(ws.getCell(2, 9).value).toBe('目標値');
		expect([9, 10, 11, 12, 13].map((c) => ws.getCell(3, c).value)).toEqual([
			'R7（2025）',
			'R8（2026）',
			'R9（2027）',
			'R10（2028）',
			'R11（2029）'
		]);
		expect(ws.getCell(2, header.length - 1).value).toBe('計測方法');
		expect(ws.getCell(2, header.length).value).toBe('担当課');
	});

	it('writes one row per KPI, cell by cell as the CSV does, with formula-like text neutralised', () => {
		expect(rows).toHaveLength(3);
		rows.forEach((row, i) => {
			const expected = kpiListCells(row).map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v));
			const actual = expected.map((_, c) => {
				const cell = ws.getCell(KPI_HEADER_ROWS + 1 + i, c + 1);
				// merged cells below the first read as the master's value
				return cell.value ?? null;
			});
			expect(actual).toEqual(expected.map((v) => (v === '' ? null : v)));
		});
		expect(ws.getCell(5, 4).value).toBe(`'${FORMULA_TEXT}`);
		expect(ws.getCell(5, 14).value).toBe("'+導入実績");
		expect(ws.getCell(4, 13).value).toBe(1200);
		expect(ws.getCell(4, 11).value).toBe(30.5);
		expect(ws.getCell(4, 13).numFmt).toBe('#,##0');
		expect(ws.getCell(4, 1).value).toBe('基本目標4　魅力的な地域をつくる');
	});

	it('merges the goal, direction and measure cells over their rows', () => {
		const merges = (ws.model as unknown as { merges: string[] }).merges;
		expect(merges).toEqual(expect.arrayContaining(['A4:A6', 'B4:B6', 'C4:C5']));
		expect(merges).not.toContain('C4:C6');
	});

	it('prints on A3 landscape with the header rows repeated and frozen on screen', () => {
		expect(ws.pageSetup.paperSize).toBe(8);
		expect(ws.pageSetup.orientation).toBe('landscape');
		expect(ws.pageSetup.fitToWidth).toBe(1);
		expect(ws.pageSetup.printTitlesRow).toBe('1:3');
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
	});
});
