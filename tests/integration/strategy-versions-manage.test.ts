/**
 * Renaming and deleting saved versions of the draft strategy against the built server: the form
 * actions `renameVersion` and `deleteVersion` of the strategy page. Facilitators rename and
 * delete their workspace's versions; members get 403; a version id of another workspace, an
 * unknown or a malformed id is answered 404 (a form failure) and nothing is changed; a post from
 * another origin is refused. The versions are saved through `saveVersion`, as the page does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';
import type { Db } from '../../src/lib/server/db';

let server: AppServer;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceA: string;
let workspaceB: string;
let facilitator: { id: string; cookie: string };
let member: { cookie: string };
let facilitatorB: { cookie: string };

/** What SvelteKit answers a form action posted with `x-sveltekit-action` (data is devalue text). */
interface ActionAnswer {
	type: 'success' | 'failure' | 'error' | 'redirect';
	status?: number;
	data?: string;
}

function post(workspaceId: string, action: string, cookie: string, fields: Record<string, string>, origin = server.url) {
	return fetch(`${server.url}/w/${workspaceId}/strategy?/${action}`, {
		method: 'POST',
		headers: {
			cookie,
			origin,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}

async function answer(res: Response): Promise<ActionAnswer> {
	expect(res.status).toBe(200); // successes and failures alike; the status is inside
	return (await res.json()) as ActionAnswer;
}

const versionNames = async (workspaceId: string) =>
	(
		await db
			.selectFrom('strategy_version')
			.select(['id', 'name'])
			.where('workspace_id', '=', workspaceId)
			.orderBy('created_at')
			.execute()
	).map((r) => r.name);

const versionIdNamed = async (name: string) =>
	(await db.selectFrom('strategy_version').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/** Waits for the server's log line of a rename or delete by the facilitator in workspace A. */
const logged = (event: string, versionId: string) =>
	server.waitForLog(
		(l) => l.event === event && l.workspaceId === workspaceA && l.versionId === versionId && l.userId === facilitator.id
	);

/** Opens the strategy page (a facilitator's visit creates the document) and saves a version. */
async function saveVersion(workspaceId: string, cookie: string, name: string): Promise<string> {
	const page = await fetch(`${server.url}/w/${workspaceId}/strategy`, { headers: { cookie }, redirect: 'manual' });
	expect(page.status).toBe(200);
	await page.arrayBuffer();
	expect((await answer(await post(workspaceId, 'saveVersion', cookie, { name }))).type).toBe('success');
	return versionIdNamed(name);
}

beforeAll(async () => {
	server = await startAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	workspaceA = (await createWorkspace(db, { townName: 'みらい町' })).id;
	workspaceB = (await createWorkspace(db, { townName: 'となり町' })).id;
	const f = await createUser(db, { loginId: 'kikaku' });
	const mem = await createUser(db, { loginId: 'shokuin' });
	const fb = await createUser(db, { loginId: 'tonari' });
	await addMember(db, workspaceA, f.id, 'facilitator');
	await addMember(db, workspaceA, mem.id, 'member');
	await addMember(db, workspaceB, fb.id, 'facilitator');
	facilitator = { id: f.id, cookie: (await sessionCookie(db, f.id)).cookie };
	member = { cookie: (await sessionCookie(db, mem.id)).cookie };
	facilitatorB = { cookie: (await sessionCookie(db, fb.id)).cookie };
});

afterAll(async () => {
	await closeDb?.();
	await server?.stop();
});

describe('renaming a version', () => {
	let versionId: string;

	beforeAll(async () => {
		versionId = await saveVersion(workspaceA, facilitator.cookie, '有識者会議堤出版');
	});

	it('lets a facilitator rename it (trimmed), and logs it', async () => {
		const body = await answer(await post(workspaceA, 'renameVersion', facilitator.cookie, { versionId, name: '  有識者会議提出版  ' }));
		expect(body.type).toBe('success');
		expect(body.data).toContain('版の名前を「有識者会議提出版」に変更しました。');
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
		await logged('strategy.version_renamed', versionId);
		// the page lists the new name
		const page = await fetch(`${server.url}/w/${workspaceA}/strategy`, { headers: { cookie: facilitator.cookie } });
		expect(await page.text()).toContain('有識者会議提出版');
	});

	it('refuses an empty or too long name with the save form’s messages', async () => {
		const empty = await answer(await post(workspaceA, 'renameVersion', facilitator.cookie, { versionId, name: '   ' }));
		expect(empty).toMatchObject({ type: 'failure', status: 400 });
		expect(empty.data).toContain('版の名前を入力してください。');
		const long = await answer(await post(workspaceA, 'renameVersion', facilitator.cookie, { versionId, name: 'あ'.repeat(101) }));
		expect(long).toMatchObject({ type: 'failure', status: 400 });
		expect(long.data).toContain('100');
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
	});

	it('answers 403 to a member and changes nothing', async () => {
		const res = await post(workspaceA, 'renameVersion', member.cookie, { versionId, name: '勝手な名前' });
		expect(res.status).toBe(403);
		await res.arrayBuffer();
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
	});

	it('refuses a post from another origin', async () => {
		const res = await post(workspaceA, 'renameVersion', facilitator.cookie, { versionId, name: '外部から' }, 'http://evil.example');
		expect(res.status).toBe(403);
		await res.arrayBuffer();
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
	});
});

describe('deleting a version', () => {
	it('lets a facilitator delete it, answers 404 the second time, and logs it', async () => {
		const versionId = await saveVersion(workspaceA, facilitator.cookie, '誤って保存した版');
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版', '誤って保存した版']);
		const body = await answer(await post(workspaceA, 'deleteVersion', facilitator.cookie, { versionId }));
		expect(body.type).toBe('success');
		expect(body.data).toContain('版「誤って保存した版」を削除しました。');
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
		await logged('strategy.version_deleted', versionId);
		const again = await answer(await post(workspaceA, 'deleteVersion', facilitator.cookie, { versionId }));
		expect(again).toMatchObject({ type: 'failure', status: 404 });
		expect(again.data).toContain('この版は見つかりません。');
		const page = await fetch(`${server.url}/w/${workspaceA}/strategy/versions/${versionId}`, { headers: { cookie: facilitator.cookie } });
		expect(page.status).toBe(404);
		await page.arrayBuffer();
	});

	it('answers 403 to a member and keeps the version', async () => {
		const versionId = await versionIdNamed('有識者会議提出版');
		const res = await post(workspaceA, 'deleteVersion', member.cookie, { versionId });
		expect(res.status).toBe(403);
		await res.arrayBuffer();
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
	});
});

describe('versions of another workspace, unknown and malformed ids', () => {
	let otherId: string;

	beforeAll(async () => {
		otherId = await saveVersion(workspaceB, facilitatorB.cookie, 'となり町の版');
	});

	it('answers 404 to a rename or delete through this workspace and leaves the other version intact', async () => {
		const rename = await answer(await post(workspaceA, 'renameVersion', facilitator.cookie, { versionId: otherId, name: '乗っ取り' }));
		expect(rename).toMatchObject({ type: 'failure', status: 404 });
		expect(rename.data).toContain('この版は見つかりません。');
		const del = await answer(await post(workspaceA, 'deleteVersion', facilitator.cookie, { versionId: otherId }));
		expect(del).toMatchObject({ type: 'failure', status: 404 });
		expect(await versionNames(workspaceB)).toEqual(['となり町の版']);
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
	});

	it('answers 404, never 500, to unknown, malformed and missing ids', async () => {
		const ids: Array<Record<string, string>> = [
			{ versionId: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' },
			{ versionId: '../x' },
			{ versionId: "' OR 1=1 --" },
			{}
		];
		for (const fields of ids) {
			for (const action of ['renameVersion', 'deleteVersion']) {
				const body = await answer(await post(workspaceA, action, facilitator.cookie, { ...fields, name: '新しい名前' }));
				expect(body, `${action} ${JSON.stringify(fields)}`).toMatchObject({ type: 'failure', status: 404 });
			}
		}
		expect(await versionNames(workspaceA)).toEqual(['有識者会議提出版']);
		expect(await versionNames(workspaceB)).toEqual(['となり町の版']);
	});
});
