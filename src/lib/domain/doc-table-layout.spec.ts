import { describe, expect, it } from 'vitest';
import { fitColumns, MIN_TEXT_COLUMN_EM, textEm } from './doc-table-layout';
import { kpiTables, TABLE_WIDTH_EM } from './strategy-document';
import type { MeasureKpi } from './strategy-draft';

const kpi = (targets: Record<number, number>): MeasureKpi => ({
	id: 'k',
	order: 'a',
	kind: 'outcome',
	name: 'スマート農業技術を導入した農業経営体の数',
	unit: '経営体',
	measurementMethod: '調査',
	baselineValue: 1_000_000,
	baselineYear: 2024,
	direction: 'higher',
	cumulative: false,
	targets,
	sources: []
});

describe('table widths from content', () => {
	it('counts full-width characters as one em and digits as less', () => {
		expect(textEm('アウトカム')).toBe(5);
		expect(textEm('1,280,000')).toBeLessThan(6);
		expect(textEm('R11\n目標')).toBeCloseTo(2.04);
	});

	it('gives short columns their widest cell and the text column the rest', () => {
		const widths = fitColumns({ header: ['指標', '単位', '値'], rows: [['とても長い指標の名前がここに入ります', '経営体', '1,280,000']], keep: [1, 2] }, 40)!;
		expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(40);
		expect(widths[2]).toBeGreaterThanOrEqual(textEm('1,280,000'));
		expect(widths[1]).toBeGreaterThanOrEqual(textEm('経営体'));
		expect(widths[0]).toBeGreaterThanOrEqual(MIN_TEXT_COLUMN_EM);
	});

	it('answers null when the short columns leave no room for the text', () => {
		expect(fitColumns({ header: ['指標', 'a', 'b'], rows: [['名前', '1,280,000,000,000', '1,280,000,000,000']], keep: [1, 2] }, 20)).toBeNull();
	});
});

describe('the KPI table of a measure', () => {
	it('keeps five plan years in one A4 portrait table, with direction and the targets', () => {
		const years = [2025, 2026, 2027, 2028, 2029];
		const tables = kpiTables([kpi({ 2029: 1_280_000 })], years);
		expect(tables).toHaveLength(1);
		expect(tables[0]!.header).toEqual(['指標', '方向', '単位', '基準値', 'R7\n目標', 'R8\n目標', 'R9\n目標', 'R10\n目標', 'R11\n目標']);
		expect(tables[0]!.rows[0]).toEqual(['スマート農業技術を導入した農業経営体の数', '↑ 増加', '経営体', '1,000,000\n（R6）', '', '', '', '', '1,280,000']);
		expect(tables[0]!.details).toEqual(['アウトカム指標　計測方法：調査']);
		expect(tables[0]!.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_WIDTH_EM);
	});

	it('splits a long plan period with large targets into tables of consecutive years that fit', () => {
		const years = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034];
		const targets = Object.fromEntries(years.map((y) => [y, 12_800_000 + y]));
		const tables = kpiTables([kpi(targets)], years);
		expect(tables.length).toBeGreaterThan(1);
		expect(tables.flatMap((t) => t.header.slice(4))).toEqual(years.map((y) => `R${y - 2018}\n目標`));
		for (const t of tables) expect(t.widths[0]).toBeGreaterThanOrEqual(MIN_TEXT_COLUMN_EM);
	});
});
