/**
 * Numbers as Japanese municipalities publish them in KPI tables and evaluation sheets.
 *
 * Why: towns copy KPI tables out of Excel and PDF reports, where a cell reads 「1,234人」,
 * 「△12」, 「141万5千」, 「92.5（H31）」, 「(H20-24) 1.51」, 「－」 or 「全国平均」. A plain
 * `Number()` turns half of these into NaN and some into a wrong number; every figure in a council
 * report rests on this reading, so a value that is not understood is an error with a Japanese
 * reason, never a silent 0. Pure: no DOM, no server.
 */
import {
	formatFiscalYearShort,
	parseFiscalYear,
	parseFiscalYearPeriod,
	type FiscalYear,
	type FiscalYearPeriod
} from '../fiscal-year';

/** A number, with what the cell said around it. */
export interface ParsedNumber {
	kind: 'number';
	value: number;
	/** The unit written after the number (人, 件, 千人, %, …); null when there was none. */
	unit: string | null;
	/** The value's own fiscal year, written in brackets after it: 「11 (R1)」. */
	fiscalYear: FiscalYear | null;
	/** The period a baseline was averaged over: 「(H20-24) 1.51」. */
	period: FiscalYearPeriod | null;
}

/** Words instead of a number (「全国平均」「現状維持」): kept as written. */
export interface ParsedText {
	kind: 'text';
	text: string;
}

/** A blank cell or a dash of any kind: no value. */
export interface ParsedNone {
	kind: 'none';
}

export type NumberErrorCode =
	| 'not_a_number'
	| 'multiple_values'
	| 'bad_grouping'
	| 'bad_multiplier'
	| 'bad_year'
	| 'unit_mismatch';

/** A cell that looks like a number but cannot be read as one. */
export interface ParsedError {
	kind: 'error';
	code: NumberErrorCode;
	/** Japanese, says what to do next. */
	reason: string;
}

export type ParsedKpiValue = ParsedNumber | ParsedText | ParsedNone | ParsedError;

export interface ParseNumberOptions {
	/**
	 * The unit the table gives for this KPI (its 単位 column). When the cell ends in exactly that
	 * unit, it is the unit and not a multiplier: with unit 万円, 「300万円」 is 300 (not 3,000,000).
	 */
	unit?: string;
}

/** Every dash municipal tables use for "no value", after NFKC. */
const DASHES = '\\-‐‑‒–—―−ー─━﹣－';
const ONLY_DASHES = new RegExp(`^[${DASHES}]+$`);
const MINUS_SIGNS = /^[△▲\-−‐‒–]/;

const REASONS: Record<NumberErrorCode, string> = {
	not_a_number: '数値として読めません。「1,234」「△12」「12.5%」のように数値を入力してください。',
	multiple_values:
		'1つのセルに複数の値があります。値ごとに1行へ分けるか（分割できます）、1つの値に直してください。',
	bad_grouping: '桁区切りのカンマの位置が正しくありません。「1,234」のように3桁ごとに区切ってください。',
	bad_multiplier: '「億」「万」「千」の使い方が読めません。「141万5千」「5億5,450万」のように書いてください。',
	bad_year: '括弧内の年度が読めません。「11（R1）」「92.5（H31）」のように年度を書いてください。',
	unit_mismatch: '単位が指標の単位と異なります。指標の単位に合わせた数値を入力してください。'
};

const error = (code: NumberErrorCode): ParsedError => ({ kind: 'error', code, reason: REASONS[code] });

/** The Japanese reason for an error code (for reports that keep only the code). */
export function numberErrorReason(code: NumberErrorCode): string {
	return REASONS[code];
}

const MULTIPLIERS: Record<string, number> = { 億: 100_000_000, 万: 10_000, 千: 1_000 };
const NUMBER_LITERAL = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?|^\.\d+/;

/** Reads one literal such as 1,234.5 at the start of `s`. */
function readLiteral(s: string): { value: number; length: number } | ParsedError | null {
	const m = NUMBER_LITERAL.exec(s);
	if (!m) return null;
	// 「12,34」: digits and commas that are not thousands groups.
	const after = s.slice(m[0].length);
	if (/^,\d/.test(after)) return error('bad_grouping');
	return { value: Number(m[0].replace(/,/g, '')), length: m[0].length };
}

