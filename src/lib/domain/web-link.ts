/**
 * Links people type into idea sheets (examples from other municipalities). Only http and https
 * are ever turned into links: `javascript:`, `data:` and the like stay plain text.
 */

/** The normalised address if `value` is an absolute http(s) URL, otherwise null. */
export function httpLink(value: string): string | null {
	const trimmed = value.normalize('NFKC').trim();
	if (!trimmed || trimmed.length > 2000 || /\s/.test(trimmed)) return null;
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (!url.hostname || url.username || url.password) return null;
	return url.href;
}
