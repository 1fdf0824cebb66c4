/** Renaming and deleting saved strategy versions, against a fresh migrated database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db';
import { newId } from '../ids';
import { createUser } from './users';
import { createWorkspace } from './workspaces';
import {
	deleteStrategyVersion,
	findStrategyVersion,
	findStrategyVersionName,
	listStrategyVersions,
	renameStrategyVersion,
	saveStrategyVersion
} from './strategy';

let db: Db;
let wsA: string;
let wsB: string;
let userId: string;
const T0 = Date.UTC(2025, 9, 1);
const STATE = new Uint8Array([1, 2, 3, 4]);

const save = (workspaceId: string, name: string, at: number) =>
	saveStrategyVersion(db, { workspaceId, name, createdBy: userId, state: STATE }, at);
const names = async (workspaceId: string) => (await listStrategyVersions(db, workspaceId)).map((v) => v.name);

const workspace = async (townName: string) =>
	(await createWorkspace(db, { townName, strategyName: '総合戦略', planStartFy: 2025, planEndFy: 2029 })).id;

beforeEach(async () => {
	db = openDatabase(':memory:').db;
	await migrateToLatest(db);
	[wsA, wsB] = [await workspace('A町'), await workspace('B町')];
	userId = (await createUser(db, { loginId: 'kikaku', displayName: '企画 花子' })).id;
});
afterEach(async () => {
	await db.destroy();
});

describe('renameStrategyVersion', () => {
	it('renames a version of the workspace and keeps its state, date and author', async () => {
		const v = await save(wsA, '有識者会議堤出版', T0);
		expect(await renameStrategyVersion(db, wsA, v.id, '有識者会議提出版')).toBe(true);
		const stored = await findStrategyVersion(db, wsA, v.id);
		expect(stored).toMatchObject({ name: '有識者会議提出版', createdAt: T0, createdBy: userId, createdByName: '企画 花子' });
		expect([...stored!.state]).toEqual([...STATE]);
		expect(await findStrategyVersionName(db, wsA, v.id)).toBe('有識者会議提出版');
	});

	it('does not touch a version of another workspace, nor an unknown id, and says so', async () => {
		const other = await save(wsB, 'B町の版', T0);
		expect(await renameStrategyVersion(db, wsA, other.id, '乗っ取り')).toBe(false);
		expect(await renameStrategyVersion(db, wsA, newId(), '存在しない版')).toBe(false);
		expect(await names(wsB)).toEqual(['B町の版']);
		expect(await findStrategyVersionName(db, wsA, other.id)).toBeUndefined();
	});
});

describe('deleteStrategyVersion', () => {
	it('deletes one version of the workspace and leaves the others in order', async () => {
		const first = await save(wsA, '第1版', T0);
		const second = await save(wsA, '第2版', T0 + 1000);
		const third = await save(wsA, '第3版', T0 + 2000);
		expect(await names(wsA)).toEqual(['第3版', '第2版', '第1版']);
		expect(await deleteStrategyVersion(db, wsA, second.id)).toBe(true);
		expect(await names(wsA)).toEqual(['第3版', '第1版']);
		expect(await findStrategyVersion(db, wsA, second.id)).toBeUndefined();
		// deleting it again finds nothing
		expect(await deleteStrategyVersion(db, wsA, second.id)).toBe(false);
		expect((await listStrategyVersions(db, wsA)).map((v) => v.id)).toEqual([third.id, first.id]);
	});

	it('does not touch a version of another workspace, nor an unknown id, and says so', async () => {
		const mine = await save(wsA, 'A町の版', T0);
		const other = await save(wsB, 'B町の版', T0);
		expect(await deleteStrategyVersion(db, wsA, other.id)).toBe(false);
		expect(await deleteStrategyVersion(db, wsA, newId())).toBe(false);
		expect(await names(wsA)).toEqual(['A町の版']);
		expect(await names(wsB)).toEqual(['B町の版']);
		expect(await findStrategyVersion(db, wsB, other.id)).toMatchObject({ name: 'B町の版' });
		expect(await findStrategyVersion(db, wsA, mine.id)).toMatchObject({ name: 'A町の版' });
	});
});
