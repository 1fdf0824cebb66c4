import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	formatKpiTableIssue,
	parseCumulative,
	parseDirection,
	parseGoalCell,
	parseKind,
	parseKpiTable,
	parseKpiTableCsv,
	parseMeasureCell,
	splitMultiValueCell,
	splitMultiValueRow,
	yearColumnOfHeading,
	type KpiTableImport
} from './kpi-table-import';

const HEAD = ['基本目標', '施策', '指標', '単位', '基準値', '基準年度', '実績値', '実績年度', '目標値', '目標年度', '累計', '方向', '担当課', '確認方法', '種別'];

/** A table from rows keyed by heading (other cells blank). */
function table(rows: Array<Partial<Record<string, string>>>, head = HEAD): string[][] {
	return [head, ...rows.map((r) => head.map((h) => r[h] ?? ''))];
}
const errors = (r: KpiTableImport) => r.issues.filter((i) => i.severity === 'error');
const only = (r: KpiTableImport) => {
	expect(errors(r)).toEqual([]);
	expect(r.kpis).toHaveLength(1);
	return r.kpis[0]!;
};
const row = (extra: Partial<Record<string, string>>) => ({ 基本目標: '基本目標1 しごとをつくる', 施策: '1-1 担い手', 指標: '指標A', ...extra });

describe('cell readers', () => {
	it('reads 累計 marks', () => {
		for (const v of ['※', '○', '〇', '累計', 'true', '1', 'TRUE']) expect(parseCumulative(v), v).toBe(true);
		for (const v of ['', '0', 'false', '×', '－']) expect(parseCumulative(v), v).toBe(false);
		expect(parseCumulative('たぶん')).toBeUndefined();
	});
	it('reads 方向', () => {
		for (const v of ['増加', '上昇', 'up', 'UP', '↑']) expect(parseDirection(v), v).toBe('higher');
		for (const v of ['減少', '低下', 'down', '↓']) expect(parseDirection(v), v).toBe('lower');
		expect(parseDirection('')).toBeNull();
		expect(parseDirection('横ばい')).toBeUndefined();
	});
	it('reads 種別', () => {
		expect(parseKind('基本目標')).toBe('goal_target');
		expect(parseKind('施策')).toBe('outcome');
		expect(parseKind('アウトカム')).toBe('outcome');
		expect(parseKind('アウトプット')).toBe('output');
		expect(parseKind('output')).toBe('output');
		expect(parseKind('')).toBeNull();
		expect(parseKind('その他')).toBeUndefined();
	});
	it('reads goal and measure codes with the town’s own titles', () => {
		expect(parseGoalCell('基本目標1 しごとをつくる')).toEqual({ code: '1', title: 'しごとをつくる' });
		expect(parseGoalCell('基本目標７　自治のまちづくり')).toEqual({ code: '7', title: '自治のまちづくり' });
		expect(parseGoalCell('5．住民と行政がともに考え未来へつなぐ自治のまちづくり')).toEqual({ code: '5', title: '住民と行政がともに考え未来へつなぐ自治のまちづくり' });
		expect(parseGoalCell('新たな人の流れをつくる')).toEqual({ code: null, title: '新たな人の流れをつくる' });
		expect(parseMeasureCell('5-3-2 国際・地域間交流の推進')).toEqual({ code: '5-3-2', title: '国際・地域間交流の推進' });
		expect(parseMeasureCell('施策2-2 関係人口創出プロジェクト')).toEqual({ code: '2-2', title: '関係人口創出プロジェクト' });
		expect(parseMeasureCell('（1）担い手の育成')).toEqual({ code: '1', title: '担い手の育成' });
		expect(parseMeasureCell('担い手の育成')).toEqual({ code: null, title: '担い手の育成' });
	});
	it('recognises yearly actual and target headings', () => {
		expect(yearColumnOfHeading('R3実績')).toEqual({ fiscalYear: 2021, role: 'actual' });
		expect(yearColumnOfHeading('令和4年度')).toEqual({ fiscalYear: 2022, role: 'actual' });
		expect(yearColumnOfHeading('H30年(度)')).toEqual({ fiscalYear: 2018, role: 'actual' });
		expect(yearColumnOfHeading('2020年度実績')).toEqual({ fiscalYear: 2020, role: 'actual' });
		expect(yearColumnOfHeading('2024年度(目標)')).toEqual({ fiscalYear: 2024, role: 'target' });
		expect(yearColumnOfHeading('R6目標')).toEqual({ fiscalYear: 2024, role: 'target' });
		expect(yearColumnOfHeading('2020年度決算')).toBeNull();
		expect(yearColumnOfHeading('備考')).toBeNull();
	});
});

