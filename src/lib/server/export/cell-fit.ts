/**
 * Row heights that fit the text. Excel and LibreOffice do not grow a row for wrapped text that
 * a file writes (exceljs writes no heights, so every row prints one line high and cuts the
 * rest), so the exports compute each row's height from its cells' text and column widths.
 *
 * The estimate is CJK-aware: a full-width character (kana, kanji, full-width forms) advances one
 * em, a half-width one about 0.55 em. A column of width w (Excel's unit: one '0' of the default
 * 11 pt font, (7w + 5) px at 96 dpi) gives about 5.25·w points of room for text after padding
 * (Excel's measure; LibreOffice without Calibri's metrics gives more room, never less). Lines are 1.3 em apart, which is
 * what LibreOffice lays Noto Sans CJK out with; rounding errs towards one line too many.
 */

const FULL_WIDTH = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6■□●○◎△▲▽▼◆◇★☆※→←↑↓①-⑳]/u;

/** Points of text room in a column of Excel width `width`. */
export const columnPoints = (width: number): number => Math.max(1, width * 5.25 - 1);

/** The width of one character in ems. */
export const charEms = (ch: string): number => (FULL_WIDTH.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.55);

/** The width of a text on one line, in points at `size`. */
export function textPoints(text: string, size: number): number {
	let ems = 0;
	for (const ch of text) ems += charEms(ch);
	return ems * size;
}

/**
 * How many lines a text takes when wrapped into `points` of width. Wrapping is per character
 * for CJK (as the office suites do) and keeps runs of half-width characters (numbers, Latin
 * words) together when they fit on a line.
 */
export function wrappedLines(text: string, points: number, size: number): number {
	let total = 0;
	for (const paragraph of text.split(/\r?\n/)) {
		let lines = 1;
		let used = 0;
		// tokens: a run of half-width non-space characters, or one other character
		for (const token of paragraph.match(/[!-~]+|[\s\S]/gu) ?? []) {
			const w = textPoints(token, size);
			if (used + w <= points) {
				used += w;
			} else if (w <= points) {
				lines++;
				used = token === ' ' ? 0 : w;
			} else {
				// a token longer than a line breaks where it must
				for (const ch of token) {
					const c = textPoints(ch, size);
					if (used + c > points) {
						lines++;
						used = 0;
					}
					used += c;
				}
			}
		}
		total += lines;
	}
	return total;
}

/** The row height in points that shows `lines` lines of text at `size`. */
export const rowPointsFor = (lines: number, size: number): number => Math.ceil(lines * size * 1.3 + 4);

/** The height a cell needs for its text in a column (or merged columns) of total Excel width `width`. */
export function cellHeight(text: string | number | null | undefined, width: number, size: number): number {
	if (text === null || text === undefined || text === '') return rowPointsFor(1, size);
	return rowPointsFor(wrappedLines(String(text), columnPoints(width), size), size);
}

/**
 * Sets row heights on a worksheet so every cell's text shows whole: each row gets the height of
 * its tallest single-row cell; a cell merged over several rows then makes the last of them
 * taller if their sum is short. `sizeOf` gives a cell's font size (default 10 pt).
 */
export interface FitCell {
	row: number;
	col: number;
	/** Rows and columns it spans (merged); 1 when not merged. */
	rows?: number;
	cols?: number;
	text: string | number | null | undefined;
	size?: number;
}

export function fitRowHeights(cells: readonly FitCell[], widthOf: (col: number) => number, minimum = 0): Map<number, number> {
	const heights = new Map<number, number>();
	const need = (c: FitCell) => {
		let width = 0;
		for (let i = 0; i < (c.cols ?? 1); i++) width += widthOf(c.col + i);
		return cellHeight(c.text, width, c.size ?? 10);
	};
	for (const c of cells) {
		if ((c.rows ?? 1) > 1) continue;
		heights.set(c.row, Math.max(heights.get(c.row) ?? minimum, need(c)));
	}
	for (const c of cells) {
		const span = c.rows ?? 1;
		if (span <= 1) continue;
		let sum = 0;
		for (let r = c.row; r < c.row + span; r++) sum += heights.get(r) ?? Math.max(minimum, rowPointsFor(1, c.size ?? 10));
		const last = c.row + span - 1;
		const missing = need(c) - sum;
		if (missing > 0) heights.set(last, (heights.get(last) ?? Math.max(minimum, rowPointsFor(1, c.size ?? 10))) + missing);
	}
	return heights;
}
