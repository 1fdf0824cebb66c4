/**
 * The participant side of a group board in two browsers, logged in through the real login form:
 * issue cards with background and target residents, an idea sheet made from a card and filled in
 * by someone else while the first person watches, KPI hints, undo of one's own edits only,
 * deletion with confirmation and undo, carrying a sheet from a clerk-level board into a
 * chief-level board, and the print view. Assertions read the screen.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';
import { newId } from '../../src/lib/server/ids';
import { addGroup, createWorkshop } from '../../src/lib/server/repositories/workshops';
import { DEFAULT_WORKSHOP_SESSIONS } from '../../src/lib/domain/workshop-template';
import type { Db } from '../../src/lib/server/db';

interface Person {
	id: string;
	loginId: string;
	password: string;
	displayName: string;
}

const WAIT = { timeout: 15_000, interval: 100 };
const SESSION_2 = '係員 第2回 デジタルによる課題解決アイデア';

let server: AppServer;
let browser: Browser;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
let clerkBoardUrl: string;
let chiefBoardUrl: string;
let alice: Person;
let bob: Person;
let carol: Person;
const contexts: BrowserContext[] = [];

async function createSection(db: Db, department: string, section: string) {
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

async function openPerson(person: Person, url: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`[${person.loginId}] page error`, error));
	await logIn(page, server.url, person, WAIT.timeout);
	await page.goto(url);
	await waitConnected(page);
	return page;
}

const screenText = (locator: Locator) => locator.innerText().then((t) => t.trim());
const card = (page: Page, n: number) => page.getByRole('article', { name: `カード ${n}`, exact: true });
const editor = (page: Page) => page.getByRole('region', { name: 'アイデアシートの編集' });
const kpi = (page: Page, label: string) => editor(page).getByRole('region', { name: label, exact: true });
const sheetList = (page: Page) => page.getByRole('list', { name: 'アイデアシート一覧' });

async function waitConnected(page: Page) {
	await expect.poll(() => screenText(page.getByRole('status', { name: '接続状態' })), WAIT).toBe('接続中');
}

async function openDetails(page: Page, n: number) {
	const details = card(page, n).locator('details');
	if ((await details.getAttribute('open')) === null) await card(page, n).getByText('背景・対象・コメント').click();
}

beforeAll(async () => {
	server = await startBrowserAppServer();
	const opened = openTestDb(server.databasePath);
	db = opened.db;
	closeDb = opened.close;
	workspaceId = (await createWorkspace(db, { planStartFy: 2025, planEndFy: 2029 })).id;
	alice = await createUser(db, { displayName: '会津 花子', password: 'hanako-pass-2024' });
	bob = await createUser(db, { displayName: '美里 太郎', password: 'taro-pass-2024' });
	await addMember(db, workspaceId, alice.id, 'member');
	await addMember(db, workspaceId, bob.id, 'member');
	carol = await createUser(db, { displayName: '本郷 次郎', password: 'jiro-pass-2024' });
	await addMember(db, workspaceId, carol.id, 'observer');
	const soumu = await createSection(db, '総務課', '企画係');
	const gakushu = await createSection(db, '生涯学習課', '生涯学習係');
	await db.updateTable('membership').set({ org_unit_id: soumu }).where('user_id', '=', alice.id).execute();
	await db.updateTable('membership').set({ org_unit_id: gakushu }).where('user_id', '=', bob.id).execute();
	const workshop = await createWorkshop(db, {
		workspaceId,
		title: '令和8年度 職員ワーキンググループ',
		sessions: DEFAULT_WORKSHOP_SESSIONS
	});
	const clerk2 = workshop.sessions.find((s) => s.ordinal === 2)!;
	const chief1 = workshop.sessions.find((s) => s.ordinal === 3)!;
	const clerkGroup = await addGroup(db, { workspaceId, sessionId: clerk2.id, name: 'A班' });
	const chiefGroup = await addGroup(db, { workspaceId, sessionId: chief1.id, name: 'A班' });
	clerkBoardUrl = `${server.url}/w/${workspaceId}/boards/${clerkGroup.documentId}`;
	chiefBoardUrl = `${server.url}/w/${workspaceId}/boards/${chiefGroup.documentId}`;
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

describe('issue cards and idea sheets on a group board', () => {
	let a: Page;
	let b: Page;
	const problem = '公共施設の予約が紙の申請書のみで、空き状況も電話しないとわからない';
	const title = '公共施設のオンライン予約';

	it('(a) a card with background and targets becomes an idea sheet that another member fills in, live', async () => {
		a = await openPerson(alice, clerkBoardUrl);
		b = await openPerson(bob, clerkBoardUrl);

		// A writes an issue card with the background from both sides and the target residents
		await a.getByRole('button', { name: 'カードを追加' }).click();
		const problemA = a.getByRole('textbox', { name: 'カード 1 の内容' });
		await problemA.waitFor();
		await problemA.pressSequentially(problem, { delay: 5 });
		await openDetails(a, 1);
		await a.getByRole('textbox', { name: 'カード 1 の背景（住民側）' }).pressSequentially('申込のたびに窓口に行かなければならない', { delay: 5 });
		await a.getByRole('textbox', { name: 'カード 1 の背景（町側）' }).pressSequentially('予約の管理が煩雑で電話対応に追われる', { delay: 5 });
		await card(a, 1).getByRole('checkbox', { name: '町民' }).check();
		await card(a, 1).getByRole('checkbox', { name: '関係人口' }).check();
		// the card is filed under A's department by default
		expect(await screenText(card(a, 1).locator('header'))).toContain('総務課 企画係');

		// B sees all of it
		await expect.poll(() => b.getByRole('textbox', { name: 'カード 1 の内容' }).inputValue(), WAIT).toBe(problem);
		await openDetails(b, 1);
		await expect
			.poll(() => b.getByRole('textbox', { name: 'カード 1 の背景（住民側）' }).inputValue(), WAIT)
			.toBe('申込のたびに窓口に行かなければならない');
		await expect
			.poll(() => b.getByRole('textbox', { name: 'カード 1 の背景（町側）' }).inputValue(), WAIT)
			.toBe('予約の管理が煩雑で電話対応に追われる');
		await expect.poll(() => card(b, 1).getByRole('checkbox', { name: '町民' }).isChecked(), WAIT).toBe(true);
		expect(await card(b, 1).getByRole('checkbox', { name: '関係人口' }).isChecked()).toBe(true);
		expect(await card(b, 1).getByRole('checkbox', { name: '町内事業者' }).isChecked()).toBe(false);

		// B turns the card into an idea sheet: the problem, background and targets come along
		await b.getByRole('button', { name: 'カード 1 からアイデアシートを作る' }).click();
		const sheetB = editor(b);
		await sheetB.waitFor();
		expect(await sheetB.getByLabel('★課題', { exact: true }).inputValue()).toBe(problem);
		expect(await sheetB.getByLabel('★課題の背景（住民側から）').inputValue()).toBe('申込のたびに窓口に行かなければならない');
		expect(await sheetB.getByRole('checkbox', { name: '町民' }).isChecked()).toBe(true);
		expect(await sheetB.getByLabel('課・係名').inputValue()).toBe('生涯学習課 生涯学習係');
		const titleB = sheetB.getByLabel('アイデアの名前（一覧に表示）');
		await titleB.fill(title);

		// A opens the new sheet from the list and watches B fill it in
		await sheetList(a).getByRole('button', { name: `アイデアシート「${title}」を開く` }).click({ timeout: 15_000 });
		const sheetA = editor(a);
		await sheetA.waitFor();

		await sheetB.getByLabel('① 何をつかって').pressSequentially('申込受付のオンライン化により', { delay: 5 });
		await sheetB.getByLabel('② 誰を').pressSequentially('施設利用希望者が', { delay: 5 });
		await sheetB.getByLabel('③ どういう状態にするか').pressSequentially('スマホからいつでも空き状況の確認と予約ができるようにする', { delay: 5 });
		await sheetB.getByRole('button', { name: 'アウトカム指標を追加' }).click();
		const outcomeB = kpi(b, 'アウトカム指標 1');
		await outcomeB.getByLabel('指標', { exact: true }).pressSequentially('オンライン予約システムの利用件数', { delay: 5 });
		await outcomeB.getByLabel('単位', { exact: true }).fill('件');
		await outcomeB.getByLabel('計測方法').pressSequentially('申請受付件数をシステムにより把握', { delay: 5 });
		await outcomeB.getByLabel('令和8年度の目標値').fill('１，２００');
		await outcomeB.getByLabel('令和8年度の目標値').press('Tab');
		await outcomeB.getByLabel('令和9年度の目標値').fill('2400');
		await outcomeB.getByLabel('令和9年度の目標値').press('Tab');

		await expect.poll(() => sheetA.getByLabel('① 何をつかって').inputValue(), WAIT).toBe('申込受付のオンライン化により');
		await expect.poll(() => sheetA.getByLabel('② 誰を').inputValue(), WAIT).toBe('施設利用希望者が');
		await expect
			.poll(() => sheetA.getByLabel('③ どういう状態にするか').inputValue(), WAIT)
			.toBe('スマホからいつでも空き状況の確認と予約ができるようにする');
		const outcomeA = kpi(a, 'アウトカム指標 1');
		await expect.poll(() => outcomeA.getByLabel('指標', { exact: true }).inputValue(), WAIT).toBe('オンライン予約システムの利用件数');
		await expect.poll(() => outcomeA.getByLabel('計測方法').inputValue(), WAIT).toBe('申請受付件数をシステムにより把握');
		await expect.poll(() => outcomeA.getByLabel('令和8年度の目標値').inputValue(), WAIT).toBe('1200');
		await expect.poll(() => outcomeA.getByLabel('令和9年度の目標値').inputValue(), WAIT).toBe('2400');
		expect(await outcomeA.getByLabel('令和10年度の目標値').inputValue()).toBe('');
		expect(await sheetA.getByRole('heading', { level: 3 }).innerText()).toBe(title);
	});

	it('(b) an outcome named like an activity gets a Japanese hint that goes away when renamed', async () => {
		const sheetB = editor(b);
		// the rest of the template, so that the screenshot shows a filled sheet
		await sheetB.getByRole('checkbox', { name: '魅力的な地域をつくる' }).check();
		await sheetB.getByRole('button', { name: 'デジタル活用アイデアを追加' }).click();
		await sheetB.getByRole('textbox', { name: 'デジタル活用アイデア 1', exact: true }).pressSequentially('公共施設予約システムの構築', { delay: 5 });
		await sheetB.getByRole('radio', { name: '令和9年度', exact: true }).check();
		// an example from another municipality: only http(s) links become links
		await sheetB.getByRole('button', { name: '事例を追加' }).click();
		await sheetB.getByRole('textbox', { name: '他自治体の事例 1', exact: true }).fill('○○市 公共施設予約システム');
		const url = sheetB.getByLabel('事例 1 のリンク（URL）');
		await url.fill('javascript:alert(1)');
		await url.press('Tab');
		expect(await screenText(sheetB.getByRole('alert'))).toContain('http:// または https:// で始まるURL');
		expect(await sheetB.locator('a[href^="javascript"]').count()).toBe(0);
		await url.fill('https://www.example.lg.jp/yoyaku');
		await url.press('Tab');
		const example = editor(a).getByRole('link', { name: 'https://www.example.lg.jp/yoyaku' });
		await example.waitFor({ timeout: 15_000 });
		expect(await example.getAttribute('rel')).toBe('noopener noreferrer');
		await sheetB.getByLabel('【妥当性】期待する効果').fill('夜間や休日にもスマホから予約でき、窓口に来なくてよくなる');
		await sheetB.getByLabel('【妥当性】副次的な効果').fill('紙の申請書を手入力する手間が省ける');
		await sheetB.getByRole('checkbox', { name: 'Measurable（計測可能な）' }).check();
		await sheetB.getByRole('button', { name: 'アウトプット指標を追加' }).click();
		await kpi(b, 'アウトプット指標 1').getByLabel('指標', { exact: true }).fill('オンラインで予約可能な公共施設の数');
		await kpi(b, 'アウトカム指標 1').getByRole('checkbox', { name: 'オンラインで予約可能な公共施設の数' }).check();

		await sheetB.getByRole('button', { name: 'アウトカム指標を追加' }).click();
		const second = kpi(b, 'アウトカム指標 2');
		const name = second.getByLabel('指標', { exact: true });
		await name.pressSequentially('説明会の開催回数', { delay: 5 });
		const hints = second.getByRole('list', { name: 'アウトカム指標 2のヒント' });
		await expect.poll(() => screenText(hints), WAIT).toContain(
			'「開催回数」は役場の活動量を表す言葉です。この指標はアウトカムではなく、アウトプットかもしれません。'
		);
		// the other member sees the hint beside the same KPI, and the count on the sheet in the list
		const hintsA = kpi(a, 'アウトカム指標 2').getByRole('list', { name: 'アウトカム指標 2のヒント' });
		await expect.poll(() => screenText(hintsA), WAIT).toContain('アウトプットかもしれません');
		const badge = sheetList(a).locator('.hint-badge');
		const countOf = async () => Number((await screenText(badge)).match(/(\d+)件/)?.[1] ?? -1);
		const before = await countOf();
		expect(before).toBeGreaterThan(0);

		await name.fill('予約システムの利用者数');
		await expect.poll(() => screenText(hints).catch(() => ''), WAIT).not.toContain('アウトプットかもしれません');
		await expect.poll(() => screenText(hintsA).catch(() => ''), WAIT).not.toContain('アウトプットかもしれません');
		await expect.poll(countOf, WAIT).toBe(before - 1);

		await expect.poll(() => editor(a).getByRole('textbox', { name: 'デジタル活用アイデア 1', exact: true }).inputValue(), WAIT).toBe('公共施設予約システムの構築');
		// the whole filled sheet as A sees it (a full-page capture, so sticky bars stay in place)
		await a.evaluate(() => window.scrollTo(0, 0));
		const box = (await editor(a).boundingBox())!;
		await a.screenshot({ path: join(ARTIFACTS_DIR, 'idea-sheet.png'), fullPage: true, clip: box });
	});

	it('(c) undo takes back only one\'s own edit, not the other person\'s', async () => {
		const textA = a.getByRole('textbox', { name: 'カード 1 の内容' });
		const textB = b.getByRole('textbox', { name: 'カード 1 の内容' });
		await textA.click();
		await textA.press('Control+End');
		await textA.pressSequentially('（A追記）', { delay: 10 });
		await expect.poll(() => textB.inputValue(), WAIT).toBe(problem + '（A追記）');

		await textB.click();
		await textB.press('Control+Home');
		await textB.pressSequentially('【B】', { delay: 10 });
		await expect.poll(() => textA.inputValue(), WAIT).toBe('【B】' + problem + '（A追記）');

		// A presses Ctrl+Z: A's addition goes, B's stays, on both screens
		await textA.click();
		await a.keyboard.press('Control+z');
		await expect.poll(() => textA.inputValue(), WAIT).toBe('【B】' + problem);
		await expect.poll(() => textB.inputValue(), WAIT).toBe('【B】' + problem);

		// redo with the button brings it back
		await a.getByRole('button', { name: 'やり直す' }).click();
		await expect.poll(() => textB.inputValue(), WAIT).toBe('【B】' + problem + '（A追記）');
		// and Ctrl+Shift+Z after another undo
		await textA.click();
		await a.keyboard.press('Control+z');
		await expect.poll(() => textA.inputValue(), WAIT).toBe('【B】' + problem);
		await a.keyboard.press('Control+Shift+z');
		await expect.poll(() => textA.inputValue(), WAIT).toBe('【B】' + problem + '（A追記）');
	});

	it('(d) deleting asks for confirmation, and undo brings the card back for everyone', async () => {
		await a.getByRole('button', { name: 'カードを追加' }).click();
		const second = a.getByRole('textbox', { name: 'カード 2 の内容' });
		await second.waitFor();
		await second.pressSequentially('転入手続きで同じことを何度も書く', { delay: 5 });
		await expect.poll(() => b.getByRole('textbox', { name: 'カード 2 の内容' }).inputValue(), WAIT).toBe(
			'転入手続きで同じことを何度も書く'
		);

		// cancel keeps the card
		await a.getByRole('button', { name: 'カード 2 を削除' }).click();
		const dialog = a.getByRole('dialog', { name: 'カードの削除' });
		await dialog.waitFor();
		expect(await screenText(dialog)).toContain('「カード 2」を削除しますか？');
		await dialog.getByRole('button', { name: 'キャンセル' }).click();
		await dialog.waitFor({ state: 'hidden' });
		expect(await card(a, 2).count()).toBe(1);

		// confirm deletes it on both screens
		await a.getByRole('button', { name: 'カード 2 を削除' }).click();
		await dialog.getByRole('button', { name: '削除する' }).click();
		await expect.poll(() => card(b, 2).count(), WAIT).toBe(0);
		expect(await card(a, 2).count()).toBe(0);
		const toast = a.getByRole('status').filter({ hasText: 'を削除しました' });
		expect(await screenText(toast)).toContain('「カード 2」を削除しました。');

		// undo restores it with its text, for the other person too
		await toast.getByRole('button', { name: '元に戻す' }).click();
		await expect.poll(() => b.getByRole('textbox', { name: 'カード 2 の内容' }).inputValue(), WAIT).toBe(
			'転入手続きで同じことを何度も書く'
		);
		expect(await a.getByRole('textbox', { name: 'カード 2 の内容' }).inputValue()).toBe('転入手続きで同じことを何度も書く');
		expect(await toast.count()).toBe(0);

		// an idea sheet too: confirmation, then Ctrl+Z brings it back with everything in it
		await editor(a).getByRole('button', { name: 'シートを削除' }).click();
		const sheetDialog = a.getByRole('dialog', { name: 'アイデアシートの削除' });
		expect(await screenText(sheetDialog)).toContain(`アイデアシート「${title}」を削除しますか？`);
		await sheetDialog.getByRole('button', { name: '削除する' }).click();
		const listedB = sheetList(b).getByRole('button', { name: `アイデアシート「${title}」を開く` });
		await expect.poll(() => listedB.count(), WAIT).toBe(0);
		await a.keyboard.press('Control+z');
		await expect.poll(() => listedB.count(), WAIT).toBe(1);
		await expect.poll(() => editor(b).getByLabel('① 何をつかって').inputValue(), WAIT).toBe('申込受付のオンライン化により');
		await expect.poll(() => kpi(a, 'アウトカム指標 1').getByLabel('令和9年度の目標値').inputValue(), WAIT).toBe('2400');

		// cards move with the keyboard buttons too
		await a.getByRole('button', { name: 'カード 2 を上へ移動' }).click();
		await expect.poll(() => b.getByRole('textbox', { name: 'カード 1 の内容' }).inputValue(), WAIT).toBe(
			'転入手続きで同じことを何度も書く'
		);
	});

	it('(f) the print view shows the sheet\'s fields on one A4 page', async () => {
		const link = editor(a).getByRole('link', { name: '印刷' });
		const href = await link.getAttribute('href');
		expect(href).toMatch(/\/sheets\/[0-9a-f]+\/print$/);
		const print = await a.context().newPage();
		await print.goto(server.url + href!);
		const paper = print.getByRole('article', { name: 'アイデアシート（印刷用）' });
		const text = await screenText(paper);
		for (const expected of [
			title,
			'生涯学習課 生涯学習係',
			problem,
			'【住民】申込のたびに窓口に行かなければならない',
			'① 申込受付のオンライン化により',
			'② 施設利用希望者が',
			'公共施設予約システムの構築',
			'■令和9年度',
			'■魅力的な地域をつくる',
			'■町民',
			'オンライン予約システムの利用件数',
			'申請受付件数をシステムにより把握',
			'1,200',
			'2,400',
			'対応するアウトプット: オンラインで予約可能な公共施設の数',
			'■Measurable（計測可能な）'
		]) {
			expect(text, expected).toContain(expected);
		}
		expect(await print.getByRole('button', { name: '印刷' }).count()).toBe(1);
		const pdf = await print.pdf({ preferCSSPageSize: true, printBackground: true });
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
		expect(pages.length).toBe(1);
		// A4 portrait: 595 × 842 points
		expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
		await print.close();
	});

	it('(e) a chief-level board carries a clerk-level sheet forward with a link to its origin', async () => {
		await a.goto(chiefBoardUrl);
		await waitConnected(a);
		await a.getByRole('button', { name: '係員の成果から転記' }).click();
		const dialog = a.getByRole('dialog', { name: '係員WGのアイデアシートから転記' });
		const fromBoard = dialog.getByRole('region', { name: `${SESSION_2} A班` });
		await fromBoard.getByRole('button', { name: `「${title}」を転記する` }).click({ timeout: 15_000 });
		await dialog.waitFor({ state: 'hidden' });

		const copy = editor(a);
		await copy.waitFor();
		const origin = copy.locator('[data-origin]');
		expect(await screenText(origin)).toBe(`転記元: ${SESSION_2} A班 ／ ${title}`);
		expect(await copy.getByLabel('① 何をつかって').inputValue()).toBe('申込受付のオンライン化により');
		// the sheet's problem was copied from the card when the sheet was made
		expect(await copy.getByLabel('★課題', { exact: true }).inputValue()).toBe(problem);
		expect(await copy.getByRole('textbox', { name: 'デジタル活用アイデア 1', exact: true }).inputValue()).toBe('公共施設予約システムの構築');
		// the idea stays its department's and author's; the chief is recorded as the one who carried it
		expect(await copy.getByLabel('課・係名').inputValue()).toBe('生涯学習課 生涯学習係');
		expect(await screenText(copy.locator('.carried-by'))).toContain('転記: 会津 花子');
		// the KPIs come along, with their pairing (all groups are ticked by default)
		expect(await kpi(a, 'アウトカム指標 1').getByLabel('指標', { exact: true }).inputValue()).toBe('オンライン予約システムの利用件数');
		expect(await kpi(a, 'アウトプット指標 1').getByLabel('指標', { exact: true }).inputValue()).toBe('オンラインで予約可能な公共施設の数');
		expect(await kpi(a, 'アウトカム指標 1').getByRole('checkbox', { name: 'オンラインで予約可能な公共施設の数' }).isChecked()).toBe(true);

		// editing the copy leaves the origin (and the original) as it was
		await copy.getByLabel('アイデアの名前（一覧に表示）').fill('公共施設予約のオンライン化（係長案）');
		await copy.getByLabel('① 何をつかって').fill('予約システムとキャッシュレス決済により');
		await expect.poll(() => screenText(copy.getByRole('heading', { level: 3 })), WAIT).toBe('公共施設予約のオンライン化（係長案）');
		expect(await screenText(origin)).toBe(`転記元: ${SESSION_2} A班 ／ ${title}`);

		// the origin link opens the source sheet on the clerk-level board
		await origin.getByRole('link').click();
		await a.waitForURL((u) => u.href.startsWith(clerkBoardUrl) && u.searchParams.has('sheet'), WAIT);
		await waitConnected(a);
		await expect.poll(() => editor(a).getByLabel('① 何をつかって').inputValue(), WAIT).toBe('申込受付のオンライン化により');
		expect(await editor(a).getByLabel('アイデアの名前（一覧に表示）').inputValue()).toBe(title);
	});
	it('(g) cards are grouped into named clusters, by dragging or by choosing, and take comments', async () => {
		await a.getByRole('button', { name: 'まとまりを追加' }).click();
		const name = a.getByRole('textbox', { name: 'まとまりの名前' });
		await name.pressSequentially('施設予約', { delay: 10 });
		const clusterA = a.getByRole('region', { name: 'まとまり: 施設予約' });
		const clusterB = b.getByRole('region', { name: 'まとまり: 施設予約' });
		await expect.poll(() => clusterB.count(), WAIT).toBe(1);

		// A drags the facility card into the cluster; clusters come first, so it becomes card 1
		expect(await a.getByRole('textbox', { name: 'カード 2 の内容' }).inputValue()).toBe('【B】' + problem + '（A追記）');
		const handle = card(a, 2).getByRole('img', { name: 'ドラッグして並べ替え' });
		await handle.dragTo(clusterA);
		await expect.poll(() => clusterB.getByRole('article').count(), WAIT).toBe(1);
		expect(await clusterB.getByRole('textbox', { name: 'カード 1 の内容' }).inputValue()).toBe('【B】' + problem + '（A追記）');

		// B puts the other card into the cluster by choosing it on the card
		await openDetails(b, 2);
		await card(b, 2).getByLabel('まとまり', { exact: true }).selectOption({ label: '施設予約' });
		await expect.poll(() => clusterA.getByRole('article').count(), WAIT).toBe(2);

		// a comment on a card reaches the other person
		await openDetails(a, 1);
		const comment = a.getByRole('textbox', { name: 'カード 1 へのコメント' });
		await comment.fill('窓口の受付時間も確認する');
		await comment.press('Enter');
		await openDetails(b, 1);
		await expect
			.poll(() => screenText(b.getByRole('region', { name: 'カード 1 のコメント' })), WAIT)
			.toContain('窓口の受付時間も確認する — 会津 花子');
		await a.evaluate(() => window.scrollTo(0, 0));
		await a.screenshot({ path: join(ARTIFACTS_DIR, 'board-cards.png') });

		// its author may take it back; the other member may not
		const remove = { name: '会津 花子さんのコメント「窓口の受付時間も確認する」を削除' };
		expect(await b.getByRole('button', remove).count()).toBe(0);
		await a.getByRole('button', remove).click();
		await expect
			.poll(() => screenText(b.getByRole('region', { name: 'カード 1 のコメント' })), WAIT)
			.toContain('まだコメントはありません。');
	});

	it('(h) an observer reads cards and sheets but cannot change them', async () => {
		const c = await openPerson(carol, clerkBoardUrl);
		await expect.poll(() => c.getByRole('textbox', { name: 'カード 1 の内容' }).inputValue(), WAIT).toContain(problem);
		expect(await c.getByRole('button', { name: 'カードを追加' }).count()).toBe(0);
		expect(await c.getByRole('button', { name: 'アイデアシートを追加' }).count()).toBe(0);
		expect(await c.getByRole('button', { name: 'カード 1 を削除' }).count()).toBe(0);
		await sheetList(c).getByRole('button', { name: `アイデアシート「${title}」を開く` }).click();
		const sheet = editor(c);
		await expect.poll(() => sheet.getByLabel('① 何をつかって').inputValue(), WAIT).toBe('申込受付のオンライン化により');
		expect(await sheet.getByLabel('① 何をつかって').getAttribute('readonly')).not.toBeNull();
		expect(await sheet.getByRole('checkbox', { name: '町民' }).isDisabled()).toBe(true);
		expect(await sheet.getByRole('button', { name: 'アウトカム指標を追加' }).count()).toBe(0);
		expect(await sheet.getByRole('button', { name: 'シートを削除' }).count()).toBe(0);
		// Ctrl+Z does nothing for an observer
		await sheet.getByLabel('① 何をつかって').click();
		await c.keyboard.press('Control+z');
		expect(await sheet.getByLabel('① 何をつかって').inputValue()).toBe('申込受付のオンライン化により');
	});
});
