/**
 * A page the server closes for flooding (4429) says so in Japanese, keeps saying so while it waits
 * (it does not flicker back to 再接続中…), keeps what was typed, and reconnects by itself after
 * 30 s, when what was typed reaches the server. The server under test has a tiny budget (one
 * message a second, five at once, closed after 0.5 s over it), so that typing quickly floods it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { boardCards, cardText } from '../../src/lib/collab/schema';
import { openDatabase } from '../../src/lib/server/db';
import { DocumentStore } from '../../src/lib/server/collab/persistence';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { launchBrowser, logIn } from '../helpers/browser';
import { addMember, createBoardDocument, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';

const WAIT = { timeout: 15_000, interval: 100 };
const TYPED = 'いそいでたくさん入力する';

let server: AppServer;
let browser: Browser;
let boardUrl: string;
let documentId: string;
const person = { loginId: '', password: 'flood-pass-2024' };

beforeAll(async () => {
	server = await startBrowserAppServer({
		WS_INBOUND_RATE: '1',
		WS_INBOUND_BURST: '5',
		WS_INBOUND_CLOSE_AFTER_MS: '500'
	});
	const { db, close } = openTestDb(server.databasePath);
	const workspace = await createWorkspace(db);
	const user = await createUser(db, { displayName: '早打 一郎', password: person.password });
	await addMember(db, workspace.id, user.id, 'member');
	const board = await createBoardDocument(db, workspace.id, '連打のボード');
	person.loginId = user.loginId;
	documentId = board.id;
	boardUrl = `${server.url}/w/${workspace.id}/boards/${board.id}`;
	await close();
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const statusText = (page: Page) =>
	page
		.getByRole('status', { name: '接続状態' })
		.innerText()
		.then((t) => t.trim());

async function storedText(): Promise<string | null> {
	const database = openDatabase(server.databasePath);
	try {
		const { doc } = await new DocumentStore(database).load(documentId);
		const card = [...boardCards(doc).values()][0];
		return card ? cardText(card).toString() : null;
	} finally {
		await database.db.destroy();
	}
}

it('shows the flood close in Japanese, keeps it on screen, and reconnects after 30 s with nothing lost', async () => {
	const context = await browser.newContext({ locale: 'ja-JP' });
	const page = await context.newPage();
	await logIn(page, server.url, person, WAIT.timeout);
	await page.goto(boardUrl);
	await expect.poll(() => statusText(page), WAIT).toBe('接続中');

	await page.getByRole('button', { name: 'カードを追加' }).click();
	const text = page.getByRole('textbox', { name: 'カード 1 の内容' });
	await text.waitFor();
	await text.pressSequentially(TYPED, { delay: 0 });

	await expect.poll(() => statusText(page), WAIT).toContain('短時間に大量の変更が送られたため');
	const closedAt = Date.now();
	expect(server.logs.some((l) => l.event === 'collab.rate_limited')).toBe(true);
	// still shown a few seconds later, not replaced by 再接続中… while it waits
	await page.waitForTimeout(3000);
	expect(await statusText(page)).toContain('30秒後に自動で再接続します');
	expect(await text.inputValue()).toBe(TYPED);

	// after 30 s the page reconnects by itself and sends what the server did not accept
	await expect.poll(() => statusText(page), { timeout: 45_000, interval: 250 }).toBe('接続中');
	expect(Date.now() - closedAt).toBeGreaterThanOrEqual(25_000);
	await expect.poll(() => storedText(), WAIT).toBe(TYPED);
	await context.close();
});
