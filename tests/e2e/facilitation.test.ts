/**
 * Running a session from the facilitator's screen, with a participant in another browser (both
 * log in through the real form): the phase and a 5-minute countdown show the same on both
 * screens (within 2 s, also after a reload); a dot vote (the participant sees their remaining
 * dots; the totals appear on both screens only when revealed); "bring everyone here" scrolls the
 * participant's board to a card; locking makes the participant's card read-only; the projector
 * view shows the join address and a QR code. Assertions read the screen.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';
import { connectBoard, waitFor } from '../helpers/collab-client';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { addGroup, createWorkshop } from '../../src/lib/server/repositories/workshops';
import { DEFAULT_WORKSHOP_SESSIONS } from '../../src/lib/domain/workshop-template';
import type { Db } from '../../src/lib/server/db';

interface Person {
	loginId: string;
	password: string;
}

const WAIT = { timeout: 15_000, interval: 100 };
const CARD_COUNT = 24;

let server: AppServer;
let browser: Browser;
let db: Db;
let closeDb: () => Promise<void>;
let boardUrl: string;
let projectorUrl: string;
let facilitator: Person;
let member: Person;
const contexts: BrowserContext[] = [];

async function openPerson(person: Person): Promise<Page> {
	const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`[${person.loginId}] page error`, error));
	await logIn(page, server.url, person, WAIT.timeout);
	await page.goto(boardUrl);
	await expect.poll(() => screenText(page.getByRole('status', { name: '接続状態' })), WAIT).toBe('接続中');
	return page;
}

const screenText = (locator: Locator) => locator.innerText().then((t) => t.trim());
const phaseOf = (page: Page) => page.getByRole('status', { name: 'フェーズ' }).first();
const timerOf = (page: Page) => page.getByRole('timer', { name: '残り時間' }).first();

/** Seconds left on a timer showing 「⏱ 4:58」. */
async function secondsLeft(page: Page): Promise<number> {
	const text = await screenText(timerOf(page));
	const match = /(\d+):(\d{2})/.exec(text);
	if (!match) throw new Error(`no countdown in 「${text}」`);
	return Number(match[1]) * 60 + Number(match[2]);
}

async function inViewport(locator: Locator): Promise<boolean> {
	return locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
	});
}

