/**
 * Login throttling over the `login_attempt` table, designed so that an attacker can slow
 * guessing down to a crawl but cannot lock a real user out.
 *
 * Rows record failures (and successes) under keys:
 *   account:<login id>          a failure for the account, from any address
 *   pair:<login id>|<address>   a failure for the account from this address
 *   ip:<address>                a failure from this address, for any account
 *   known:<login id>|<address>  a success: the account has signed in from this address before
 *
 * Rules, checked before the password is even looked at:
 *   1. Per address: after `ipMaxFailures` failures within `ipWindowMs` the address must wait
 *      until the oldest of those leaves the window. Generous, because a whole town hall may
 *      sit behind one NAT address.
 *   2. Per account and address: after n failures the next attempt waits
 *      min(baseDelay · 2^(n−1), maxDelay) after the last failure — 1 s, 2 s, 4s … 60 s.
 *   3. Per account, from addresses the account has never signed in from: the same growing delay
 *      over the account's failures from everywhere (slows a guesser that rotates addresses).
 *      An address with a recent success skips this rule, so a flood of failures from elsewhere
 *      cannot keep the real user out; the worst anyone can impose is a one-minute wait.
 *   A success from an address clears the account's count and that address's count for the
 *   account, and marks the address known.
 *   Unknown login ids are throttled exactly like real ones, so throttling reveals nothing.
 */
import type { Db } from '../db';

export interface ThrottlePolicy {
	baseDelayMs: number;
	maxDelayMs: number;
	/** Failures older than this no longer count towards an account's delay. */
	failureMemoryMs: number;
	ipMaxFailures: number;
	ipWindowMs: number;
	/** How long a successful address stays "known" for an account. */
	knownAddressMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
	baseDelayMs: 1_000,
	maxDelayMs: 60_000,
	failureMemoryMs: 24 * 3_600_000,
	ipMaxFailures: 100,
	ipWindowMs: 15 * 60_000,
	knownAddressMs: 30 * 24 * 3_600_000
};

export interface LoginAttemptSubject {
	/** Normalised login id as typed (whether or not the account exists). */
	loginId: string;
	/** Client address. */
	ip: string;
}

export type ThrottleDecision =
	| { allowed: true }
	| { allowed: false; retryAfterMs: number; reason: 'ip' | 'account' };

const keys = (s: LoginAttemptSubject) => ({
	account: `account:${s.loginId}`,
	pair: `pair:${s.loginId}|${s.ip}`,
	ip: `ip:${s.ip}`,
	known: `known:${s.loginId}|${s.ip}`
});

/** The wait after n consecutive failures: 1 s, 2 s, 4 s … capped. */
export function delayAfterFailures(n: number, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {
	if (n <= 0) return 0;
	const exponent = Math.min(n - 1, 30);
	return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

async function failureStats(db: Db, key: string, since: number) {
	const row = await db
		.selectFrom('login_attempt')
		.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('attempted_at').as('last')])
		.where('key', '=', key)
		.where('attempted_at', '>', since)
		.executeTakeFirst();
	return { n: Number(row?.n ?? 0), last: Number(row?.last ?? 0) };
}

/** Whether a login attempt may be evaluated now. */
export async function checkLoginThrottle(
	db: Db,
	subject: LoginAttemptSubject,
	now = Date.now(),
	policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY
): Promise<ThrottleDecision> {
	const k = keys(subject);

	// 1. Per address.
	const ipWindowStart = now - policy.ipWindowMs;
	const ipRows = await db
		.selectFrom('login_attempt')
		.select('attempted_at')
		.where('key', '=', k.ip)
		.where('attempted_at', '>', ipWindowStart)
		.orderBy('attempted_at', 'desc')
		.limit(policy.ipMaxFailures)
		.execute();
	if (ipRows.length >= policy.ipMaxFailures) {
		const oldest = Number(ipRows[ipRows.length - 1]!.attempted_at);
		const retryAfterMs = oldest + policy.ipWindowMs - now;
		if (retryAfterMs > 0) return { allowed: false, retryAfterMs, reason: 'ip' };
	}

	const since = now - policy.failureMemoryMs;
	let wait = 0;

	// 2. Per account and address.
	const pair = await failureStats(db, k.pair, since);
	if (pair.n > 0) wait = Math.max(wait, pair.last + delayAfterFailures(pair.n, policy) - now);

	// 3. Per account, unless this address is known for it.
	const known = await db
		.selectFrom('login_attempt')
		.select('id')
		.where('key', '=', k.known)
		.where('attempted_at', '>', now - policy.knownAddressMs)
		.executeTakeFirst();
	if (!known) {
		const account = await failureStats(db, k.account, since);
		if (account.n > 0) {
			wait = Math.max(wait, account.last + delayAfterFailures(account.n, policy) - now);
		}
	}

	return wait > 0 ? { allowed: false, retryAfterMs: wait, reason: 'account' } : { allowed: true };
}

/** Records a failed attempt (wrong password or unknown login id). */
export async function recordLoginFailure(
	db: Db,
	subject: LoginAttemptSubject,
	now = Date.now()
): Promise<void> {
	const k = keys(subject);
	await db
		.insertInto('login_attempt')
		.values([
			{ key: k.account, attempted_at: now },
			{ key: k.pair, attempted_at: now },
			{ key: k.ip, attempted_at: now }
		])
		.execute();
}

/**
 * Records a successful sign-in: the account's failure count and this address's count for the
 * account start again, and the address becomes known for the account. The address's own count is kept (an attacker with one valid
 * account must not be able to reset it).
 */
export async function recordLoginSuccess(
	db: Db,
	subject: LoginAttemptSubject,
	now = Date.now()
): Promise<void> {
	const k = keys(subject);
	await db
		.deleteFrom('login_attempt')
		.where((eb) =>
			eb.or([
				eb('key', '=', k.account),
				eb('key', '=', k.pair),
				eb('key', '=', k.known)
			])
		)
		.execute();
	await db.insertInto('login_attempt').values({ key: k.known, attempted_at: now }).execute();
}

/** Deletes rows that no rule looks at any more. */
export async function pruneLoginAttempts(
	db: Db,
	now = Date.now(),
	policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY
): Promise<void> {
	const failuresBefore = now - Math.max(policy.failureMemoryMs, policy.ipWindowMs);
	await db
		.deleteFrom('login_attempt')
		.where('attempted_at', '<=', failuresBefore)
		.where('key', 'not like', 'known:%')
		.execute();
	await db
		.deleteFrom('login_attempt')
		.where('attempted_at', '<=', now - policy.knownAddressMs)
		.where('key', 'like', 'known:%')
		.execute();
}
