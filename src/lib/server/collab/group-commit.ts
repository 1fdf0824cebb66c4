/**
 * Group commit: the updates that every room accepted during one turn of the event loop are
 * appended to the log in one SQLite transaction — one fsync instead of one per update — and only
 * once that transaction has committed is each room told to relay them. With synchronous=FULL an
 * fsync costs a fraction of a millisecond on an idle disk and several when the machine is busy;
 * it blocks the event loop either way, so paying it once per turn instead of once per keystroke
 * keeps every room responsive. Nothing is relayed before it is durable: the rule that an edit
 * another client has seen survives a crash holds as before.
 *
 * A room asks for its pending writes to be committed at once (`flush`) before it hands out its
 * document (a joiner's sync), so that no client ever receives state that is not on disk yet.
 */
import type { UpdateAuthor, UpdateLog } from './persistence';

/** One room's updates waiting to be written; the room may add to `updates` until the flush. */
export interface PendingWrite {
	readonly documentId: string;
	readonly updates: Uint8Array[];
	/** Who sent each update (same positions as `updates`; null: the server's own change). */
	readonly authors?: ReadonlyArray<UpdateAuthor | null>;
	/** The updates are durable: relay them. */
	committed(): void;
	/** The transaction failed; nothing of this write is on disk. */
	failed(error: unknown): void;
}

export interface CommitScheduler {
	add(write: PendingWrite): void;
	/** Commits whatever is pending now. */
	flush(): void;
}

/** How long the last commits took (the fsync, mostly): what durability adds to every relay. */
export interface CommitTimings {
	/** Commits measured (the most recent, at most RECENT_COMMITS). */
	count: number;
	p50Ms: number | null;
	p99Ms: number | null;
	maxMs: number | null;
}

const RECENT_COMMITS = 2048;

export class GroupCommit implements CommitScheduler {
	readonly #log: Pick<UpdateLog, 'appendAll'>;
	readonly #immediate: boolean;
	readonly #durations = new Float64Array(RECENT_COMMITS);
	#commits = 0;
	#pending: PendingWrite[] = [];
	#scheduled: NodeJS.Immediate | undefined;

	/**
	 * @param options.immediate commit each write as it is added (no batching; what a single
	 *   room without a server uses, e.g. in unit tests)
	 */
	constructor(log: Pick<UpdateLog, 'appendAll'>, options: { immediate?: boolean } = {}) {
		this.#log = log;
		this.#immediate = options.immediate ?? false;
	}

	add(write: PendingWrite): void {
		this.#pending.push(write);
		if (this.#immediate) this.flush();
		else this.#scheduled ??= setImmediate(() => this.flush());
	}

	flush(): void {
		if (this.#scheduled) clearImmediate(this.#scheduled);
		this.#scheduled = undefined;
		if (this.#pending.length === 0) return;
		const writes = this.#pending;
		this.#pending = [];
		const started = performance.now();
		try {
			this.#log.appendAll(
				writes.flatMap((w) =>
					w.updates.map((update, i) => ({ documentId: w.documentId, update, author: w.authors?.[i] ?? null }))
				)
			);
		} catch (error) {
			for (const w of writes) w.failed(error);
			return;
		}
		this.#durations[this.#commits++ % RECENT_COMMITS] = performance.now() - started;
		for (const w of writes) w.committed();
	}

	timings(): CommitTimings {
		const count = Math.min(this.#commits, RECENT_COMMITS);
		if (count === 0) return { count, p50Ms: null, p99Ms: null, maxMs: null };
		const sorted = this.#durations.slice(0, count).sort();
		const at = (q: number) => Math.round(sorted[Math.min(count - 1, Math.floor(q * count))]! * 1000) / 1000;
		return { count, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
	}

	/** Drops what is pending (shutdown after every room unloaded). */
	dispose(): void {
		if (this.#scheduled) clearImmediate(this.#scheduled);
		this.#scheduled = undefined;
	}
}
