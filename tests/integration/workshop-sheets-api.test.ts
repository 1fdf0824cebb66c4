/**
 * The board's HTTP side for idea sheets against the built server: the list of a workshop's
 * sheets (partners, carrying forward) and the print view, read from stored documents, with
 * authorisation: signed out 401, not a member 403, a board of another workspace 404.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createBoardDocument, createUser, createWorkspace, sessionCookie } from '../helpers/fixtures';
import { openDatabase, type OpenedDatabase } from '../../src/lib/server/db';
import { DocumentStore } from '../../src/lib/server/collab/persistence';
import { addGroup, createWorkshop } from '../../src/lib/server/repositories/workshops';
import { DEFAULT_WORKSHOP_SESSIONS } from '../../src/lib/domain/workshop-template';
import { addKpi, addListItem, addSheet, kpiText, setKpiTarget, sheetText } from '../../src/lib/collab/schema';

let server: AppServer;
let database: OpenedDatabase;
let workspaceId: string;
let clerkBoard: string;
let chiefBoard: string;
let otherBoard: string;
let member: string;
let outsider: string;

interface Listed {
	documentId: string;
	boardTitle: string;
	audience: string;
	sheetId: string;
	title: string;
	departmentName: string;
	carried?: { title: string; solutionMeans: string; measures: string[] };
}

function storeSheet(documentId: string, id: string, title: string, department: string) {
	const doc = new Y.Doc();
	const sheet = addSheet(doc, { id, authorId: 'u', authorName: '会津 花子', departmentName: department, title });
	sheetText(sheet, 'solutionMeans').insert(0, '予約システムで');
	addListItem(sheet, 'measures', `${id}-m1`, '予約システムの構築');
	const kpi = addKpi(sheet, 'outcome', `${id}-k1`, 'オンライン予約の利用件数');
	kpiText(kpi, 'measurementMethod').insert(0, 'システムの記録');
	setKpiTarget(kpi, 2027, 300);
	new DocumentStore(database).append(documentId, Y.encodeStateAsUpdate(doc));
	doc.destroy();
}

const get = (path: string, cookie?: string) =>
	fetch(server.url + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

beforeAll(async () => {
	server = await startAppServer();
	database = openDatabase(server.databasePath);
	const db = database.db;
	workspaceId = (await createWorkspace(db)).id;
	const workshop = await createWorkshop(db, { workspaceId, title: 'WG', sessions: DEFAULT_WORKSHOP_SESSIONS });
	const [clerk1, clerk2, chief1] = workshop.sessions;
	clerkBoard = (await addGroup(db, { workspaceId, sessionId: clerk2!.id, name: 'A班' })).documentId;
	const clerk1Board = (await addGroup(db, { workspaceId, sessionId: clerk1!.id, name: 'B班' })).documentId;
	chiefBoard = (await addGroup(db, { workspaceId, sessionId: chief1!.id, name: 'A班' })).documentId;
	storeSheet(clerkBoard, 's-clerk', '公共施設のオンライン予約', '生涯学習課');
	storeSheet(clerk1Board, 's-clerk1', '転入手続きのオンライン化', '町民課');
	storeSheet(chiefBoard, 's-chief', '係長案', '総務課');

	const other = await createWorkspace(db);
	otherBoard = (await createBoardDocument(db, other.id)).id;

	const m = await createUser(db);
	await addMember(db, workspaceId, m.id, 'observer');
	member = (await sessionCookie(db, m.id)).cookie;
	const o = await createUser(db);
	await addMember(db, other.id, o.id, 'member');
	outsider = (await sessionCookie(db, o.id)).cookie;
});

afterAll(async () => {
	await database?.db.destroy();
	await server?.stop();
});

describe('GET …/boards/[documentId]/workshop-sheets', () => {
	it('lists the sheets of every board of the workshop, with the board named by session and group', async () => {
		const response = await get(`/w/${workspaceId}/boards/${chiefBoard}/workshop-sheets`, member);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toContain('no-store');
		const { sheets } = (await response.json()) as { sheets: Listed[] };
		expect(sheets.map((s) => [s.sheetId, s.boardTitle, s.audience])).toEqual([
			['s-clerk1', '係員 第1回 課題の洗い出し B班', 'clerk'],
			['s-clerk', '係員 第2回 デジタルによる課題解決アイデア A班', 'clerk'],
			['s-chief', '係長 第1回 アイデアの精査・施策間連携 A班', 'chief']
		]);
		expect(sheets[1]).toMatchObject({ documentId: clerkBoard, title: '公共施設のオンライン予約', departmentName: '生涯学習課' });
		expect(sheets[1]!.carried).toBeUndefined();
	});

	it('keeps one audience and adds the carried (★) fields when asked', async () => {
		const response = await get(`/w/${workspaceId}/boards/${chiefBoard}/workshop-sheets?audience=clerk&carried=1`, member);
		const { sheets } = (await response.json()) as { sheets: Listed[] };
		expect(sheets.map((s) => s.sheetId)).toEqual(['s-clerk1', 's-clerk']);
		expect(sheets[1]!.carried).toMatchObject({
			title: '公共施設のオンライン予約',
			solutionMeans: '予約システムで',
			measures: ['予約システムの構築']
		});
		expect((await get(`/w/${workspaceId}/boards/${chiefBoard}/workshop-sheets?audience=everyone`, member)).status).toBe(400);
	});

	it('answers an empty list for a board outside any workshop', async () => {
		const loose = (await createBoardDocument(database.db, workspaceId)).id;
		const response = await get(`/w/${workspaceId}/boards/${loose}/workshop-sheets`, member);
		expect(await response.json()).toEqual({ sheets: [] });
	});

	it('refuses the signed out (401), non-members (403) and boards of another workspace (404)', async () => {
		expect((await get(`/w/${workspaceId}/boards/${chiefBoard}/workshop-sheets`)).status).toBe(401);
		expect((await get(`/w/${workspaceId}/boards/${chiefBoard}/workshop-sheets`, outsider)).status).toBe(403);
		expect((await get(`/w/${workspaceId}/boards/${otherBoard}/workshop-sheets`, member)).status).toBe(404);
		expect((await get(`/w/${workspaceId}/boards/not-an-id/workshop-sheets`, member)).status).toBe(404);
	});
});

describe('GET …/boards/[documentId]/sheets/[sheetId]/print', () => {
	it('renders the stored sheet on the server', async () => {
		const response = await get(`/w/${workspaceId}/boards/${clerkBoard}/sheets/s-clerk/print`, member);
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const text of ['公共施設のオンライン予約', '予約システムで', '予約システムの構築', 'オンライン予約の利用件数', 'システムの記録', '300']) {
			expect(html, text).toContain(text);
		}
	});

	it('answers 404 for an unknown sheet and 403 for a non-member', async () => {
		expect((await get(`/w/${workspaceId}/boards/${clerkBoard}/sheets/nope/print`, member)).status).toBe(404);
		expect((await get(`/w/${workspaceId}/boards/${clerkBoard}/sheets/s-clerk/print`, outsider)).status).toBe(403);
	});
});
