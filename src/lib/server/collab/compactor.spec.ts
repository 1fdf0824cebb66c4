import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardText, findCard, listCards } from '../../collab/schema';
import { Compactor, FOLD_MIN_SNAPSHOT_BYTES } from './compactor';
import { EncodedState } from './encoded-state';
import type { CompactionResult, UpdateLog } from './persistence';

class RecordingLog implements UpdateLog {
	readonly writes: Array<{ kind: 'snapshot' | 'fold'; bytes: Uint8Array }> = [];
	append(): void {}
	appendAll(): void {}
	compact(_id: string, snapshot: Uint8Array): CompactionResult {
		this.writes.push({ kind: 'snapshot', bytes: snapshot });
		return { lastSeq: 1, bytes: snapshot.byteLength, removedUpdates: 1 };
	}
	fold(_id: string, delta: Uint8Array): CompactionResult {
		this.writes.push({ kind: 'fold', bytes: delta });
		return { lastSeq: 1, bytes: delta.byteLength, removedUpdates: 1 };
	}
}

/** A board big enough to be folded rather than rewritten. */
function largeBoard(): Y.Doc {
	const doc = new Y.Doc();
	for (let i = 0; Y.encodeStateAsUpdate(doc).byteLength < FOLD_MIN_SNAPSHOT_BYTES * 2; i++) {
		doc.transact(() => {
			for (let k = 0; k < 50; k++) addCard(doc, { id: `c${i}-${k}`, text: '施設予約が紙と電話のみ', authorId: 'u', authorName: 'n' });
		});
	}
	return doc;
}

let log: RecordingLog;
let compactors: Compactor[];

function compactorFor(doc: Y.Doc, options: Partial<ConstructorParameters<typeof Compactor>[0]> = {}) {
	const compactor = new Compactor({
		documentId: 'd',
		doc,
		state: new EncodedState(doc),
		log,
		compactEveryUpdates: 500,
		compactMaxWaitMs: 10_000,
		...options
	});
	compactors.push(compactor);
	return compactor;
}

beforeEach(() => {
	vi.stubEnv('LOG_LEVEL', 'silent');
	log = new RecordingLog();
	compactors = [];
});

afterEach(() => {
	for (const c of compactors) c.dispose();
	vi.useRealTimers();
	vi.unstubAllEnvs();
});

describe('Compactor', () => {
	it('writes a snapshot of a small document every time', () => {
		const doc = new Y.Doc();
		addCard(doc, { id: 'a', text: 'x', authorId: 'u', authorName: 'n' });
		const compactor = compactorFor(doc, { compactEveryUpdates: 2 });
		compactor.appended();
		compactor.appended();
		addCard(doc, { id: 'b', text: 'y', authorId: 'u', authorName: 'n' });
		compactor.appended();
		compactor.appended();
		expect(log.writes.map((w) => w.kind)).toEqual(['snapshot', 'snapshot']);
		expect(compactor.entries).toBe(0);
	});

	it('folds the log of a large document into one delta, which restores the document', () => {
		const doc = largeBoard();
		const snapshot = Y.encodeStateAsUpdate(doc);
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, snapshot);
		const compactor = compactorFor(doc, {
			compactEveryUpdates: 3,
			snapshot: { stateVector: Y.encodeStateVector(loaded), bytes: snapshot.byteLength }
		});
		cardText(findCard(doc, 'c0-0')!).insert(0, '【課題】');
		compactor.appended();
		addCard(doc, { id: 'new', text: '追加', authorId: 'v', authorName: 'm' });
		compactor.appended();
		compactor.appended();
		expect(log.writes.map((w) => w.kind)).toEqual(['fold']);
		expect(log.writes[0]!.bytes.byteLength).toBeLessThan(snapshot.byteLength / 8);
		// the fold is one log entry, and counts towards the next threshold
		expect(compactor.entries).toBe(1);
		Y.applyUpdate(loaded, log.writes[0]!.bytes);
		expect(listCards(loaded)).toEqual(listCards(doc));
	});

	it('writes a new snapshot once the delta outgrows an eighth of the stored one', () => {
		const doc = largeBoard();
		const snapshot = Y.encodeStateAsUpdate(doc);
		const compactor = compactorFor(doc, {
			snapshot: { stateVector: Y.encodeStateVector(doc), bytes: snapshot.byteLength }
		});
		doc.transact(() => {
			for (let k = 0; k < 400; k++) addCard(doc, { id: `more-${k}`, text: '追加の意見です', authorId: 'v', authorName: 'm' });
		});
		compactor.appended();
		compactor.compact();
		expect(log.writes.map((w) => w.kind)).toEqual(['snapshot']);
		expect(log.writes[0]!.bytes).toEqual(Y.encodeStateAsUpdate(doc));
		expect(compactor.entries).toBe(0);
	});

	it('writes a snapshot when asked to (a room unloading)', () => {
		const doc = largeBoard();
		const compactor = compactorFor(doc, {
			snapshot: { stateVector: Y.encodeStateVector(doc), bytes: Y.encodeStateAsUpdate(doc).byteLength }
		});
		addCard(doc, { id: 'new', text: '追加', authorId: 'v', authorName: 'm' });
		compactor.appended();
		compactor.compact({ snapshot: true });
		expect(log.writes.map((w) => w.kind)).toEqual(['snapshot']);
	});

	it('compacts compactMaxWaitMs after the first entry, counting entries present at load', () => {
		vi.useFakeTimers();
		const doc = new Y.Doc();
		compactorFor(doc, { compactMaxWaitMs: 1_000, storedEntries: 3 });
		vi.advanceTimersByTime(999);
		expect(log.writes).toHaveLength(0);
		vi.advanceTimersByTime(1);
		expect(log.writes).toHaveLength(1);
	});
});
