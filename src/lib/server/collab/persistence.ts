/**
 * Storage of Yjs documents in SQLite: an append-only log of updates (`document_update`) and one
 * snapshot per document (`document_snapshot`) that holds the document's full state as of the
 * log entry `last_seq`.
 *
 * Two ways to shorten the log, both one synchronous transaction:
 * - `compact` writes a new snapshot (the full state) and deletes the whole log;
 * - `fold` replaces the whole log by one entry: everything the document gained since its
 *   snapshot, as a single update. For a large document that changes a little, this writes a few
 *   kilobytes instead of rewriting the snapshot (see `Compactor` for when each is used).
 *
 * `append`, `compact` and `fold` are synchronous on purpose: an update must be on disk before the
 * room relays it, and shortening the log must not interleave with appends (what replaces the log
 * has to contain every entry it deletes). better-sqlite3 with synchronous=FULL makes each append
 * durable on return.
 */
import * as Y from 'yjs';
import type { Statement } from 'better-sqlite3';
import type { OpenedDatabase } from '../db';
import type { ClientBinding } from './client-bindings';

export interface LoadedDocument {
	doc: Y.Doc;
	/** Log entries applied on top of the snapshot (updates and at most one folded delta). */
	replayed: number;
	/** The document's state vector as of the snapshot (null when there is none). */
	snapshotStateVector: Uint8Array | null;
	/** Size of the stored snapshot (0 when there is none). */
	snapshotBytes: number;
	/** The document's full state when that is exactly the snapshot (nothing was replayed), else null. */
	fullState: Uint8Array | null;
	/** Which user writes under which Yjs client id (see ClientBindings). */
	clients: Array<[number, ClientBinding]>;
}

export interface CompactionResult {
	lastSeq: number;
	/** Bytes written: the snapshot, or the folded delta. */
	bytes: number;
	removedUpdates: number;
}

export interface PersistenceStats {
	/** Rows inserted or replaced (updates, folded deltas and snapshots). */
	rowsWritten: number;
	/** Payload bytes written (updates, folded deltas and snapshots). */
	bytesWritten: number;
	updatesAppended: number;
	/** Transactions that appended updates (each one fsync; several updates share one). */
	transactions: number;
	/** Snapshots written. */
	compactions: number;
	/** Logs folded into one delta. */
	folds: number;
	/** Log entries removed by compactions and folds. */
	updatesRemoved: number;
}

/** Who sent an update, stored with it (see ClientBindings). */
export interface UpdateAuthor {
	userId: string;
	/** A resend after a restore from backup (may hold other people's edits). */
	restored: boolean;
	/** Client ids this update is the first to write under: bound to `userId` with it. */
	newClients: readonly number[];
}

export interface LogEntry {
	documentId: string;
	update: Uint8Array;
	/** Who sent it; absent or null for the server's own changes. */
	author?: UpdateAuthor | null;
}

/** What a room needs from storage. */
export interface UpdateLog {
	append(documentId: string, update: Uint8Array): void;
	/** Appends all entries durably in one transaction: all of them or (throwing) none. */
	appendAll(entries: readonly LogEntry[]): void;
	/** Stores `snapshot` (the document's full state, containing every logged update) and empties the log. */
	compact(documentId: string, snapshot: Uint8Array): CompactionResult | null;
	/** Replaces the log by `delta` (everything since the stored snapshot, containing every logged update). */
	fold(documentId: string, delta: Uint8Array): CompactionResult | null;
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays; this wraps without copying. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class DocumentStore implements UpdateLog {
	readonly #db: OpenedDatabase['db'];
	readonly #insertUpdate: Statement<[string, Buffer, number, string | null, number]>;
	readonly #bindClient: Statement<[string, number, string, number, number]>;
	readonly #maxSeq: Statement<[string], { seq: number | null }>;
	readonly #upsertSnapshot: Statement<[string, Buffer, number, number]>;
	readonly #deleteUpTo: Statement<[string, number]>;
	readonly #compactTx: (documentId: string, snapshot: Uint8Array, now: number) => CompactionResult | null;
	readonly #foldTx: (documentId: string, delta: Uint8Array, now: number) => CompactionResult | null;
	readonly #appendAllTx: (entries: readonly LogEntry[], now: number) => void;
	readonly #insertEntryTx: (entry: LogEntry, now: number) => number | bigint;
	readonly #stats: PersistenceStats = {
		rowsWritten: 0,
		bytesWritten: 0,
		updatesAppended: 0,
		transactions: 0,
		compactions: 0,
		folds: 0,
		updatesRemoved: 0
	};

