/**
 * The strategy document and its HTTP side against the real server: a facilitator's first visit
 * creates the document with its four goals; members read it live but their edits are discarded
 * (the document is locked for everyone but facilitators and admins); the usage endpoint tells an
 * idea sheet where it is used; versions are saved by facilitators only; every export downloads
 * for members, for the current draft and for a version, and not for outsiders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSheet, listSheets } from '../../src/lib/collab/schema';
import { addDirection, addMeasure, addMeasureKpi, addProject, readStrategy } from '../../src/lib/collab/strategy';
import { CollabHarness, sleep, waitFor, type BoardClient } from '../helpers/collab-client';

let h: CollabHarness;
let facilitator: { userId: string; cookie: string };
let member: { userId: string; cookie: string };
let outsider: { userId: string; cookie: string };
let strategyId: string;
let f: BoardClient;

const url = (path: string) => `${h.server.url}/w/${h.world.workspaceId}/strategy${path}`;
const get = (path: string, cookie: string) => fetch(url(path), { headers: { cookie }, redirect: 'manual' });

async function saveVersion(cookie: string, name: string) {
	return fetch(url('?/saveVersion'), {
		method: 'POST',
		headers: {
			cookie,
			origin: h.server.url,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ name })
	});
}

/** Polls an async condition (the stored state) until it holds. */
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error('timed out waiting for the stored state');
		await sleep(50);
	}
}

beforeAll(async () => {
	h = await CollabHarness.start();
	facilitator = await h.world.member('facilitator');
	member = await h.world.member('member');
	outsider = await h.world.member(null);
	// an idea sheet on the workshop board
	const board = await h.connect({ cookie: facilitator.cookie });
	addSheet(board.doc, { id: 'sheet-1', authorId: facilitator.userId, authorName: 'f', title: '施設予約のオンライン化', departmentName: '生涯学習課' });
	await until(async () => listSheets(await h.world.loadStored()).length === 1);
});

afterAll(async () => {
	await h?.stop();
});

describe('the strategy document', () => {
	it('does not exist until a facilitator opens the page; members see a notice', async () => {
		const before = await get('', member.cookie);
		expect(before.status).toBe(200);
		expect(await before.text()).toContain('素案はまだ作成されていません');
		const none = await h.world.db.selectFrom('document').select('id').where('kind', '=', 'strategy').execute();
		expect(none).toHaveLength(0);

		const page = await get('', facilitator.cookie);
		expect(page.status).toBe(200);
		const rows = await h.world.db
			.selectFrom('document')
			.select('id')
			.where('kind', '=', 'strategy')
			.where('workspace_id', '=', h.world.workspaceId)
			.execute();
		expect(rows).toHaveLength(1);
		strategyId = rows[0]!.id;
		// a second visit does not create another
		await get('', facilitator.cookie);
		expect(await h.world.db.selectFrom('document').select('id').where('kind', '=', 'strategy').execute()).toHaveLength(1);
	});

	it('arrives with exactly the four goals, and facilitators edit it live', async () => {
		f = await h.connect({ cookie: facilitator.cookie }, strategyId);
		expect(readStrategy(f.doc).goals.map((g) => g.id)).toEqual([1, 2, 3, 4]);
		addDirection(f.doc, 4, 'd1', '行政サービスのデジタル化');
		const m = addMeasure(f.doc, 'd1', 'm1', '施設予約のオンライン化');
		f.doc.transact(() => addMeasureKpi(m, 'k1', { kind: 'outcome', name: 'オンライン予約の利用率', unit: '%', targets: { 2029: 50 } }));
		addProject(f.doc, 'm1', 'p1', { documentId: h.world.documentId, sheetId: 'sheet-1', title: '施設予約のオンライン化', departmentName: '生涯学習課' });
		const projects = async () => readStrategy(await h.world.loadStored(strategyId)).goals[3]!.directions[0]?.measures[0]?.projects ?? [];
		await until(async () => (await projects()).length === 1);
		expect((await projects()).map((p) => p.sheetId)).toEqual(['sheet-1']);
	});

	it('discards what members write into it', async () => {
		const mc = await h.connect({ cookie: member.cookie }, strategyId);
		await waitFor(() => readStrategy(mc.doc).goals[3]!.directions.length === 1, { what: 'the draft to reach the member' });
		addDirection(mc.doc, 1, 'from-member', '勝手な追記');
		await h.server.waitForLog((l) => l.event === 'collab.update_discarded' && l.userId === member.userId && l.locked === true);
		await sleep(200);
		expect(readStrategy(f.doc).goals[0]!.directions).toEqual([]);
		expect(readStrategy(await h.world.loadStored(strategyId)).goals[0]!.directions).toEqual([]);
	});
});

describe('where ideas are used', () => {
	it('answers every usage of a board’s sheets to any member', async () => {
		const res = await get(`/ideas/usage?documentId=${h.world.documentId}`, member.cookie);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			usages: {
				[`${h.world.documentId}/sheet-1`]: [
					{
						projectId: 'p1',
						measureId: 'm1',
						measureTitle: '施設予約のオンライン化',
						directionId: 'd1',
						directionTitle: '行政サービスのデジタル化',
						goalId: 4,
						goalTitle: '魅力的な地域をつくる'
					}
				]
			}
		});
		const other = await get(`/ideas/usage?documentId=${h.world.documentId}&sheetId=unknown`, member.cookie);
		expect(await other.json()).toEqual({ usages: {} });
		expect((await get('/ideas/usage?sheetId=x', member.cookie)).status).toBe(400);
		expect((await get('/ideas/usage', outsider.cookie)).status).toBe(403);
	});
});

