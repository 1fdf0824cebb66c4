import { describe, expect, it } from 'vitest';
import {
	boardVoteFrom,
	clockOffset,
	formatRemaining,
	pauseTimer,
	readTimer,
	resetTimer,
	resumeTimer,
	startTimer,
	TIMER_MAX_MINUTES
} from './facilitation';

describe('countdown timer', () => {
	it('starts, pauses, resumes and resets in server time', () => {
		const t0 = 1_000_000;
		const started = startTimer(5, t0);
		expect(started).toEqual({ endsAt: t0 + 300_000, durationMs: 300_000, pausedRemainingMs: null });
		expect(readTimer(started, t0 + 60_000)).toEqual({ state: 'running', remainingMs: 240_000 });
		// a screen whose clock reads a moment before the start still shows the full duration
		expect(readTimer(started, t0 - 400)).toEqual({ state: 'running', remainingMs: 300_000 });

		const paused = pauseTimer(started, t0 + 100_000);
		expect(paused).toEqual({ endsAt: null, durationMs: 300_000, pausedRemainingMs: 200_000 });
		// a paused timer does not move, however long it waits
		expect(readTimer(paused, t0 + 10_000_000)).toEqual({ state: 'paused', remainingMs: 200_000 });
		expect(pauseTimer(paused, t0 + 200_000)).toBe(paused);

		const resumed = resumeTimer(paused, t0 + 500_000);
		expect(resumed.endsAt).toBe(t0 + 700_000);
		expect(resumeTimer(resumed, t0 + 600_000)).toBe(resumed);

		const reset = resetTimer(resumed);
		expect(reset).toEqual({ endsAt: null, durationMs: 300_000, pausedRemainingMs: 300_000 });
		expect(readTimer(reset, 0)).toEqual({ state: 'paused', remainingMs: 300_000 });
	});

	it('reads a finished countdown as finished at zero, and no timer as null', () => {
		const started = startTimer(1, 0);
		expect(readTimer(started, 60_000)).toEqual({ state: 'finished', remainingMs: 0 });
		expect(readTimer(started, 90_000)).toEqual({ state: 'finished', remainingMs: 0 });
		expect(readTimer(null, 0)).toBeNull();
	});

	it('caps the duration and refuses negative minutes', () => {
		expect(startTimer(10_000, 0).durationMs).toBe(TIMER_MAX_MINUTES * 60_000);
		expect(startTimer(-3, 0).durationMs).toBe(0);
		expect(startTimer(0.5, 0).durationMs).toBe(30_000);
	});

	it('formats minutes and seconds, rounding up', () => {
		expect(formatRemaining(300_000)).toBe('5:00');
		expect(formatRemaining(299_001)).toBe('5:00');
		expect(formatRemaining(299_000)).toBe('4:59');
		expect(formatRemaining(61_000)).toBe('1:01');
		expect(formatRemaining(0)).toBe('0:00');
		expect(formatRemaining(-5)).toBe('0:00');
		expect(formatRemaining(100 * 60_000)).toBe('100:00');
	});
});

describe('clockOffset', () => {
	it('takes the midpoint of the sample with the shortest round trip', () => {
		expect(
			clockOffset([
				{ sentAt: 0, receivedAt: 400, serverNow: 10_000 },
				{ sentAt: 1000, receivedAt: 1020, serverNow: 11_510 },
				{ sentAt: 2000, receivedAt: 2300, serverNow: 12_000 }
			])
		).toBe(10_500);
	});

	it('ignores impossible samples and answers null without any', () => {
		expect(clockOffset([])).toBeNull();
		expect(clockOffset([{ sentAt: 10, receivedAt: 5, serverNow: 0 }])).toBeNull();
	});
});

describe('boardVoteFrom', () => {
	const vote = { id: 'v1', status: 'revealed' as const, budget: 5, capPerCard: 2 };

	it('keeps results out until there are totals', () => {
		expect(boardVoteFrom({ ...vote, status: 'open' }, null)).toEqual({ ...vote, status: 'open', results: null });
	});

	it('stores totals per card', () => {
		expect(
			boardVoteFrom(vote, [
				{ cardId: 'a', dots: 4, voters: 3 },
				{ cardId: 'b', dots: 1, voters: 1 }
			]).results
		).toEqual({ a: { dots: 4, voters: 3 }, b: { dots: 1, voters: 1 } });
	});
});
