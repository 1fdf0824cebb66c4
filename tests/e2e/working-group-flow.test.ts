/**
 * Issue #3 end to end: a working group from the facilitator's setup to the chiefs' session, with
 * four people in their own browsers, each logged in through the real login form — a facilitator,
 * two clerks (係員) and a chief (係長). Only accounts, the workspace and its departments come from
 * fixtures; everything else is done on screen:
 *
 * - the facilitator creates the workshop (four default sessions) and assigns groups
 *   automatically for 係員 第2回 and 係長 第1回 on the workspace page;
 * - clerk A opens "their group" from the workspace page and writes issue cards; clerk B turns
 *   one into an idea sheet with the three-part solution (① ② ③) and an outcome KPI with a
 *   measurement method and yearly targets, while A watches it fill in;
 * - the facilitator runs a dot vote (the totals appear on every screen only when revealed),
 *   brings everyone to a card and to a sheet with the buttons on the items, and locks the board
 *   (the clerks see it read-only); the projector view shows the join address and a QR code;
 * - the chief carries the sheet forward (係員の成果から転記) on a chief-level board and sees the
 *   carried fields and the link to where it came from.
 *
 * Assertions read what each person sees. Screenshots: tests/artifacts/flow-idea-sheet.png and
 * tests/artifacts/flow-projector.png.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';
import { newId } from '../../src/lib/server/ids';
import type { Db } from '../../src/lib/server/db';
import type { StaffRank } from '../../src/lib/server/db/types';

interface Person {
	loginId: string;
	password: string;
	displayName: string;
}

/** Generous: a loaded 2-core machine runs a server and four browser pages. */
const WAIT = { timeout: 20_000, interval: 100 };
/** The same limit for Playwright's own waiting (clicks, waitFor). */
const T = { timeout: WAIT.timeout };
const TOWN = '美郷町';
const STRATEGY = '美郷町デジタル田園都市構想総合戦略';
const WORKSHOP = '令和8年度 職員ワーキンググループ';
const CLERK_1 = '係員 第1回 課題の洗い出し';
const CLERK_2 = '係員 第2回 デジタルによる課題解決アイデア';
const CHIEF_1 = '係長 第1回 アイデアの精査・施策間連携';
const CHIEF_2 = '係長 第2回 KPI設定';

const problem = '公共施設の予約が紙の申請書のみで、空き状況も電話しないとわからない';
const secondProblem = '転入手続きで同じことを何度も書く';
const title = '公共施設のオンライン予約';
const means = '申込受付のオンライン化により';
const whom = '施設利用希望者が';
const state = 'スマホからいつでも空き状況の確認と予約ができるようにする';
const kpiName = 'オンライン予約システムの利用件数';
const kpiMethod = '申請受付件数をシステムにより把握';

let server: AppServer;
let browser: Browser;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
let facilitator: Person;
let clerkA: Person;
let clerkB: Person;
let chief: Person;
const contexts: BrowserContext[] = [];

async function department(name: string, section: string, order: number): Promise<string> {
	const departmentId = newId();
	const sectionId = newId();
	await db
		.insertInto('org_unit')
		.values([
			{ id: departmentId, workspace_id: workspaceId, parent_id: null, name, sort_order: order },
			{ id: sectionId, workspace_id: workspaceId, parent_id: departmentId, name: section, sort_order: 1 }
		])
		.execute();
	return sectionId;
}

async function staff(
	displayName: string,
	password: string,
	role: 'facilitator' | 'member',
	rank: StaffRank,
	orgUnitId: string
): Promise<Person> {
	const user = await createUser(db, { displayName, password });
	await addMember(db, workspaceId, user.id, role, rank);
	await db.updateTable('membership').set({ org_unit_id: orgUnitId }).where('user_id', '=', user.id).execute();
	return { loginId: user.loginId, password, displayName };
}

const screenText = (locator: Locator) => locator.innerText().then((t) => t.trim());
const card = (page: Page, n: number) => page.getByRole('article', { name: `カード ${n}`, exact: true });
const cardText = (page: Page, n: number) => page.getByRole('textbox', { name: `カード ${n} の内容` });
const editor = (page: Page) => page.getByRole('region', { name: 'アイデアシートの編集' });
const kpi = (page: Page, label: string) => editor(page).getByRole('region', { name: label, exact: true });
const sheetList = (page: Page) => page.getByRole('list', { name: 'アイデアシート一覧' });
const strip = (page: Page) => page.getByRole('region', { name: '進行状況' });
const lockedNote = (page: Page) => page.getByRole('note').filter({ hasText: 'このボードはロックされています' });
/** The workspace home's links to the groups of one session. */
const groupsOf = (page: Page, session: string) => page.getByRole('list', { name: `${session} の班` });

