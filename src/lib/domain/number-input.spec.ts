import { describe, expect, it } from 'vitest';
import { numberInputValue, parseNumberInput } from './number-input';

describe('parseNumberInput', () => {
	it('reads half- and full-width numbers with separators', () => {
		expect(parseNumberInput('1200')).toBe(1200);
		expect(parseNumberInput('１，２００')).toBe(1200);
		expect(parseNumberInput(' 3.5 ')).toBe(3.5);
		expect(parseNumberInput('－５')).toBe(-5);
		expect(parseNumberInput('−0.25')).toBe(-0.25);
		expect(parseNumberInput('.5')).toBe(0.5);
		expect(parseNumberInput('１０。５')).toBe(10.5);
	});

	it('treats a blank field as "set later" and anything else as not a number', () => {
		expect(parseNumberInput('')).toBeNull();
		expect(parseNumberInput('   ')).toBeNull();
		for (const bad of ['約100', '10件', '1e3', '--1', '1.2.3', 'Infinity', '-']) {
			expect(parseNumberInput(bad), bad).toBeUndefined();
		}
	});
});

describe('numberInputValue', () => {
	it('shows numbers plainly and blanks as empty', () => {
		expect(numberInputValue(1200)).toBe('1200');
		expect(numberInputValue(0)).toBe('0');
		expect(numberInputValue(null)).toBe('');
		expect(numberInputValue(Number.NaN)).toBe('');
	});
});
