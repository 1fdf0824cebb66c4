/** The .xlsx reader: cells as a person reads them, the right sheet, bad bytes as a value. */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importKpiTableFile, kpiTableFileKind, readKpiTableXlsxCells } from './kpi-table-file';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	build(wb);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readKpiTableXlsxCells', () => {
	it('takes the sheet with the heading row, repeats vertical merges and blanks horizontal ones', async () => {
		const bytes = await workbook((wb) => {
			wb.addWorksheet('表紙').getCell('A1').value = '表紙';
			const ws = wb.addWorksheet('KPI');
			ws.addRow(['基本目標', '施策', '指標', '基準値', '目標値']);
			ws.addRow(['1 しごと', '1-1 担い手', '就農者', 1200, { formula: '1000+500', result: 1500 }]);
			ws.addRow(['', '', '研修', { richText: [{ text: '1,' }, { text: '000' }] }, '']);
			ws.mergeCells('A2:A3');
			ws.mergeCells('D3:E3');
		});
		const read = await readKpiTableXlsxCells(bytes);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.sheetName).toBe('KPI');
		expect(read.cells[1]).toEqual(['1 しごと', '1-1 担い手', '就農者', '1200', '1500']);
		expect(read.cells[2]).toEqual(['1 しごと', '', '研修', '1,000', '']);
	});

	it('answers a Japanese message for bytes that are not a workbook', async () => {
		const read = await readKpiTableXlsxCells(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
		expect(read).toMatchObject({ ok: false, message: expect.stringContaining('.xlsx') });
	});
});

describe('importKpiTableFile', () => {
	const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/evaluation/${name}`));

	it('tells .xlsx from .csv by the bytes', () => {
		expect(kpiTableFileKind(fixture('kpi-table.xlsx'), 'renamed.csv')).toBe('xlsx');
		expect(kpiTableFileKind(fixture('kpi-table.csv'), 'table.csv')).toBe('csv');
	});

	it('reads the .xlsx fixture to the same KPIs as the CSV one', async () => {
		const fromXlsx = await importKpiTableFile(fixture('kpi-table.xlsx'), 'kpi-table.xlsx');
		const fromCsv = await importKpiTableFile(fixture('kpi-table.csv'), 'kpi-table.csv');
		expect(fromXlsx.ok).toBe(true);
		expect(fromXlsx.kpis.map((k) => [k.kpi, k.actuals])).toEqual(fromCsv.kpis.map((k) => [k.kpi, k.actuals]));
		expect(fromXlsx.goals.map((g) => g.code)).toEqual(['1', '2', '3', '4']);
	});

	it('reports an empty or unreadable file instead of throwing', async () => {
		expect((await importKpiTableFile(new Uint8Array(), 'x.csv')).issues[0]!.problem).toBe('empty_file');
		const bad = await importKpiTableFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9]), 'x.xlsx');
		expect(bad).toMatchObject({ ok: false, issues: [expect.objectContaining({ problem: 'unreadable_file' })] });
	});
});
