/**
 * Staff management by a workspace administrator, on screen: adding one person (an invitation
 * link is shown), adding someone who already has an account elsewhere (only after ticking the
 * confirmation, and without a link), changing a role (the person's open board says so and, reloaded, is read-only),
 * deactivating someone who is signed in elsewhere (their
 * session ends at once) and reactivating them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { addMember, createBoardDocument, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';

const WAIT = { timeout: 15_000 };

let server: AppServer;
let browser: Browser;
let admin: Page;
let staff: Page;
let closeDb: () => Promise<void>;
let membersUrl: string;
let boardUrl: string;
let hanako: { loginId: string; password: string };

async function logIn(page: Page, loginId: string, password: string) {
	await page.goto(`${server.url}/login`);
	await page.getByLabel('ログインID').pressSequentially(loginId);
	await page.getByLabel('パスワード', { exact: true }).pressSequentially(password);
	await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

beforeAll(async () => {
	server = await startAppServer();
	const { db, close } = openTestDb(server.databasePath);
	closeDb = close;
	const workspace = await createWorkspace(db, { townName: '会津美里町' });
	const boss = await createUser(db, { loginId: 'kikaku.kacho', displayName: '企画 課長', password: 'kikaku-pass-2025' });
	const member = await createUser(db, { loginId: 'hanako.aizu', displayName: '会津 花子', password: 'hanako-pass-2025' });
	await addMember(db, workspace.id, boss.id, 'admin', 'manager');
	await addMember(db, workspace.id, member.id, 'member', 'clerk');
	hanako = member;
	// Someone who already has an account, in another workspace only.
	const elsewhere = await createWorkspace(db, { townName: '隣町' });
	const jiro = await createUser(db, { loginId: 'jiro.other', displayName: '隣町 次郎' });
	await addMember(db, elsewhere.id, jiro.id, 'member', 'clerk');
	membersUrl = `${server.url}/w/${workspace.id}/members`;
	const board = await createBoardDocument(db, workspace.id, '第1回 係員WG 第1グループ');
	boardUrl = `${server.url}/w/${workspace.id}/boards/${board.id}`;

	browser = await launchBrowser();
	admin = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
	staff = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
	await logIn(admin, boss.loginId, boss.password);
	await admin.waitForURL((url) => url.pathname === '/', WAIT);
	await logIn(staff, member.loginId, member.password);
	await staff.waitForURL((url) => url.pathname === '/', WAIT);
	await admin.goto(membersUrl);
});

afterAll(async () => {
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

describe('staff management', () => {
	it('adds one person and shows their invitation link', async () => {
		await admin.getByLabel('氏名').pressSequentially('美里 太郎');
		await admin.getByLabel('ログインID').pressSequentially('Taro.Misato');
		await admin.getByLabel('課', { exact: true }).pressSequentially('産業振興課');
		await admin.getByLabel('係', { exact: true }).pressSequentially('農政係');
		await admin.getByLabel('職位').selectOption({ label: '係長' });
		await admin.getByLabel('権限', { exact: true }).selectOption({ label: 'ファシリテーター' });
		await admin.getByRole('button', { name: '追加する' }).click();

		await expect.poll(() => admin.getByRole('main').innerText(), WAIT).toContain('美里 太郎 さんを追加しました');
		const link = admin.getByTestId('invitation-url');
		expect(await link.innerText()).toMatch(/\/invite\/[a-z2-7]{32}$/);
		const row = admin.getByRole('row', { name: /美里 太郎/ });
		// The login id was normalised to lower case; the section was created under the department.
		expect((await row.getByRole('cell').allInnerTexts()).slice(0, 4)).toEqual([
			'taro.misato',
			'産業振興課',
			'農政係',
			'係長'
		]);
	});

	it('adds someone who already has an account only after the tick, and shows no link', async () => {
		await admin.getByLabel('氏名').fill('次郎');
		await admin.getByLabel('ログインID').fill('jiro.other');
		await admin.getByLabel('課', { exact: true }).fill('総務課');
		await admin.getByRole('button', { name: '追加する' }).click();
		await expect
			.poll(() => admin.getByRole('alert').first().innerText(), WAIT)
			.toContain('このログインIDはすでに使われています');
		expect(await admin.getByRole('main').innerText()).not.toContain('隣町');

		await admin.getByRole('checkbox', { name: /すでにアカウントがある職員なら/ }).check();
		await admin.getByRole('button', { name: '追加する' }).click();
		await expect
			.poll(() => admin.getByRole('main').innerText(), WAIT)
			.toContain('ログインID「jiro.other」のアカウントをこのワークスペースに加えました');
		expect(await admin.getByTestId('invitation-url').count()).toBe(0);
		// On the list, but B's admin may not issue links for or deactivate an account shared with 隣町.
		const row = admin.getByRole('row', { name: /jiro\.other/ });
		expect(await row.count()).toBe(1);
		expect(await row.getByRole('button', { name: /リンク|無効にする/ }).count()).toBe(0);
	});

	it("changes a role, and the person's open board says so and is read-only once reloaded", async () => {
		await staff.goto(boardUrl);
		const status = staff.getByRole('status', { name: '接続状態' });
		await expect.poll(() => status.innerText(), WAIT).toBe('接続中');
		expect(await staff.getByRole('button', { name: 'カードを追加' }).count()).toBe(1);

		const row = admin.getByRole('row', { name: /会津 花子/ });
		await row.getByLabel('会津 花子 さんの権限').selectOption({ label: '閲覧者' });
		await row.getByRole('button', { name: '変更' }).click();
		await expect.poll(() => admin.getByRole('status').first().innerText(), WAIT).toContain(
			'会津 花子 さんの権限を変更しました'
		);
		expect(await row.getByLabel('会津 花子 さんの権限').inputValue()).toBe('observer');

		await expect.poll(() => status.innerText(), WAIT).toContain('あなたの権限が変更されました');
		await staff.reload();
		await expect.poll(() => staff.getByRole('note').first().innerText(), WAIT).toContain('閲覧専用の参加です');
		expect(await staff.getByRole('button', { name: 'カードを追加' }).count()).toBe(0);
	});

	it('deactivates someone who is signed in: their session ends and they cannot sign in', async () => {
		await admin.getByRole('button', { name: '無効にする （会津 花子）' }).click();
		await expect.poll(() => admin.getByRole('row', { name: /会津 花子/ }).innerText(), WAIT).toContain('無効');
		await server.waitForLog((l) => l.event === 'user.deactivated');

		await staff.reload();
		await staff.waitForURL((url) => url.pathname === '/login', WAIT);
		await logIn(staff, hanako.loginId, hanako.password);
		await expect.poll(() => staff.getByRole('alert').innerText(), WAIT).toContain('このアカウントは無効になっています');
	});

	it('reactivates them', async () => {
		await admin.getByRole('button', { name: '有効に戻す （会津 花子）' }).click();
		await expect.poll(() => admin.getByRole('row', { name: /会津 花子/ }).innerText(), WAIT).toContain('有効');
		await staff.waitForTimeout(1_100);
		await staff.getByLabel('パスワード', { exact: true }).fill('');
		await staff.getByLabel('パスワード', { exact: true }).pressSequentially(hanako.password);
		await staff.getByRole('button', { name: 'ログイン', exact: true }).click();
		await staff.waitForURL((url) => url.pathname === '/', WAIT);
		expect(await staff.getByRole('banner').innerText()).toContain('会津 花子');
	});
});
