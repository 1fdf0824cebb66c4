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

// ─── Reading fiscal years as documents write them ───────────────────────────────────────────

/** A span of fiscal years, as in a baseline averaged over 「(H20-24)」. */
export interface FiscalYearPeriod {
	from: FiscalYear;
	to: FiscalYear;
}

const ERA_BY_PREFIX: Record<string, Era> = {
	r: ERAS[0]!,
	令和: ERAS[0]!,
	令: ERAS[0]!,
	h: ERAS[1]!,
	平成: ERAS[1]!,
	平: ERAS[1]!,
	s: ERAS[2]!,
	昭和: ERAS[2]!
};

/** The first Western year of each era, as fiscal years count it (R1 = 2019, H1 = 1989, S1 = 1926). */
const eraBase = (era: Era): number => era.start[0] - 1;

/** NFKC, lower case, no spaces: 「Ｒ４」 → 'r4', 「令和 元年度」 → '令和元年度'. */
function normaliseYearText(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const ERA_YEAR = /^(r|h|s|令和|令|平成|平|昭和)\.?(元|\d{1,2})/;
const WESTERN_YEAR = /^(?:fy)?((?:19|20)\d{2})/;

/**
 * Reads the start of `text` as a fiscal year; returns the year and how many normalised
 * characters it used (the 年/年度 suffix included). Not exported: `parseFiscalYear` is the API.
 */
function readYear(text: string): { year: FiscalYear; rest: string } | null {
	const era = ERA_YEAR.exec(text);
	let year: number;
	let rest: string;
	if (era) {
		const n = era[2] === '元' ? 1 : Number(era[2]);
		if (n < 1) return null;
		year = eraBase(ERA_BY_PREFIX[era[1]!]!) + n;
		rest = text.slice(era[0].length);
	} else {
		const western = WESTERN_YEAR.exec(text);
		if (!western) return null;
		year = Number(western[1]);
		rest = text.slice(western[0].length);
	}
	const suffix = /^(?:年\(度\)|年度|年)/.exec(rest);
	if (suffix) rest = rest.slice(suffix[0].length);
	return { year, rest };
}

/**
 * A fiscal year as municipal tables write it: 'R4', 'R元', '令和4年度', '令和元年度', 'H30',
 * 'H30年', 'H30年(度)', '平成31年度', '2022', '2022年度', 'FY2022' (full-width accepted).
 * null when the text is anything else (or has more after the year).
 */
export function parseFiscalYear(text: string): FiscalYear | null {
	const read = readYear(normaliseYearText(text));
	return read && read.rest === '' ? read.year : null;
}

/**
 * A fiscal year at the start of a column heading, with what follows it:
 * 'R3実績' → { year: 2021, rest: '実績' }, '2024年度(目標)' → { year: 2024, rest: '(目標)' }.
 */
export function parseFiscalYearPrefix(text: string): { year: FiscalYear; rest: string } | null {
	return readYear(normaliseYearText(text));
}

/**
 * A span of fiscal years: 'H20-24', 'H20～H24', 'H20〜R1', '2018-2022', 'R1-R5年度'. The end
 * may omit the era (it then keeps the start's era). A single year is not a period (null).
 */
export function parseFiscalYearPeriod(text: string): FiscalYearPeriod | null {
	const s = normaliseYearText(text).replace(/[‐‑‒–—―−ー~〜～]/g, '-');
	const dash = s.indexOf('-');
	if (dash < 0) return null;
	const from = readYear(s.slice(0, dash));
	if (!from || from.rest !== '') return null;
	const right = s.slice(dash + 1);
	let to = readYear(right);
	if (!to) {
		const bare = /^(元|\d{1,2})(?:年度|年)?$/.exec(right);
		const startEra = ERA_YEAR.exec(s.slice(0, dash));
		if (!bare || !startEra) return null;
		const n = bare[1] === '元' ? 1 : Number(bare[1]);
		to = { year: eraBase(ERA_BY_PREFIX[startEra[1]!]!) + n, rest: '' };
	}
	if (to.rest !== '' || to.year < from.year) return null;
	return { from: from.year, to: to.year };
}

/** 'H20-24' (same era) or 'H30-R4'. */
export function formatFiscalYearPeriodShort(period: FiscalYearPeriod): string {
	const from = formatFiscalYearShort(period.from);
	const to = eraOfFiscalYear(period.to);
	const sameEra = eraOfFiscalYear(period.from).era === to.era;
	return `${from}-${sameEra ? String(to.year) : formatFiscalYearShort(period.to)}`;
}

/**
 * A fiscal year as staff type it into a year field: R8, 令和8, 令和8年度, H30, 平成30年度, 2026,
 * 2026年度, or the field's own display 「令和8年度（2026年度）」 left as it was. Null when it is none
 * of these (the field then says so instead of storing a wrong year).
 */
export function parseFiscalYearInput(text: string): FiscalYear | null {
	const trimmed = text.normalize('NFKC').trim();
	if (!trimmed) return null;
	const shown = /^(.+?)\s*\((\d{4})年度?\)$/.exec(trimmed);
	if (shown) {
		const era = parseFiscalYear(shown[1]!);
		const western = Number(shown[2]);
		return era === western ? era : null;
	}
	return parseFiscalYear(trimmed);
}
