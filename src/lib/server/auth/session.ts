/**
 * Sessions the Lucia way: a random token (160 bits, base32) lives only in the browser's
 * cookie; the database keeps its SHA-256 hash as the session id. Sessions end after an
 * inactivity timeout (sliding) and an absolute lifetime, whichever comes first.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';
import type { SessionRow } from '../db/types';

export interface SessionPolicy {
	/** Inactivity timeout, ms. */
	idleMs: number;
	/** Absolute lifetime, ms. */
	maxMs: number;
}

export interface SessionUser {
	id: string;
	loginId: string;
	displayName: string;
	isAdmin: boolean;
}

export interface Session {
	id: string;
	userId: string;
	createdAt: number;
	lastActiveAt: number;
	expiresAt: number;
}

export type SessionValidationResult =
	| { session: Session; user: SessionUser }
	| { session: null; user: null };

/** Activity is written back at most this often, so that every request is not a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A session stays valid until the earlier of its absolute expiry and idle timeout. */
export function sessionDeadline(s: Pick<Session, 'lastActiveAt' | 'expiresAt'>, policy: SessionPolicy) {
	return Math.min(s.expiresAt, s.lastActiveAt + policy.idleMs);
}

function toSession(row: SessionRow): Session {
	return {
		id: row.id,
		userId: row.user_id,
		createdAt: Number(row.created_at),
		lastActiveAt: Number(row.last_active_at),
		expiresAt: Number(row.expires_at)
	};
}

export async function createSession(
	db: Db,
	token: string,
	userId: string,
	policy: SessionPolicy,
	now = Date.now()
): Promise<Session> {
	const row: SessionRow = {
		id: hashToken(token),
		user_id: userId,
		created_at: now,
		last_active_at: now,
		expires_at: now + policy.maxMs
	};
	await db.insertInto('session').values(row).execute();
	return toSession(row);
}

export async function validateSessionToken(
	db: Db,
	token: string,
	policy: SessionPolicy,
	now = Date.now()
): Promise<SessionValidationResult> {
	if (!/^[a-z2-7]{16,64}$/.test(token)) return { session: null, user: null };
	const sessionId = hashToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.select([
			'session.id',
			'session.user_id',
			'session.created_at',
			'session.last_active_at',
			'session.expires_at',
			'user.login_id',
			'user.display_name',
			'user.is_admin',
			'user.active'
		])
		.where('session.id', '=', sessionId)
		.executeTakeFirst();
	if (!row) return { session: null, user: null };
	const session = toSession(row);
	if (!row.active || now >= sessionDeadline(session, policy)) {
		await invalidateSession(db, sessionId);
		return { session: null, user: null };
	}
	if (now - session.lastActiveAt >= TOUCH_INTERVAL_MS) {
		await touchSession(db, sessionId, now);
		session.lastActiveAt = now;
	}
	return {
		session,
		user: {
			id: row.user_id,
			loginId: row.login_id,
			displayName: row.display_name,
			isAdmin: row.is_admin === 1
		}
	};
}

/** Records activity (a page request or a live edit) so the idle timeout starts again. */
export async function touchSession(db: Db, sessionId: string, now = Date.now()): Promise<void> {
	await db
		.updateTable('session')
		.set({ last_active_at: now })
		.where('id', '=', sessionId)
		.where('last_active_at', '<', now)
		.execute();
}

/** Records activity for several sessions at once, one statement per 500 ids. */
export async function touchSessions(db: Db, sessionIds: readonly string[], now = Date.now()): Promise<void> {
	for (let i = 0; i < sessionIds.length; i += 500) {
		await db
			.updateTable('session')
			.set({ last_active_at: now })
			.where('id', 'in', sessionIds.slice(i, i + 500))
			.where('last_active_at', '<', now)
			.execute();
	}
}

/** Of the given session ids, those still valid now (used to re-check open websockets). */
export async function stillValidSessionIds(
	db: Db,
	sessionIds: string[],
	policy: SessionPolicy,
	now = Date.now()
): Promise<Set<string>> {
	const valid = new Set<string>();
	for (let i = 0; i < sessionIds.length; i += 500) {
		const chunk = sessionIds.slice(i, i + 500);
		const rows = await db
			.selectFrom('session')
			.innerJoin('user', 'user.id', 'session.user_id')
			.select(['session.id', 'session.last_active_at', 'session.expires_at'])
			.where('session.id', 'in', chunk)
			.where('user.active', '=', 1)
			.execute();
		for (const r of rows) {
			const deadline = sessionDeadline(
				{ lastActiveAt: Number(r.last_active_at), expiresAt: Number(r.expires_at) },
				policy
			);
			if (now < deadline) valid.add(r.id);
		}
	}
	return valid;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, policy: SessionPolicy, now = Date.now()) {
	await db
		.deleteFrom('session')
		.where((eb) =>
			eb.or([eb('expires_at', '<=', now), eb('last_active_at', '<=', now - policy.idleMs)])
		)
		.execute();
}

/** Cookie naming: over HTTPS the `__Host-` prefix pins it to this host, path / and Secure. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-session' : 'session';
}

export function sessionCookieOptions(secure: boolean, expiresAt: number) {
	return {
		httpOnly: true,
		sameSite: 'lax' as const,
		path: '/',
		secure,
		expires: new Date(expiresAt)
	};
}

/** Reads the session token from a raw Cookie header (used by the websocket upgrade). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const name = part.slice(0, eq).trim();
		if (name === '__Host-session' || name === 'session') {
			return decodeURIComponent(part.slice(eq + 1).trim());
		}
	}
	return null;
}

export function sessionPolicyFromConfig(c: {
	SESSION_IDLE_MINUTES: number;
	SESSION_MAX_HOURS: number;
}): SessionPolicy {
	return { idleMs: c.SESSION_IDLE_MINUTES * 60_000, maxMs: c.SESSION_MAX_HOURS * 3_600_000 };
}
