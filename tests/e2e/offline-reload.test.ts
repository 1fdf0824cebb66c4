/**
 * Reloading a board with the network down (issue 12, fix 4): the service worker answers the
 * reload with the last online copy of the page, the board opens its local copy and says
 * オフライン; an edit made then reaches the server when the network is back. Any other page opened
 * offline says in Japanese that the network is down and nothing typed is lost (instead of the
 * browser's own error page). Logging out empties the kept pages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import { connectBoard, waitFor } from '../helpers/collab-client';
import { addMember, createBoardDocument, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';
import { listCards } from '../../src/lib/collab/schema';
import type { Db } from '../../src/lib/server/db';

const WAIT = { timeout: 20_000, interval: 100 };

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceUrl: string;
let boardUrl: string;
let boardId: string;
let userId: string;

const status = () => page.getByRole('status', { name: '接続状態' });
const screenText = (locator: Locator) => locator.innerText().then((t) => t.trim());
const card = (n: number) => page.getByRole('textbox', { name: `カード ${n} の内容` });

beforeAll(async () => {
	server = await startBrowserAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	const workspace = await createWorkspace(db);
	const person = await createUser(db, { displayName: '美里 花子', password: 'offline-pass-2025' });
	userId = person.id;
	await addMember(db, workspace.id, person.id, 'member');
	boardId = (await createBoardDocument(db, workspace.id)).id;
	workspaceUrl = `${server.url}/w/${workspace.id}`;
	boardUrl = `${workspaceUrl}/boards/${boardId}`;
	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('page error', error));
	await logIn(page, server.url, { loginId: person.loginId, password: person.password }, WAIT.timeout);
});

afterAll(async () => {
	await context?.close().catch(() => undefined);
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

describe('a board reloaded without network', () => {
	it('is reloaded from the kept page and the local copy, and says オフライン', async () => {
		await page.goto(boardUrl);
		await expect.poll(() => screenText(status()), WAIT).toBe('接続中');
		await page.getByRole('button', { name: 'カードを追加' }).click();
		await card(1).fill('窓口の待ち時間が長い');
		// the service worker takes over this page, then keeps the board page at the next load
		await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, WAIT);
		await page.reload();
		await expect.poll(() => screenText(status()), WAIT).toBe('接続中');
		await expect.poll(() => card(1).inputValue(), WAIT).toBe('窓口の待ち時間が長い');

		await context.setOffline(true);
		await page.reload();
		await expect.poll(() => screenText(status()), WAIT).toMatch(/^オフライン/);
		await expect.poll(() => card(1).inputValue(), WAIT).toBe('窓口の待ち時間が長い');
		// still editable offline: the edit waits in the local copy
		await card(1).fill('窓口の待ち時間が長い（繁忙期は1時間）');
		await expect.poll(() => screenText(status()), WAIT).toBe('オフライン（未送信の変更あり）');
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'offline-reload-board.png') });
	});

	it('says on any other page that the network is down and nothing is lost', async () => {
		const other = await context.newPage();
		await other.goto(workspaceUrl);
		await expect.poll(() => other.getByRole('heading', { level: 1 }).innerText(), WAIT).toBe('ネットワークに接続できません');
		expect(await other.getByText('これまでに入力した内容は失われていません。').count()).toBe(1);
		await other.screenshot({ path: join(ARTIFACTS_DIR, 'offline-other-page.png') });
		await other.close();
	});

	it('sends the offline edit when the network is back', async () => {
		await context.setOffline(false);
		await expect.poll(() => screenText(status()), WAIT).toBe('接続中');
		const observer = await connectBoard(server, boardId, { cookie: (await sessionCookie(db, userId)).cookie });
		await waitFor(() => {
			const cards = listCards(observer.doc);
			return cards.length === 1 && cards[0]!.text === '窓口の待ち時間が長い（繁忙期は1時間）';
		}, { what: 'the offline edit on the server' });
		observer.destroy();
	});

	it('forgets the kept pages at logout', async () => {
		expect(await page.evaluate(async () => (await (await caches.open('machi-pages')).keys()).length)).toBeGreaterThan(0);
		await page.getByRole('button', { name: 'ログアウト' }).click();
		await page.waitForURL(/\/login/, WAIT);
		await expect
			.poll(() => page.evaluate(async () => (await caches.has('machi-pages')) ? (await (await caches.open('machi-pages')).keys()).length : 0), WAIT)
			.toBe(0);
	});
});
