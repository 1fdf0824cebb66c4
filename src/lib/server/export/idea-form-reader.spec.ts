/**
 * Importing the town's own workbook (a clerk's filled copy of the idea-sheet form), and a
 * Shift_JIS CSV as Excel on Japanese Windows saves it.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { listSheets } from '$lib/collab/schema';
import { fieldOfLabel, parseFormTargets } from '$lib/domain/idea-form';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import { ideaFromSheet } from '$lib/domain/idea-transfer';
import { decodeCsvBytes } from '$lib/domain/staff-csv';
import { townIdeaWorkbook } from '../../../../tests/fixtures/town-idea-workbook';
import { encodeShiftJis } from '../../../../tests/helpers/shift-jis';
import { ideaKpisCsv, ideasCsv, parseIdeasCsv } from './csv';
import { readIdeasWorkbook } from './idea-form-reader';
import { SAMPLE_INFO, sampleBoard } from './testing/sample';

describe('labels of the town form', () => {
	it('are recognised whatever their marks, line breaks and width', () => {
		expect(fieldOfLabel('★【直接性】\nデジタルによる課題解決アイデア\n（①何をつかって②誰を③どういう状態にするか）\n※係員第2回WGから転記')).toBe('solution');
		expect(fieldOfLabel('【直接性】デジタルによる課題解決アイデア(①何をつかって②誰を③どういう状態にするか)')).toBe('solution');
		expect(fieldOfLabel('関連する総事業(事務事業)名称 ※複数記載可')).toBe('relatedProjects');
		expect(fieldOfLabel('上記デジタル活用による課題解決の\n実施（予定）時期')).toBe('timing');
		expect(fieldOfLabel('課・係名 ')).toBe('departmentName');
		expect(fieldOfLabel('課題\n※係員第2回WGから転記')).toBe('problem');
		expect(fieldOfLabel('課題の背景')).toBe('background');
		expect(fieldOfLabel('予約システムの構築')).toBeNull();
	});

	it('read 「R8: …」 target lines, full-width too, with placeholders as blank targets', () => {
		expect(parseFormTargets('目標数値\n(仮)\nR8: ※\nR9: 目標数値は\nR10: 別途設定を\nR11: 依頼\nR12:')).toEqual({
			targets: {},
			placeholders: ['※', '目標数値は', '別途設定を', '依頼'],
			unreadable: []
		});
		expect(parseFormTargets('Ｒ８：１，２００\nＲ９：△５\nR10: 12.5\nR11: 約30')).toEqual({ targets: { 2026: 1200, 2027: -5, 2028: 12.5 }, placeholders: [], unreadable: ['R11: 約30'] });
	});
});

describe('a clerk\'s filled copy of the town\'s workbook', async () => {
	const bytes = await townIdeaWorkbook();
	if (process.env.UPDATE_FIXTURES === '1') writeFileSync('tests/fixtures/town-idea-workbook.xlsx', bytes);
	const result = await readIdeasWorkbook(bytes, 'アイデアシート_生涯学習課.xlsx');

	it('imports every idea sheet, fields found by their labels, with nothing blocking', () => {
		expect(result.issues).toEqual([]);
		expect(result.ideas).toHaveLength(2);
		const [example, second] = result.ideas;
		expect(example).toMatchObject({
			title: '公共施設予約システムの構築',
			departmentName: '生涯学習課 生涯学習係',
			relatedProjects: ['複合文化施設管理運営事業'],
			goals: [3, 4],
			problem: '公共施設の利用予約が紙ベースのみで不便だし、空き状況も役場へ問い合わせないとわからない',
			backgroundResidents: '【施設利用希望者】申込の度に各施設の窓口に行かなければならない、施設の空き状況がわからない、団体同士で施設の奪い合いになる',
			backgroundTown: '予約の管理が煩雑',
			targets: [],
			targetNote: '施設利用希望者',
			solutionMeans: '申込受付のオンライン化により',
			solutionWhom: '施設利用希望者が',
			solutionState: 'スマホ等からいつでもどこからでも申し込みや空き状況の確認ができるようにする',
			measures: ['公共施設予約システムの構築', 'システムの周知', 'システムの利用説明'],
			timing: { kind: 'done' },
			precedents: [],
			expectedEffect: 'スマホ等からいつでもどこからでも申し込みや空き状況の確認ができる'
		});
		expect(Object.values(example!.smart).every((c) => !c.checked)).toBe(true);
		// two indicators in one 指標 cell become two KPIs, methods by position; placeholders → blank targets
		expect(example!.outputKpis.map((k) => [k.number, k.name, k.measurementMethod, k.targets])).toEqual([
			[1, 'オンラインで予約可能な公共施設の数（〇〇施設）', '施設単位でカウント', {}],
			[2, '予約システム利用者向け説明会の開催件数', '開催ごとにカウント', {}]
		]);
		expect(example!.outcomeKpis.map((k) => [k.name, k.measurementMethod, k.targets])).toEqual([['オンライン予約システムの利用件数（件）', '申請受付件数をシステムにより把握', {}]]);

		expect(second).toMatchObject({
			title: 'コンビニ交付の拡大',
			departmentName: '税務課　住民税係',
			relatedProjects: ['証明書交付事務', '窓口サービス事業'],
			goals: [1, 4],
			backgroundResidents: '町外に勤める人は平日に来庁できない',
			backgroundTown: '窓口が混み合う時期がある',
			timing: { kind: 'fy', fy: 2025 },
			precedents: [{ text: '喜多方市のコンビニ交付', url: '' }]
		});
		expect([second!.smart.specific.checked, second!.smart.measurable.checked, second!.smart.achievable.checked, second!.smart.timeBound.checked]).toEqual([true, true, false, true]);
		expect(second!.outputKpis[0]!.targets).toEqual({ 2026: 4, 2027: 5, 2028: 5, 2029: 6, 2030: 6 });
		expect(second!.outcomeKpis[0]!.targets).toEqual({ 2026: 12.5, 2027: 15, 2029: 20, 2030: 25 });
	});

	it('reports every cell it could not place, the placeholders it read as blank, and the sheets it skipped', () => {
		expect(result.notes).toEqual([
			{ sheet: 'アイデア例', cell: 'E14', problem: 'placeholder_targets', value: '※ 目標数値は 別途設定を 依頼' },
			{ sheet: 'アイデア例', cell: 'E16', problem: 'placeholder_targets', value: '※ 目標数値は 別途設定を 依頼' },
			{ sheet: 'アイデア例', cell: null, problem: 'title_derived', value: '公共施設予約システムの構築' },
			{ sheet: '税務課', cell: 'G5', problem: 'unplaced', value: 'メモ：課長確認済み' },
			{ sheet: '税務課', cell: 'E17', problem: 'placeholder_targets', value: '未定' },
			{ sheet: '記入方法', cell: null, problem: 'sheet_skipped' }
		]);
	});

	it('answers 「unrecognised」 for a workbook in no known layout', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('予算');
		ws.addRows([
			['事業名', '予算額'],
			['公民館管理', 1200]
		]);
		const other = await readIdeasWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'yosan.xlsx');
		expect(other).toEqual({ ideas: [], issues: [{ sheet: 'yosan.xlsx', row: 1, column: null, problem: 'unrecognised' }], notes: [] });
	});
});

describe('a Shift_JIS CSV (Excel on Japanese Windows)', () => {
	it('imports the same ideas as the UTF-8 export', () => {
		const years = fiscalYearRange(SAMPLE_INFO.planStartFy, SAMPLE_INFO.planEndFy);
		const ideas = listSheets(sampleBoard()).map(ideaFromSheet);
		const ideasText = ideasCsv(ideas.map((idea) => ({ idea }))).replace(/^\uFEFF/, '');
		const kpisText = ideaKpisCsv(ideas, years).replace(/^\uFEFF/, '');
		const sjis = encodeShiftJis(ideasText);
		// really Shift_JIS: not valid UTF-8
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(sjis)).toThrow();
		const result = parseIdeasCsv(decodeCsvBytes(sjis), 'ideas.csv', decodeCsvBytes(encodeShiftJis(kpisText)), 'idea-kpis.csv');
		expect(result.issues).toEqual([]);
		expect(result.ideas).toEqual(ideas);
	});
});
