/**
 * Holds one connection to its budget of incoming messages (see TokenBucket), so that one client
 * cannot flood a room: a member's client that sent 207,000 one-character updates in 10 s took
 * a bystander's round trip from 12 ms to 1.7 s, because every update was applied, stored and
 * relayed as fast as it arrived.
 *
 * Within the budget a message is delivered at once. Over it, the socket is paused: nothing more
 * is read, so the kernel's buffers fill and TCP stops the sender — the flood waits on the
 * sender's side, not in our memory. What was already read (at most one socket read, ~64 KiB of
 * frames) waits here, in order, and is delivered as tokens flow in; when it is all delivered the
 * socket is read again. An honest client over budget (a long machine-speed burst) is therefore
 * slowed, never cut and never loses an edit. A client that stays over budget for `closeAfterMs`
 * without a break is reported through `abuse`, and the connection closes it (4429). A break is
 * `breakMs` (1 s) after the socket was read again without having to stop it: a flood is stopped
 * again within milliseconds of every resume, however few messages each read brings (and however
 * many tokens a batch left over), whereas a person who pasted a lot goes back to typing within
 * the budget.
 *
 * Time and timers are injected so that the spec runs without a real clock.
 */
import type { TokenBucket } from './token-bucket';

/** A message costs one token, and one more per full `BYTES_PER_TOKEN` (a 1 MiB message: 65). */
export const BYTES_PER_TOKEN = 16 * 1024;

export function messageCost(byteLength: number): number {
	return 1 + Math.floor(byteLength / BYTES_PER_TOKEN);
}

export interface ThrottleTimers {
	set(fn: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

export interface InboundThrottleOptions<T> {
	bucket: TokenBucket;
	/** Over budget this long without a break: `abuse` is called (once). */
	closeAfterMs: number;
	deliver(item: T): void;
	/** Stop reading the socket. */
	pause(): void;
	/** Read the socket again. */
	resume(): void;
	abuse(): void;
	/**
	 * Held messages are delivered at most this often (ms), as many as the tokens then allow: a
	 * few at a time, in one turn of the event loop, so that they share one commit (one fsync),
	 * rather than one message and one commit per token. Default 0: as soon as a token is there.
	 */
	batchMs?: number;
	/** Within budget this long after a resume: the next time over budget starts afresh (ms, 1000). */
	breakMs?: number;
	now?: () => number;
	timers?: ThrottleTimers;
}

const realTimers: ThrottleTimers = {
	set: (fn, ms) => setTimeout(fn, ms),
	clear: (handle) => clearTimeout(handle as NodeJS.Timeout)
};

export class InboundThrottle<T> {
	readonly #options: InboundThrottleOptions<T>;
	readonly #now: () => number;
	readonly #timers: ThrottleTimers;
	readonly #held: Array<{ item: T; cost: number }> = [];
	#timer: unknown = null;
	/** Since when the client is over budget without a break (null: within budget). */
	#overSince: number | null = null;
	/** When the socket was last read again after a hold. */
	#resumedAt = -Infinity;
	#paused = false;
	#done = false;

	constructor(options: InboundThrottleOptions<T>) {
		this.#options = options;
		this.#now = options.now ?? (() => performance.now());
		this.#timers = options.timers ?? realTimers;
	}

	/** Messages read but not yet delivered. */
	get held(): number {
		return this.#held.length;
	}

	/** Whether the socket is paused for this client's budget. */
	get paused(): boolean {
		return this.#paused;
	}

	/** How long the client has been over budget without a break, ms (0: within budget). */
	get overBudgetMs(): number {
		return this.#overSince === null ? 0 : this.#now() - this.#overSince;
	}

	/** A message that arrived, costing `cost` tokens: delivered now, or held until there are tokens. */
	offer(item: T, cost: number): void {
		if (this.#done) return;
		if (this.#held.length === 0 && this.#options.bucket.take(cost)) {
			if (this.#overSince !== null && this.#hadBreak()) this.#overSince = null;
			this.#options.deliver(item);
			return;
		}
		this.#held.push({ item, cost });
		if (!this.#paused) {
			// a new hold: the same stretch over budget unless the client had a break since the last
			if (this.#overSince === null || this.#hadBreak()) this.#overSince = this.#now();
			this.#paused = true;
			this.#options.pause();
		}
		if (this.#checkAbuse()) return;
		this.#schedule();
	}

	/** Drops what is held and stops every timer (the connection ended). */
	dispose(): void {
		this.#done = true;
		this.#held.length = 0;
		if (this.#timer !== null) this.#timers.clear(this.#timer);
		this.#timer = null;
	}

	#schedule(): void {
		if (this.#timer !== null || this.#done) return;
		const head = this.#held[0];
		if (!head) return;
		const wait = Math.max(1, this.#options.batchMs ?? 0, this.#options.bucket.msUntil(head.cost));
		this.#timer = this.#timers.set(this.#drain, wait);
	}

	readonly #drain = (): void => {
		this.#timer = null;
		while (!this.#done) {
			const head = this.#held[0];
			if (!head) break;
			if (!this.#options.bucket.take(head.cost)) break;
			this.#held.shift();
			this.#options.deliver(head.item);
		}
		if (this.#done) return;
		if (this.#held.length === 0) {
			this.#paused = false;
			this.#resumedAt = this.#now();
			this.#options.resume();
			return;
		}
		if (this.#checkAbuse()) return;
		this.#schedule();
	};

	#hadBreak(): boolean {
		return this.#now() - this.#resumedAt >= (this.#options.breakMs ?? 1000);
	}

	#checkAbuse(): boolean {
		if (this.#overSince === null || this.#now() - this.#overSince < this.#options.closeAfterMs) return false;
		this.dispose();
		this.#options.abuse();
		return true;
	}
}
