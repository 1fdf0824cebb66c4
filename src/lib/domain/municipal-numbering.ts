/**
 * Heading numbers as Japanese municipal documents write them, level by level:
 * 第1章 → 1 → (1) → ア (then イ, ウ … in the order of the gojūon table).
 */

const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

export type NumberingLevel = 1 | 2 | 3 | 4;

/** The number of the `n`th (1-based) heading at a level: 第n章, n, (n), ア. */
export function headingNumber(level: NumberingLevel, n: number): string {
	switch (level) {
		case 1:
			return `第${n}章`;
		case 2:
			return String(n);
		case 3:
			return `(${n})`;
		case 4:
			return n >= 1 && n <= KATAKANA.length ? KATAKANA[n - 1]! : `(${n})`;
	}
}
