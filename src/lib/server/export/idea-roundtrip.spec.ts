/**
 * Idea sheets exported and imported again: the Excel workbook (template layout) and the two
 * CSVs give back the same ideas, and writing them into a board gives sheets that read the same.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { initBoard, listSheets } from '$lib/collab/schema';
import { addImportedSheets } from '$lib/collab/idea-import';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import { ideaFromSheet, MAX_IMPORT_KPIS } from '$lib/domain/idea-transfer';
import { ideaKpisCsv, ideasCsv, parseIdeasCsv } from './csv';
import { ideasWorkbook, readIdeasWorkbook, SUMMARY_SHEET_NAME } from './xlsx-ideas';
import { FORMULA_TEXT, SAMPLE_INFO, sampleBoard, sampleId } from './testing/sample';

const years = fiscalYearRange(SAMPLE_INFO.planStartFy, SAMPLE_INFO.planEndFy);
const ideas = listSheets(sampleBoard()).map(ideaFromSheet);

describe('idea sheets workbook', async () => {
	const bytes = await ideasWorkbook(
		ideas.map((idea, i) => ({ idea, session: '係員 第2回', group: 'A班', votes: i === 0 ? 7 : null, hints: 2 })),
		years,
		{ townName: SAMPLE_INFO.townName, date: SAMPLE_INFO.date }
	);

	it('has a summary sheet and one sheet per idea in the template layout', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET_NAME, '01_公共施設のオンライン予約', '02_転入手続きのワンストップ化']);
		const summary = wb.getWorksheet(SUMMARY_SHEET_NAME)!;
		expect(summary.getCell('D2').value).toBe('公共施設のオンライン予約');
		expect(summary.getCell('E2').value).toBe('基本目標2・基本目標4');
		expect(summary.getCell('M2').value).toBe(7);
		expect(summary.pageSetup.printTitlesRow).toBe('1:1');
		const sheet = wb.getWorksheet('01_公共施設のオンライン予約')!;
		const labels: string[] = [];
		sheet.eachRow((row) => labels.push(String(row.getCell(1).value ?? '')));
		expect(labels.slice(0, 8)).toEqual([
			'アイデアシート',
			'No',
			'出典',
			'課・係名',
			'★アイデア名',
			'関連する総事業（事務事業）名称',
			'総合戦略上の分類',
			'★課題'
		]);
		const goalsRow = labels.indexOf('総合戦略上の分類') + 1;
		expect(sheet.getCell(goalsRow, 2).value).toBe(
			'□基本目標1 地方に仕事をつくる\n■基本目標2 人の流れをつくる\n□基本目標3 結婚・出産・子育ての希望をかなえる\n■基本目標4 魅力的な地域をつくる'
		);
		const measuresRow = labels.indexOf('★デジタル活用アイデア') + 1;
		expect(sheet.getCell(measuresRow, 2).value).toBe(`予約システムの構築\n${FORMULA_TEXT}`);
		// a cell that starts with = is neutralised; the method starting with - too
		const kpiRows: unknown[][] = [];
		sheet.eachRow((row) => {
			if (row.getCell(1).value === 'アウトカム') kpiRows.push((row.values as unknown[]).slice(1));
		});
		expect(kpiRows[0]!.slice(0, 5)).toEqual(['アウトカム', 1, 'オンライン予約の利用率', '%', "'-予約システムの集計"]);
	});

	it('reads back the same ideas', async () => {
		const result = await readIdeasWorkbook(bytes);
		expect(result.issues).toEqual([]);
		expect(result.ideas).toEqual(ideas);
	});

	it('reports problems per sheet and row', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes as unknown as ArrayBuffer);
		const sheet = wb.getWorksheet('02_転入手続きのワンストップ化')!;
		let timingRow = 0;
		sheet.eachRow((row, r) => {
			if (row.getCell(1).value === '実施（予定）時期') timingRow = r;
		});
		sheet.getCell(timingRow, 2).value = 'そのうち';
		const result = await readIdeasWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
		expect(result.issues).toEqual([
			{ sheet: '02_転入手続きのワンストップ化', row: timingRow, column: '実施（予定）時期', problem: 'bad_timing', value: 'そのうち' }
		]);
	});
});

describe('idea CSVs', () => {
	const ideasText = ideasCsv(ideas.map((idea) => ({ idea, origin: { session: '係員 第2回', group: 'A班' } })));
	const kpisText = ideaKpisCsv(ideas, years);

	it('write one row per idea and one per KPI, neutralised, with a BOM', () => {
		expect(ideasText.startsWith('\uFEFF')).toBe(true);
		const rows = Papa.parse<string[]>(ideasText.slice(1), { skipEmptyLines: true }).data;
		expect(rows).toHaveLength(3);
		expect(rows[1]!.slice(0, 7)).toEqual(['1', '係員 第2回', 'A班', '生涯学習課 社会教育係', '公共施設のオンライン予約', '公民館管理運営事業\n体育施設管理事業', '2,4']);
		const kpis = Papa.parse<string[]>(kpisText.slice(1), { skipEmptyLines: true }).data;
		expect(kpis.map((r) => r.slice(0, 5))).toEqual([
			['アイデアNo', 'アイデア名', '区分', 'No', '指標'],
			['1', '公共施設のオンライン予約', 'アウトプット', '1', '予約システムの導入施設数'],
			['1', '公共施設のオンライン予約', 'アウトカム', '1', 'オンライン予約の利用率'],
			['1', '公共施設のオンライン予約', 'アウトカム', '2', '窓口での予約件数'],
			['2', '転入手続きのワンストップ化', 'アウトカム', '1', '窓口の平均滞在時間']
		]);
		expect(kpis[2]![6]).toBe("'-予約システムの集計");
	});

	it('read back the same ideas', () => {
		const result = parseIdeasCsv(ideasText, 'ideas.csv', kpisText, 'idea-kpis.csv');
		expect(result.issues).toEqual([]);
		expect(result.ideas).toEqual(ideas);
	});

	it('report problems per row and refuse a file without the needed columns', () => {
		const broken = ideasText.replace('2,4', '5');
		const result = parseIdeasCsv(broken, 'ideas.csv', kpisText.replace(',アウトカム,2,', ',アウトカム,2,').replace('\r\n2,', '\r\n9,'), 'idea-kpis.csv');
		expect(result.issues).toEqual([
			{ sheet: 'idea-kpis.csv', row: 5, column: 'アイデアNo', problem: 'unknown_idea', value: '9' },
			{ sheet: 'ideas.csv', row: 2, column: '総合戦略上の分類', problem: 'bad_goals', value: '5' }
		]);
		expect(parseIdeasCsv('\uFEFF名前,メモ\r\na,b\r\n').issues.map((i) => i.problem)).toEqual(['missing_column', 'missing_column']);
	});

	it('refuse more KPI rows than one import may hold, before reading them', () => {
		const many = { ...ideas[0]!, outputKpis: Array.from({ length: MAX_IMPORT_KPIS + 1 }, (_, k) => ({ ...ideas[0]!.outputKpis[0]!, number: k + 1 })) };
		const result = parseIdeasCsv(ideasText, 'ideas.csv', ideaKpisCsv([many], years), 'idea-kpis.csv');
		expect(result.issues).toEqual([{ sheet: 'idea-kpis.csv', row: 1, column: null, problem: 'too_many_kpis', value: String(MAX_IMPORT_KPIS) }]);
	});
});

describe('writing imported ideas into a board', () => {
	it('gives sheets that read as the same ideas', () => {
		const board = new Y.Doc();
		initBoard(board, 'B班');
		const ids = addImportedSheets(board, ideas, { id: 'u9', name: '企画 太郎' }, sampleId);
		expect(ids).toHaveLength(2);
		const sheets = listSheets(board);
		expect(sheets.map(ideaFromSheet)).toEqual(ideas);
		expect(sheets[0]!.authorName).toBe('企画 太郎');
	});
});
