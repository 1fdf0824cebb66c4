/**
 * Storage of Yjs documents in SQLite: an append-only log of updates (`document_update`) and one
 * snapshot per document (`document_snapshot`) that folds in every update up to `last_seq`.
 *
 * `append` and `compact` are synchronous on purpose: an update must be on disk before the room
 * relays it, and a compaction must not interleave with appends (the snapshot has to contain every
 * update it deletes). better-sqlite3 with synchronous=FULL makes each append durable on return.
 */
import * as Y from 'yjs';
import type { Statement } from 'better-sqlite3';
import type { OpenedDatabase } from '../db';

export interface LoadedDocument {
	doc: Y.Doc;
	/** Updates applied on top of the snapshot (the log not yet compacted). */
	replayed: number;
}

export interface CompactionResult {
	lastSeq: number;
	snapshotBytes: number;
	removedUpdates: number;
}

export interface PersistenceStats {
	/** Rows inserted or replaced (updates and snapshots). */
	rowsWritten: number;
	/** Payload bytes written (updates and snapshots). */
	bytesWritten: number;
	updatesAppended: number;
	compactions: number;
	updatesRemoved: number;
}

/** What a room needs from storage. */
export interface UpdateLog {
	append(documentId: string, update: Uint8Array): void;
	compact(documentId: string, doc: Y.Doc): CompactionResult | null;
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays; this wraps without copying. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class DocumentStore implements UpdateLog {
	readonly #db: OpenedDatabase['db'];
	readonly #insertUpdate: Statement<[string, Buffer, number]>;
	readonly #maxSeq: Statement<[string], { seq: number | null }>;
	readonly #upsertSnapshot: Statement<[string, Buffer, number, number]>;
	readonly #deleteUpTo: Statement<[string, number]>;
	readonly #compactTx: (documentId: string, doc: Y.Doc, now: number) => CompactionResult | null;
	readonly #stats: PersistenceStats = {
		rowsWritten: 0,
		bytesWritten: 0,
		updatesAppended: 0,
		compactions: 0,
		updatesRemoved: 0
	};

	constructor({ db, sqlite }: OpenedDatabase) {
		this.#db = db;
		this.#insertUpdate = sqlite.prepare(
			'INSERT INTO document_update (document_id, data, created_at) VALUES (?, ?, ?)'
		);
		this.#maxSeq = sqlite.prepare('SELECT MAX(seq) AS seq FROM document_update WHERE document_id = ?');
		this.#upsertSnapshot = sqlite.prepare(
			`INSERT INTO document_snapshot (document_id, data, last_seq, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (document_id) DO UPDATE SET
			   data = excluded.data, last_seq = excluded.last_seq, updated_at = excluded.updated_at`
		);
		this.#deleteUpTo = sqlite.prepare('DELETE FROM document_update WHERE document_id = ? AND seq <= ?');
		this.#compactTx = sqlite.transaction((documentId: string, doc: Y.Doc, now: number) => {
			const lastSeq = this.#maxSeq.get(documentId)?.seq ?? null;
			if (lastSeq === null) return null;
			const snapshot = Y.encodeStateAsUpdate(doc);
			this.#upsertSnapshot.run(documentId, asBuffer(snapshot), lastSeq, now);
			const removed = this.#deleteUpTo.run(documentId, lastSeq).changes;
			return { lastSeq, snapshotBytes: snapshot.byteLength, removedUpdates: removed };
		});
	}

	/** Reads the snapshot and the updates logged after it into a new Y.Doc. */
	async load(documentId: string): Promise<LoadedDocument> {
		const snapshot = await this.#db
			.selectFrom('document_snapshot')
			.select(['data', 'last_seq'])
			.where('document_id', '=', documentId)
			.executeTakeFirst();
		const updates = await this.#db
			.selectFrom('document_update')
			.select('data')
			.where('document_id', '=', documentId)
			.where('seq', '>', snapshot?.last_seq ?? 0)
			.orderBy('seq')
			.execute();
		const doc = new Y.Doc();
		doc.transact(() => {
			if (snapshot) Y.applyUpdate(doc, snapshot.data);
			for (const u of updates) Y.applyUpdate(doc, u.data);
		});
		return { doc, replayed: updates.length };
	}

	/** Durably appends one update; returns its sequence number. */
	append(documentId: string, update: Uint8Array, now = Date.now()): number {
		const { lastInsertRowid } = this.#insertUpdate.run(documentId, asBuffer(update), now);
		this.#stats.rowsWritten += 1;
		this.#stats.bytesWritten += update.byteLength;
		this.#stats.updatesAppended += 1;
		return Number(lastInsertRowid);
	}

	/**
	 * Folds the log into the snapshot, in one transaction: the snapshot becomes the document's
	 * full state with last_seq = the highest logged seq, and the folded updates are deleted.
	 * `doc` must already contain every logged update (the room appends only what it applied).
	 * Returns null when there was nothing to fold.
	 */
	compact(documentId: string, doc: Y.Doc, now = Date.now()): CompactionResult | null {
		const result = this.#compactTx(documentId, doc, now);
		if (result) {
			this.#stats.rowsWritten += 1;
			this.#stats.bytesWritten += result.snapshotBytes;
			this.#stats.compactions += 1;
			this.#stats.updatesRemoved += result.removedUpdates;
		}
		return result;
	}

	stats(): PersistenceStats {
		return { ...this.#stats };
	}
}
