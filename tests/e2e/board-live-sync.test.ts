/**
 * Two people on one board, in two separate browsers (contexts), logged in through the real login
 * form: live typing shows up on the other screen, presence shows who is there, and edits made
 * while one of them is offline merge when the network comes back. Assertions read the screen.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import {
	addMember,
	createBoardDocument,
	createUser,
	createWorkspace,
	openTestDb
} from '../helpers/fixtures';
import { newId } from '../../src/lib/server/ids';
import { invalidateUserSessions } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';

interface Person {
	id: string;
	loginId: string;
	password: string;
	displayName: string;
}

const WAIT = { timeout: 15_000, interval: 100 };

let server: AppServer;
let browser: Browser;
let db: Db;
let closeDb: () => Promise<void>;
let boardUrl: string;
let alice: Person;
let bob: Person;
let carol: Person;
const contexts: BrowserContext[] = [];

/** A section (係) under a department (課), so that presence has a department to show. */
async function createSection(db: Db, workspaceId: string, department: string, section: string) {
	const departmentId = newId();
	const sectionId = newId();
	await db
		.insertInto('org_unit')
		.values([
			{ id: departmentId, workspace_id: workspaceId, parent_id: null, name: department, sort_order: 1 },
			{ id: sectionId, workspace_id: workspaceId, parent_id: departmentId, name: section, sort_order: 1 }
		])
		.execute();
	return sectionId;
}

async function openPerson(person: Person): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`[${person.loginId}] page error`, error));
	// log in as a person would: type the login id and password, press the button. Wait until
	// the page is idle first: text typed before hydration is reset by it.
	await logIn(page, server.url, person, WAIT.timeout);
	await page.goto(boardUrl);
	return { context, page };
}

const status = (page: Page) => page.getByRole('status', { name: '接続状態' });
const cardText = (page: Page, n: number) => page.getByRole('textbox', { name: `カード ${n} の内容` });
const screenText = (locator: Locator) => locator.innerText().then((t) => t.trim());

async function waitForStatus(page: Page, text: string) {
	await expect.poll(() => screenText(status(page)), WAIT).toBe(text);
}