beforeAll(async () => {
	server = await startBrowserAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	const workspace = await createWorkspace(db);
	const f = await createUser(db, { displayName: '進行 花子', password: 'facilitator-pass-2025' });
	const mem = await createUser(db, { displayName: '美里 太郎', password: 'member-pass-2025' });
	await addMember(db, workspace.id, f.id, 'facilitator');
	await addMember(db, workspace.id, mem.id, 'member');
	const group = await db.transaction().execute(async (trx) => {
		const workshop = await createWorkshop(trx, { workspaceId: workspace.id, title: '職員WG', sessions: DEFAULT_WORKSHOP_SESSIONS });
		return addGroup(trx, { workspaceId: workspace.id, sessionId: workshop.sessions[0]!.id, name: 'A班' });
	});
	boardUrl = `${server.url}/w/${workspace.id}/boards/${group.documentId}`;
	projectorUrl = `${boardUrl}/projector`;

	// the board already holds enough cards that the last ones are off screen
	const seeder = await connectBoard(server, group.documentId, { cookie: (await sessionCookie(db, f.id)).cookie });
	for (let i = 1; i <= CARD_COUNT; i++) {
		addCard(seeder.doc, { id: `card-${i}`, text: `課題カード ${i}: 窓口の手続きが紙のみ`, authorId: f.id, authorName: '進行 花子' });
	}
	const check = await connectBoard(server, group.documentId, { cookie: (await sessionCookie(db, mem.id)).cookie });
	await waitFor(() => listCards(check.doc).length === CARD_COUNT, { what: 'the seeded cards to be stored' });
	seeder.destroy();
	check.destroy();

	facilitator = { loginId: f.loginId, password: f.password };
	member = { loginId: mem.loginId, password: mem.password };
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

describe('facilitating a session', () => {
	let f: Page;
	let m: Page;

	it('shows the session, the phase and the same countdown on every screen', async () => {
		f = await openPerson(facilitator);
		m = await openPerson(member);
		await expect.poll(() => screenText(m.getByRole('region', { name: '進行状況' })), WAIT).toContain(
			'係員 第1回 課題の洗い出し'
		);
		// only facilitators get the controls
		expect(await m.getByRole('button', { name: '進行メニュー' }).count()).toBe(0);

		await f.getByRole('button', { name: '進行メニュー' }).click();
		await f.getByLabel('表示するフェーズ').fill('グループ討議');
		await f.getByRole('button', { name: '表示する' }).click();
		await expect.poll(() => screenText(phaseOf(m)), WAIT).toBe('グループ討議');
		expect(await screenText(phaseOf(f))).toBe('グループ討議');

		await f.getByLabel('タイマー（分）').fill('5');
		await f.getByRole('button', { name: '開始', exact: true }).click();
		await timerOf(m).waitFor(WAIT);
		const [onF, onM] = await Promise.all([secondsLeft(f), secondsLeft(m)]);
		expect(onF).toBeGreaterThan(290);
		expect(onF).toBeLessThanOrEqual(300);
		expect(Math.abs(onF - onM)).toBeLessThanOrEqual(2);

		// the countdown survives a reload
		await m.reload();
		await timerOf(m).waitFor(WAIT);
		await expect.poll(async () => Math.abs((await secondsLeft(f)) - (await secondsLeft(m))), WAIT).toBeLessThanOrEqual(2);
		expect(await screenText(phaseOf(m))).toBe('グループ討議');
	});

	it('runs a dot vote: own remaining dots, totals only after the reveal', async () => {
		await f.getByRole('button', { name: 'ドット投票' }).click();
		await f.getByLabel('1人の持ち点').fill('3');
		await f.getByLabel('1枚に置ける上限').fill('2');
		await f.getByRole('button', { name: '投票を始める' }).click();

		const remaining = m.getByText(/あなたの残り:/);
		await expect.poll(() => screenText(remaining), WAIT).toBe('あなたの残り: 3 / 3点');
		await m.getByRole('button', { name: 'カード 1 にドットを置く' }).click();
		await expect.poll(() => screenText(remaining), WAIT).toBe('あなたの残り: 2 / 3点');
		await m.getByRole('button', { name: 'カード 1 にドットを置く' }).click();
		await expect.poll(() => screenText(remaining), WAIT).toBe('あなたの残り: 1 / 3点');
		// the cap per card is reached
		expect(await m.getByRole('button', { name: 'カード 1 にドットを置く' }).isDisabled()).toBe(true);
		await m.getByRole('button', { name: 'カード 2 にドットを置く' }).click();
		await expect.poll(() => screenText(remaining), WAIT).toBe('あなたの残り: 0 / 3点');
		// nobody sees totals yet
		expect(await m.getByRole('table', { name: '投票結果' }).count()).toBe(0);
		expect(await f.getByRole('table', { name: '投票結果' }).count()).toBe(0);

		await f.getByRole('button', { name: '結果を公開' }).click();
		for (const page of [f, m]) {
			const table = page.getByRole('table', { name: '投票結果' });
			await table.waitFor(WAIT);
			const rows = table.locator('tbody tr');
			await expect.poll(() => screenText(rows.nth(0)), WAIT).toMatch(/^カード 1 .*\s2点\s+1人$/);
			expect(await screenText(rows.nth(1))).toMatch(/^カード 2 .*\s1点\s+1人$/);
		}
		expect(await m.getByRole('button', { name: 'カード 1 にドットを置く' }).count()).toBe(0);
		await f.screenshot({ path: join(ARTIFACTS_DIR, 'facilitation-board.png') });
	});

	it('brings everyone to a card the facilitator chose', async () => {
		const last = `カード ${CARD_COUNT}`;
		const memberCard = m.getByRole('article', { name: last, exact: true });
		await m.evaluate(() => window.scrollTo(0, 0));
		expect(await inViewport(memberCard)).toBe(false);

		await f.getByRole('textbox', { name: `${last} の内容` }).click();
		// the strip's button (each card also has its own, for facilitators only)
		const bring = f.getByRole('region', { name: '進行状況' }).getByRole('button', { name: /全員をここへ/ });
		await expect.poll(() => screenText(bring), WAIT).toContain(last);
		await bring.click();
		await expect.poll(() => inViewport(memberCard), WAIT).toBe(true);
		expect(await m.getByRole('button', { name: /全員をここへ/ }).count()).toBe(0);

		// a link from the search (#card-<id>) does the same
		const card12 = m.getByRole('article', { name: 'カード 12', exact: true });
		await m.evaluate(() => window.scrollTo(0, 0));
		expect(await inViewport(card12)).toBe(false);
		await m.goto(`${boardUrl}#card-card-12`);
		await expect.poll(() => inViewport(card12), WAIT).toBe(true);
	});

	it('makes the board read-only for participants when locked', async () => {
		const memberText = m.getByRole('textbox', { name: 'カード 1 の内容' });
		expect(await memberText.isEditable()).toBe(true);
		await f.getByRole('button', { name: /ボードをロック/ }).click();
		await expect.poll(() => memberText.isEditable(), WAIT).toBe(false);
		await expect.poll(() => screenText(m.getByRole('region', { name: '進行状況' })), WAIT).toContain('ロック中');
		// the facilitator keeps editing
		expect(await f.getByRole('textbox', { name: 'カード 1 の内容' }).isEditable()).toBe(true);
		await f.getByRole('button', { name: /ロックを解除/ }).click();
		await expect.poll(() => memberText.isEditable(), WAIT).toBe(true);
	});

	it('shows the projector view with the join address and a QR code', async () => {
		await f.goto(projectorUrl);
		await expect.poll(() => screenText(f.getByRole('status', { name: '接続状態' })), WAIT).toBe('接続中');
		await expect.poll(() => f.getByText(boardUrl, { exact: true }).count(), WAIT).toBe(1);
		const qr = f.getByRole('img', { name: 'このボードのアドレスのQRコード' });
		await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth), WAIT).toBeGreaterThan(100);
		await expect.poll(() => screenText(phaseOf(f)), WAIT).toBe('グループ討議');
		await expect.poll(() => f.getByText(`課題カード ${CARD_COUNT}: 窓口の手続きが紙のみ`).count(), WAIT).toBe(1);
		await timerOf(f).waitFor(WAIT);
		// the revealed totals are shown on the projector too
		expect(await f.getByText('2点', { exact: true }).count()).toBe(1);
		await f.screenshot({ path: join(ARTIFACTS_DIR, 'projector.png') });
	});

	it('lets a participant join by typing the short code the projector shows', async () => {
		const shown = await screenText(f.getByTestId('join-code'));
		expect(shown).toMatch(/^[2-9A-Z]{3} [2-9A-Z]{3}$/);
		expect(await f.getByText(/を開いてこのコードを入力/).count()).toBe(1);
		// a code of no board of theirs: said in Japanese, nothing opened
		await m.goto(`${server.url}/j`);
		await m.getByLabel('参加コード').fill('ZZZ ZZZ');
		await m.getByRole('button', { name: 'ボードを開く' }).click();
		await expect.poll(() => m.getByText('この参加コードのボードは見つかりません', { exact: false }).count(), WAIT).toBe(1);
		// typed as people do: lower case, a hyphen instead of the space
		await m.getByLabel('参加コード').fill(shown.toLowerCase().replace(' ', '-'));
		await m.getByRole('button', { name: 'ボードを開く' }).click();
		await m.waitForURL(boardUrl, WAIT);
		await expect.poll(() => screenText(m.getByRole('status', { name: '接続状態' })), WAIT).toBe('接続中');
		// and the short path works from the address bar
		await m.goto(`${server.url}/j/${shown.replace(' ', '')}`);
		await m.waitForURL(boardUrl, WAIT);
	});
});
