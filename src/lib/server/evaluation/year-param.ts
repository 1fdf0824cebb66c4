/** The fiscal year asked for in a URL (?year=2024): checked at the boundary, 400 when malformed. */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

export function yearParam(url: URL): number | null {
	const raw = url.searchParams.get('year');
	if (raw === null || raw === '') return null;
	if (!/^\d{4}$/.test(raw)) error(400, { message: m.eval_actual_year_invalid() });
	const year = Number(raw);
	if (year < 1989 || year > 2100) error(400, { message: m.eval_actual_year_invalid() });
	return year;
}
