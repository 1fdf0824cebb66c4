import { describe, expect, it } from 'vitest';
import {
	formatJapaneseNumber,
	formatRate,
	formatValueWithYear,
	parseJapaneseNumber,
	ratePercent,
	roundHalfUp,
	type ParsedKpiValue
} from './japanese-number';

const num = (raw: string, unit?: string) => {
	const r = parseJapaneseNumber(raw, unit ? { unit } : {});
	if (r.kind !== 'number') throw new Error(`${raw}: ${JSON.stringify(r)}`);
	return r;
};
const kind = (r: ParsedKpiValue) => r.kind;
const code = (r: ParsedKpiValue) => (r.kind === 'error' ? r.code : r.kind);

describe('parseJapaneseNumber: plain notations', () => {
	it('reads thousands commas, decimals and full-width digits', () => {
		expect(num('1,234').value).toBe(1234);
		expect(num('1,234,567.5').value).toBe(1234567.5);
		expect(num('１，２３４').value).toBe(1234);
		expect(num('９２．５').value).toBe(92.5);
		expect(num('.5').value).toBe(0.5);
		expect(num(' 7023 ').value).toBe(7023);
	});

	it('returns the trailing unit or %', () => {
		expect(num('12人')).toMatchObject({ value: 12, unit: '人' });
		expect(num('1,200件')).toMatchObject({ value: 1200, unit: '件' });
		expect(num('92.5%')).toMatchObject({ value: 92.5, unit: '%' });
		expect(num('92.5％')).toMatchObject({ value: 92.5, unit: '%' });
		expect(num('12.3千人')).toMatchObject({ value: 12.3, unit: '千人' });
		expect(num('60,564千円')).toMatchObject({ value: 60564, unit: '千円' });
		expect(num('4 社')).toMatchObject({ value: 4, unit: '社' });
		expect(num('7023').unit).toBeNull();
	});

	it('reads △ and ▲ (and minus signs) as negative', () => {
		expect(num('△12').value).toBe(-12);
		expect(num('▲1,234').value).toBe(-1234);
		expect(num('△ 0.5%')).toMatchObject({ value: -0.5, unit: '%' });
		expect(num('-3').value).toBe(-3);
		expect(num('－3').value).toBe(-3);
		expect(num('−3').value).toBe(-3);
		expect(num('△0').value).toBe(0);
		expect(Object.is(num('△0').value, -0)).toBe(false);
	});

	it('reads 万 and 億, with 千 inside a compound', () => {
		expect(num('141万5千').value).toBe(1_415_000);
		expect(num('5億5,450万').value).toBe(554_500_000);
		expect(num('1.5万').value).toBe(15_000);
		expect(num('3億').value).toBe(300_000_000);
		expect(num('2億300万5千').value).toBe(203_005_000);
		expect(num('141万5千人')).toMatchObject({ value: 1_415_000, unit: '人' });
		expect(num('△5億5,450万円')).toMatchObject({ value: -554_500_000, unit: '円' });
		expect(num('10万1').value).toBe(100_001);
	});

	it('keeps 万円 as the unit when the KPI unit says so', () => {
		expect(num('300万円', '万円')).toMatchObject({ value: 300, unit: '万円' });
		expect(num('300万円', '円')).toMatchObject({ value: 3_000_000, unit: '円' });
		expect(num('12.3千人', '千人')).toMatchObject({ value: 12.3, unit: '千人' });
	});

	it('rejects 万/億 out of order or overflowing', () => {
		expect(code(parseJapaneseNumber('5万3億'))).toBe('bad_multiplier');
		expect(code(parseJapaneseNumber('1万2万'))).toBe('bad_multiplier');
		expect(code(parseJapaneseNumber('1万15000'))).toBe('bad_multiplier');
		expect(code(parseJapaneseNumber('1万15千'))).toBe('bad_multiplier');
	});
});

