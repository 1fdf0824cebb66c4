import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from './db';
import { checkHealth } from './health';

const collab = { stats: () => ({ openDocuments: 2, connections: 5 }) };

describe('checkHealth', () => {
	it('reports ok with the collaboration counters when the database answers', async () => {
		const { db } = openDatabase(':memory:');
		await migrateToLatest(db);
		expect(await checkHealth(db, collab)).toEqual({
			httpStatus: 200,
			report: { status: 'ok', database: 'ok', openDocuments: 2, connections: 5 }
		});
		await db.destroy();
	});

	it('answers 503 when the database query fails', async () => {
		const { db, sqlite } = openDatabase(':memory:');
		sqlite.close();
		expect(await checkHealth(db, collab)).toEqual({
			httpStatus: 503,
			report: { status: 'error', database: 'error', openDocuments: 2, connections: 5 }
		});
	});
});
