/**
 * When and how a room shortens its update log. The log is shortened after `compactEveryUpdates`
 * entries, or `compactMaxWaitMs` after the first entry not yet folded in, whichever comes first,
 * and when the room unloads. Entries replayed at load count as not yet folded in, so the log
 * never holds more than `compactEveryUpdates` entries (a reader may see that many briefly: the
 * update that reaches the threshold is relayed first and the log shortened right after).
 *
 * How: a small document gets a new snapshot each time (the whole state; cheap). A large one
 * usually changes by a few kilobytes between two compactions, so rewriting its megabyte-sized
 * snapshot every few seconds would write hundreds of bytes for every byte edited. Instead its log
 * is *folded*: replaced by one entry holding everything since the stored snapshot (the Yjs diff
 * against the snapshot's state vector). A new snapshot is written only when that delta grows
 * past an eighth of the snapshot, and always when the room unloads, so that the next load
 * applies a single snapshot.
 */
import * as Y from 'yjs';
import { log } from '../log';
import type { EncodedState } from './encoded-state';
import type { UpdateLog } from './persistence';

/** Below this snapshot size a new snapshot is always written (folding would not pay off). */
export const FOLD_MIN_SNAPSHOT_BYTES = 64 * 1024;
/** A fold is written while the delta stays below snapshot / FOLD_MAX_FRACTION. */
export const FOLD_MAX_FRACTION = 8;

export interface CompactorOptions {
	documentId: string;
	doc: Y.Doc;
	state: EncodedState;
	log: UpdateLog;
	compactEveryUpdates: number;
	compactMaxWaitMs: number;
	/** Log entries present at load (replayed updates and a folded delta). */
	storedEntries?: number;
	/** The stored snapshot, if any: its state vector and size. */
	snapshot?: { stateVector: Uint8Array | null; bytes: number };
}

export class Compactor {
	readonly #options: CompactorOptions;
	/** Entries in the log: updates appended since the last compaction, plus a folded delta. */
	#entries: number;
	#snapshotVector: Uint8Array | null;
	#snapshotBytes: number;
	#timer: NodeJS.Timeout | undefined;
	#disposed = false;

	constructor(options: CompactorOptions) {
		this.#options = options;
		this.#entries = options.storedEntries ?? 0;
		this.#snapshotVector = options.snapshot?.stateVector ?? null;
		this.#snapshotBytes = options.snapshot?.bytes ?? 0;
		if (this.#entries > 0) this.#startTimer();
	}

	/** Entries in the stored log. */
	get entries(): number {
		return this.#entries;
	}

	/** `count` updates were appended to the log. */
	appended(count = 1): void {
		this.#entries += count;
		if (this.#entries >= this.#options.compactEveryUpdates) this.compact();
		else if (this.#timer === undefined) this.#startTimer();
	}

	/** Shortens the log now: a fold when that pays off, else (or with `snapshot`) a new snapshot. */
	compact({ snapshot = false }: { snapshot?: boolean } = {}): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#entries === 0) return;
		const { documentId, doc, state } = this.#options;
		try {
			const delta = snapshot ? null : this.#foldableDelta();
			if (delta) {
				const result = this.#options.log.fold(documentId, delta);
				this.#entries = 1;
				log.debug('collab.compacted', { documentId, kind: 'fold', ...result });
			} else {
				const full = state.fullUpdate();
				const result = this.#options.log.compact(documentId, full);
				this.#entries = 0;
				this.#snapshotVector = Y.encodeStateVector(doc);
				this.#snapshotBytes = full.byteLength;
				log.debug('collab.compacted', { documentId, kind: 'snapshot', ...result });
			}
		} catch (error) {
			log.error('collab.compaction_failed', { documentId, error });
			if (!this.#disposed) this.#startTimer();
		}
	}

	dispose(): void {
		this.#disposed = true;
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	/** The diff against the stored snapshot, if the document is large and the diff small. */
	#foldableDelta(): Uint8Array | null {
		if (!this.#snapshotVector || this.#snapshotBytes < FOLD_MIN_SNAPSHOT_BYTES) return null;
		const delta = Y.encodeStateAsUpdate(this.#options.doc, this.#snapshotVector);
		return delta.byteLength * FOLD_MAX_FRACTION <= this.#snapshotBytes ? delta : null;
	}

	#startTimer(): void {
		this.#timer = setTimeout(() => this.compact(), this.#options.compactMaxWaitMs);
	}
}
