import { describe, expect, it } from 'vitest';
import {
	eraOfDate,
	fiscalYearFromReiwa,
	fiscalYearOf,
	fiscalYearRange,
	formatDate,
	formatEraFiscalYear,
	formatFiscalYear,
	formatFiscalYearEnglish,
	formatFiscalYearShort,
	formatPlanPeriod,
	formatFiscalYearPeriodShort,
	parseFiscalYear,
	parseFiscalYearInput,
	parseFiscalYearPeriod,
	parseFiscalYearPrefix,
	reiwaYear
} from './fiscal-year';
import { isoDate } from './fiscal-year';

/** A moment given in Japan time. */
const jst = (iso: string) => new Date(`${iso}+09:00`);

describe('reiwaYear', () => {
	it('counts R1 = 2019, so Rn = 2018 + n', () => {
		expect(reiwaYear(2019)).toBe(1);
		expect(reiwaYear(2024)).toBe(6);
		expect(reiwaYear(2025)).toBe(7);
		expect(fiscalYearFromReiwa(7)).toBe(2025);
	});
});

describe('formatFiscalYear', () => {
	it('shows the Reiwa year beside the Western one', () => {
		expect(formatFiscalYear(2025)).toBe('令和7年度（2025年度）');
		expect(formatFiscalYear(2030)).toBe('令和12年度（2030年度）');
	});

	it('writes the first year of an era as 元', () => {
		expect(formatFiscalYear(2019)).toBe('令和元年度（2019年度）');
		expect(formatEraFiscalYear(1989)).toBe('平成元年度');
	});

	it('uses Heisei up to FY2018 and Showa before 1989', () => {
		expect(formatEraFiscalYear(2018)).toBe('平成30年度');
		expect(formatFiscalYear(2018)).toBe('平成30年度（2018年度）');
		expect(formatEraFiscalYear(1988)).toBe('昭和63年度');
	});

	it('has a short form for tables', () => {
		expect(formatFiscalYearShort(2025)).toBe('R7');
		expect(formatFiscalYearShort(2019)).toBe('R1');
		expect(formatFiscalYearShort(2018)).toBe('H30');
	});

	it('has an English form', () => {
		expect(formatFiscalYearEnglish(2025)).toBe('FY2025 (Reiwa 7)');
	});

	it('formats a plan period', () => {
		expect(formatPlanPeriod(2025, 2029)).toBe('令和7年度（2025年度）〜令和11年度（2029年度）');
		expect(fiscalYearRange(2025, 2027)).toEqual([2025, 2026, 2027]);
		expect(fiscalYearRange(2027, 2025)).toEqual([]);
	});
});

describe('fiscalYearOf', () => {
	it('starts the fiscal year on 1 April, Japan time', () => {
		expect(fiscalYearOf(jst('2025-03-31T23:59:59'))).toBe(2024);
		expect(fiscalYearOf(jst('2025-04-01T00:00:00'))).toBe(2025);
		expect(fiscalYearOf(jst('2025-12-31T12:00:00'))).toBe(2025);
		expect(fiscalYearOf(jst('2026-01-15T12:00:00'))).toBe(2025);
	});

	it('reads the date in Japan time, not UTC', () => {
		// 2025-03-31T15:30Z is already 1 April in Japan.
		expect(fiscalYearOf(new Date('2025-03-31T15:30:00Z'))).toBe(2025);
	});
});

describe('formatDate', () => {
	it('writes a date in Japanese', () => {
		expect(formatDate(jst('2025-04-01T09:05:00'))).toBe('2025年4月1日');
		expect(formatDate(jst('2025-04-01T09:05:00'), { weekday: true, time: true })).toBe(
			'2025年4月1日（火） 9:05'
		);
	});

	it('can write the year in the era, switching on the day the era began', () => {
		expect(formatDate(jst('2025-04-01T12:00:00'), { era: true })).toBe('令和7年4月1日');
		expect(formatDate(jst('2019-04-30T12:00:00'), { era: true })).toBe('平成31年4月30日');
		expect(formatDate(jst('2019-05-01T12:00:00'), { era: true })).toBe('令和元年5月1日');
		expect(eraOfDate(jst('1989-01-07T12:00:00'))).toEqual({ era: 'showa', year: 64 });
	});
});

