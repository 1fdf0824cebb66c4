/** Origin checks for state-changing requests that SvelteKit's form CSRF check does not cover. */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function isFormContentType(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return FORM_CONTENT_TYPES.includes(type);
}

/** True when the request changes state and is not a form post (JSON, a bodiless fetch …). */
export function needsOriginCheck(request: Request): boolean {
	return !SAFE_METHODS.has(request.method) && !isFormContentType(request);
}

/** True when `origin` is this server's own or one configured in ORIGIN. */
export function isAllowedOrigin(origin: string | null, url: URL, allowed: readonly string[]): boolean {
	if (!origin || origin === 'null') return false;
	return origin === url.origin || allowed.includes(origin);
}
