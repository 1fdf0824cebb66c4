import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, listCards } from '../../collab/schema';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db';
import { createBoardDocument, createUser, createWorkspace } from '../../../../tests/helpers/fixtures';
import { DocumentStore } from './persistence';

let database: OpenedDatabase;
let store: DocumentStore;
let documentId: string;

/** A client editing its own replica; every update it produces is handed to `sink`. */
function editor(sink: (update: Uint8Array) => void): Y.Doc {
	const doc = new Y.Doc();
	doc.on('update', (update: Uint8Array) => sink(update));
	return doc;
}

const countUpdates = (id: string) =>
	database.db
		.selectFrom('document_update')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('document_id', '=', id)
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));

beforeEach(async () => {
	database = openDatabase(':memory:');
	await migrateToLatest(database.db);
	const workspace = await createWorkspace(database.db);
	documentId = (await createBoardDocument(database.db, workspace.id)).id;
	store = new DocumentStore(database);
});

afterEach(async () => {
	await database.db.destroy();
});

describe('DocumentStore', () => {
	it('loads an unknown document as empty', async () => {
		const { doc, replayed } = await store.load(documentId);
		expect(replayed).toBe(0);
		expect(listCards(doc)).toEqual([]);
	});

	it('replays appended updates in order', async () => {
		const client = editor((u) => store.append(documentId, u));
		const card = addCard(client, { id: 'c1', text: '', authorId: 'u1', authorName: '山田' });
		cardText(card).insert(0, '子育て');
		cardText(card).insert(3, '支援');
		const { doc, replayed } = await store.load(documentId);
		expect(replayed).toBe(3);
		expect(listCards(doc).map((c) => c.text)).toEqual(['子育て支援']);
	});

	it('compaction folds the log into a snapshot and keeps the content', async () => {
		const server = new Y.Doc();
		const client = editor((u) => {
			Y.applyUpdate(server, u);
			store.append(documentId, u);
		});
		for (let i = 0; i < 5; i++) addCard(client, { id: `c${i}`, text: `案${i}`, authorId: 'u', authorName: 'n' });
		expect(await countUpdates(documentId)).toBe(5);

		const result = store.compact(documentId, Y.encodeStateAsUpdate(server));
		expect(result).toMatchObject({ removedUpdates: 5 });
		expect(await countUpdates(documentId)).toBe(0);
		const snapshot = await database.db
			.selectFrom('document_snapshot')
			.selectAll()
			.where('document_id', '=', documentId)
			.executeTakeFirstOrThrow();
		expect(snapshot.last_seq).toBe(result?.lastSeq);

		addCard(client, { id: 'late', text: '後から', authorId: 'u', authorName: 'n' });
		const { doc, replayed } = await store.load(documentId);
		expect(replayed).toBe(1);
		expect(listCards(doc).map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'late']);
	});

	it('compaction with nothing logged writes nothing', async () => {
		expect(store.compact(documentId, Y.encodeStateAsUpdate(new Y.Doc()))).toBeNull();
		expect(store.fold(documentId, Y.encodeStateAsUpdate(new Y.Doc()))).toBeNull();
		expect(store.stats().compactions).toBe(0);
	});

	it('loads with the snapshot’s state vector and size, for folding later', async () => {
		const server = new Y.Doc();
		const client = editor((u) => {
			Y.applyUpdate(server, u);
			store.append(documentId, u);
		});
		addCard(client, { id: 'c0', text: '案', authorId: 'u', authorName: 'n' });
		const snapshot = Y.encodeStateAsUpdate(server);
		store.compact(documentId, snapshot);
		addCard(client, { id: 'c1', text: '後', authorId: 'u', authorName: 'n' });
		const loaded = await store.load(documentId);
		expect(loaded.snapshotBytes).toBe(snapshot.byteLength);
		expect(loaded.snapshotStateVector).toEqual(Y.encodeStateVector((() => {
			const d = new Y.Doc();
			Y.applyUpdate(d, snapshot);
			return d;
		})()));
		expect(loaded.replayed).toBe(1);
		expect(loaded.fullState).toBeNull();
		store.compact(documentId, Y.encodeStateAsUpdate(server));
		expect(new Uint8Array((await store.load(documentId)).fullState!)).toEqual(Y.encodeStateAsUpdate(server));
	});

	it('folding replaces the whole log by one delta and keeps the content', async () => {
		const server = new Y.Doc();
		const client = editor((u) => {
			Y.applyUpdate(server, u);
			store.append(documentId, u);
		});
		addCard(client, { id: 'base', text: '元', authorId: 'u', authorName: 'n' });
		store.compact(documentId, Y.encodeStateAsUpdate(server));
		const snapshotVector = Y.encodeStateVector(server);
		for (let i = 0; i < 4; i++) addCard(client, { id: `c${i}`, text: `案${i}`, authorId: 'u', authorName: 'n' });
		cardText(boardCards(client).get('base')!).insert(1, '気');
		expect(await countUpdates(documentId)).toBe(5);

		const delta = Y.encodeStateAsUpdate(server, snapshotVector);
		expect(store.fold(documentId, delta)).toMatchObject({ removedUpdates: 5, bytes: delta.byteLength });
		expect(await countUpdates(documentId)).toBe(1);
		addCard(client, { id: 'late', text: '後から', authorId: 'u', authorName: 'n' });
		const { doc, replayed } = await store.load(documentId);
		expect(replayed).toBe(2);
		expect(listCards(doc)).toEqual(listCards(client));
		expect(store.stats()).toMatchObject({ compactions: 1, folds: 1, updatesRemoved: 6 });
	});

	it('does not mix documents', async () => {
		const workspace = await createWorkspace(database.db);
		const other = (await createBoardDocument(database.db, workspace.id)).id;
		const a = editor((u) => store.append(documentId, u));
		const b = editor((u) => store.append(other, u));
		addCard(a, { id: 'a', text: 'A', authorId: 'u', authorName: 'n' });
		addCard(b, { id: 'b', text: 'B', authorId: 'u', authorName: 'n' });
		const server = (await store.load(other)).doc;
		store.compact(other, Y.encodeStateAsUpdate(server));
		expect(await countUpdates(documentId)).toBe(1);
		expect(listCards((await store.load(documentId)).doc).map((c) => c.id)).toEqual(['a']);
		expect(listCards((await store.load(other)).doc).map((c) => c.id)).toEqual(['b']);
	});

	it('counts rows and bytes written', async () => {
		const sizes: number[] = [];
		const server = new Y.Doc();
		const client = editor((u) => {
			sizes.push(u.byteLength);
			Y.applyUpdate(server, u);
			store.append(documentId, u);
		});
		addCard(client, { id: 'c', text: 'x', authorId: 'u', authorName: 'n' });
		addCard(client, { id: 'd', text: 'y', authorId: 'u', authorName: 'n' });
		const appended = sizes.reduce((a, b) => a + b, 0);
		expect(store.stats()).toMatchObject({ rowsWritten: 2, bytesWritten: appended, updatesAppended: 2 });
		const result = store.compact(documentId, Y.encodeStateAsUpdate(server))!;
		expect(store.stats()).toMatchObject({
			rowsWritten: 3,
			bytesWritten: appended + result.bytes,
			compactions: 1,
			updatesRemoved: 2
		});
	});

	it('stores who sent each update, with the client ids it binds, and loads the bindings back', async () => {
		const alice = await createUser(database.db);
		const bob = await createUser(database.db);
		const u1 = new Uint8Array([0, 0]);
		store.appendAll(
			[
				{ documentId, update: u1, author: { userId: alice.id, restored: false, newClients: [7, 8] } },
				{ documentId, update: u1, author: { userId: bob.id, restored: true, newClients: [9] } },
				{ documentId, update: u1, author: null }
			],
			1234
		);
		store.append(documentId, u1, 1235, { userId: bob.id, restored: false, newClients: [7] });
		const rows = await database.db
			.selectFrom('document_update')
			.select(['user_id', 'restored'])
			.where('document_id', '=', documentId)
			.orderBy('seq')
			.execute();
		expect(rows).toEqual([
			{ user_id: alice.id, restored: 0 },
			{ user_id: bob.id, restored: 1 },
			{ user_id: null, restored: 0 },
			{ user_id: bob.id, restored: 0 }
		]);
		// the first binding of a client id stays
		expect(new Map((await store.load(documentId)).clients)).toEqual(
			new Map([
				[7, { userId: alice.id, since: 1234, restored: false }],
				[8, { userId: alice.id, since: 1234, restored: false }],
				[9, { userId: bob.id, since: 1234, restored: true }]
			])
		);
	});
});