beforeAll(async () => {
	server = await startBrowserAppServer();
	const opened = openTestDb(server.databasePath);
	db = opened.db;
	closeDb = opened.close;
	const workspace = await createWorkspace(db);
	const a = await createUser(db, { displayName: '会津 花子', password: 'hanako-pass-2024' });
	const b = await createUser(db, { displayName: '美里 太郎', password: 'taro-pass-2024' });
	await addMember(db, workspace.id, a.id, 'member');
	await addMember(db, workspace.id, b.id, 'member');
	const c = await createUser(db, { displayName: '本郷 次郎', password: 'jiro-pass-2024' });
	await addMember(db, workspace.id, c.id, 'observer');
	const section = await createSection(db, workspace.id, '総務課', '企画係');
	await db
		.updateTable('membership')
		.set({ org_unit_id: section })
		.where('user_id', '=', a.id)
		.execute();
	const board = await createBoardDocument(db, workspace.id, '第1回 係員WG 第1グループ');
	boardUrl = `${server.url}/w/${workspace.id}/boards/${board.id}`;
	alice = a;
	bob = b;
	carol = c;
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

describe('a shared board in two browsers', () => {
	let a: Page;
	let b: Page;
	let contextB: BrowserContext;

	it('shows a card and its text typed by one person on the other screen, and who is here', async () => {
		({ page: a } = await openPerson(alice));
		({ page: b, context: contextB } = await openPerson(bob));
		await waitForStatus(a, '接続中');
		await waitForStatus(b, '接続中');
		expect(await a.getByRole('heading', { level: 1 }).innerText()).toBe('第1回 係員WG 第1グループ');

		await a.getByRole('button', { name: 'カードを追加' }).click();
		const textA = cardText(a, 1);
		await textA.waitFor();
		await textA.pressSequentially('施設予約が紙と電話のみ', { delay: 15 });

		const textB = cardText(b, 1);
		await expect.poll(() => textB.inputValue(), WAIT).toBe('施設予約が紙と電話のみ');
		const cardB = b.getByRole('article', { name: 'カード 1', exact: true });
		expect(await screenText(cardB.getByText('作成: '))).toBe(`作成: ${alice.displayName}`);

		const presenceB = b.getByRole('region', { name: '参加中のメンバー' });
		await expect.poll(() => screenText(presenceB), WAIT).toContain(alice.displayName);
		expect(await screenText(presenceB)).toContain('総務課 企画係');
		const presenceA = a.getByRole('region', { name: '参加中のメンバー' });
		await expect.poll(() => screenText(presenceA), WAIT).toContain(bob.displayName);
		// A is in card 1: B sees that on the card
		await expect.poll(() => screenText(cardB), WAIT).toContain(`${alice.displayName} さんが入力中`);
	});

	it('lists a person again right after a reconnect, even without any change meanwhile', async () => {
		const presenceA = a.getByRole('region', { name: '参加中のメンバー' });
		await a.getByRole('heading', { level: 1 }).click(); // A leaves the card
		await contextB.setOffline(true);
		await waitForStatus(b, 'オフライン（変更はこの端末に保存されます）');
		await contextB.setOffline(false);
		await waitForStatus(b, '接続中');
		// the server drops B's old connection (and B's presence) when the new one comes; B must
		// announce itself again at once rather than at the 15-second awareness renewal
		await a.waitForTimeout(2000);
		await expect.poll(() => screenText(presenceA), { timeout: 3000, interval: 100 }).toContain(bob.displayName);
	});

	it('merges edits made while one person was offline and shows connected again', async () => {
		await contextB.setOffline(true);
		await waitForStatus(b, 'オフライン（変更はこの端末に保存されます）');

		// B adds to the end while offline
		const textB = cardText(b, 1);
		await textB.click();
		await textB.press('Control+End');
		await textB.pressSequentially('。土日は予約できない', { delay: 15 });
		await waitForStatus(b, 'オフライン（未送信の変更あり）');
		expect(await textB.inputValue()).toBe('施設予約が紙と電話のみ。土日は予約できない');

		// meanwhile A edits the start of the same card
		const textA = cardText(a, 1);
		await textA.click();
		await textA.press('Control+Home');
		await textA.pressSequentially('【課題】', { delay: 15 });
		expect(await textA.inputValue()).toBe('【課題】施設予約が紙と電話のみ');
		// A's edit does not reach B while B is offline
		expect(await textB.inputValue()).toBe('施設予約が紙と電話のみ。土日は予約できない');
		await waitForStatus(a, '接続中');

		await contextB.setOffline(false);
		const merged = '【課題】施設予約が紙と電話のみ。土日は予約できない';
		await expect.poll(() => textB.inputValue(), WAIT).toBe(merged);
		await expect.poll(() => textA.inputValue(), WAIT).toBe(merged);
		await waitForStatus(b, '接続中');
		await waitForStatus(a, '接続中');

		// B's caret stayed after what B typed although A's text arrived before it
		const caret = await textB.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
		expect(caret).toBe(merged.length);

		// B is listed as present again on A's screen soon after reconnecting
		const presenceA = a.getByRole('region', { name: '参加中のメンバー' });
		await expect.poll(() => screenText(presenceA), { timeout: 5000, interval: 100 }).toContain(bob.displayName);

		await a.screenshot({ path: join(ARTIFACTS_DIR, 'board-live-sync.png'), fullPage: true });
		await b.screenshot({ path: join(ARTIFACTS_DIR, 'board-live-sync-other-person.png'), fullPage: true });
	});

	it('keeps a Japanese IME composition intact while someone else types, then merges it', async () => {
		const textA = cardText(a, 1);
		const textB = cardText(b, 1);
		const before = await textA.inputValue();
		await textA.click();
		await textA.press('Control+End');
		// A starts converting with an IME (as a Japanese keyboard does): nothing is committed yet
		const ime = await a.context().newCDPSession(a);
		await ime.send('Input.imeSetComposition', { text: 'よやく', selectionStart: 3, selectionEnd: 3 });
		expect(await textA.inputValue()).toBe(before + 'よやく');

		// meanwhile B types at the start of the same card
		await textB.click();
		await textB.press('Control+Home');
		await textB.pressSequentially('★', { delay: 15 });
		await a.waitForTimeout(500);
		// A's screen is left alone during the composition; B does not see unconverted kana
		expect(await textA.inputValue()).toBe(before + 'よやく');
		expect(await textB.inputValue()).toBe('★' + before);

		// A commits the conversion: both edits end up on both screens
		await ime.send('Input.insertText', { text: '予約' });
		const merged = '★' + before + '予約';
		await expect.poll(() => textA.inputValue(), WAIT).toBe(merged);
		await expect.poll(() => textB.inputValue(), WAIT).toBe(merged);
		const caret = await textA.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
		expect(caret).toBe(merged.length);
		await ime.detach();

		// B's caret sits right after ★; A types at the very start: B's caret moves with its text
		await textB.press('Control+Home');
		await textB.press('ArrowRight');
		await textA.press('Control+Home');
		await textA.pressSequentially('◎', { delay: 15 });
		await expect.poll(() => textB.inputValue(), WAIT).toBe('◎' + merged);
		const caretB = await textB.evaluate((el) => [
			(el as HTMLTextAreaElement).selectionStart,
			(el as HTMLTextAreaElement).selectionEnd
		]);
		expect(caretB).toEqual([2, 2]);
	});

	it('warns before logging out with unsent changes and clears the local copy on logout', async () => {
		await contextB.setOffline(true);
		await waitForStatus(b, 'オフライン（変更はこの端末に保存されます）');
		await cardText(b, 1).press('Control+End');
		await cardText(b, 1).pressSequentially('（要確認）', { delay: 15 });
		await waitForStatus(b, 'オフライン（未送信の変更あり）');

		const dbNames = () =>
			b.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
		expect((await dbNames()).some((n) => n.startsWith('dsw:'))).toBe(true);

		// dismiss: stays on the board with the text intact
		let message = '';
		b.once('dialog', (dialog) => {
			message = dialog.message();
			void dialog.dismiss();
		});
		await b.getByRole('button', { name: 'ログアウト' }).click();
		await expect.poll(() => message, WAIT).toContain('サーバーに届いていない変更があります。ログアウトすると失われます。');
		expect(b.url()).toBe(boardUrl);
		expect(await cardText(b, 1).inputValue()).toContain('（要確認）');

		// back online the change is sent; logging out asks nothing and removes the local copy
		await contextB.setOffline(false);
		await waitForStatus(b, '接続中');
		await expect.poll(() => cardText(a, 1).inputValue(), WAIT).toContain('（要確認）');
		let asked = false;
		b.once('dialog', (dialog) => {
			asked = true;
			void dialog.accept();
		});
		await b.getByRole('button', { name: 'ログアウト' }).click();
		await b.waitForURL((url) => url.pathname === '/login', WAIT);
		expect(asked).toBe(false);
		expect((await dbNames()).filter((n) => n.startsWith('dsw:'))).toEqual([]);
		expect(await b.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dsw:')))).toEqual([]);
	});

	it('shows an observer the board read-only', async () => {
		const { page: c } = await openPerson(carol);
		await waitForStatus(c, '接続中');
		expect(await screenText(c.getByRole('note'))).toBe(
			'閲覧専用の参加です（オブザーバー）。カードの追加や編集はできません。'
		);
		expect(await c.getByRole('button', { name: 'カードを追加' }).count()).toBe(0);
		expect(await c.getByRole('button', { name: 'カード 1 を削除' }).count()).toBe(0);
		const text = cardText(c, 1);
		await expect.poll(() => text.inputValue(), WAIT).toContain('【課題】施設予約が紙と電話のみ');
		expect(await text.getAttribute('readonly')).not.toBeNull();
	});

	it('sends a person to the login page when the server ends the session (close code 4401)', async () => {
		await waitForStatus(a, '接続中');
		await invalidateUserSessions(db, alice.id);
		await a.waitForURL((url) => url.pathname === '/login', WAIT);
		expect(new URL(a.url()).searchParams.get('redirectTo')).toBe(new URL(boardUrl).pathname);
		expect(await a.getByRole('heading', { level: 1 }).innerText()).toBe('ログイン');
	});

	it('also finds out when the session ended while offline (the upgrade is refused)', async () => {
		const { page: b2, context } = await openPerson(bob);
		await waitForStatus(b2, '接続中');
		await context.setOffline(true);
		await waitForStatus(b2, 'オフライン（変更はこの端末に保存されます）');
		await invalidateUserSessions(db, bob.id);
		await context.setOffline(false);
		await b2.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
		expect(await b2.getByRole('heading', { level: 1 }).innerText()).toBe('ログイン');
		// the way there: the reconnect was refused before the upgrade (browsers see only 1006)
		await server.waitForLog((l) => l.event === 'collab.socket_refused' && l.status === 401);
	});
});
