import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs the first call at once and folds a burst into one trailing call with the latest value', () => {
		const calls: number[] = [];
		const t = throttle((n: number) => calls.push(n), 500);
		t(1);
		t(2);
		t(3);
		expect(calls).toEqual([1]);
		vi.advanceTimersByTime(499);
		expect(calls).toEqual([1]);
		vi.advanceTimersByTime(1);
		expect(calls).toEqual([1, 3]);
	});

	it('sends at most twice a second under continuous calls', () => {
		const calls: number[] = [];
		const t = throttle((n: number) => calls.push(n), 500);
		for (let i = 0; i < 100; i++) {
			t(i);
			vi.advanceTimersByTime(50); // 20 calls a second for 5 seconds
		}
		vi.advanceTimersByTime(1000);
		expect(calls.length).toBeGreaterThanOrEqual(10);
		expect(calls.length).toBeLessThanOrEqual(11);
		expect(calls.at(-1)).toBe(99);
	});

	it('can flush and cancel a pending call', () => {
		const calls: number[] = [];
		const t = throttle((n: number) => calls.push(n), 500);
		t(1);
		t(2);
		t.flush();
		expect(calls).toEqual([1, 2]);
		t(3);
		t.cancel();
		vi.advanceTimersByTime(1000);
		expect(calls).toEqual([1, 2]);
	});
});