describe('versions and exports', () => {
	let versionId: string;

	it('saves a version for facilitators only', async () => {
		expect((await saveVersion(member.cookie, '勝手な版')).status).toBe(403);
		const res = await saveVersion(facilitator.cookie, '有識者会議提出版');
		expect(res.status).toBe(200);
		const body = (await res.json()) as { type: string; data: string };
		expect(body.type).toBe('success');
		const rows = await h.world.db.selectFrom('strategy_version').selectAll().execute();
		expect(rows.map((r) => [r.name, r.created_by, r.workspace_id])).toEqual([['有識者会議提出版', facilitator.userId, h.world.workspaceId]]);
		versionId = rows[0]!.id;
		const doc = new Y.Doc();
		Y.applyUpdate(doc, new Uint8Array(rows[0]!.state as Uint8Array));
		expect(readStrategy(doc).goals[3]!.directions[0]!.measures[0]!.title).toBe('施設予約のオンライン化');
	});

	const FILES: Array<[string, string, (bytes: Uint8Array) => void]> = [
		['strategy.docx', 'wordprocessingml', (b) => expect(String.fromCharCode(b[0]!, b[1]!)).toBe('PK')],
		['kpis.xlsx', 'spreadsheetml', (b) => expect(String.fromCharCode(b[0]!, b[1]!)).toBe('PK')],
		['kpis.csv', 'text/csv', (b) => expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])],
		['strategy.md', 'text/markdown', (b) => expect(new TextDecoder().decode(b)).toContain('施設予約のオンライン化')],
		['ideas.xlsx', 'spreadsheetml', (b) => expect(String.fromCharCode(b[0]!, b[1]!)).toBe('PK')],
		// the harness board is not in a workshop group, so the idea pool is empty: headings only
		['ideas.csv', 'text/csv', (b) => expect(new TextDecoder().decode(b)).toContain('★アイデア名')],
		['idea-kpis.csv', 'text/csv', (b) => expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])],
		['idea-template.xlsx', 'spreadsheetml', (b) => expect(String.fromCharCode(b[0]!, b[1]!)).toBe('PK')]
	];

	it.each(FILES)('downloads %s of the current draft for members', async (file, type, check) => {
		const res = await get(`/export/${file}`, member.cookie);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain(type);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
		// a zero-padded date, so that downloads sort (2026-12-02, not 2026-12-2)
		expect(decodeURIComponent(res.headers.get('content-disposition')!)).toMatch(file === 'idea-template.xlsx' ? /_アイデアシート様式\.xlsx$/ : /_\d{4}-\d{2}-\d{2}(_KPI一覧)?\.[a-z]+$/);
		check(new Uint8Array(await res.arrayBuffer()));
	});

	it('downloads a version, names the file after it, and refuses unknown versions and outsiders', async () => {
		const res = await get(`/export/strategy.md?version=${versionId}`, member.cookie);
		expect(res.status).toBe(200);
		expect(decodeURIComponent(res.headers.get('content-disposition')!)).toMatch(/有識者会議提出版_\d{4}-\d{2}-\d{2}\.md$/);
		expect(await res.text()).toContain('有識者会議提出版');
		expect((await get('/export/strategy.docx?version=aaaaaaaaaaaaaaaaaaaaaaaaaa', member.cookie)).status).toBe(404);
		expect((await get('/export/strategy.docx?version=../x', member.cookie)).status).toBe(404);
		expect((await get('/export/other.exe', member.cookie)).status).toBe(404);
		expect((await get('/export/strategy.docx', outsider.cookie)).status).toBe(403);
		expect((await get(`/versions/${versionId}`, member.cookie)).status).toBe(200);
		expect((await get(`/diff?from=${versionId}&to=current`, member.cookie)).status).toBe(200);
		expect((await get(`/print?version=${versionId}`, member.cookie)).status).toBe(200);
	});

	it('previews imports of files over adapter-node\'s default 512 KB body limit, and writes nothing', async () => {
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(1024 * 1024)]), 'ideas.xlsx');
		const res = await fetch(url('/import?/preview'), {
			method: 'POST',
			headers: { cookie: facilitator.cookie, origin: h.server.url, 'x-sveltekit-action': 'true' },
			body: form
		});
		expect(res.status).toBe(200); // SvelteKit answers action failures as JSON with the status inside
		const body = (await res.json()) as { type: string; status: number; data: string };
		expect(body).toMatchObject({ type: 'failure', status: 400 });
		expect(body.data).toContain('Excelファイル（.xlsx）として読めませんでした'); // not a zip: refused before exceljs
		const member403 = await fetch(url('/import?/preview'), {
			method: 'POST',
			headers: { cookie: member.cookie, origin: h.server.url, 'x-sveltekit-action': 'true' },
			body: new FormData()
		});
		expect(member403.status).toBe(403);
	});
});
