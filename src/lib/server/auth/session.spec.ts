/** Session tokens and their lifecycle, against a fresh migrated in-memory database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db';
import { createUser, setUserActive } from '../repositories/users';
import {
	createSession,
	generateSessionToken,
	hashToken,
	invalidateSession,
	invalidateUserSessions,
	sessionCookieName,
	sessionCookieOptions,
	sessionPolicyFromConfig,
	sessionTokenFromCookieHeader,
	stillValidSessionIds,
	validateSessionToken
} from './session';

const policy = { idleMs: 60 * 60_000, maxMs: 12 * 3_600_000 };
const T0 = Date.UTC(2025, 3, 1, 0, 0, 0);
let db: Db;
let userId: string;

beforeEach(async () => {
	db = openDatabase(':memory:').db;
	await migrateToLatest(db);
	userId = (await createUser(db, { loginId: 'hanako', displayName: '会津 花子' })).id;
});

afterEach(async () => {
	await db.destroy();
});

describe('session tokens', () => {
	it('are random, at least 128 bits, and URL-safe', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
		expect(tokens.size).toBe(200);
		for (const t of tokens) {
			expect(t).toMatch(/^[a-z2-7]+$/);
			expect(t.length * 5).toBeGreaterThanOrEqual(128);
		}
	});

	it('are stored only as their SHA-256 hash', async () => {
		const token = generateSessionToken();
		const session = await createSession(db, token, userId, policy, T0);
		expect(session.id).toBe(hashToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		const rows = await db.selectFrom('session').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(token);
	});
});

describe('validating a session', () => {
	it('returns the user for a valid token and nothing for a forged one', async () => {
		const token = generateSessionToken();
		await createSession(db, token, userId, policy, T0);
		const ok = await validateSessionToken(db, token, policy, T0 + 1000);
		expect(ok.user?.loginId).toBe('hanako');
		expect(ok.user?.displayName).toBe('会津 花子');
		expect((await validateSessionToken(db, generateSessionToken(), policy, T0)).user).toBeNull();
		expect((await validateSessionToken(db, 'not a token!', policy, T0)).user).toBeNull();
	});

	it('ends after the idle timeout, and activity keeps it alive', async () => {
		const token = generateSessionToken();
		await createSession(db, token, userId, policy, T0);
		// activity at 50 minutes moves the idle deadline
		expect((await validateSessionToken(db, token, policy, T0 + 50 * 60_000)).user).not.toBeNull();
		expect((await validateSessionToken(db, token, policy, T0 + 100 * 60_000)).user).not.toBeNull();
		// 61 minutes without activity
		expect((await validateSessionToken(db, token, policy, T0 + 161 * 60_000)).user).toBeNull();
		expect(await db.selectFrom('session').selectAll().execute()).toHaveLength(0);
	});

	it('ends at the absolute lifetime however active', async () => {
		const token = generateSessionToken();
		await createSession(db, token, userId, policy, T0);
		for (let minutes = 30; minutes < 12 * 60; minutes += 30) {
			expect((await validateSessionToken(db, token, policy, T0 + minutes * 60_000)).user).not.toBeNull();
		}
		expect((await validateSessionToken(db, token, policy, T0 + 12 * 3_600_000)).user).toBeNull();
	});

	it('refuses a deactivated user', async () => {
		const token = generateSessionToken();
		await createSession(db, token, userId, policy, T0);
		await setUserActive(db, userId, false);
		expect((await validateSessionToken(db, token, policy, T0 + 1)).user).toBeNull();
	});

	it('is ended by logout and by ending all of a user\'s sessions', async () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		const sa = await createSession(db, a, userId, policy, T0);
		const sb = await createSession(db, b, userId, policy, T0);
		await invalidateSession(db, sa.id);
		expect((await validateSessionToken(db, a, policy, T0 + 1)).user).toBeNull();
		expect(await stillValidSessionIds(db, [sa.id, sb.id], policy, T0 + 1)).toEqual(new Set([sb.id]));
		await invalidateUserSessions(db, userId);
		expect(await stillValidSessionIds(db, [sb.id], policy, T0 + 1)).toEqual(new Set());
	});
});

describe('session cookies', () => {
	it('use the __Host- prefix and Secure only over HTTPS', () => {
		expect(sessionCookieName(true)).toBe('__Host-session');
		expect(sessionCookieName(false)).toBe('session');
		const opts = sessionCookieOptions(true, T0);
		expect(opts).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
		expect(opts.expires.getTime()).toBe(T0);
	});

	it('are read from a Cookie header', () => {
		expect(sessionTokenFromCookieHeader('a=1; session=abc234; b=2')).toBe('abc234');
		expect(sessionTokenFromCookieHeader('__Host-session=xyz')).toBe('xyz');
		expect(sessionTokenFromCookieHeader('other=1')).toBeNull();
		expect(sessionTokenFromCookieHeader(undefined)).toBeNull();
	});

	it('take their timeouts from the configuration', () => {
		expect(sessionPolicyFromConfig({ SESSION_IDLE_MINUTES: 60, SESSION_MAX_HOURS: 12 })).toEqual(policy);
	});
});
