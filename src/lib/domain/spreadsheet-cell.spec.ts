import { describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from './spreadsheet-cell';

describe('neutraliseCell', () => {
	it('prefixes text a spreadsheet would run as a formula', () => {
		for (const v of ['=SUM(A1)', '+81', '-1', '@cmd', '\tx', '\rx']) {
			expect(neutraliseCell(v)).toBe(`'${v}`);
			expect(restoreCell(neutraliseCell(v))).toBe(v);
		}
	});

	it('leaves other text alone', () => {
		for (const v of ['予約件数', "'quoted", 'a=b', '']) {
			expect(neutraliseCell(v)).toBe(v);
			expect(restoreCell(v)).toBe(v);
		}
	});
});
