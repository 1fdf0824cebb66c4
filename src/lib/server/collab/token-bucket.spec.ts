import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

function clock(start = 1000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TokenBucket', () => {
	it('starts full: a burst passes at once, the next spend does not', () => {
		const c = clock();
		const bucket = new TokenBucket({ ratePerSec: 10, burst: 5, now: c.now });
		for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		expect(bucket.level).toBe(0);
	});

	it('refills at the rate, never beyond the burst', () => {
		const c = clock();
		const bucket = new TokenBucket({ ratePerSec: 10, burst: 5, now: c.now });
		for (let i = 0; i < 5; i++) bucket.take();
		c.advance(100); // one token
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		c.advance(60_000);
		expect(bucket.level).toBe(5);
	});

	it('says how long until a spend would pass', () => {
		const c = clock();
		const bucket = new TokenBucket({ ratePerSec: 10, burst: 5, now: c.now });
		expect(bucket.msUntil(1)).toBe(0);
		for (let i = 0; i < 5; i++) bucket.take();
		expect(bucket.msUntil(1)).toBeCloseTo(100);
		expect(bucket.msUntil(3)).toBeCloseTo(300);
		c.advance(250);
		expect(bucket.msUntil(3)).toBeCloseTo(50);
		expect(bucket.take(3)).toBe(false);
		c.advance(50);
		expect(bucket.take(3)).toBe(true);
	});

	it('lets a spend larger than the burst through from a full bucket, then waits for the debt', () => {
		const c = clock();
		const bucket = new TokenBucket({ ratePerSec: 10, burst: 5, now: c.now });
		bucket.take(1);
		// not full: a cost above the burst waits until the bucket is full again
		expect(bucket.take(25)).toBe(false);
		expect(bucket.msUntil(25)).toBeCloseTo(100);
		c.advance(100);
		expect(bucket.take(25)).toBe(true);
		expect(bucket.level).toBe(-20);
		// the debt (20) and one token more: 2.1 s
		expect(bucket.msUntil(1)).toBeCloseTo(2100);
		c.advance(2000);
		expect(bucket.take(1)).toBe(false);
		c.advance(100);
		expect(bucket.take(1)).toBe(true);
	});

	it('does not refill while the clock goes backwards', () => {
		const c = clock();
		const bucket = new TokenBucket({ ratePerSec: 10, burst: 2, now: c.now });
		bucket.take(2);
		c.advance(-500);
		expect(bucket.level).toBe(0);
		c.advance(100);
		expect(bucket.level).toBeCloseTo(1);
	});

	it('refuses a rate or burst that would never let anything through', () => {
		expect(() => new TokenBucket({ ratePerSec: 0, burst: 5 })).toThrow(RangeError);
		expect(() => new TokenBucket({ ratePerSec: 5, burst: 0 })).toThrow(RangeError);
	});
});
