/** The Excel KPI list read back with exceljs and checked cell by cell against the draft. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import { kpiTableRows } from '$lib/domain/strategy-kpi-list';
import { kpiWorkbook, KPI_HEADER_ROWS, KPI_SHEET_NAME } from './xlsx-kpi';
import { FORMULA_TEXT, SAMPLE_INFO, sampleDraft } from './testing/sample';

describe('kpiWorkbook', async () => {
	const draft = sampleDraft();
	const years = fiscalYearRange(SAMPLE_INFO.planStartFy, SAMPLE_INFO.planEndFy);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await kpiWorkbook(draft, SAMPLE_INFO)) as unknown as ArrayBuffer);
	const ws = wb.getWorksheet(KPI_SHEET_NAME)!;
	const rows = kpiTableRows(draft, years);
	const row = (n: number) => Array.from({ length: 19 }, (_, c) => ws.getCell(KPI_HEADER_ROWS + n, c + 1).value ?? null);

	it('names the town once in the title, and has two header rows with the plan years under 目標値', () => {
		const title = String(ws.getCell('A1').value);
		expect(title).toBe('みらい町デジタル田園都市構想総合戦略　重要業績評価指標（KPI）一覧　有識者会議提出版（令和8年1月15日）');
		expect(title.split('みらい町')).toHaveLength(2);
		expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => ws.getCell(2, c).value)).toEqual(['基本目標', '基本的方向', '具体的な施策', '区分', '指標', '方向', '単位', '基準値', '基準年度']);
		expect(ws.getCell(2, 10).value).toBe('目標値');
		expect([10, 11, 12, 13, 14].map((c) => ws.getCell(3, c).value)).toEqual(['R7\n（2025）', 'R8\n（2026）', 'R9\n（2027）', 'R10\n（2028）', 'R11\n（2029）']);
		expect([15, 16, 17, 18, 19].map((c) => ws.getCell(2, c).value)).toEqual(['基準日・\n調査日', '結果\n公表日', '確認方法', '計測方法', '担当課']);
	});

	it('lists every goal with its numeric targets first, even with no measure or KPI yet', () => {
		expect(rows.map((r) => [r.goalId, r.kind])).toEqual([
			[1, 'numericTarget'],
			[2, 'noNumericTarget'],
			[3, 'noNumericTarget'],
			[4, 'numericTarget'],
			[4, 'kpi'],
			[4, 'kpi'],
			[4, 'kpi'],
			[4, 'noKpi']
		]);
		// a merged cell reads as its master's value
		expect(row(1)).toEqual(['基本目標1　稼ぐ力を高め、しごとをつくる', '【数値目標】', '【数値目標】', '数値目標', '町内事業所の従業者数', '↑ 増加', null, 4200, 'R5', null, null, null, null, 4500, null, null, null, null, null]);
		expect(row(2).slice(0, 5)).toEqual(['基本目標2　人の流れをつくる', '【数値目標】', '【数値目標】', null, '（数値目標は未設定です）']);
		expect(row(8).slice(1, 5)).toEqual(['4-2　地域のつながりづくり', '4-2-1　地域SNSの活用', null, '（KPIは未設定です）']);
	});

	it('writes each KPI with its measure code, direction, △ for minus, ※ when cumulative, and neutralised text', () => {
		expect(row(5)).toEqual([
			'基本目標4　魅力的な地域をつくる', '4-1　行政サービスのデジタル化', '4-1-1　公共施設予約のオンライン化', 'アウトカム', 'オンライン予約の利用率', '↑ 増加', '%', 0, 'R6',
			null, 10, 30.5, null, 1200, null, null, null, '予約システムの集計', '生涯学習課'
		]);
		expect(ws.getCell(KPI_HEADER_ROWS + 6, 5).value).toBe(`'${FORMULA_TEXT}`);
		expect(ws.getCell(KPI_HEADER_ROWS + 6, 18).value).toBe("'+導入実績");
		expect(row(7).slice(2, 6)).toEqual(['4-1-2　転入手続きのワンストップ化', 'アウトカム', '窓口の平均滞在時間※', '↓ 減少']);
		expect(ws.getCell(KPI_HEADER_ROWS + 5, 14).numFmt).toBe('#,##0;"△"#,##0');
		expect(ws.getCell(KPI_HEADER_ROWS + 5, 12).numFmt).toBe('#,##0.0#;"△"#,##0.0#');
		const notes = Array.from({ length: 4 }, (_, i) => ws.getCell(KPI_HEADER_ROWS + rows.length + 2 + i, 1).value);
		expect(notes[0]).toBe('※ 累計値：基準値からの累計で示す指標です。');
	});

	it('merges goal, direction and measure cells over their rows, and gives rows the height their text needs', () => {
		const merges = (ws.model as unknown as { merges: string[] }).merges;
		expect(merges).toEqual(expect.arrayContaining(['A7:A11', 'B4:C4', 'B7:C7', 'B8:B10', 'C8:C9']));
		// every body row has a height; a two-line KPI name gets at least two lines
		for (let r = 4; r <= KPI_HEADER_ROWS + rows.length; r++) expect(ws.getRow(r).height).toBeGreaterThanOrEqual(18);
		expect(ws.getRow(KPI_HEADER_ROWS + 6).height).toBeGreaterThanOrEqual(32);
		expect(ws.getCell(KPI_HEADER_ROWS + 5, 5).alignment).toMatchObject({ wrapText: true });
	});

	it('prints on A3 landscape with the header rows repeated and frozen on screen', () => {
		expect(ws.pageSetup.paperSize).toBe(8);
		expect(ws.pageSetup.orientation).toBe('landscape');
		expect(ws.pageSetup.fitToWidth).toBe(1);
		expect(ws.pageSetup.printTitlesRow).toBe('1:3');
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
	});
});
