import { describe, expect, it } from 'vitest';
import { InboundThrottle, type ThrottleTimers } from './inbound-throttle';
import { TokenBucket } from './token-bucket';

/** A clock and timers that only move when the test says so. */
class FakeTime implements ThrottleTimers {
	t = 0;
	readonly #pending = new Map<number, { at: number; fn: () => void }>();
	#next = 1;

	now = () => this.t;
	set(fn: () => void, ms: number): unknown {
		const id = this.#next++;
		this.#pending.set(id, { at: this.t + ms, fn });
		return id;
	}
	clear(handle: unknown): void {
		this.#pending.delete(handle as number);
	}
	get timers(): number {
		return this.#pending.size;
	}
	/** Moves the clock forward by `ms`, running every timer that falls due, in order. */
	advance(ms: number): void {
		const end = this.t + ms;
		for (;;) {
			const due = [...this.#pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			this.#pending.delete(due[0]);
			this.t = Math.max(this.t, due[1].at);
			due[1].fn();
		}
		this.t = end;
	}
}

function setup({ rate = 10, burst = 5, closeAfterMs = 5000, batchMs = 0 } = {}) {
	const time = new FakeTime();
	const delivered: number[] = [];
	const events: string[] = [];
	const throttle = new InboundThrottle<number>({
		bucket: new TokenBucket({ ratePerSec: rate, burst, now: time.now }),
		closeAfterMs,
		deliver: (n) => delivered.push(n),
		pause: () => events.push('pause'),
		resume: () => events.push('resume'),
		abuse: () => events.push('abuse'),
		batchMs,
		now: time.now,
		timers: time
	});
	return { time, delivered, events, throttle };
}

describe('InboundThrottle', () => {
	it('delivers at once within the budget, without pausing', () => {
		const { delivered, events, throttle } = setup();
		for (let i = 0; i < 5; i++) throttle.offer(i, 1);
		expect(delivered).toEqual([0, 1, 2, 3, 4]);
		expect(events).toEqual([]);
		expect(throttle.held).toBe(0);
	});

	it('over budget: pauses the socket once, holds what was read, delivers it in order at the rate, then resumes', () => {
		const { time, delivered, events, throttle } = setup({ rate: 10, burst: 5 });
		// one socket read of 12 messages: 5 pass, 7 wait
		for (let i = 0; i < 12; i++) throttle.offer(i, 1);
		expect(delivered).toEqual([0, 1, 2, 3, 4]);
		expect(events).toEqual(['pause']);
		expect(throttle.held).toBe(7);
		expect(throttle.paused).toBe(true);
		time.advance(100);
		expect(delivered).toEqual([0, 1, 2, 3, 4, 5]);
		time.advance(550);
		expect(delivered).toHaveLength(11);
		expect(events).toEqual(['pause']);
		time.advance(100);
		expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(events).toEqual(['pause', 'resume']);
		expect(throttle.paused).toBe(false);
		expect(time.timers).toBe(0);
	});

	it('with batchMs, delivers held messages a few at a time rather than one per token', () => {
		const { time, delivered, throttle } = setup({ rate: 100, burst: 5, batchMs: 50 });
		for (let i = 0; i < 15; i++) throttle.offer(i, 1);
		expect(delivered).toHaveLength(5);
		time.advance(49);
		expect(delivered).toHaveLength(5);
		time.advance(1); // 5 tokens have flowed in: 5 messages in one go
		expect(delivered).toHaveLength(10);
		time.advance(50);
		expect(delivered).toEqual([...Array(15).keys()]);
	});

	it('never lets a later message overtake a held one', () => {
		const { time, delivered, throttle } = setup({ rate: 10, burst: 1 });
		throttle.offer(1, 1);
		throttle.offer(2, 1); // held
		time.advance(200); // tokens for 2 and more, but 2 must come before 3
		throttle.offer(3, 1);
		expect(delivered).toEqual([1, 2, 3]);
	});

	it('holds a costly message until its tokens are there', () => {
		const { time, delivered, throttle } = setup({ rate: 10, burst: 5 });
		throttle.offer(1, 3);
		throttle.offer(2, 3); // 2 tokens left: waits 100 ms for the third
		expect(delivered).toEqual([1]);
		time.advance(99);
		expect(delivered).toEqual([1]);
		time.advance(1);
		expect(delivered).toEqual([1, 2]);
	});

	it('an honest burst over budget is slowed, not reported, and the client is within budget again afterwards', () => {
		const { time, delivered, events, throttle } = setup({ rate: 10, burst: 5, closeAfterMs: 5000 });
		for (let i = 0; i < 30; i++) throttle.offer(i, 1); // 2.5 s of waiting
		time.advance(3000);
		expect(delivered).toHaveLength(30);
		expect(events).toEqual(['pause', 'resume']);
		// typing on at half the rate: every message passes at once
		for (let i = 0; i < 20; i++) {
			time.advance(200);
			throttle.offer(100 + i, 1);
		}
		expect(delivered).toHaveLength(50);
		expect(throttle.overBudgetMs).toBe(0);
		expect(events).toEqual(['pause', 'resume']);
	});

	it('reports a client that stays over budget for closeAfterMs, once, and drops what it held', () => {
		const { time, delivered, events, throttle } = setup({ rate: 10, burst: 5, closeAfterMs: 2000 });
		let sent = 0;
		// a flood: every time the socket is read again, another full read arrives at once
		const flood = () => {
			for (let i = 0; i < 20; i++) throttle.offer(sent++, 1);
		};
		flood();
		for (let step = 0; step < 100 && !events.includes('abuse'); step++) {
			time.advance(100);
			if (!throttle.paused) flood();
		}
		expect(events.filter((e) => e === 'abuse')).toHaveLength(1);
		expect(time.t).toBeGreaterThanOrEqual(2000);
		expect(time.t).toBeLessThan(2200);
		// about the budget was delivered: the burst and 10 a second
		expect(delivered.length).toBeLessThanOrEqual(5 + 10 * 2.2);
		expect(throttle.held).toBe(0);
		expect(time.timers).toBe(0);
		// nothing more is delivered once reported
		throttle.offer(999, 1);
		time.advance(1000);
		expect(delivered).not.toContain(999);
	});

	it.each([0, 50])('a flood that resumes between reads is still over budget without a break (batchMs %i)', (batchMs) => {
		const { time, events, throttle } = setup({ rate: 10, burst: 5, closeAfterMs: 2000, batchMs });
		// short reads: each is delivered before the socket is read again, and the next read
		// always finds the bucket empty
		let n = 0;
		for (let step = 0; step < 100 && !events.includes('abuse'); step++) {
			if (!throttle.paused) for (let i = 0; i < 3; i++) throttle.offer(n++, 1);
			time.advance(50);
		}
		expect(events.filter((e) => e === 'resume').length).toBeGreaterThan(3);
		expect(events.filter((e) => e === 'abuse')).toHaveLength(1);
		expect(time.t).toBeLessThan(2200);
	});

	it('a break of breakMs within budget after a hold starts the next stretch over budget afresh', () => {
		const { time, events, throttle } = setup({ rate: 10, burst: 5, closeAfterMs: 2000 });
		let n = 0;
		// over budget for 1.5 s, then within budget for 1.2 s, then over budget again: never 2 s in a row
		for (let round = 0; round < 3; round++) {
			for (let step = 0; step < 15; step++) {
				if (!throttle.paused) for (let i = 0; i < 3; i++) throttle.offer(n++, 1);
				time.advance(100);
			}
			time.advance(1200);
		}
		expect(events).not.toContain('abuse');
		expect(events.filter((e) => e === 'pause').length).toBeGreaterThan(3);
	});

	it('dispose drops held messages and stops its timer', () => {
		const { time, delivered, throttle } = setup({ rate: 10, burst: 1 });
		throttle.offer(1, 1);
		throttle.offer(2, 1);
		throttle.dispose();
		expect(time.timers).toBe(0);
		time.advance(1000);
		expect(delivered).toEqual([1]);
	});
});
