import { describe, expect, it } from 'vitest';
import { formatDateInput, isoDateInJapan, parseDateInput } from './dates';

describe('dates', () => {
	it('reads only real zero-padded dates', () => {
		expect(formatDateInput(parseDateInput('2026-04-01')!)).toBe('2026-04-01');
		expect(parseDateInput('2026-4-1')).toBeNull();
		expect(parseDateInput('2026-02-30')).toBeNull();
	});
	it('names the day in Japan time, zero-padded', () => {
		expect(isoDateInJapan(Date.UTC(2026, 11, 1, 16, 0))).toBe('2026-12-02');
		expect(isoDateInJapan(Date.UTC(2026, 0, 5, 1, 0))).toBe('2026-01-05');
	});
});