describe('parseKpiTable: headings', () => {
	it('finds the heading row below a title and accepts English headings', () => {
		const r = parseKpiTable([['KPI一覧（令和4年度）'], [], ['goal', 'measure', 'kpi', 'unit', 'baseline', 'baseline_year', 'actual', 'actual_year', 'target', 'target_year', 'cumulative', 'direction', 'department', 'method', 'kind'], ['1 しごと', '1-1 担い手', '就農者数', '人', '10', 'R1', '12', 'R4', '20', 'R6', '', 'up', '農林課', '実績', 'outcome']]);
		expect(r.headerRow).toBe(3);
		const k = only(r);
		expect(k.row).toBe(4);
		expect(k.kpi).toMatchObject({ name: '就農者数', baselineValue: 10, baselineYear: 2019, finalTarget: 20, targetYear: 2024, department: '農林課', measurementMethod: '実績', kind: 'outcome' });
		expect(k.actuals).toEqual([{ fiscalYear: 2022, value: 12, note: '' }]);
	});

	it('reads the headings of the published evaluation sheets', () => {
		const r = parseKpiTable([
			['基本目標', '施策', '重要業績評価指標(KPI)', '説明', '単位', '策定時(基準値)', '2020年度実績', '2021年度実績', '2024年度(目標)'],
			['新たな人の流れをつくる取組を推進', '2-2 関係人口創出プロジェクト', '芽室町が好きな町民の割合', '住民意識調査', '%', '98.6', '92.6', '94.3', '95.0']
		]);
		const k = only(r);
		expect(k.kpi).toMatchObject({ measurementMethod: '住民意識調査', baselineValue: 98.6, targets: { 2024: 95 } });
		expect(k.actuals.map((a) => [a.fiscalYear, a.value])).toEqual([[2020, 92.6], [2021, 94.3]]);
		expect(r.yearColumns.map((c) => [c.heading, c.role])).toEqual([['2020年度実績', 'actual'], ['2021年度実績', 'actual'], ['2024年度(目標)', 'target']]);
	});

	it('refuses a file without the 指標 or 基本目標 column, and an empty file', () => {
		expect(parseKpiTable([['a', 'b'], ['1', '2']]).issues[0]).toMatchObject({ problem: 'not_a_table', row: 1 });
		const r = parseKpiTable([['施策', '指標', '単位', '基準値'], ['1-1', 'x', '人', '1']]);
		expect(r.ok).toBe(false);
		expect(r.issues[0]).toMatchObject({ problem: 'missing_column', column: 'goal' });
		expect(parseKpiTable([[''], []]).issues[0]!.problem).toBe('empty_file');
	});

	it('notes columns it will not read, without blocking', () => {
		const r = parseKpiTable(table([row({ 備考: 'メモ' })], [...HEAD, '備考']));
		expect(r.ok).toBe(true);
		expect(r.issues).toContainEqual(expect.objectContaining({ problem: 'unknown_column', severity: 'warning', heading: '備考' }));
	});

	it('refuses a column given twice', () => {
		const r = parseKpiTable(table([row({})], [...HEAD, '単位']));
		expect(r.ok).toBe(false);
		expect(r.issues).toContainEqual(expect.objectContaining({ problem: 'duplicate_column', column: 'unit' }));
	});
});

