/**
 * Spreads a burst of heavy work over turns of the event loop: queued tasks run one per turn, in
 * order, each in its own `setImmediate`. When the whole staff joins at once, 80 websocket upgrades
 * (each a handful of SQLite queries) and 80 answers of a megabyte each would otherwise all run in
 * the same turn, and every other room's messages and timers would wait for all of them; paced,
 * nothing waits for more than one. The total work is the same.
 */
import { log } from '../log';

export class TurnPacer {
	readonly #queue: Array<() => void> = [];
	#scheduled = false;

	/** Runs `task` in a later turn, after the tasks queued before it. */
	run(task: () => void): void {
		this.#queue.push(task);
		if (!this.#scheduled) {
			this.#scheduled = true;
			setImmediate(this.#next);
		}
	}

	/** Resolves in a later turn, after the tasks queued before it. */
	turn(): Promise<void> {
		return new Promise((resolve) => this.run(resolve));
	}

	get pending(): number {
		return this.#queue.length;
	}

	readonly #next = (): void => {
		const task = this.#queue.shift();
		try {
			task?.();
		} catch (error) {
			log.error('collab.paced_task_failed', { error });
		} finally {
			// an immediate scheduled while immediates run waits for the next turn of the loop
			if (this.#queue.length > 0) setImmediate(this.#next);
			else this.#scheduled = false;
		}
	};
}