describe('parseJapaneseNumber: years and periods', () => {
	it('takes a bracketed fiscal year after a value as its own year', () => {
		expect(num('11 (R1)')).toMatchObject({ value: 11, fiscalYear: 2019 });
		expect(num('92.5（H31）')).toMatchObject({ value: 92.5, fiscalYear: 2019 });
		expect(num('79 (R4)')).toMatchObject({ value: 79, fiscalYear: 2022 });
		expect(num('79人（令和4年度）')).toMatchObject({ value: 79, unit: '人', fiscalYear: 2022 });
		expect(num('1,200【2020】')).toMatchObject({ value: 1200, fiscalYear: 2020 });
		expect(num('11').fiscalYear).toBeNull();
	});

	it('keeps the value of a period baseline and notes the period', () => {
		expect(num('(H20-24) 1.51')).toMatchObject({ value: 1.51, period: { from: 2008, to: 2012 }, fiscalYear: null });
		expect(num('（H20～H24）1.51')).toMatchObject({ value: 1.51, period: { from: 2008, to: 2012 } });
		expect(num('1.51 (H20-24)')).toMatchObject({ value: 1.51, period: { from: 2008, to: 2012 } });
		expect(num('(R3) 68.5')).toMatchObject({ value: 68.5, fiscalYear: 2021 });
	});

	it('refuses a bracket that is not a year', () => {
		expect(code(parseJapaneseNumber('11 (R99x)'))).toBe('bad_year');
		expect(code(parseJapaneseNumber('(よく分からない) 11'))).toBe('bad_year');
		expect(num('12 (人)')).toMatchObject({ value: 12, unit: '人' });
	});
});

describe('parseJapaneseNumber: no value, text and errors', () => {
	it('reads blanks and dashes of every kind as no value', () => {
		for (const raw of ['', '  ', '－', '—', '―', '‐', '-', '−', 'ー', '--', '―――']) {
			expect(kind(parseJapaneseNumber(raw)), JSON.stringify(raw)).toBe('none');
		}
	});

	it('keeps words without digits as text', () => {
		expect(parseJapaneseNumber('全国平均')).toEqual({ kind: 'text', text: '全国平均' });
		expect(parseJapaneseNumber(' 現状維持 ')).toEqual({ kind: 'text', text: '現状維持' });
	});

	it('never reads a value it does not understand as a number (error with a Japanese reason)', () => {
		for (const raw of ['12あ3', '1,23', '12,34,5', '1.2.3', '12 34', '約100か']) {
			const r = parseJapaneseNumber(raw);
			expect(r.kind, raw).toBe('error');
			if (r.kind === 'error') expect(r.reason).toMatch(/[ぁ-んァ-ン一-龥]/);
		}
		expect(code(parseJapaneseNumber('1,23'))).toBe('bad_grouping');
	});

	it('flags several values in one cell', () => {
		expect(code(parseJapaneseNumber('・ホタテ製品 4社 ・サケ製品 1社'))).toBe('multiple_values');
		expect(code(parseJapaneseNumber('トレーシー 68.5 広尾 41.5 揖斐川 58.3 (R3)'))).toBe('multiple_values');
	});

	it('refuses a unit that differs from the KPI unit', () => {
		expect(code(parseJapaneseNumber('12件', { unit: '人' }))).toBe('unit_mismatch');
		expect(num('12人', '人').value).toBe(12);
		expect(num('12人', '人/年').value).toBe(12);
		expect(num('12', '人').value).toBe(12);
	});
});

describe('roundHalfUp and display', () => {
	it('rounds half away from zero without binary surprises', () => {
		expect(roundHalfUp(70.55, 1)).toBe(70.6);
		expect(roundHalfUp(1.005, 2)).toBe(1.01);
		expect(roundHalfUp(0.05, 1)).toBe(0.1);
		expect(roundHalfUp(-2.25, 1)).toBe(-2.3);
		expect(roundHalfUp(2.24999, 1)).toBe(2.2);
	});

	it('formats rates to one decimal with 「—」 for undefined, never 0%', () => {
		expect(formatRate(300 / 425)).toBe('70.6%');
		expect(formatRate(0.375)).toBe('37.5%');
		expect(formatRate(1)).toBe('100.0%');
		expect(formatRate(undefined)).toBe('—');
		expect(formatRate(-0.25, { minus: '△' })).toBe('△25.0%');
		expect(ratePercent(0.70549)).toBe(70.5);
		expect(ratePercent(undefined)).toBeNull();
	});

	it('formats values with commas and △ for minus in documents', () => {
		expect(formatJapaneseNumber(1_415_000)).toBe('1,415,000');
		expect(formatJapaneseNumber(-12, { minus: '△' })).toBe('△12');
		expect(formatJapaneseNumber(-12)).toBe('-12');
		expect(formatJapaneseNumber(92.5)).toBe('92.5');
		expect(formatJapaneseNumber(1234.5, { grouping: false })).toBe('1234.5');
		expect(formatJapaneseNumber(3, { decimals: 1 })).toBe('3.0');
	});

	it('shows an older actual with its own year', () => {
		expect(formatValueWithYear(11, 2019, 2022)).toBe('11（R1）');
		expect(formatValueWithYear(11, 2022, 2022)).toBe('11');
		expect(formatValueWithYear(-3, 2018, 2022, { minus: '△' })).toBe('△3（H30）');
	});
});
