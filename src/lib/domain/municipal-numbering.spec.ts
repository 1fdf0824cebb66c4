import { describe, expect, it } from 'vitest';
import { headingNumber } from './municipal-numbering';

describe('headingNumber', () => {
	it('numbers chapters, sections, items and sub-items the municipal way', () => {
		expect(headingNumber(1, 2)).toBe('第2章');
		expect(headingNumber(2, 3)).toBe('3');
		expect(headingNumber(3, 1)).toBe('(1)');
		expect([1, 2, 3, 6, 11].map((n) => headingNumber(4, n))).toEqual(['ア', 'イ', 'ウ', 'カ', 'サ']);
		expect(headingNumber(4, 45)).toBe('(45)');
	});
});
