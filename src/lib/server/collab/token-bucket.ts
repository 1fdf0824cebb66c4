/**
 * A token bucket: `ratePerSec` tokens flow in every second, up to `burst`; spending takes them
 * out. It is how much one connection may send (see InboundThrottle): a burst after a quiet
 * while passes at once, a steady stream above the rate does not.
 *
 * A cost larger than what is in the bucket is still allowed once the bucket is full (or holds at
 * least `burst`-worth, for a cost above the burst): the level then goes negative and the spender
 * waits until it has paid the debt. So one message larger than the whole burst (a big paste, a
 * board import) is never refused, only followed by a longer wait. Time comes from `now`
 * (milliseconds, monotonic), injected so that tests need no real clock.
 */
export interface TokenBucketOptions {
	/** Tokens added per second (> 0). */
	ratePerSec: number;
	/** The most the bucket holds; it starts full. */
	burst: number;
	now?: () => number;
}

export class TokenBucket {
	readonly ratePerSec: number;
	readonly burst: number;
	readonly #now: () => number;
	#level: number;
	#at: number;

	constructor({ ratePerSec, burst, now = () => performance.now() }: TokenBucketOptions) {
		if (!(ratePerSec > 0) || !(burst >= 1)) throw new RangeError('a token bucket needs rate > 0 and burst ≥ 1');
		this.ratePerSec = ratePerSec;
		this.burst = burst;
		this.#now = now;
		this.#level = burst;
		this.#at = now();
	}

	/** Tokens in the bucket now (negative while a large spend is being paid off). */
	get level(): number {
		this.#refill();
		return this.#level;
	}

	/** Spends `cost` tokens if there are enough (see above); whether it did. */
	take(cost = 1): boolean {
		this.#refill();
		if (this.#level < this.#needed(cost)) return false;
		this.#level -= cost;
		return true;
	}

	/** Milliseconds until `take(cost)` would succeed (0: now). */
	msUntil(cost = 1): number {
		this.#refill();
		const missing = this.#needed(cost) - this.#level;
		return missing <= 0 ? 0 : (missing / this.ratePerSec) * 1000;
	}

	#needed(cost: number): number {
		return Math.min(cost, this.burst);
	}

	#refill(): void {
		const now = this.#now();
		const elapsed = now - this.#at;
		this.#at = now;
		if (elapsed > 0) this.#level = Math.min(this.burst, this.#level + (elapsed / 1000) * this.ratePerSec);
	}
}