describe('parseKpiTable: goals and measures', () => {
	it('builds goals → measures → KPIs with any number of goals, continuing blank (merged) cells', () => {
		const r = parseKpiTable(
			table([
				{ 基本目標: '基本目標1 しごと', 指標: '就業者数', 種別: '基本目標', 基準値: '100', 目標値: '120' },
				{ 施策: '1-1 担い手', 指標: '就農者', 基準値: '1', 目標値: '2' },
				{ 指標: '研修参加者', 基準値: '1', 目標値: '2', 種別: 'アウトプット' },
				{ 施策: '1-2 企業誘致', 指標: '誘致件数', 基準値: '0', 目標値: '3' },
				{ 基本目標: '基本目標7 自治', 施策: '7-1 協働', 指標: '参加者', 基準値: '10', 目標値: '20' },
				{ 基本目標: '基本目標7 自治', 指標: '満足度', 基準値: '50', 目標値: '60', 種別: '基本目標' }
			])
		);
		expect(errors(r)).toEqual([]);
		expect(r.goals.map((g) => [g.code, g.title, g.targets.map((k) => k.kpi.name), g.measures.map((m) => [m.code, m.kpis.map((k) => k.kpi.name)])])).toEqual([
			['1', 'しごと', ['就業者数'], [['1-1', ['就農者', '研修参加者']], ['1-2', ['誘致件数']]]],
			['7', '自治', ['満足度'], [['7-1', ['参加者']]]]
		]);
		expect(r.kpis.map((k) => k.kpi.kind)).toEqual(['goal_target', 'outcome', 'output', 'outcome', 'outcome', 'goal_target']);
	});

	it('continues the measure under a repeated goal cell (merged cells read back), a new goal starting its targets', () => {
		const r = parseKpiTable(table([
			{ 基本目標: '1 しごと', 施策: '1-1 担い手', 指標: 'a', 目標値: '2' },
			{ 基本目標: '1 しごと', 指標: 'b', 目標値: '2' },
			{ 基本目標: '2 ひと', 指標: 'c', 目標値: '2' },
			{ 基本目標: '2 ひと', 指標: 'd', 目標値: '2' }
		]));
		expect(r.kpis.map((k) => [k.kpi.name, k.kpi.kind, k.kpi.measure?.code ?? null])).toEqual([
			['a', 'outcome', '1-1'],
			['b', 'outcome', '1-1'],
			['c', 'goal_target', null],
			['d', 'goal_target', null]
		]);
	});

	it('numbers goals and measures without codes in order of appearance', () => {
		const r = parseKpiTable(table([
			{ 基本目標: 'しごと', 施策: '担い手', 指標: 'a', 基準値: '1', 目標値: '2' },
			{ 基本目標: 'ひと', 施策: '移住', 指標: 'b', 基準値: '1', 目標値: '2' },
			{ 基本目標: 'ひと', 施策: '関係人口', 指標: 'c', 基準値: '1', 目標値: '2' }
		]));
		expect(r.kpis.map((k) => [k.kpi.goal.code, k.kpi.measure?.code])).toEqual([['1', '1-1'], ['2', '2-1'], ['2', '2-2']]);
	});

	it('reports a row without a goal, a KPI name or a measure for a measure KPI', () => {
		const r = parseKpiTable(table([{ 施策: '1-1', 指標: 'a' }, { 基本目標: '1 しごと', 施策: '1-1 x', 指標: '' }, { 基本目標: '2 ひと', 指標: 'b', 種別: 'アウトプット' }]));
		expect(r.issues.map((i) => [i.row, i.problem])).toEqual([[2, 'goal_required'], [3, 'kpi_required'], [4, 'measure_required']]);
		expect(r.ok).toBe(false);
	});
});

