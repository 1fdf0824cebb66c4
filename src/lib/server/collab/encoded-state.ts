/**
 * The encoded forms of a room's document that joining clients need: the server's sync step1 (its
 * state vector) and the sync step2 answers to the clients' step1s — above all the full state,
 * which every browser without a local copy asks for with an empty state vector. Each is computed
 * at most once per version of the document and then sent to every connection as the same
 * buffer; any change to the document (its 'update' event) drops them all. A join storm of 80
 * browsers therefore costs one encoding of the document, not 80.
 *
 * Create it before registering any other 'update' listener that reads from it: Yjs calls the
 * listeners in order, and this one must have dropped the stale encodings first.
 */
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol';

/**
 * Answers kept for non-empty state vectors. Clients that reconnect together after a network blip
 * or a restart usually hold the same state vector, so they share one answer.
 */
const MAX_CACHED_ANSWERS = 8;

/** A state vector with no clients ([0]): a client that has nothing yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.length === 1 && stateVector[0] === 0;
}

function keyOf(stateVector: Uint8Array): string {
	return Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('latin1');
}

export class EncodedState {
	readonly #doc: Y.Doc;
	#step1: Uint8Array | null = null;
	/** [sync, step2, full state]; `fullUpdate()` is a view into it, so it is held once. */
	#full: Uint8Array | null = null;
	#fullOffset = 0;
	readonly #answers = new Map<string, Uint8Array>();
	#encodings = 0;

	/**
	 * @param fullUpdate the document's full state if already at hand (a room loaded from a snapshot
	 *   alone): the first joiners then need no encoding at all.
	 */
	constructor(doc: Y.Doc, fullUpdate?: Uint8Array | null) {
		this.#doc = doc;
		doc.on('update', this.#invalidate);
		if (fullUpdate) this.#setFull(fullUpdate);
	}

	/** How many times the document was encoded (full state or a diff), for tests and benchmarks. */
	get encodings(): number {
		return this.#encodings;
	}

	/** The server's greeting: sync step1 with the document's state vector. */
	step1Message(): Uint8Array {
		this.#step1 ??= encodeSyncStep1(Y.encodeStateVector(this.#doc));
		return this.#step1;
	}

	/** The whole document as one update (what a compaction stores as the snapshot). */
	fullUpdate(): Uint8Array {
		return this.#fullMessage().subarray(this.#fullOffset);
	}

	/**
	 * The sync step2 answer to a client's step1: everything the document holds beyond the client's
	 * state vector. Throws (from Yjs) if the state vector cannot be read.
	 */
	step2For(stateVector: Uint8Array): Uint8Array {
		if (isEmptyStateVector(stateVector)) return this.#fullMessage();
		const key = keyOf(stateVector);
		const cached = this.#answers.get(key);
		if (cached) return cached;
		const message = encodeSyncStep2(Y.encodeStateAsUpdate(this.#doc, stateVector));
		this.#encodings += 1;
		if (this.#answers.size >= MAX_CACHED_ANSWERS) this.#answers.delete(this.#answers.keys().next().value!);
		this.#answers.set(key, message);
		return message;
	}

	destroy(): void {
		this.#doc.off('update', this.#invalidate);
		this.#invalidate();
	}

	#fullMessage(): Uint8Array {
		if (!this.#full) {
			this.#setFull(Y.encodeStateAsUpdate(this.#doc));
			this.#encodings += 1;
		}
		return this.#full!;
	}

	#setFull(update: Uint8Array): void {
		this.#full = encodeSyncStep2(update);
		this.#fullOffset = this.#full.length - update.length;
	}

	readonly #invalidate = (): void => {
		this.#step1 = null;
		this.#full = null;
		this.#answers.clear();
	};
}
