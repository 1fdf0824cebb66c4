/** Where to go after signing in: only paths on this site, never another origin. */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	try {
		const url = new URL(value, 'http://localhost');
		if (url.origin !== 'http://localhost') return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}
