/**
 * Request pipeline: security headers → origin check → locale → session → first-run redirect.
 * Every handler is named so that the order reads as the list below. No GET changes state
 * (a session's activity time is bookkeeping, not state the user sees).
 */
import { json, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { newId } from '$lib/server/ids';
import { appDb } from '$lib/server/db/instance';
import {
	sessionCookieName,
	sessionPolicyFromConfig,
	validateSessionToken
} from '$lib/server/auth/session';
import { deleteSessionCookie, isSecureUrl, setSessionCookie } from '$lib/server/auth/cookies';
import { hasAnyUser } from '$lib/server/repositories/users';
import { isAllowedOrigin, needsOriginCheck } from '$lib/server/origin';

const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy':
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

/** Adds the security headers to every response (the CSP comes from kit.csp). */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	try {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	} catch {
		// Immutable headers (a fetched or Response.redirect response): copy, then set.
		response = new Response(response.body, response);
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	}
	if (event.locals.user && !response.headers.has('Cache-Control')) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

/**
 * Refuses state-changing requests that are not form posts (JSON, fetch without a body …)
 * unless they carry a same-origin Origin header. Form posts are checked by SvelteKit itself
 * (kit.csrf.checkOrigin).
 */
const handleOriginCheck: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (needsOriginCheck(request)) {
		const origin = request.headers.get('origin');
		if (!isAllowedOrigin(origin, url, config().allowedOrigins)) {
			log.warn('http.origin_refused', { method: request.method, path: url.pathname, origin });
			return json({ message: m.error_cross_origin() }, { status: 403 });
		}
	}
	return resolve(event);
};

/** Locale from the cookie or Accept-Language; writes it into <html lang>. */
const handleParaglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Reads and validates the session cookie; sets locals.user / locals.session (null when signed out). */
const handleAuth: Handle = async ({ event, resolve }) => {
	const secure = isSecureUrl(event.url);
	const name = sessionCookieName(secure);
	const token = event.cookies.get(name);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const policy = sessionPolicyFromConfig(config());
		const { session, user } = await validateSessionToken(appDb(), token, policy);
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
			// Slide the cookie's expiry along with the session's idle timeout.
			setSessionCookie(event.cookies, token, session, policy, secure);
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** Paths that work before the first account exists. */
const FIRST_RUN_PATHS = new Set(['/setup', '/locale']);

/** Until the first account exists, every page leads to /setup. */
const handleFirstRun: Handle = async ({ event, resolve }) => {
	if (!event.locals.user && !FIRST_RUN_PATHS.has(event.url.pathname)) {
		if (!(await hasAnyUser(appDb()))) redirect(303, '/setup');
	}
	return resolve(event);
};

export const handle: Handle = sequence(
	handleSecurityHeaders,
	handleOriginCheck,
	handleParaglide,
	handleAuth,
	handleFirstRun
);

/** Unexpected errors: logged with context and an id the user can quote; a Japanese message. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	const errorId = newId().slice(0, 8);
	log.error('http.unhandled_error', {
		errorId,
		status,
		statusMessage: message,
		method: event.request.method,
		path: event.url.pathname,
		route: event.route.id,
		userId: event.locals.user?.id ?? null,
		error
	});
	return { message: m.error_unexpected({ errorId }) };
};
