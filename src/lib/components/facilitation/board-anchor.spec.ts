import { describe, expect, it } from 'vitest';
import { itemHash, parseItemHash } from './board-anchor';

describe('board item anchors', () => {
	it('round-trips cards and sheets', () => {
		expect(itemHash({ kind: 'card', id: 'abc123' })).toBe('#card-abc123');
		expect(parseItemHash('#card-abc123')).toEqual({ kind: 'card', id: 'abc123' });
		expect(parseItemHash('#sheet-0f9e_x-1')).toEqual({ kind: 'sheet', id: '0f9e_x-1' });
	});

	it('refuses anything that could break out of an attribute selector', () => {
		expect(parseItemHash('#card-a"]')).toBeNull();
		expect(parseItemHash('#card-')).toBeNull();
		expect(parseItemHash('#cluster-abc')).toBeNull();
		expect(parseItemHash('')).toBeNull();
		expect(parseItemHash('#card-%E0%A4%A')).toBeNull();
		expect(parseItemHash(`#card-${'a'.repeat(101)}`)).toBeNull();
	});
});
