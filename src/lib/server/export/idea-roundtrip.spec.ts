/**
 * Idea sheets exported and imported again: the Excel workbook (template layout) and the two
 * CSVs give back the same ideas, and writing them into a board gives sheets that read the same.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import * as Y from 'yjs';
import { initBoard, listSheets } from '$lib/collab/schema';
import { addImportedSheets, replaceImportedSheets } from '$lib/collab/idea-import';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import { findDuplicates, ideaFromSheet, MAX_IMPORT_KPIS } from '$lib/domain/idea-transfer';
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

	it('has a summary sheet and one sheet per idea in the town\'s form', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET_NAME, '01_公共施設のオンライン予約', '02_転入手続きのワンストップ化']);
		const summary = wb.getWorksheet(SUMMARY_SHEET_NAME)!;
		expect([1, 2, 3, 4].map((c) => summary.getCell(1, c).value)).toEqual(['No', '課・係名', 'アイデア名', '総合戦略上の分類']);
		expect(summary.getCell('C2').value).toBe('公共施設のオンライン予約');
		expect(summary.getCell('D2').value).toBe('基本目標2\n基本目標4');
		expect(summary.getCell('I2').value).toBe(7);
		expect(summary.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' });
		const sheet = wb.getWorksheet('01_公共施設のオンライン予約')!;
		expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
		const labels: string[] = [];
		sheet.eachRow((row) => labels.push(String(row.getCell(1).value ?? '')));
		expect(labels.slice(0, 16)).toEqual([
			'アイデアシート',
			'項目',
			'課・係名',
			'★アイデア名',
			'関連する総事業（事務事業）名称\n※複数記載可',
			'総合戦略上の分類\n（該当するものを■で選択）',
			'★課題\n※係員第2回WGから転記',
			'★課題の背景\n※係員第2回WGから転記',
			'★【直接性】\n対象となる住民（町民、事業者、関係者など）\n※係員第2回WGから転記',
			'★【直接性】\nデジタルによる課題解決アイデア\n（①何をつかって②誰を③どういう状態にするか）\n※係員第2回WGから転記',
			'★デジタル活用アイデア\n※係員第2回WGから転記',
			'上記デジタル活用による課題解決の実施（予定）時期',
			'【参照性】\n他自治体での取り組み状況',
			'【妥当性】\n期待する効果（対象となる住民が喜ぶイメージ）',
			'【妥当性】\n副次的な効果（実施することでの職員のメリット）',
			'KPI設定の視点\nKPI\n■Specific（具体的な）：予約件数で測る\n□Measurable（計測可能な）\n□Achievable（達成可能な）\n□Relevant（関連した）\n■Time-bounded（期限を定めた）'
		]);
		const value = (label: string) => sheet.getCell(labels.indexOf(label) + 1, 2).value;
		expect(value('総合戦略上の分類\n（該当するものを■で選択）')).toBe('□地方に仕事をつくる\n■人の流れをつくる\n□結婚・出産・子育ての希望をかなえる\n■魅力的な地域をつくる');
		expect(value('★課題の背景\n※係員第2回WGから転記')).toBe('【住民側】平日の開庁時間に来庁できない\n【町側】電話対応と台帳の転記に時間がかかる');
		expect(value('上記デジタル活用による課題解決の実施（予定）時期')).toBe('□実施済 □R7 ■R8 □R9 □R10 □R11 □R12以降');
		expect(value('★デジタル活用アイデア\n※係員第2回WGから転記')).toBe(`・予約システムの構築\n・${FORMULA_TEXT}`);
		// the KPI block: kind | 指標 / 計測方法 / 単位・基準値 | value | 目標数値（仮） with a line per plan year
		const kpiStart = labels.findIndex((l) => l.startsWith('KPI設定の視点')) + 1;
		expect(String(sheet.getCell(kpiStart, 2).value)).toBe('アウトプット\n（施策の活動量）\n★役場が何をするか');
		expect([0, 1, 2].map((i) => [sheet.getCell(kpiStart + i, 3).value, sheet.getCell(kpiStart + i, 4).value])).toEqual([
			['指標', '予約システムの導入施設数'],
			['計測方法', '導入実績'],
			['単位・基準値', '単位：施設　基準値：0（R6）\n方向：↑ 増加　累計：－']
		]);
		expect(sheet.getCell(kpiStart, 5).value).toBe('目標数値（仮）\nR7: \nR8: 5\nR9: \nR10: \nR11: 12');
		// a method that starts with - is neutralised
		expect(sheet.getCell(kpiStart + 4, 4).value).toBe("'-予約システムの集計");
		// the sheet on the second idea (no output KPI yet) keeps the form's empty block and guidance
		const second = wb.getWorksheet('02_転入手続きのワンストップ化')!;
		const texts: string[] = [];
		second.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
		expect(texts).toContain('※参考にした事例があれば記入');
		expect(texts).toContain('□実施済 □R7 □R8 ■R9以降 □R10 □R11 □R12以降');
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
			if (String(row.getCell(1).value).endsWith('実施（予定）時期')) timingRow = r;
		});
		sheet.getCell(timingRow, 2).value = '□実施済 ■そのうち';
		const result = await readIdeasWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
		expect(result.issues).toEqual([
			{ sheet: '02_転入手続きのワンストップ化', row: timingRow, column: '実施（予定）時期', problem: 'bad_timing', value: '□実施済 ■そのうち' }
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

describe('importing ideas that are already on the board', () => {
	it('finds them by title and department, and replaces a sheet in place or leaves it', () => {
		const board = sampleBoard();
		const before = listSheets(board);
		const changed = structuredClone(ideas);
		changed[0]!.problem = '置き換えた課題';
		changed[0]!.outputKpis = [];
		changed[0]!.outcomeKpis[0]!.pairedOutputs = [];
		changed[1]!.title = ' 転入手続きの ワンストップ化 '; // spaces do not make it a new idea
		const fresh = { ...structuredClone(ideas[0]!), title: '新しいアイデア' };
		const dupes = findDuplicates([...changed, fresh], before);
		expect(dupes).toEqual(['sheet-booking', 'sheet-moving', null]);
		// replace the first, skip the second, add the third
		expect(replaceImportedSheets(board, [{ sheetId: 'sheet-booking', idea: changed[0]! }], sampleId)).toEqual(['sheet-booking']);
		addImportedSheets(board, [fresh], { id: 'u9', name: '企画 太郎' }, sampleId);
		const after = listSheets(board);
		expect(after.map((s) => s.id)).toEqual(['sheet-booking', 'sheet-moving', expect.any(String)]);
		expect(ideaFromSheet(after[0]!)).toEqual(changed[0]);
		expect(after[0]!.authorName).toBe('山本 拓也');
		expect(ideaFromSheet(after[1]!)).toEqual(ideas[1]);
		expect(after[2]!.title).toBe('新しいアイデア');
	});
});