describe('parseFiscalYear', () => {
	it('reads Reiwa and Heisei years in letters and kanji, with 元年', () => {
		expect(parseFiscalYear('R4')).toBe(2022);
		expect(parseFiscalYear('R1')).toBe(2019);
		expect(parseFiscalYear('R元')).toBe(2019);
		expect(parseFiscalYear('令和4年度')).toBe(2022);
		expect(parseFiscalYear('令和元年度')).toBe(2019);
		expect(parseFiscalYear('令和 元年')).toBe(2019);
		expect(parseFiscalYear('H30')).toBe(2018);
		expect(parseFiscalYear('H30年')).toBe(2018);
		expect(parseFiscalYear('H30年(度)')).toBe(2018);
		expect(parseFiscalYear('H31')).toBe(2019);
		expect(parseFiscalYear('平成31年度')).toBe(2019);
		expect(parseFiscalYear('平成元年度')).toBe(1989);
		expect(parseFiscalYear('Ｒ４')).toBe(2022);
		expect(parseFiscalYear('r4')).toBe(2022);
		expect(parseFiscalYear('S63')).toBe(1988);
	});

	it('reads Western years', () => {
		expect(parseFiscalYear('2022')).toBe(2022);
		expect(parseFiscalYear('2022年度')).toBe(2022);
		expect(parseFiscalYear('２０２２年')).toBe(2022);
		expect(parseFiscalYear('FY2022')).toBe(2022);
	});

	it('refuses anything else', () => {
		for (const text of ['', 'R', 'R0', '令和', '22', '4年度', 'R4実績', '2022-2024', 'abc', '12345']) {
			expect(parseFiscalYear(text), text).toBeNull();
		}
	});

	it('round-trips the short form', () => {
		for (let fy = 1990; fy <= 2035; fy++) expect(parseFiscalYear(formatFiscalYearShort(fy))).toBe(fy);
	});
});

describe('parseFiscalYearPrefix', () => {
	it('reads the year at the start of a column heading and keeps the rest', () => {
		expect(parseFiscalYearPrefix('R3実績')).toEqual({ year: 2021, rest: '実績' });
		expect(parseFiscalYearPrefix('令和4年度')).toEqual({ year: 2022, rest: '' });
		expect(parseFiscalYearPrefix('H30年(度)')).toEqual({ year: 2018, rest: '' });
		expect(parseFiscalYearPrefix('2024年度(目標)')).toEqual({ year: 2024, rest: '(目標)' });
		expect(parseFiscalYearPrefix('実績R3')).toBeNull();
	});
});

describe('parseFiscalYearPeriod', () => {
	it('reads a span of years, the end in the same era or another', () => {
		expect(parseFiscalYearPeriod('H20-24')).toEqual({ from: 2008, to: 2012 });
		expect(parseFiscalYearPeriod('H20～H24')).toEqual({ from: 2008, to: 2012 });
		expect(parseFiscalYearPeriod('H30〜R4')).toEqual({ from: 2018, to: 2022 });
		expect(parseFiscalYearPeriod('2018-2022')).toEqual({ from: 2018, to: 2022 });
		expect(parseFiscalYearPeriod('R1-R5年度')).toEqual({ from: 2019, to: 2023 });
	});

	it('refuses single years and backward spans', () => {
		expect(parseFiscalYearPeriod('H20')).toBeNull();
		expect(parseFiscalYearPeriod('H24-20')).toBeNull();
		expect(parseFiscalYearPeriod('x-y')).toBeNull();
	});

	it('formats a period short', () => {
		expect(formatFiscalYearPeriodShort({ from: 2008, to: 2012 })).toBe('H20-24');
		expect(formatFiscalYearPeriodShort({ from: 2018, to: 2022 })).toBe('H30-R4');
	});
});

describe('parseFiscalYearInput (year fields)', () => {
	it('takes every way staff write a year', () => {
		for (const typed of ['R8', 'r8', 'Ｒ８', '令和8', '令和8年度', '2026', '2026年度', '令和8年度（2026年度）', '令和８年度(2026年度)']) {
			expect(parseFiscalYearInput(typed), typed).toBe(2026);
		}
		expect(parseFiscalYearInput('H30')).toBe(2018);
		expect(parseFiscalYearInput('平成30年度')).toBe(2018);
		expect(parseFiscalYearInput('令和元年度')).toBe(2019);
	});

	it('refuses what is not a year, and a display whose two halves disagree', () => {
		for (const typed of ['', '  ', 'あした', '令和8年度（2027年度）', '12345']) {
			expect(parseFiscalYearInput(typed), typed).toBeNull();
		}
	});
});


describe('isoDate', () => {
	it('is zero-padded and in Japan time', () => {
		expect(isoDate(Date.UTC(2026, 11, 1, 15, 30))).toBe('2026-12-02');
		expect(isoDate(Date.UTC(2026, 0, 5, 0, 0))).toBe('2026-01-05');
	});
});