async function waitConnected(page: Page) {
	await expect.poll(() => screenText(page.getByRole('status', { name: '接続状態' })), WAIT).toBe('接続中');
}

/** Logs in through the form in a browser of their own and opens the workspace from the home page. */
async function openWorkspaceAs(person: Person): Promise<Page> {
	const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
	contexts.push(context);
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`[${person.displayName}] page error`, error));
	await logIn(page, server.url, person, T.timeout);
	// the strategy's name already says the town, so the home page names it once
	await page.getByRole('link', { name: STRATEGY, exact: true }).click(T);
	await page.waitForURL((u) => u.pathname === `/w/${workspaceId}`, T);
	// the forms and links work before hydration too, but only a hydrated page keeps an open <details>
	await page.waitForLoadState('networkidle');
	return page;
}

/** Follows the link to a session's group board on the workspace home. */
async function openGroupBoard(page: Page, session: string, group = 'A班'): Promise<string> {
	await groupsOf(page, session).getByRole('link', { name: new RegExp(`^${group}`) }).click(T);
	await page.waitForURL((u) => u.pathname.startsWith(`/w/${workspaceId}/boards/`), T);
	await waitConnected(page);
	const url = new URL(page.url());
	return url.origin + url.pathname;
}

/** The whole element is on screen. */
function inViewport(locator: Locator): Promise<boolean> {
	return locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
	});
}

/** Some of the element is on screen (for an element taller than the screen). */
function onScreen(locator: Locator): Promise<boolean> {
	return locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.height > 0 && r.top < window.innerHeight && r.bottom > 0;
	});
}

const scrollToBottom = (page: Page) => page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));

