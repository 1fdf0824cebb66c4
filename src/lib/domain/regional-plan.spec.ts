import { describe, expect, it } from 'vitest';
import type { MeasureKpi } from './strategy-draft';
import { chosenKpis, defaultRegionalPlanForm, digestKpiRow, digestKpiTables, planPeriodText, regionalPlanDocument } from './regional-plan';
import { sampleDraft } from '$lib/server/export/testing/sample';

const YEARS = [2025, 2026, 2027, 2028, 2029];

function kpi(over: Partial<MeasureKpi>): MeasureKpi {
	return {
		id: 'k1',
		order: 'a',
		kind: 'outcome',
		name: '指標',
		unit: '件',
		measurementMethod: '',
		baselineValue: 100,
		baselineYear: 2024,
		direction: 'higher',
		cumulative: false,
		targets: {},
		sources: [],
		...over
	};
}

describe('digestKpiRow', () => {
	it('gives the baseline as 事業開始前 and each year the increase over the year before', () => {
		const row = digestKpiRow(kpi({ targets: { 2025: 120, 2026: 150, 2027: 200, 2028: 260, 2029: 300 } }), YEARS);
		expect(row.before).toBe(100);
		expect(row.increases).toEqual([20, 30, 50, 60, 40]);
		expect(row.total).toBe(200);
	});

	it('leaves a year without a target blank and counts the next one from the last set target', () => {
		const row = digestKpiRow(kpi({ targets: { 2026: 130, 2028: 160, 2029: null } }), YEARS);
		expect(row.increases).toEqual([null, 30, null, 30, null]);
		expect(row.total).toBe(60);
	});

	it('gives decreases of a KPI that should go down as negative numbers, without float noise', () => {
		const row = digestKpiRow(kpi({ direction: 'lower', baselineValue: 30.3, targets: { 2025: 30.1, 2029: 25 } }), YEARS);
		expect(row.increases).toEqual([-0.2, null, null, null, -5.1]);
		expect(row.total).toBe(-5.3);
	});

	it('has no increase for the first target and no total when there is no baseline', () => {
		const row = digestKpiRow(kpi({ baselineValue: null, targets: { 2025: 5, 2026: 8 } }), YEARS);
		expect(row.before).toBeNull();
		expect(row.increases).toEqual([null, 3, null, null, null]);
		expect(row.total).toBeNull();
	});
});

describe('the digest table and document', () => {
	const draft = sampleDraft();
	const measures = draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
	const booking = measures.find((m) => m.title === '公共施設予約のオンライン化')!;

	it('lists only the chosen KPIs of chosen measures, with △ for decreases', () => {
		const form = { measureIds: [booking.id], kpiIds: [...booking.kpis.map((k) => k.id), 'not-chosen-measure-kpi'] };
		const kpis = chosenKpis(draft, form);
		expect(kpis.map((k) => k.name)).toEqual(booking.kpis.map((k) => k.name));
		const rows = [digestKpiRow(kpi({ name: '待ち時間', direction: 'lower', baselineValue: 30, targets: { 2025: 25 } }), YEARS)];
		const [table] = digestKpiTables(rows, YEARS);
		expect(table!.header[0]).toBe('KPI');
		expect(table!.header.at(-1)).toBe('KPI増加分\nの累計');
		expect(table!.rows[0]).toEqual(['待ち時間\n（件）', '30', '△5', '', '', '', '', '△5']);
	});

	it('has the national sections in order, the plan period to the end of the last fiscal year', () => {
		const form = { ...defaultRegionalPlanForm('みらい町'), measureIds: [booking.id], kpiIds: booking.kpis.map((k) => k.id), projectIds: booking.projects.map((p) => p.id) };
		const doc = regionalPlanDocument(draft, form, { planStartFy: 2025, planEndFy: 2029 });
		const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.number} ${b.text}`] : []));
		expect(headings).toEqual([
			'1 地域再生計画の名称',
			'2 地域再生計画の作成主体の名称',
			'3 地域再生計画の区域',
			'4 地域再生計画の目標',
			'4-1 地域の現状',
			'4-2 地域の課題',
			'4-3 目標',
			'5 地域再生を図るために行う事業',
			'5-1 全体の概要',
			'5-2 第５章の特別の措置を適用して行う事業',
			'5-3 その他の事業',
			'6 計画期間',
			'7 目標の達成状況に係る評価に関する事項',
			'7-1 目標の達成状況に係る評価の手法',
			'7-2 目標の達成状況に係る評価の時期及び評価を行う内容',
			'7-3 目標の達成状況に係る評価の公表の手法'
		]);
		expect(planPeriodText(2029)).toBe('地域再生計画の認定の日から令和12年3月31日まで');
		const texts = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'bullets' ? b.items : []));
		expect(texts).toContain('(1) 公共施設予約のオンライン化');
		expect(texts).toContain('公共施設のオンライン予約（生涯学習課 社会教育係）');
		expect(texts).not.toContain('(2) 転入手続きのワンストップ化');
		const table = doc.blocks.find((b) => b.kind === 'table');
		expect(table && table.kind === 'table' && table.table.rows.map((r) => r[0])).toEqual(booking.kpis.map((k) => k.name + (k.cumulative ? '※' : '') + (k.unit ? `\n（${k.unit}）` : '')));
	});
});

describe('formatNumber', () => {
	it('writes a minus as △, with thousands separators', async () => {
		const { formatNumber } = await import('./strategy-document');
		expect(formatNumber(-85)).toBe('△85');
		expect(formatNumber(-1280000)).toBe('△1,280,000');
		expect(formatNumber(-0.001)).toBe('0');
		expect(formatNumber(1280000)).toBe('1,280,000');
		expect(formatNumber(null)).toBe('');
	});
});