describe('parseKpiTable: values', () => {
	it('reads the awkward notations into the register', () => {
		const k = only(parseKpiTable(table([row({ 基準値: '(H20-24) 1.51', 実績値: '1.40（R3）', 目標値: '△5', 目標年度: '令和6年度', 方向: '減少', 累計: '' })])));
		expect(k.kpi).toMatchObject({ baselineValue: 1.51, baselineYear: 2012, baselinePeriod: { from: 2008, to: 2012 }, finalTarget: -5, targetYear: 2024, direction: 'lower' });
		expect(k.actuals).toEqual([{ fiscalYear: 2021, value: 1.4, note: '' }]);
	});

	it('takes a bracketed year as the value’s own year over the year column, with a note', () => {
		const r = parseKpiTable(table([row({ 基準値: '11 (R1)', 基準年度: 'R2', 実績値: '79 (R4)', 実績年度: 'R5', 目標値: '100' })]));
		const k = only(r);
		expect(k.kpi.baselineYear).toBe(2019);
		expect(k.actuals).toEqual([{ fiscalYear: 2022, value: 79, note: '' }]);
		expect(r.issues.filter((i) => i.problem === 'year_conflict').map((i) => i.column).sort()).toEqual(['actualYear', 'baselineYear']);
	});

	it('reads a dash baseline as no baseline', () => {
		expect(only(parseKpiTable(table([row({ 基準値: '－', 目標値: '10' })]))).kpi.baselineValue).toBeNull();
		expect(only(parseKpiTable(table([row({ 基準値: '―', 目標値: '10' })]))).kpi.baselineValue).toBeNull();
	});

	it('keeps a text target as text', () => {
		expect(only(parseKpiTable(table([row({ 基準値: '1.5', 目標値: '全国平均' })]))).kpi.finalTarget).toBe('全国平均');
		expect(only(parseKpiTable(table([row({ 基準値: '1.5', 目標値: '現状維持' })]))).kpi.finalTarget).toBe('現状維持');
	});

	it('refuses words where a baseline or actual must be a number, never zero', () => {
		const r = parseKpiTable(table([row({ 単位: '人', 基準値: '調査中', 実績値: '12あ', 実績年度: 'R4', 目標値: '10' })]));
		expect(r.kpis).toEqual([]);
		expect(r.issues.map((i) => [i.row, i.column, i.problem])).toEqual([[2, 'baseline', 'text_not_allowed'], [2, 'actual', 'bad_number']]);
		expect(r.issues[1]!.message).toContain('単位が指標の単位と異なります');
		const garbled = parseKpiTable(table([row({ 基準値: '1,23', 目標値: '10' })]));
		expect(garbled.issues[0]).toMatchObject({ column: 'baseline', problem: 'bad_number' });
		expect(garbled.issues[0]!.message).toContain('「1,23」: 桁区切りのカンマ');
	});

	it('needs a year for the 実績値 column (or the default year given)', () => {
		const r = parseKpiTable(table([row({ 実績値: '12', 目標値: '20' })]));
		expect(r.issues[0]).toMatchObject({ problem: 'actual_year_required', column: 'actual' });
		const k = only(parseKpiTable(table([row({ 実績値: '12', 目標値: '20' })]), { defaultActualYear: 2022 }));
		expect(k.actuals).toEqual([{ fiscalYear: 2022, value: 12, note: '' }]);
	});

	it('reads yearly actual columns, an older value keeping its own year', () => {
		const head = [...HEAD, 'R3実績', '令和4年度', 'H30年(度)'];
		const k = only(parseKpiTable(table([row({ 'R3実績': '5', 令和4年度: '5 (R3)', 'H30年(度)': '－', 目標値: '10' })], head)));
		expect(k.actuals).toEqual([{ fiscalYear: 2021, value: 5, note: '' }]);
		const clash = parseKpiTable(table([row({ 'R3実績': '5', 令和4年度: '6 (R3)', 目標値: '10' })], head));
		expect(clash.issues).toContainEqual(expect.objectContaining({ problem: 'actual_conflict', heading: '令和4年度' }));
	});

	it('reads 万/億 and △ in cells', () => {
		const k = only(parseKpiTable(table([row({ 単位: '円', 基準値: '5億5,450万', 目標値: '6億', 実績値: '△1,000', 実績年度: 'R4' })])));
		expect(k.kpi.baselineValue).toBe(554_500_000);
		expect(k.kpi.finalTarget).toBe(600_000_000);
		expect(k.actuals[0]!.value).toBe(-1000);
	});

	it('infers the direction from baseline and target when blank, and notes a contradiction', () => {
		const r = parseKpiTable(table([row({ 基準値: '500', 目標値: '300' })]));
		expect(only(r).kpi.direction).toBe('lower');
		expect(r.issues).toContainEqual(expect.objectContaining({ problem: 'direction_inferred', severity: 'warning' }));
		const c = parseKpiTable(table([row({ 基準値: '500', 目標値: '300', 方向: '増加' })]));
		expect(only(c).kpi.direction).toBe('higher');
		expect(c.issues).toContainEqual(expect.objectContaining({ problem: 'direction_contradicts', severity: 'warning' }));
	});

	it('reports bad 累計, 方向, 種別 and year cells by row and column', () => {
		const r = parseKpiTable(table([row({ 累計: 'たぶん', 方向: '横ばい', 種別: 'その他', 目標年度: 'いつか' })]));
		expect(r.issues.map((i) => i.column).sort()).toEqual(['cumulative', 'direction', 'kind', 'targetYear']);
		expect(formatKpiTableIssue(r.issues.find((i) => i.column === 'direction')!)).toBe('2行目「方向」 エラー: 方向「横ばい」が読めません。「増加」「減少」（または「上昇」「低下」）にしてください。');
	});

	it('takes the unit from the cells when the unit column is blank', () => {
		const r = parseKpiTable(table([row({ 単位: '', 基準値: '10人', 目標値: '20人' })]));
		expect(only(r).kpi.unit).toBe('人');
	});

	it('skips the rows the person chose to skip, and is then ok', () => {
		const cells = table([row({ 指標: 'good', 目標値: '1' }), row({ 指標: 'bad', 基準値: '？？1' })]);
		expect(parseKpiTable(cells).ok).toBe(false);
		const r = parseKpiTable(cells, { skipRows: [3] });
		expect(r.ok).toBe(true);
		expect(r.skippedRows).toEqual([3]);
		expect(r.kpis.map((k) => k.kpi.name)).toEqual(['good']);
	});
});