beforeAll(async () => {
	server = await startBrowserAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	workspaceId = (await createWorkspace(db, { townName: TOWN, strategyName: STRATEGY, planStartFy: 2025, planEndFy: 2029 })).id;
	const kikaku = await department('総務課', '企画係', 1);
	const gakushu = await department('生涯学習課', '生涯学習係', 2);
	const juumin = await department('町民課', '住民係', 3);
	facilitator = await staff('進行 花子', 'facilitator-pass-2025', 'facilitator', 'clerk', kikaku);
	clerkA = await staff('会津 一郎', 'ichiro-pass-2025', 'member', 'clerk', kikaku);
	clerkB = await staff('美里 太郎', 'taro-pass-2025', 'member', 'clerk', gakushu);
	chief = await staff('本郷 次郎', 'jiro-pass-2025', 'member', 'chief', juumin);
	browser = await launchBrowser();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

describe('a working group from setup to the chiefs\' session, with four people', () => {
	let f: Page;
	let a: Page;
	let b: Page;
	let c: Page;
	let clerkBoardUrl: string;

	it('the facilitator creates the workshop and assigns the groups on the workspace page', async () => {
		f = await openWorkspaceAs(facilitator);
		expect(await screenText(f.locator('main'))).toContain('まだワークショップがありません。');
		await f.getByLabel('ワークショップの名称').fill(WORKSHOP);
		await f.getByRole('button', { name: '4回のセッションで作成' }).click();
		const status = (text: string) => f.getByRole('status').filter({ hasText: text });
		await status(`ワークショップ「${WORKSHOP}」を作成しました。`).waitFor(T);
		const workshop = f.getByRole('region', { name: WORKSHOP, exact: true });
		await workshop.waitFor(T);
		const listed = await screenText(workshop);
		for (const session of [CLERK_1, CLERK_2, CHIEF_1, CHIEF_2]) expect(listed).toContain(session);
		expect(await groupsOf(f, CLERK_2).count()).toBe(0);

		await workshop.getByText(`回と班の設定（${WORKSHOP}）`).click();
		// 係員 第2回: both clerks in one group; the chief and the facilitator are not assigned
		const clerkSetup = f.getByRole('region', { name: `${CLERK_2}の班` });
		await clerkSetup.getByLabel('班の数').fill('1');
		await clerkSetup.getByRole('button', { name: /^自動で班分け/ }).click();
		await status(`「${CLERK_2}」を1班に分けました（2人）。各班のボードも用意しました。`).waitFor(T);
		await expect.poll(() => screenText(clerkSetup), WAIT).toContain('A班 （2人）');
		const clerkRoster = await screenText(clerkSetup);
		expect(clerkRoster).toContain(clerkA.displayName);
		expect(clerkRoster).toContain(clerkB.displayName);
		expect(clerkRoster).not.toContain(chief.displayName);
		expect(clerkRoster).not.toContain(facilitator.displayName);

		// 係長 第1回: the chief only
		const chiefSetup = f.getByRole('region', { name: `${CHIEF_1}の班` });
		await chiefSetup.getByLabel('班の数').fill('1');
		await chiefSetup.getByRole('button', { name: /^自動で班分け/ }).click();
		await status(`「${CHIEF_1}」を1班に分けました（1人）。各班のボードも用意しました。`).waitFor(T);
		await expect.poll(() => screenText(chiefSetup), WAIT).toContain('A班 （1人）');
		const chiefRoster = await screenText(chiefSetup);
		expect(chiefRoster).toContain(chief.displayName);
		expect(chiefRoster).toContain('係長');
		expect(chiefRoster).not.toContain(clerkA.displayName);

		// each session lists its board; the facilitator is in neither group
		for (const session of [CLERK_2, CHIEF_1]) {
			const link = groupsOf(f, session).getByRole('link');
			await expect.poll(() => link.count(), WAIT).toBe(1);
			expect(await screenText(link)).toBe('A班');
		}
	});

	it('clerk A opens their group\'s board and writes cards; clerk B makes an idea sheet that A watches fill in', async () => {
		a = await openWorkspaceAs(clerkA);
		const mine = groupsOf(a, CLERK_2).getByRole('link');
		expect(await screenText(mine)).toContain('あなたの班');
		expect(await screenText(groupsOf(a, CHIEF_1).getByRole('link'))).not.toContain('あなたの班');
		clerkBoardUrl = await openGroupBoard(a, CLERK_2);
		expect(await screenText(a.getByRole('heading', { level: 1 }))).toBe('A班');
		expect(await screenText(strip(a))).toContain(CLERK_2);

		await a.getByRole('button', { name: 'カードを追加' }).click();
		await cardText(a, 1).waitFor(T);
		await cardText(a, 1).pressSequentially(problem, { delay: 5 });
		expect(await screenText(card(a, 1).locator('header'))).toContain('総務課 企画係');
		await a.getByRole('button', { name: 'カードを追加' }).click();
		await cardText(a, 2).waitFor(T);
		await cardText(a, 2).fill(secondProblem);
		// participants do not get "bring everyone here"
		expect(await a.getByRole('button', { name: /全員をここへ/ }).count()).toBe(0);

		b = await openWorkspaceAs(clerkB);
		expect(await screenText(groupsOf(b, CLERK_2).getByRole('link'))).toContain('あなたの班');
		expect(await openGroupBoard(b, CLERK_2)).toBe(clerkBoardUrl);
		await expect.poll(() => cardText(b, 1).inputValue(), WAIT).toBe(problem);
		await expect.poll(() => cardText(b, 2).inputValue(), WAIT).toBe(secondProblem);

		// B turns A's card into an idea sheet: the problem comes along, the department is B's
		await b.getByRole('button', { name: 'カード 1 からアイデアシートを作る' }).click();
		const sheetB = editor(b);
		await sheetB.waitFor(T);
		expect(await sheetB.getByLabel('★課題', { exact: true }).inputValue()).toBe(problem);
		expect(await sheetB.getByLabel('課・係名').inputValue()).toBe('生涯学習課 生涯学習係');
		await sheetB.getByLabel('アイデアの名前（一覧に表示）').fill(title);

		// A opens it from the list and watches B write the solution and the outcome KPI
		await sheetList(a).getByRole('button', { name: `アイデアシート「${title}」を開く` }).click(T);
		const sheetA = editor(a);
		await sheetA.waitFor(T);
		await sheetB.getByLabel('① 何をつかって').pressSequentially(means, { delay: 5 });
		await sheetB.getByLabel('② 誰を').pressSequentially(whom, { delay: 5 });
		await sheetB.getByLabel('③ どういう状態にするか').pressSequentially(state, { delay: 5 });
		await sheetB.getByRole('button', { name: 'アウトカム指標を追加' }).click();
		const outcomeB = kpi(b, 'アウトカム指標 1');
		await outcomeB.getByLabel('指標', { exact: true }).pressSequentially(kpiName, { delay: 5 });
		await outcomeB.getByLabel('単位', { exact: true }).fill('件');
		await outcomeB.getByLabel('計測方法').fill(kpiMethod);
		for (const [year, value] of [
			['令和8年度', '1200'],
			['令和9年度', '2400'],
			['令和10年度', '3600']
		] as const) {
			await outcomeB.getByLabel(`${year}の目標値`).fill(value);
			await outcomeB.getByLabel(`${year}の目標値`).press('Tab');
		}

		await expect.poll(() => screenText(sheetA.getByRole('heading', { level: 3 })), WAIT).toBe(title);
		await expect.poll(() => sheetA.getByLabel('① 何をつかって').inputValue(), WAIT).toBe(means);
		await expect.poll(() => sheetA.getByLabel('② 誰を').inputValue(), WAIT).toBe(whom);
		await expect.poll(() => sheetA.getByLabel('③ どういう状態にするか').inputValue(), WAIT).toBe(state);
		const outcomeA = kpi(a, 'アウトカム指標 1');
		await expect.poll(() => outcomeA.getByLabel('指標', { exact: true }).inputValue(), WAIT).toBe(kpiName);
		await expect.poll(() => outcomeA.getByLabel('単位', { exact: true }).inputValue(), WAIT).toBe('件');
		await expect.poll(() => outcomeA.getByLabel('計測方法').inputValue(), WAIT).toBe(kpiMethod);
		await expect.poll(() => outcomeA.getByLabel('令和8年度の目標値').inputValue(), WAIT).toBe('1200');
		await expect.poll(() => outcomeA.getByLabel('令和9年度の目標値').inputValue(), WAIT).toBe('2400');
		await expect.poll(() => outcomeA.getByLabel('令和10年度の目標値').inputValue(), WAIT).toBe('3600');
		expect(await outcomeA.getByLabel('令和11年度の目標値').inputValue()).toBe('');

		await a.evaluate(() => window.scrollTo(0, 0));
		const box = (await sheetA.boundingBox())!;
		await a.screenshot({ path: join(ARTIFACTS_DIR, 'flow-idea-sheet.png'), fullPage: true, clip: box });
	});

	it('the facilitator runs a dot vote: the clerks place dots, the totals appear for all on the reveal', async () => {
		await f.goto(`${server.url}/w/${workspaceId}`);
		expect(await openGroupBoard(f, CLERK_2)).toBe(clerkBoardUrl);
		await expect.poll(() => cardText(f, 2).inputValue(), WAIT).toBe(secondProblem);
		await sheetList(f).getByRole('button', { name: `アイデアシート「${title}」を開く` }).waitFor(T);

		await strip(f).getByRole('button', { name: '進行メニュー' }).click();
		await f.getByLabel('表示するフェーズ').fill('ドット投票');
		await f.getByRole('button', { name: '表示する' }).click();
		for (const page of [a, b]) await expect.poll(() => screenText(page.getByRole('status', { name: 'フェーズ' })), WAIT).toBe('ドット投票');

		await strip(f).getByRole('button', { name: 'ドット投票', exact: true }).click();
		await f.getByLabel('1人の持ち点').fill('3');
		await f.getByLabel('1枚に置ける上限').fill('2');
		await f.getByRole('button', { name: '投票を始める' }).click();

		const remainingA = a.getByText(/あなたの残り:/);
		const remainingB = b.getByText(/あなたの残り:/);
		await expect.poll(() => screenText(remainingA), WAIT).toBe('あなたの残り: 3 / 3点');
		await expect.poll(() => screenText(remainingB), WAIT).toBe('あなたの残り: 3 / 3点');
		await a.getByRole('button', { name: 'カード 1 にドットを置く' }).click();
		await expect.poll(() => screenText(remainingA), WAIT).toBe('あなたの残り: 2 / 3点');
		await a.getByRole('button', { name: 'カード 1 にドットを置く' }).click();
		await expect.poll(() => screenText(remainingA), WAIT).toBe('あなたの残り: 1 / 3点');
		await b.getByRole('button', { name: 'カード 1 にドットを置く' }).click();
		await expect.poll(() => screenText(remainingB), WAIT).toBe('あなたの残り: 2 / 3点');
		await b.getByRole('button', { name: 'カード 2 にドットを置く' }).click();
		await expect.poll(() => screenText(remainingB), WAIT).toBe('あなたの残り: 1 / 3点');
		// hidden until the reveal, for everyone
		for (const page of [f, a, b]) expect(await page.getByRole('table', { name: '投票結果' }).count()).toBe(0);

		await f.getByRole('button', { name: '結果を公開' }).click();
		for (const page of [f, a, b]) {
			const rows = page.getByRole('table', { name: '投票結果' }).locator('tbody tr');
			await expect.poll(() => rows.count(), WAIT).toBe(2);
			await expect.poll(() => screenText(rows.nth(0)), WAIT).toMatch(/^カード 1 公共施設の予約.*\s3点\s+2人$/);
			expect(await screenText(rows.nth(1))).toMatch(/^カード 2 転入手続き.*\s1点\s+1人$/);
		}
		expect(await a.getByRole('button', { name: 'カード 1 にドットを置く' }).count()).toBe(0);
	});

	it('"bring everyone here" on a card and on a sheet moves the clerks\' screens there', async () => {
		// the per-item buttons are the facilitator's only
		expect(await card(f, 1).getByRole('button', { name: /全員をここへ/ }).count()).toBe(1);
		for (const page of [a, b]) expect(await page.getByRole('button', { name: /全員をここへ/ }).count()).toBe(0);

		// the clerks are down at the idea sheets
		for (const page of [a, b]) {
			await scrollToBottom(page);
			await expect.poll(() => inViewport(card(page, 1)), WAIT).toBe(false);
		}
		await card(f, 1).getByRole('button', { name: /全員をここへ/ }).click();
		await expect.poll(() => inViewport(card(a, 1)), WAIT).toBe(true);
		await expect.poll(() => inViewport(card(b, 1)), WAIT).toBe(true);

		// B closed the sheet; bringing everyone to it opens it again on B's screen
		await editor(b).getByRole('button', { name: '閉じる' }).click();
		await expect.poll(() => editor(b).count(), WAIT).toBe(0);
		await b.evaluate(() => window.scrollTo(0, 0));
		await sheetList(f).getByRole('button', { name: /全員をここへ/ }).click();
		await expect.poll(() => editor(b).count(), WAIT).toBe(1);
		await expect.poll(() => screenText(editor(b).getByRole('heading', { level: 3 })), WAIT).toBe(title);
		await expect.poll(() => onScreen(editor(b)), WAIT).toBe(true);
		await expect.poll(() => onScreen(editor(a)), WAIT).toBe(true);
		expect(await editor(b).getByLabel('① 何をつかって').inputValue()).toBe(means);
	});

	it('the facilitator locks the board and the clerks can only read it', async () => {
		for (const page of [a, b]) expect(await cardText(page, 1).isEditable()).toBe(true);
		await f.getByRole('button', { name: 'ボードをロック' }).click();
		for (const page of [a, b]) {
			await expect.poll(() => cardText(page, 1).isEditable(), WAIT).toBe(false);
			await expect.poll(() => lockedNote(page).count(), WAIT).toBe(1);
			await expect.poll(() => screenText(strip(page)), WAIT).toContain('ロック中');
			expect(await page.getByRole('button', { name: 'カードを追加' }).count()).toBe(0);
			expect(await page.getByRole('button', { name: 'カード 1 からアイデアシートを作る' }).count()).toBe(0);
			const solution = editor(page).getByLabel('① 何をつかって');
			await expect.poll(() => solution.getAttribute('readonly'), WAIT).not.toBeNull();
			expect(await editor(page).getByRole('button', { name: 'アウトカム指標を追加' }).count()).toBe(0);
		}
		// the facilitator keeps editing
		expect(await cardText(f, 1).isEditable()).toBe(true);
		expect(await lockedNote(f).count()).toBe(0);
	});

	it('the projector view shows the board, the totals, the join address and a QR code', async () => {
		const [projector] = await Promise.all([
			f.context().waitForEvent('page', T),
			f.getByRole('link', { name: 'プロジェクター表示を開く' }).click()
		]);
		await projector.setViewportSize({ width: 1366, height: 900 });
		await projector.waitForURL((u) => u.pathname.endsWith('/projector'), T);
		await waitConnected(projector);
		const joinArea = projector.getByRole('complementary', { name: 'このボードに参加する' });
		await expect.poll(() => screenText(joinArea.locator('.url')), WAIT).toBe(clerkBoardUrl);
		expect(await joinArea.getByText(clerkBoardUrl, { exact: true }).isVisible()).toBe(true);
		const qr = joinArea.getByRole('img', { name: 'このボードのアドレスのQRコード' });
		await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth), WAIT).toBeGreaterThan(100);
		expect(await qr.isVisible()).toBe(true);
		expect(await inViewport(qr)).toBe(true);

		await expect.poll(() => screenText(projector.getByRole('status', { name: 'フェーズ' })), WAIT).toBe('ドット投票');
		const whole = projector.locator('.projector');
		await expect.poll(() => screenText(whole), WAIT).toContain('ロック中（参加者は閲覧のみ）');
		expect(await screenText(whole)).toContain(CLERK_2);
		await expect.poll(() => projector.getByText(problem, { exact: true }).count(), WAIT).toBe(1);
		expect(await projector.getByText('3点', { exact: true }).count()).toBe(1);
		expect(await projector.getByText(title, { exact: true }).count()).toBe(1);
		await projector.screenshot({ path: join(ARTIFACTS_DIR, 'flow-projector.png') });
		await projector.close();
	});

	it('the chief carries the sheet forward on a chief-level board, with a link to its origin', async () => {
		c = await openWorkspaceAs(chief);
		expect(await screenText(groupsOf(c, CHIEF_1).getByRole('link'))).toContain('あなたの班');
		expect(await screenText(groupsOf(c, CLERK_2).getByRole('link'))).not.toContain('あなたの班');
		const chiefBoardUrl = await openGroupBoard(c, CHIEF_1);
		expect(chiefBoardUrl).not.toBe(clerkBoardUrl);
		expect(await screenText(strip(c))).toContain(CHIEF_1);

		await c.getByRole('button', { name: '係員の成果から転記' }).click();
		const dialog = c.getByRole('dialog', { name: '係員WGのアイデアシートから転記' });
		await dialog.waitFor(T);
		const fromBoard = dialog.getByRole('region', { name: `${CLERK_2} A班` });
		await fromBoard.getByRole('button', { name: `「${title}」を転記する` }).click(T);
		await dialog.waitFor({ state: 'hidden', ...T });

		const copy = editor(c);
		await copy.waitFor(T);
		const origin = copy.locator('[data-origin]');
		expect(await screenText(origin)).toBe(`転記元: ${CLERK_2} A班 ／ ${title}`);
		expect(await copy.getByLabel('アイデアの名前（一覧に表示）').inputValue()).toBe(title);
		expect(await copy.getByLabel('★課題', { exact: true }).inputValue()).toBe(problem);
		expect(await copy.getByLabel('① 何をつかって').inputValue()).toBe(means);
		expect(await copy.getByLabel('② 誰を').inputValue()).toBe(whom);
		expect(await copy.getByLabel('③ どういう状態にするか').inputValue()).toBe(state);
		// the copy is the chief's, on an unlocked board
		expect(await copy.getByLabel('① 何をつかって').isEditable()).toBe(true);
		const listed = sheetList(c).getByRole('listitem').filter({ hasText: title });
		expect(await screenText(listed)).toContain('転記');

		// the origin link opens the clerks' sheet, which the chief can only read (locked)
		await origin.getByRole('link').click();
		await c.waitForURL((u) => u.href.startsWith(clerkBoardUrl) && u.searchParams.has('sheet'), T);
		await waitConnected(c);
		const source = editor(c);
		await expect.poll(() => source.getByLabel('① 何をつかって').inputValue(), WAIT).toBe(means);
		expect(await source.getByLabel('アイデアの名前（一覧に表示）').inputValue()).toBe(title);
		const outcome = kpi(c, 'アウトカム指標 1');
		expect(await outcome.getByLabel('計測方法').inputValue()).toBe(kpiMethod);
		expect(await outcome.getByLabel('令和9年度の目標値').inputValue()).toBe('2400');
		await expect.poll(() => lockedNote(c).count(), WAIT).toBe(1);
		expect(await source.getByLabel('① 何をつかって').getAttribute('readonly')).not.toBeNull();
	});
});