/**
 * The body of a value, sign and brackets already removed: 「1,234」「141万5千人」「12.5%」.
 * 千 multiplies only inside a 億/万 compound (「141万5千」); on its own it begins a unit
 * (「12.3千人」 is 12.3 in 千人), as tables write it.
 */
function readBody(s: string, options: ParseNumberOptions): ParsedNumber | ParsedError {
	const expectedUnit = options.unit ? normalise(options.unit) : '';
	let rest = s;
	let total = 0;
	let lastMultiplier = Infinity;
	let sawCompound = false;
	let pending: number | null = null;

	for (;;) {
		if (expectedUnit && pending !== null && rest === expectedUnit) break;
		const literal = readLiteral(rest);
		if (literal && 'kind' in literal) return literal;
		if (literal) {
			if (pending !== null) return error('multiple_values');
			pending = literal.value;
			rest = rest.slice(literal.length).replace(/^\s+/, '');
			continue;
		}
		const mult = rest[0] !== undefined ? MULTIPLIERS[rest[0]] : undefined;
		if (mult !== undefined && pending !== null) {
			if (expectedUnit && rest === expectedUnit) break;
			const isThousand = rest[0] === '千';
			if (isThousand && !sawCompound) break; // 千人, 千円: a unit
			if (mult >= lastMultiplier) return error('bad_multiplier');
			if (isThousand && pending >= 10) return error('bad_multiplier');
			total += pending * mult;
			lastMultiplier = mult;
			sawCompound = true;
			pending = null;
			rest = rest.slice(1).replace(/^\s+/, '');
			continue;
		}
		break;
	}
	if (pending === null && !sawCompound) return error('not_a_number');
	if (pending !== null) {
		if (sawCompound && pending >= lastMultiplier) return error('bad_multiplier');
		total += pending;
	}

	const unit = rest.trim();
	if (unit === '') return { kind: 'number', value: total, unit: null, fiscalYear: null, period: null };
	if (/\d/.test(unit)) return error('multiple_values');
	if (/^[,.]/.test(unit)) return error('bad_grouping');
	if (unit !== expectedUnit && /[億万]/.test(unit[0]!)) return error('bad_multiplier');
	return { kind: 'number', value: total, unit, fiscalYear: null, period: null };
}

