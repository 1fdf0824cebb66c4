/**
 * The server's clock in the browser: a few requests to GET /api/time give the offset between the
 * local clock and the server's (the sample with the shortest round trip wins); it is measured
 * again every few minutes. `now` ticks four times a second, so countdowns re-render on their own.
 */
import { clockOffset, type ClockSample } from '$lib/collab/facilitation';

const SAMPLES = 4;
const RESYNC_MS = 5 * 60_000;
const TICK_MS = 250;

export class ServerClock {
	#offset = $state(0);
	#synced = $state(false);
	#now = $state(Date.now());
	#tick: ReturnType<typeof setInterval> | undefined;
	#resync: ReturnType<typeof setInterval> | undefined;
	#destroyed = false;

	constructor() {
		// rendered on the server: no timers, no requests (the page starts its own clock)
		if (typeof window === 'undefined') return;
		this.#tick = setInterval(() => (this.#now = Date.now()), TICK_MS);
		this.#resync = setInterval(() => void this.sync(), RESYNC_MS);
		void this.sync();
	}

	/** The server time now (ms); reactive, ticking. */
	get now(): number {
		return this.#now + this.#offset;
	}

	/** The server time at this instant, for writes. */
	serverNow(): number {
		return Date.now() + this.#offset;
	}

	/** Server minus local clock (ms). */
	get offset(): number {
		return this.#offset;
	}

	get synced(): boolean {
		return this.#synced;
	}

	async sync(): Promise<void> {
		const samples: ClockSample[] = [];
		for (let i = 0; i < SAMPLES && !this.#destroyed; i++) {
			try {
				const sentAt = Date.now();
				const response = await fetch('/api/time', { cache: 'no-store', credentials: 'same-origin' });
				const receivedAt = Date.now();
				if (!response.ok) continue;
				const body = (await response.json()) as { now?: unknown };
				if (typeof body.now === 'number') samples.push({ sentAt, receivedAt, serverNow: body.now });
			} catch {
				// offline: keep the last offset
			}
		}
		const offset = clockOffset(samples);
		if (offset !== null && !this.#destroyed) {
			this.#offset = offset;
			this.#synced = true;
		}
	}

	destroy(): void {
		this.#destroyed = true;
		clearInterval(this.#tick);
		clearInterval(this.#resync);
	}
}
