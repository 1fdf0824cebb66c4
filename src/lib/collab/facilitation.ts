/**
 * What the facilitation state in a board's `meta` means, on top of the schema's accessors:
 * the countdown's transitions (start, pause, resume, reset) and remaining time in the server's
 * clock, the public shapes of the dot-vote API, and how revealed totals are stored in
 * `meta.vote`. Pure: no DOM, no server, used by the browser, the server and tests.
 */
import type { BoardTimer, BoardVote } from './schema';

// ─── countdown timer ──────────────────────────────────────────────────────────────────────────

/** Longest countdown a facilitator can start (minutes). */
export const TIMER_MAX_MINUTES = 180;

/** A running countdown of `minutes`, from the server time `serverNow`. */
export function startTimer(minutes: number, serverNow: number): BoardTimer {
	const durationMs = Math.round(Math.min(Math.max(minutes, 0), TIMER_MAX_MINUTES) * 60_000);
	return { endsAt: serverNow + durationMs, durationMs, pausedRemainingMs: null };
}

/** Stops the countdown, keeping what is left. A paused or finished timer stays as it is. */
export function pauseTimer(timer: BoardTimer, serverNow: number): BoardTimer {
	if (timer.endsAt === null) return timer;
	return { endsAt: null, durationMs: timer.durationMs, pausedRemainingMs: Math.max(0, timer.endsAt - serverNow) };
}

/** Runs a paused countdown on from where it stopped. */
export function resumeTimer(timer: BoardTimer, serverNow: number): BoardTimer {
	if (timer.endsAt !== null) return timer;
	const remaining = timer.pausedRemainingMs ?? timer.durationMs;
	return { endsAt: serverNow + remaining, durationMs: timer.durationMs, pausedRemainingMs: null };
}

/** Back to the full duration, paused (start it again with resume). */
export function resetTimer(timer: BoardTimer): BoardTimer {
	return { endsAt: null, durationMs: timer.durationMs, pausedRemainingMs: timer.durationMs };
}

export type TimerState = 'running' | 'paused' | 'finished';

export interface TimerReading {
	state: TimerState;
	remainingMs: number;
}

/** What a screen shows at the server time `serverNow`. */
export function readTimer(timer: BoardTimer | null, serverNow: number): TimerReading | null {
	if (!timer) return null;
	if (timer.endsAt !== null) {
		// never more than the duration: a clock read a moment early must not show 5:01
		const remainingMs = Math.max(0, Math.min(timer.endsAt - serverNow, timer.durationMs));
		return { state: remainingMs > 0 ? 'running' : 'finished', remainingMs };
	}
	const remainingMs = Math.max(0, timer.pausedRemainingMs ?? timer.durationMs);
	return { state: remainingMs > 0 ? 'paused' : 'finished', remainingMs };
}

/** 「12:05」: minutes and seconds left, rounded up so that 0:00 means the time is up. */
export function formatRemaining(ms: number): string {
	const total = Math.ceil(Math.max(0, ms) / 1000);
	const minutes = Math.floor(total / 60);
	const seconds = total % 60;
	return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

// ─── clock offset ─────────────────────────────────────────────────────────────────────────────

export interface ClockSample {
	/** Local time the request was sent. */
	sentAt: number;
	/** Local time the answer arrived. */
	receivedAt: number;
	/** The server's clock in the answer. */
	serverNow: number;
}

/**
 * The server clock minus the local clock, from the sample with the shortest round trip (its
 * midpoint is the best guess of when the server read its clock).
 */
export function clockOffset(samples: readonly ClockSample[]): number | null {
	let best: ClockSample | undefined;
	for (const s of samples) {
		if (s.receivedAt < s.sentAt) continue;
		if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
	}
	if (!best) return null;
	return Math.round(best.serverNow - (best.sentAt + best.receivedAt) / 2);
}

// ─── dot vote: the API's public shapes ────────────────────────────────────────────────────────

export type VoteStatus = BoardVote['status'];

/** What the vote API tells every member about a vote. */
export interface VoteState {
	id: string;
	status: VoteStatus;
	budget: number;
	capPerCard: number;
}

/** One person's own dots (only ever sent to that person). */
export interface MyBallot {
	ballot: Record<string, number>;
	used: number;
	remaining: number;
}

export interface CardTotal {
	cardId: string;
	dots: number;
	voters: number;
}

export interface VoteResults {
	vote: VoteState;
	/** Most dots first. */
	totals: CardTotal[];
	/** People with at least one dot on a card still on the board. */
	voters: number;
}

/** The public state written into `meta.vote` (totals only once revealed). */
export function boardVoteFrom(vote: VoteState, totals: readonly CardTotal[] | null): BoardVote {
	return {
		id: vote.id,
		status: vote.status,
		budget: vote.budget,
		capPerCard: vote.capPerCard,
		results: totals ? Object.fromEntries(totals.map((t) => [t.cardId, { dots: t.dots, voters: t.voters }])) : null
	};
}
