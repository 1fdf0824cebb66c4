/**
 * Setting and clearing the session cookie from SvelteKit code. `secure` is true when the
 * request came over HTTPS: the cookie is then named `__Host-session` and marked Secure.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import {
	createSession,
	generateSessionToken,
	sessionCookieName,
	sessionCookieOptions,
	sessionDeadline,
	type Session,
	type SessionPolicy
} from './session';

export function isSecureUrl(url: URL): boolean {
	return url.protocol === 'https:';
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	session: Pick<Session, 'lastActiveAt' | 'expiresAt'>,
	policy: SessionPolicy,
	secure: boolean
): void {
	cookies.set(
		sessionCookieName(secure),
		token,
		sessionCookieOptions(secure, sessionDeadline(session, policy))
	);
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(sessionCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}

/** Starts a new session with a fresh random token and sets its cookie. */
export async function startSession(
	db: Db,
	cookies: Cookies,
	userId: string,
	policy: SessionPolicy,
	secure: boolean
): Promise<Session> {
	const token = generateSessionToken();
	const session = await createSession(db, token, userId, policy);
	setSessionCookie(cookies, token, session, policy, secure);
	return session;
}
