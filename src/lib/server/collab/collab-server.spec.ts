import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readConfig } from '../config';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db';
import { CollabServer, type RoomStore } from './collab-server';
import type { LoadedDocument, PersistenceStats } from './persistence';

/** A store whose loads take real time, as they would with a networked database. */
class SlowStore implements RoomStore {
	loads = 0;
	compactions = 0;
	async load(): Promise<LoadedDocument> {
		this.loads += 1;
		await new Promise((r) => setTimeout(r, 20));
		return { doc: new Y.Doc(), replayed: 1, snapshotStateVector: null, snapshotBytes: 0, fullState: null, clients: [] };
	}
	append(): void {}
	appendAll(): void {}
	compact() {
		this.compactions += 1;
		return null;
	}
	fold() {
		return null;
	}
	stats(): PersistenceStats {
		return { rowsWritten: 0, bytesWritten: 0, updatesAppended: 0, transactions: 0, compactions: 0, folds: 0, updatesRemoved: 0 };
	}
}

let database: OpenedDatabase;
let store: SlowStore;
let server: CollabServer;

beforeEach(async () => {
	vi.stubEnv('LOG_LEVEL', 'silent');
	database = openDatabase(':memory:');
	await migrateToLatest(database.db);
	store = new SlowStore();
	server = new CollabServer({ database, config: readConfig({ ROOM_IDLE_UNLOAD_MS: '50' }), store });
});

afterEach(async () => {
	await server.shutdown();
	await database.db.destroy();
	vi.unstubAllEnvs();
});

describe('CollabServer rooms', () => {
	it('loads a document once however many ask for it at the same time', async () => {
		const rooms = await Promise.all(Array.from({ length: 10 }, () => server.openRoom('doc-a', 'board')));
		expect(new Set(rooms).size).toBe(1);
		expect(store.loads).toBe(1);
		expect(server.stats()).toMatchObject({ openDocuments: 1, loadingDocuments: 0, connections: 0 });
		expect(await server.openRoom('doc-a', 'board')).toBe(rooms[0]);
	});

	it('loads again after the idle room unloaded', async () => {
		const first = await server.openRoom('doc-b', 'board');
		await new Promise((r) => setTimeout(r, 120));
		expect(first.isOpen).toBe(false);
		expect(server.stats().openDocuments).toBe(0);
		const second = await server.openRoom('doc-b', 'board');
		expect(second).not.toBe(first);
		expect(store.loads).toBe(2);
	});

	it('compacts and unloads every room on shutdown, then refuses to open more', async () => {
		const room = await server.openRoom('doc-c', 'board');
		await server.shutdown();
		expect(room.isOpen).toBe(false);
		expect(store.compactions).toBe(1); // the replayed update counts as uncompacted
		expect(server.stats().openDocuments).toBe(0);
		await expect(server.openRoom('doc-d', 'board')).rejects.toThrow();
	});
});