/** NFKC, brackets unified, runs of spaces collapsed, trimmed. */
function normalise(raw: string): string {
	return raw
		.normalize('NFKC')
		.replace(/[【［〔]/g, '(')
		.replace(/[】］〕]/g, ')')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Counts the numbers in a cell separated by words or bullets: 「・ホタテ製品 4社 ・サケ製品 1社」. */
function looksMultiValued(s: string): boolean {
	const numbers = s.match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
	return numbers.length >= 2 && /[・/、;]|\s\D/.test(s);
}

/**
 * Reads one cell. Blank or a dash → none; words without digits → text; a number in any of the
 * notations above → number; anything else → error with a Japanese reason.
 */
export function parseJapaneseNumber(raw: string, options: ParseNumberOptions = {}): ParsedKpiValue {
	let s = normalise(raw ?? '');
	if (s === '' || ONLY_DASHES.test(s)) return { kind: 'none' };
	if (!/\d/.test(s)) return { kind: 'text', text: raw.trim() };

	let period: FiscalYearPeriod | null = null;
	let fiscalYear: FiscalYear | null = null;

	// A leading bracket: the period (or year) a baseline was taken over, 「(H20-24) 1.51」.
	const leading = /^\(([^()]*)\)\s*(.+)$/.exec(s);
	if (leading) {
		const p = parseFiscalYearPeriod(leading[1]!);
		const y = p ? null : parseFiscalYear(leading[1]!);
		if (!p && y === null) return error('bad_year');
		period = p;
		fiscalYear = y;
		s = leading[2]!.trim();
	}

	// A trailing bracket: the value's own year, 「11 (R1)」「92.5（H31）」.
	const trailing = /^(.*?)\s*\(([^()]*)\)$/.exec(s);
	if (trailing && trailing[1]) {
		const inner = trailing[2]!.trim();
		const p = parseFiscalYearPeriod(inner);
		const y = p ? null : parseFiscalYear(inner);
		if (p) period = p;
		else if (y !== null) {
			if (fiscalYear !== null) return error('bad_year');
			fiscalYear = y;
		} else if (/\d/.test(inner)) return error(/[rh令平]|年/i.test(inner) ? 'bad_year' : 'multiple_values');
		else {
			// 「12 (人)」: a unit in brackets.
			s = `${trailing[1]}${inner}`;
		}
		if (p || y !== null) s = trailing[1]!.trim();
	}

	if (looksMultiValued(s)) return error('multiple_values');

	let sign = 1;
	if (MINUS_SIGNS.test(s)) {
		sign = -1;
		s = s.slice(1).trim();
	} else if (s.startsWith('+')) s = s.slice(1).trim();

	const body = readBody(s, options);
	if (body.kind === 'error') return body;
	if (options.unit && body.unit !== null) {
		// 「12人」 where the unit column says 人 (or 人/年) is fine; 「12件」 where it says 人 is not.
		const expected = normalise(options.unit);
		if (!expected.includes(body.unit) && !body.unit.includes(expected)) return error('unit_mismatch');
	}
	const value = sign * body.value;
	return { ...body, value: Object.is(value, -0) ? 0 : value, fiscalYear, period };
}

/** Half up (四捨五入, away from zero on .5) to `decimals` places, without binary-fraction surprises. */
export function roundHalfUp(value: number, decimals: number): number {
	if (!Number.isFinite(value)) return value;
	const sign = value < 0 ? -1 : 1;
	// Round to 12 significant digits first so 1.005 (stored as 1.00499999…) counts as 1.005.
	const cleaned = Number(Math.abs(value).toPrecision(12));
	const shifted = Math.round(Number(`${cleaned}e${decimals}`));
	const result = sign * Number(`${shifted}e-${decimals}`);
	return Object.is(result, -0) ? 0 : result;
}

export interface FormatNumberOptions {
	/** Fixed decimal places (half up); by default as many as the value has, up to 6. */
	decimals?: number;
	/** How a negative value is marked: △ in documents for councils, '-' elsewhere. Default '-'. */
	minus?: '△' | '▲' | '-';
	/** Thousands commas; default true. */
	grouping?: boolean;
}

/** Intl formatters are costly to build: one per (decimals, grouping), kept for the process. */
const FORMATTERS = new Map<string, Intl.NumberFormat>();

function formatter(decimals: number | undefined, grouping: boolean): Intl.NumberFormat {
	const key = `${decimals ?? 'auto'}:${grouping}`;
	let f = FORMATTERS.get(key);
	if (!f) {
		f = new Intl.NumberFormat('en-US', {
			useGrouping: grouping,
			minimumFractionDigits: decimals ?? 0,
			maximumFractionDigits: decimals ?? 6
		});
		FORMATTERS.set(key, f);
	}
	return f;
}

/** A value for display: 「1,415,000」, 「△12」, 「92.5」. */
export function formatJapaneseNumber(value: number, options: FormatNumberOptions = {}): string {
	if (!Number.isFinite(value)) return '—';
	const decimals = options.decimals;
	const rounded = decimals === undefined ? roundHalfUp(value, 6) : roundHalfUp(value, decimals);
	const text = formatter(decimals, options.grouping ?? true).format(Math.abs(rounded));
	return rounded < 0 ? `${options.minus ?? '-'}${text}` : text;
}

/** A ratio (0.706) as a percentage with one decimal, half up: 「70.6%」; undefined → 「—」. */
export function formatRate(ratio: number | undefined, options: { minus?: '△' | '▲' | '-' } = {}): string {
	if (ratio === undefined || !Number.isFinite(ratio)) return '—';
	return `${formatJapaneseNumber(ratio * 100, { decimals: 1, minus: options.minus ?? '-' })}%`;
}

/** The percentage of a ratio rounded for display (70.6), or null when undefined. */
export function ratePercent(ratio: number | undefined): number | null {
	if (ratio === undefined || !Number.isFinite(ratio)) return null;
	return roundHalfUp(ratio * 100, 1);
}

/**
 * A value shown with its own year when that is older than the year evaluated: 「11（R1）」.
 * Documents use full-width brackets.
 */
export function formatValueWithYear(
	value: number,
	ownYear: FiscalYear | null,
	evaluatedYear: FiscalYear | null,
	options: FormatNumberOptions = {}
): string {
	const text = formatJapaneseNumber(value, options);
	if (ownYear === null || (evaluatedYear !== null && ownYear >= evaluatedYear)) return text;
	return `${text}（${formatFiscalYearShort(ownYear)}）`;
}
