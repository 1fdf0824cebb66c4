/**
 * Keeps a board's facilitation state — the `meta` map: title, lock, phase, timer, "bring everyone
 * here" and the dot vote's revealed totals — in the hands of facilitators.
 *
 * The protocol carries whole Yjs updates, so a member's client could write those keys like any
 * card text: lock the board, stop the timer, or put made-up totals into the vote. The room
 * therefore watches the map while it applies a peer's update, and when that peer may not
 * facilitate, puts every key the update changed back as it was, in a transaction of its own
 * right after. Both land in the same group commit, so the other clients receive one merged update
 * in which the keys never changed; the member's own client converges to it like to any remote
 * change. The rest of the member's update (cards, sheets) stands.
 *
 * Values in the map are plain JSON (see the schema), which is what makes "put it back" possible;
 * a Yjs type, once deleted, cannot be reinserted, so such a key is deleted instead.
 */
import * as Y from 'yjs';

/** The origin of the guard's own transactions (never a peer). */
export const RESTORED = Symbol('facilitator-keys-restored');

interface Change {
	action: 'add' | 'update' | 'delete';
	oldValue: unknown;
}

export class FacilitatorKeys {
	readonly #map: Y.Map<unknown>;
	readonly #mayChange: (origin: unknown) => boolean;
	/** Keys changed without permission since the last `restore`, with their value before. */
	readonly #changed = new Map<string, Change>();

	/**
	 * @param map the map only facilitators may change
	 * @param mayChange whether a transaction with this origin may change it
	 */
	constructor(map: Y.Map<unknown>, mayChange: (origin: unknown) => boolean) {
		this.#map = map;
		this.#mayChange = mayChange;
		map.observe(this.#onChange);
	}

	/** Undoes what updates applied since the last call changed without permission; returns those keys. */
	restore(): string[] {
		if (this.#changed.size === 0) return [];
		const changed = [...this.#changed];
		this.#changed.clear();
		const map = this.#map;
		map.doc!.transact(() => {
			for (const [key, { action, oldValue }] of changed) {
				if (action === 'add' || oldValue instanceof Y.AbstractType) map.delete(key);
				else map.set(key, oldValue);
			}
		}, RESTORED);
		return changed.map(([key]) => key);
	}

	dispose(): void {
		this.#map.unobserve(this.#onChange);
		this.#changed.clear();
	}

	readonly #onChange = (event: Y.YMapEvent<unknown>): void => {
		if (this.#mayChange(event.transaction.origin)) return;
		for (const [key, change] of event.changes.keys) {
			// the first change since the last restore holds the value to go back to
			if (!this.#changed.has(key)) this.#changed.set(key, { action: change.action, oldValue: change.oldValue });
		}
	};
}