	constructor({ db, sqlite }: OpenedDatabase) {
		this.#db = db;
		this.#insertUpdate = sqlite.prepare(
			'INSERT INTO document_update (document_id, data, created_at, user_id, restored) VALUES (?, ?, ?, ?, ?)'
		);
		this.#bindClient = sqlite.prepare(
			`INSERT INTO document_client (document_id, client_id, user_id, first_seen, restored) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (document_id, client_id) DO NOTHING`
		);
		this.#maxSeq = sqlite.prepare('SELECT MAX(seq) AS seq FROM document_update WHERE document_id = ?');
		this.#upsertSnapshot = sqlite.prepare(
			`INSERT INTO document_snapshot (document_id, data, last_seq, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (document_id) DO UPDATE SET
			   data = excluded.data, last_seq = excluded.last_seq, updated_at = excluded.updated_at`
		);
		this.#deleteUpTo = sqlite.prepare('DELETE FROM document_update WHERE document_id = ? AND seq <= ?');
		this.#compactTx = sqlite.transaction((documentId: string, snapshot: Uint8Array, now: number) => {
			const lastSeq = this.#maxSeq.get(documentId)?.seq ?? null;
			if (lastSeq === null) return null;
			this.#upsertSnapshot.run(documentId, asBuffer(snapshot), lastSeq, now);
			const removed = this.#deleteUpTo.run(documentId, lastSeq).changes;
			return { lastSeq, bytes: snapshot.byteLength, removedUpdates: removed };
		});
		this.#insertEntryTx = sqlite.transaction((entry: LogEntry, now: number) => this.#insertEntry(entry, now));
		this.#appendAllTx = sqlite.transaction((entries: readonly LogEntry[], now: number) => {
			for (const e of entries) this.#insertEntry(e, now);
		});
		this.#foldTx = sqlite.transaction((documentId: string, delta: Uint8Array, now: number) => {
			const lastSeq = this.#maxSeq.get(documentId)?.seq ?? null;
			if (lastSeq === null) return null;
			const removed = this.#deleteUpTo.run(documentId, lastSeq).changes;
			this.#insertUpdate.run(documentId, asBuffer(delta), now, null, 0);
			return { lastSeq, bytes: delta.byteLength, removedUpdates: removed };
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
		const clients = await this.#db
			.selectFrom('document_client')
			.select(['client_id', 'user_id', 'first_seen', 'restored'])
			.where('document_id', '=', documentId)
			.execute();
		const doc = new Y.Doc();
		let snapshotStateVector: Uint8Array | null = null;
		doc.transact(() => {
			if (snapshot) {
				Y.applyUpdate(doc, snapshot.data);
				snapshotStateVector = Y.encodeStateVector(doc);
			}
			for (const u of updates) Y.applyUpdate(doc, u.data);
		});
		return {
			doc,
			replayed: updates.length,
			snapshotStateVector,
			snapshotBytes: snapshot?.data.byteLength ?? 0,
			fullState: snapshot && updates.length === 0 ? snapshot.data : null,
			clients: clients.map((c): [number, ClientBinding] => [
				c.client_id,
				{ userId: c.user_id, since: c.first_seen, restored: c.restored === 1 }
			])
		};
	}

	/** Durably appends one update; returns its sequence number. */
	append(documentId: string, update: Uint8Array, now = Date.now(), author: UpdateAuthor | null = null): number {
		const entry: LogEntry = { documentId, update, author };
		// an update and the bindings it brings are stored together or not at all
		const lastInsertRowid = author?.newClients.length ? this.#insertEntryTx(entry, now) : this.#insertEntry(entry, now);
		this.#stats.transactions += 1;
		this.#stats.rowsWritten += 1;
		this.#stats.bytesWritten += update.byteLength;
		this.#stats.updatesAppended += 1;
		return Number(lastInsertRowid);
	}

	/** Inserts one log entry and the client bindings it brings (inside a transaction when it has any). */
	#insertEntry(entry: LogEntry, now: number): number | bigint {
		const { documentId, update, author } = entry;
		const { lastInsertRowid } = this.#insertUpdate.run(
			documentId,
			asBuffer(update),
			now,
			author?.userId ?? null,
			author?.restored ? 1 : 0
		);
		for (const clientId of author?.newClients ?? []) {
			this.#bindClient.run(documentId, clientId, author!.userId, now, author!.restored ? 1 : 0);
		}
		return lastInsertRowid;
	}

	/**
	 * Durably appends several updates (of any documents) in one transaction, so that they cost one
	 * fsync together (see GroupCommit).
	 */
	appendAll(entries: readonly LogEntry[], now = Date.now()): void {
		if (entries.length === 0) return;
		if (entries.length === 1) {
			const [e] = entries as [LogEntry];
			this.append(e.documentId, e.update, now, e.author ?? null);
			return;
		}
		this.#appendAllTx(entries, now);
		for (const e of entries) {
			this.#stats.rowsWritten += 1;
			this.#stats.bytesWritten += e.update.byteLength;
			this.#stats.updatesAppended += 1;
		}
		this.#stats.transactions += 1;
	}

	/**
	 * Writes `snapshot` as the document's snapshot with last_seq = the highest logged seq, and
	 * deletes the log up to it, in one transaction. `snapshot` must contain every logged update
	 * (the room appends only what it has applied). Returns null when nothing was logged.
	 */
	compact(documentId: string, snapshot: Uint8Array, now = Date.now()): CompactionResult | null {
		const result = this.#compactTx(documentId, snapshot, now);
		if (result) {
			this.#stats.rowsWritten += 1;
			this.#stats.bytesWritten += result.bytes;
			this.#stats.compactions += 1;
			this.#stats.updatesRemoved += result.removedUpdates;
		}
		return result;
	}

	/**
	 * Replaces the whole log by one entry, `delta`, in one transaction. `delta` must contain every
	 * logged update that the snapshot does not (everything since the snapshot's state vector).
	 * Returns null when nothing was logged.
	 */
	fold(documentId: string, delta: Uint8Array, now = Date.now()): CompactionResult | null {
		const result = this.#foldTx(documentId, delta, now);
		if (result) {
			this.#stats.rowsWritten += 1;
			this.#stats.bytesWritten += result.bytes;
			this.#stats.folds += 1;
			this.#stats.updatesRemoved += result.removedUpdates;
		}
		return result;
	}

	stats(): PersistenceStats {
		return { ...this.#stats };
	}
}
