/**
 * The facilitator's overview and the search across a workshop's boards, read from the stored
 * documents of the built server: counts per group, facilitators only for the overview, and
 * search results that link to the board with an anchor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';
import { connectBoard, waitFor } from '../helpers/collab-client';
import { addCard, addKpi, addSheet, kpiText, listSheets, setSheetGoal } from '../../src/lib/collab/schema';
import { addGroup, createWorkshop } from '../../src/lib/server/repositories/workshops';
import { DEFAULT_WORKSHOP_SESSIONS } from '../../src/lib/domain/workshop-template';
import type { Db } from '../../src/lib/server/db';

let server: AppServer;
let db: Db;
let closeDb: () => Promise<void>;
let facilitatorCookie: string;
let memberCookie: string;
let base: string;
let boardA: string;
let boardB: string;

beforeAll(async () => {
	server = await startAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	const workspace = await createWorkspace(db);
	const f = await createUser(db);
	const mem = await createUser(db);
	await addMember(db, workspace.id, f.id, 'facilitator');
	await addMember(db, workspace.id, mem.id, 'member');
	facilitatorCookie = (await sessionCookie(db, f.id)).cookie;
	memberCookie = (await sessionCookie(db, mem.id)).cookie;
	const { workshopId, a, b } = await db.transaction().execute(async (trx) => {
		const w = await createWorkshop(trx, { workspaceId: workspace.id, title: 'WG', sessions: DEFAULT_WORKSHOP_SESSIONS });
		const a = await addGroup(trx, { workspaceId: workspace.id, sessionId: w.sessions[0]!.id, name: 'A班' });
		const b = await addGroup(trx, { workspaceId: workspace.id, sessionId: w.sessions[1]!.id, name: 'B班' });
		return { workshopId: w.id, a, b };
	});
	boardA = a.documentId;
	boardB = b.documentId;
	base = `${server.url}/w/${workspace.id}/workshops/${workshopId}`;

	const clientA = await connectBoard(server, boardA, { cookie: memberCookie });
	addCard(clientA.doc, { id: 'card-booking', text: '公民館の予約が電話のみ', authorId: mem.id, authorName: 'm', departmentName: '生涯学習課' });
	addCard(clientA.doc, { id: 'card-moving', text: '転入手続きの重複記入', authorId: mem.id, authorName: 'm', departmentName: '町民課' });
	const clientB = await connectBoard(server, boardB, { cookie: memberCookie });
	const sheet = addSheet(clientB.doc, { id: 'sheet-booking', authorId: mem.id, authorName: 'm', title: '施設予約のオンライン化' });
	setSheetGoal(sheet, 4, true);
	kpiText(addKpi(sheet, 'outcome', 'k1'), 'name').insert(0, '説明会の開催回数');
	// a second client on B sees the sheet: it is stored
	const check = await connectBoard(server, boardB, { cookie: facilitatorCookie });
	await waitFor(() => listSheets(check.doc).length === 1 && listSheets(check.doc)[0]!.outcomeKpis[0]?.name === '説明会の開催回数');
	const checkA = await connectBoard(server, boardA, { cookie: facilitatorCookie });
	await waitFor(() => checkA.doc.getMap('cards').size === 2);
	for (const c of [clientA, clientB, check, checkA]) c.destroy();
});

afterAll(async () => {
	await closeDb?.();
	await server?.stop();
});

const get = (url: string, cookie: string) => fetch(url, { headers: { cookie }, redirect: 'manual' });
const text = (html: string) => html.replace(/<!--.*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('workshop overview', () => {
	it('is for facilitators only', async () => {
		expect((await get(`${base}/overview`, memberCookie)).status).toBe(403);
	});

	it('shows every group with its cards, sheets and KPI hints', async () => {
		const response = await get(`${base}/overview`, facilitatorCookie);
		expect(response.status).toBe(200);
		const page = text(await response.text());
		expect(page).toMatch(/A班 2 0 — 0\/0 0\/0 0 —/);
		expect(page).toMatch(/B班 0 1 \d+\.\d% （\d+\/13） 0\/1 0\/1 [1-9]\d* （1シート）/);
		expect(page).toContain('施設予約のオンライン化');
	});
});

describe('workshop search', () => {
	it('finds cards across boards and links to them with an anchor', async () => {
		const response = await get(`${base}/search?q=${encodeURIComponent('予約')}`, memberCookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(`/boards/${boardA}#card-card-booking`);
		expect(html).toContain(`/boards/${boardB}?sheet=sheet-booking#sheet-sheet-booking`);
		expect(html).not.toContain('#card-card-moving');
	});

	it('filters by basic goal, group and KPI hints', async () => {
		const byGoal = await (await get(`${base}/search?goal=4`, memberCookie)).text();
		expect(byGoal).toContain('#sheet-sheet-booking');
		expect(byGoal).not.toContain('#card-card-booking');
		// the form shows the chosen filter
		expect(byGoal).toMatch(/<option value="4" selected/);
		const byGroup = await (await get(`${base}/search?group=${boardA}`, memberCookie)).text();
		expect(byGroup).toContain('#card-card-moving');
		expect(byGroup).not.toContain('#sheet-sheet-booking');
		const hinted = await (await get(`${base}/search?hints=1`, memberCookie)).text();
		expect(hinted).toContain('#sheet-sheet-booking');
		expect(hinted).not.toContain('#card-');
		const byDepartment = await (await get(`${base}/search?department=${encodeURIComponent('町民課')}`, memberCookie)).text();
		expect(byDepartment).toContain('#card-card-moving');
		expect(byDepartment).not.toContain('#card-card-booking');
	});

	it('answers 404 for a workshop of another workspace', async () => {
		const response = await get(`${server.url}/w/${'a'.repeat(26)}/workshops/${'b'.repeat(26)}/search`, memberCookie);
		expect([403, 404]).toContain(response.status);
	});
});
