import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db';
import {
	checkLoginThrottle,
	DEFAULT_THROTTLE_POLICY,
	delayAfterFailures,
	pruneLoginAttempts,
	recordLoginFailure,
	recordLoginSuccess,
	type ThrottlePolicy
} from './throttle';

let db: Db;
const T0 = Date.UTC(2025, 3, 1, 0, 0, 0);
const victim = { loginId: 'hanako.aizu', ip: '10.0.0.5' };
const attacker = { loginId: 'hanako.aizu', ip: '10.9.9.9' };

beforeEach(async () => {
	db = openDatabase(':memory:').db;
	await migrateToLatest(db);
});
afterEach(async () => {
	await db.destroy();
});

async function fail(subject: { loginId: string; ip: string }, times: number, at: number) {
	for (let i = 0; i < times; i++) await recordLoginFailure(db, subject, at);
}

describe('delayAfterFailures', () => {
	it('grows 1 s, 2 s, 4 s … and stops at 60 s', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => delayAfterFailures(n))).toEqual([
			0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000
		]);
	});
});

describe('checkLoginThrottle', () => {
	it('allows a first attempt', async () => {
		expect(await checkLoginThrottle(db, victim, T0)).toEqual({ allowed: true });
	});

	it('makes the same account and address wait longer after each failure', async () => {
		await fail(victim, 1, T0);
		expect(await checkLoginThrottle(db, victim, T0 + 500)).toMatchObject({
			allowed: false,
			retryAfterMs: 500,
			reason: 'account'
		});
		expect(await checkLoginThrottle(db, victim, T0 + 1_000)).toEqual({ allowed: true });

		await fail(victim, 1, T0 + 1_000);
		await fail(victim, 1, T0 + 3_000);
		// Three failures: wait 4 s after the last.
		expect(await checkLoginThrottle(db, victim, T0 + 6_999)).toMatchObject({ allowed: false });
		expect(await checkLoginThrottle(db, victim, T0 + 7_000)).toEqual({ allowed: true });
	});

	it('never makes anyone wait more than a minute per attempt', async () => {
		await fail(attacker, 40, T0);
		const decision = await checkLoginThrottle(db, attacker, T0);
		expect(decision).toMatchObject({ allowed: false, retryAfterMs: 60_000 });
	});

	it('throttles unknown login ids exactly like real ones', async () => {
		const ghost = { loginId: 'no-such-user', ip: '10.0.0.5' };
		await fail(ghost, 2, T0);
		expect(await checkLoginThrottle(db, ghost, T0 + 1_500)).toMatchObject({ allowed: false });
	});

	it('does not let failures from elsewhere lock out a user at an address they signed in from', async () => {
		await recordLoginSuccess(db, victim, T0 - 3_600_000);
		await fail(attacker, 30, T0);
		expect(await checkLoginThrottle(db, attacker, T0 + 1_000)).toMatchObject({ allowed: false });
		expect(await checkLoginThrottle(db, victim, T0 + 1_000)).toEqual({ allowed: true });
	});

	it('slows a guesser who rotates addresses, by the account-wide count', async () => {
		for (let i = 0; i < 6; i++) await fail({ loginId: 'hanako.aizu', ip: `10.1.0.${i}` }, 1, T0);
		const fresh = { loginId: 'hanako.aizu', ip: '10.1.0.99' };
		expect(await checkLoginThrottle(db, fresh, T0 + 1_000)).toMatchObject({
			allowed: false,
			retryAfterMs: 31_000
		});
	});

	it('starts the count again after a success from the same address', async () => {
		await fail(victim, 5, T0);
		expect(await checkLoginThrottle(db, victim, T0 + 2_000)).toMatchObject({ allowed: false });
		await recordLoginSuccess(db, victim, T0 + 20_000);
		await fail(victim, 1, T0 + 21_000);
		// One failure since the success: 1 s, not 32 s.
		expect(await checkLoginThrottle(db, victim, T0 + 22_000)).toEqual({ allowed: true });
	});

	it('keeps counting an attacker address after the real user signs in elsewhere', async () => {
		await fail(attacker, 5, T0);
		await recordLoginSuccess(db, victim, T0 + 1_000);
		expect(await checkLoginThrottle(db, attacker, T0 + 2_000)).toMatchObject({
			allowed: false,
			retryAfterMs: 14_000
		});
	});

	it('limits failures per address across accounts, and a success does not reset that', async () => {
		const policy: ThrottlePolicy = { ...DEFAULT_THROTTLE_POLICY, ipMaxFailures: 5, ipWindowMs: 60_000 };
		for (let i = 0; i < 5; i++) await fail({ loginId: `user${i}`, ip: '10.2.0.1' }, 1, T0 + i * 1000);
		await recordLoginSuccess(db, { loginId: 'own-account', ip: '10.2.0.1' }, T0 + 5_000);
		const next = { loginId: 'user99', ip: '10.2.0.1' };
		expect(await checkLoginThrottle(db, next, T0 + 10_000, policy)).toEqual({
			allowed: false,
			retryAfterMs: 50_000,
			reason: 'ip'
		});
		// Another address is not affected.
		expect(await checkLoginThrottle(db, { loginId: 'user99', ip: '10.2.0.2' }, T0 + 10_000, policy)).toEqual({
			allowed: true
		});
		// Once the oldest failure leaves the window, the address may try again.
		expect(await checkLoginThrottle(db, next, T0 + 60_001, policy)).toEqual({ allowed: true });
	});

	it('forgets failures after a day', async () => {
		await fail(victim, 10, T0);
		expect(await checkLoginThrottle(db, victim, T0 + 24 * 3_600_000 + 1)).toEqual({ allowed: true });
	});
});

describe('pruneLoginAttempts', () => {
	it('deletes failures no rule looks at, keeps recent ones and known addresses', async () => {
		await fail(victim, 2, T0);
		await recordLoginSuccess(db, { loginId: 'other', ip: '10.0.0.7' }, T0);
		await fail(attacker, 1, T0 + 24 * 3_600_000);
		await pruneLoginAttempts(db, T0 + 24 * 3_600_000 + 10);
		const keys = (await db.selectFrom('login_attempt').select('key').execute()).map((r) => r.key).sort();
		expect(keys).toEqual([
			'account:hanako.aizu',
			'ip:10.9.9.9',
			'known:other|10.0.0.7',
			'pair:hanako.aizu|10.9.9.9'
		]);
	});
});
