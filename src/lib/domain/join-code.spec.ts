import { describe, expect, it } from 'vitest';
import { formatJoinCode, joinCodeFor, normaliseJoinCode } from './join-code';

describe('board join codes', () => {
	it('are six characters without look-alikes, stable for a board', () => {
		const code = joinCodeFor('01JD0000000000000000000000');
		expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
		expect(joinCodeFor('01JD0000000000000000000000')).toBe(code);
		expect(joinCodeFor('01JD0000000000000000000001')).not.toBe(code);
	});

	it('differ across many boards (collisions are rare enough for one town)', () => {
		const codes = new Set(Array.from({ length: 5000 }, (_, i) => joinCodeFor(`board-${i}`)));
		expect(codes.size).toBeGreaterThanOrEqual(4995);
	});

	it('are read back however they are typed', () => {
		const code = joinCodeFor('x');
		const lower = code.toLowerCase();
		expect(normaliseJoinCode(lower)).toBe(code);
		expect(normaliseJoinCode(`${lower.slice(0, 3)}-${lower.slice(3)}`)).toBe(code);
		expect(normaliseJoinCode(formatJoinCode(code))).toBe(code);
		const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
		expect(normaliseJoinCode(fullWidth)).toBe(code);
	});

	it('refuse what cannot be a code', () => {
		expect(normaliseJoinCode('')).toBeNull();
		expect(normaliseJoinCode('ABCDE')).toBeNull();
		expect(normaliseJoinCode('ABCDEFG')).toBeNull();
		expect(normaliseJoinCode('ABCDE0')).toBeNull(); // 0 is not in the alphabet
		expect(normaliseJoinCode('ABCDEI')).toBeNull();
	});
});
