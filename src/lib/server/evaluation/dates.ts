/**
 * Calendar dates as forms send them and as file names carry them: 「2026-04-01」, always
 * zero-padded, in Japan time (the towns' day, whatever the server's time zone).
 */

/** 'YYYY-MM-DD' → ms at 00:00 UTC of that day; null when it is not a real date. */
export function parseDateInput(text: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

/** The day of `at` in Japan time as 'YYYY-MM-DD' (for file names: 2026-12-02). */
export function isoDateInJapan(at: number | Date = Date.now()): string {
	const t = new Date((typeof at === 'number' ? at : at.getTime()) + 9 * 3_600_000);
	return t.toISOString().slice(0, 10);
}

/** A stored adoption date (00:00 UTC of the day) back to 'YYYY-MM-DD'. */
export const formatDateInput = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
