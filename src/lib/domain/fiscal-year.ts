/**
 * Japanese fiscal years (年度, April–March) and era names (令和, 平成, 昭和).
 *
 * A `FiscalYear` is the Western year the fiscal year starts in: FY2025 runs from 1 April 2025
 * to 31 March 2026 and is 令和7年度 (R7). Rn = 2018 + n. FY2019 is called 令和元年度 although
 * Reiwa began on 1 May 2019, as in every municipal document. Dates are read in Japan time
 * (UTC+9, no daylight saving). Pure: no DOM, no server imports.
 */

/** The Western year a fiscal year starts in (FY2025 = 令和7年度). */
export type FiscalYear = number;

export type EraName = 'reiwa' | 'heisei' | 'showa';

interface Era {
	name: EraName;
	kanji: string;
	letter: string;
	english: string;
	/** First day of the era (Japan time) as [year, month, day]. */
	start: readonly [number, number, number];
}

/** Newest first. */
const ERAS: readonly Era[] = [
	{ name: 'reiwa', kanji: '令和', letter: 'R', english: 'Reiwa', start: [2019, 5, 1] },
	{ name: 'heisei', kanji: '平成', letter: 'H', english: 'Heisei', start: [1989, 1, 8] },
	{ name: 'showa', kanji: '昭和', letter: 'S', english: 'Showa', start: [1926, 12, 25] }
];

const JST_OFFSET_MS = 9 * 3_600_000;

function eraNamed(name: EraName): Era {
	return ERAS.find((e) => e.name === name)!;
}

/** Year, month (1–12), day, hour and minute of a moment in Japan time. */
function jstParts(date: Date | number) {
	const d = new Date((typeof date === 'number' ? date : date.getTime()) + JST_OFFSET_MS);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		weekday: d.getUTCDay()
	};
}

/** The fiscal year a moment falls in (April–March, Japan time). */
export function fiscalYearOf(date: Date | number = Date.now()): FiscalYear {
	const { year, month } = jstParts(date);
	return month >= 4 ? year : year - 1;
}

/** The era a fiscal year is named in: FY2019 onwards Reiwa, FY1989–2018 Heisei, earlier Showa. */
export function eraOfFiscalYear(fy: FiscalYear): { era: EraName; year: number } {
	if (fy >= 2019) return { era: 'reiwa', year: fy - 2018 };
	if (fy >= 1989) return { era: 'heisei', year: fy - 1988 };
	return { era: 'showa', year: fy - 1925 };
}

/** Reiwa year of a fiscal year (FY2025 → 7). Zero or negative before FY2019. */
export function reiwaYear(fy: FiscalYear): number {
	return fy - 2018;
}

/** Western fiscal year of a Reiwa year (R7 → 2025). */
export function fiscalYearFromReiwa(reiwa: number): FiscalYear {
	return reiwa + 2018;
}

const eraYearText = (year: number) => (year === 1 ? '元' : String(year));

/** '令和7年度', '令和元年度', '平成30年度'. */
export function formatEraFiscalYear(fy: FiscalYear): string {
	const { era, year } = eraOfFiscalYear(fy);
	return `${eraNamed(era).kanji}${eraYearText(year)}年度`;
}

/** '令和7年度（2025年度）' — the form used on screen and in documents. */
export function formatFiscalYear(fy: FiscalYear): string {
	return `${formatEraFiscalYear(fy)}（${fy}年度）`;
}

/** 'R7', 'R1', 'H30' — the short form used in tables and on idea sheets. */
export function formatFiscalYearShort(fy: FiscalYear): string {
	const { era, year } = eraOfFiscalYear(fy);
	return `${eraNamed(era).letter}${year}`;
}

/** 'FY2025 (Reiwa 7)' for the English interface. */
export function formatFiscalYearEnglish(fy: FiscalYear): string {
	const { era, year } = eraOfFiscalYear(fy);
	return `FY${fy} (${eraNamed(era).english} ${year})`;
}

/** A fiscal year in the interface language: Japanese by default. */
export function formatFiscalYearFor(fy: FiscalYear, locale: string): string {
	return locale === 'en' ? formatFiscalYearEnglish(fy) : formatFiscalYear(fy);
}

/** '令和7年度（2025年度）〜令和11年度（2029年度）' */
export function formatPlanPeriod(start: FiscalYear, end: FiscalYear, locale = 'ja'): string {
	if (locale === 'en') return `${formatFiscalYearEnglish(start)} – ${formatFiscalYearEnglish(end)}`;
	return `${formatFiscalYear(start)}〜${formatFiscalYear(end)}`;
}

/** The fiscal years from `first` to `last` inclusive (empty when last < first). */
export function fiscalYearRange(first: FiscalYear, last: FiscalYear): FiscalYear[] {
	const out: FiscalYear[] = [];
	for (let fy = first; fy <= last; fy++) out.push(fy);
	return out;
}

/** The era a calendar date is in, with its era year (2019-04-30 → 平成31, 2019-05-01 → 令和1). */
export function eraOfDate(date: Date | number): { era: EraName; year: number } {
	const { year, month, day } = jstParts(date);
	const key = year * 10_000 + month * 100 + day;
	for (const era of ERAS) {
		const [y, m, d] = era.start;
		if (key >= y * 10_000 + m * 100 + d) return { era: era.name, year: year - y + 1 };
	}
	return { era: 'showa', year: year - 1925 };
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

export interface FormatDateOptions {
	/** Write the year in the Japanese era: '令和7年4月1日'. */
	era?: boolean;
	/** Append the day of the week: '2025年4月1日（火）'. */
	weekday?: boolean;
	/** Append the time of day: '2025年4月1日 9:05'. */
	time?: boolean;
}

/** A date in Japanese, in Japan time: '2025年4月1日', '令和7年4月1日（火） 9:05'. */
export function formatDate(date: Date | number, options: FormatDateOptions = {}): string {
	const p = jstParts(date);
	let yearText = `${p.year}年`;
	if (options.era) {
		const { era, year } = eraOfDate(date);
		yearText = `${eraNamed(era).kanji}${eraYearText(year)}年`;
	}
	let out = `${yearText}${p.month}月${p.day}日`;
	if (options.weekday) out += `（${WEEKDAYS[p.weekday]}）`;
	if (options.time) out += ` ${p.hour}:${String(p.minute).padStart(2, '0')}`;
	return out;
}

/** A sortable, zero-padded date for file names: '2026-12-02' (Japan time). */
export function isoDate(date: Date | number): string {
	const p = jstParts(date);
	return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A date for the English interface: '1 Apr 2025' (Japan time). */
export function formatDateEnglish(date: Date | number, options: { time?: boolean } = {}): string {
	const p = jstParts(date);
	const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	let out = `${p.day} ${months[p.month - 1]} ${p.year}`;
	if (options.time) out += ` ${p.hour}:${String(p.minute).padStart(2, '0')}`;
	return out;
}

/** A date in the interface language. */
export function formatDateFor(date: Date | number, locale: string, options: FormatDateOptions = {}) {
	return locale === 'en' ? formatDateEnglish(date, options) : formatDate(date, options);
}
