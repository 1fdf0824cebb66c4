/**
 * Column widths of a document table, worked out from its content so that Word and the print view
 * give every column what it needs: columns marked `keep` (numbers, units, short labels) are as wide
 * as their widest cell, so 「1,280,000」 or 「アウトカム」 never break over lines; the other columns
 * share what is left in proportion to how much text they hold. Widths are in em of the table's
 * font (8–9 pt), estimated the way Japanese fonts set text: full-width characters 1 em, half-width
 * ones 0.34–0.76 em (charEm).
 */

/**
 * The advance of one character in em, on the wide side: Latin text may be set in a substitute
 * font (LibreOffice draws Century as DejaVu Serif, whose digits are 0.64 em and capitals up to
 * 0.75 em); CJK characters are one em in every Japanese font.
 */
function charEm(ch: string): number {
	if (/[0-9]/.test(ch)) return 0.64;
	if (/[,.:;'!|()\s]/.test(ch)) return 0.34;
	if (/[A-Z%]/.test(ch)) return 0.76;
	const code = ch.codePointAt(0)!;
	if (code < 0x1100 || (code >= 0xff61 && code <= 0xff9f) || ch === '↑' || ch === '↓') return 0.64;
	return 1;
}

/** How wide `text` is when set in one line, in em (widest line when it has line breaks). */
export function textEm(text: string): number {
	let widest = 0;
	for (const line of text.split('\n')) {
		let w = 0;
		for (const ch of line) w += charEm(ch);
		widest = Math.max(widest, w);
	}
	return widest;
}

/** Cell padding (both sides) plus a margin for fonts a little wider than estimated, in em. */
export const CELL_PADDING_EM = 1.3;

/** The narrowest a wrapping column may become, in em. */
export const MIN_TEXT_COLUMN_EM = 8;

export interface TableContent {
	header: readonly string[];
	rows: readonly (readonly string[])[];
	/** Columns whose cells never wrap. */
	keep: readonly number[];
}

/** The width each `keep` column needs (widest cell or header), in em. */
export function keepWidths(t: TableContent): Map<number, number> {
	const out = new Map<number, number>();
	for (const c of t.keep) {
		const cells = [t.header[c] ?? '', ...t.rows.map((r) => r[c] ?? '')];
		out.set(c, Math.max(...cells.map(textEm)) + CELL_PADDING_EM);
	}
	return out;
}

/**
 * Column widths in em for a table `totalEm` wide, or null when the `keep` columns leave less than
 * MIN_TEXT_COLUMN_EM for a wrapping column (the caller then splits the table).
 */
export function fitColumns(t: TableContent, totalEm: number): number[] | null {
	const fixed = keepWidths(t);
	const columns = t.header.length;
	const free = [...Array(columns).keys()].filter((c) => !fixed.has(c));
	const fixedSum = [...fixed.values()].reduce((a, b) => a + b, 0);
	const left = totalEm - fixedSum;
	if (free.length === 0) {
		// only short columns: spread the spare width evenly so the table spans the page
		if (left < 0) return null;
		return [...Array(columns).keys()].map((c) => fixed.get(c)! + left / columns);
	}
	if (left < free.length * MIN_TEXT_COLUMN_EM) return null;
	// wrapping columns share the rest by how much text they hold (square root: a long text column
	// should not starve a medium one), each at least the minimum
	const need = free.map((c) => Math.sqrt(Math.max(4, ...[t.header[c] ?? '', ...t.rows.map((r) => r[c] ?? '')].map(textEm))));
	const needSum = need.reduce((a, b) => a + b, 0);
	let widths = need.map((n) => (n / needSum) * left);
	const short = widths.filter((w) => w < MIN_TEXT_COLUMN_EM).length;
	if (short > 0) {
		const rest = left - short * MIN_TEXT_COLUMN_EM;
		const longSum = need.filter((_, i) => widths[i]! >= MIN_TEXT_COLUMN_EM).reduce((a, b) => a + b, 0);
		widths = widths.map((w, i) => (w < MIN_TEXT_COLUMN_EM ? MIN_TEXT_COLUMN_EM : (need[i]! / longSum) * rest));
	}
	const out: number[] = [];
	let f = 0;
	for (let c = 0; c < columns; c++) out.push(fixed.get(c) ?? widths[f++]!);
	return out;
}
