/**
 * Numbers typed into KPI fields. Staff type with a Japanese IME on, so full-width digits,
 * the full-width minus and thousands separators are accepted: 「１，２００」 → 1200.
 */

/** null for a blank field (the value is "set later"), undefined for text that is not a number. */
export function parseNumberInput(value: string): number | null | undefined {
	const normalised = value
		.normalize('NFKC')
		.replace(/[\u2212\u2010-\u2015\uff0d]/g, '-')
		.replace(/[,\s]/g, '')
		.replace(/。/g, '.');
	if (normalised === '') return null;
	if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normalised)) return undefined;
	const n = Number(normalised);
	return Number.isFinite(n) ? n : undefined;
}

/** How a stored number is shown for editing (no separators, so it can be typed over). */
export function numberInputValue(value: number | null | undefined): string {
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