describe('multi-value cells', () => {
	it('splits labelled values, a trailing year applying to each', () => {
		expect(splitMultiValueCell('・ホタテ製品 4社 ・サケ製品 1社')).toEqual([{ label: 'ホタテ製品', value: '4社' }, { label: 'サケ製品', value: '1社' }]);
		expect(splitMultiValueCell('トレーシー 68.5 広尾 41.5 揖斐川 58.3 (R3)')).toEqual([
			{ label: 'トレーシー', value: '68.5 (R3)' },
			{ label: '広尾', value: '41.5 (R3)' },
			{ label: '揖斐川', value: '58.3 (R3)' }
		]);
		expect(splitMultiValueCell('12')).toBeNull();
		expect(splitMultiValueCell('11 (R1)')).toBeNull();
		expect(splitMultiValueCell('ホタテ 4社')).toBeNull();
	});

	it('flags the row, offers the split, and the split rows import', () => {
		const cells = table([row({ 指標: '事業者数', 単位: '社', 基準値: '・ホタテ製品 4社 ・サケ製品 1社', 基準年度: 'R3', 目標値: '・ホタテ製品 6社 ・サケ製品 2社' })]);
		const r = parseKpiTable(cells);
		expect(r.ok).toBe(false);
		expect(r.multiValueRows).toEqual([{ row: 2, canSplit: true, cells: [expect.objectContaining({ heading: '基準値' }), expect.objectContaining({ heading: '目標値' })] }]);
		const split = splitMultiValueRow(cells, 2);
		expect(split.ok).toBe(true);
		if (!split.ok) return;
		expect(split.rowsAdded).toBe(1);
		const after = parseKpiTable(split.cells);
		expect(errors(after)).toEqual([]);
		expect(after.kpis.map((k) => [k.kpi.name, k.kpi.baselineValue, k.kpi.finalTarget, k.kpi.baselineYear])).toEqual([
			['事業者数（ホタテ製品）', 4, 6, 2021],
			['事業者数（サケ製品）', 1, 2, 2021]
		]);
	});

	it('matches parts by label, and refuses to split cells of different lengths', () => {
		const cells = table([row({ 基準値: 'A 1 B 2', 目標値: 'B 20 A 10' })]);
		const split = splitMultiValueRow(cells, 2);
		expect(split.ok && parseKpiTable(split.cells).kpis.map((k) => [k.kpi.name, k.kpi.baselineValue, k.kpi.finalTarget])).toEqual([
			['指標A（A）', 1, 10],
			['指標A（B）', 2, 20]
		]);
		const uneven = table([row({ 基準値: 'A 1 B 2', 目標値: 'A 1 B 2 C 3' })]);
		expect(parseKpiTable(uneven).multiValueRows[0]!.canSplit).toBe(false);
		expect(splitMultiValueRow(uneven, 2)).toMatchObject({ ok: false });
		expect(splitMultiValueRow(cells, 1)).toMatchObject({ ok: false });
	});
});

describe('parseKpiTableCsv', () => {
	const csv = '基本目標,施策,指標,単位,基準値,目標値\n基本目標1 しごと,1-1 担い手,就農者数,人,"1,200",1500\n';
	it('reads UTF-8 (with BOM) and Shift_JIS bytes alike', () => {
		const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
		expect(only(parseKpiTableCsv(utf8)).kpi.baselineValue).toBe(1200);
		const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/evaluation/${name}`, import.meta.url)));
		const a = parseKpiTableCsv(fixture('kpi-table.csv'));
		const b = parseKpiTableCsv(fixture('kpi-table-sjis.csv'));
		expect(a.ok).toBe(true);
		expect(a.kpis).toHaveLength(12);
		expect(b.kpis.map((k) => k.kpi)).toEqual(a.kpis.map((k) => k.kpi));
		expect(b.kpis[0]!.kpi.goal.title).toBe('活力ある産業のまちをつくる');
	});
	it('restores cells our exports neutralised', () => {
		const r = parseKpiTableCsv("基本目標,施策,指標,基準値,目標値\n1 しごと,1-1 x,'-指標,1,2\n");
		expect(only(r).kpi.name).toBe('-指標');
	});
});
