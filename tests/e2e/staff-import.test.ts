/**
 * Bulk import of staff from CSV by a workspace administrator: a file with one bad row is
 * reported row by row and nothing is imported; the corrected file is previewed and imported,
 * invitation links are shown; one invited person opens their link, sets a password and is in.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';
import type { Db } from '../../src/lib/server/db';

const WAIT = { timeout: 15_000 };

let server: AppServer;
let browser: Browser;
let page: Page;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
let filesDir: string;
let invitationUrl: string;

const HEADER = '氏名,ログインID,課,係,職位,権限';
const GOOD_ROWS = [
	'会津 花子,hanako.aizu,総務課,企画係,係員,メンバー',
	'美里 太郎,taro.misato,産業振興課,農政係,係長,ファシリテーター',
	'高田 次郎,jiro.takada,健康福祉課,,係員,'
];
const BAD_ROW = '美里 太郎,taro.misato,産業振興課,農政係,部長,ファシリテーター';

function csvFile(name: string, rows: string[]): string {
	const path = join(filesDir, name);
	// Excel's "CSV UTF-8": a BOM and CRLF line ends.
	writeFileSync(path, '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n');
	return path;
}

async function logIn(p: Page, loginId: string, password: string) {
	await p.goto(`${server.url}/login`);
	await p.getByLabel('ログインID').pressSequentially(loginId);
	await p.getByLabel('パスワード', { exact: true }).pressSequentially(password);
	await p.getByRole('button', { name: 'ログイン', exact: true }).click();
	await p.waitForURL((url) => url.pathname === '/', WAIT);
}

async function memberCount(): Promise<number> {
	const rows = await db
		.selectFrom('membership')
		.select('user_id')
		.where('workspace_id', '=', workspaceId)
		.execute();
	return rows.length;
}

beforeAll(async () => {
	filesDir = mkdtempSync(join(tmpdir(), 'staff-csv-'));
	server = await startAppServer();
	const opened = openTestDb(server.databasePath);
	db = opened.db;
	closeDb = opened.close;
	const workspace = await createWorkspace(db, { townName: '会津美里町' });
	workspaceId = workspace.id;
	const admin = await createUser(db, {
		loginId: 'kikaku.kacho',
		displayName: '企画 課長',
		password: 'kikaku-pass-2025'
	});
	await addMember(db, workspaceId, admin.id, 'admin', 'manager');
	browser = await launchBrowser();
	page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
	page.on('pageerror', (error) => console.error('page error', error));
	await logIn(page, admin.loginId, admin.password);
});

afterAll(async () => {
	await browser?.close();
	await closeDb?.();
	await server?.stop();
	rmSync(filesDir, { recursive: true, force: true });
});

describe('staff CSV import', () => {
	it('reports the bad row with its row number, column and what to do, and imports nothing', async () => {
		await page.goto(`${server.url}/w/${workspaceId}`);
		await page.getByRole('link', { name: '職員', exact: true }).click();
		await page.waitForURL((url) => url.pathname.endsWith('/members'), WAIT);
		await page.getByRole('link', { name: 'CSVで一括登録' }).click();
		await page.waitForURL((url) => url.pathname.endsWith('/members/import'), WAIT);

		const bad = csvFile('staff-bad.csv', [GOOD_ROWS[0]!, BAD_ROW, GOOD_ROWS[2]!]);
		await page.getByLabel('CSVファイル', { exact: true }).setInputFiles(bad);
		await page.getByRole('button', { name: '内容を確認する' }).click();

		const report = page.getByRole('table', { name: 'staff-bad.csv の問題点' });
		await expect.poll(() => report.count(), WAIT).toBe(1);
		const rows = report.getByRole('row');
		expect(await rows.count()).toBe(2); // heading + one problem
		const cells = await rows.nth(1).getByRole('cell').allInnerTexts();
		expect(cells[0]).toBe('3行目');
		expect(cells[1]).toBe('職位');
		expect(cells[2]).toContain('職位「部長」は使えません');
		expect(cells[2]).toContain('係員・係長・課長・その他');
		const alert = page.getByRole('alert');
		expect(await alert.innerText()).toContain('1件も登録していません');
		expect(await page.getByRole('button', { name: /人を登録する/ }).count()).toBe(0);

		// Nothing was written: the staff list still has the administrator only.
		expect(await memberCount()).toBe(1);
		await page.getByRole('link', { name: '職員一覧に戻る' }).click();
		await page.waitForURL((url) => url.pathname.endsWith('/members'), WAIT);
		const list = await page.getByRole('table').innerText();
		expect(list).toContain('企画 課長');
		expect(list).not.toContain('会津 花子');
	});

	it('previews and imports the corrected file, then shows the invitation links', async () => {
		await page.getByRole('link', { name: 'CSVで一括登録' }).click();
		await page.waitForURL((url) => url.pathname.endsWith('/members/import'), WAIT);
		const good = csvFile('staff.csv', GOOD_ROWS);
		await page.getByLabel('CSVファイル', { exact: true }).setInputFiles(good);
		await page.getByRole('button', { name: '内容を確認する' }).click();

		const preview = page.getByRole('table', { name: '登録内容の確認' });
		await expect.poll(() => preview.count(), WAIT).toBe(1);
		const previewText = await preview.innerText();
		expect(previewText).toContain('会津 花子');
		expect(previewText).toContain('このワークスペースに追加');
		expect(await memberCount()).toBe(1); // the preview writes nothing

		await page.getByRole('checkbox', { name: /すでに使われているログインIDは/ }).check();
		await page.getByRole('button', { name: '3人を登録する' }).click();
		await expect
			.poll(() => page.getByRole('status').first().innerText(), WAIT)
			.toContain('新規 3人');

		const links = page.getByRole('table', { name: '招待リンク' });
		const linkRows = links.getByRole('row');
		expect(await linkRows.count()).toBe(4);
		const hanako = links.getByRole('row', { name: /会津 花子/ });
		invitationUrl = (await hanako.getByRole('cell').nth(1).innerText()).trim();
		expect(invitationUrl).toMatch(/\/invite\/[a-z2-7]{32}$/);

		const download = page.getByRole('link', { name: '招待リンクの一覧をCSVで保存' });
		expect(await download.getAttribute('download')).toBe('invitation-links.csv');
		const csv = decodeURIComponent((await download.getAttribute('href'))!.replace(/^data:text\/csv;charset=utf-8,/, ''));
		expect(csv).toContain('氏名,ログインID,招待リンク');
		expect(csv).toContain(`会津 花子,hanako.aizu,${invitationUrl}`);

		expect(await memberCount()).toBe(4);
		// Departments and sections were created as org units (課 with 係 under it).
		const units = await db
			.selectFrom('org_unit as s')
			.leftJoin('org_unit as d', 'd.id', 's.parent_id')
			.select(['s.name as name', 'd.name as parent'])
			.where('s.workspace_id', '=', workspaceId)
			.execute();
		expect(units).toEqual(
			expect.arrayContaining([
				{ name: '総務課', parent: null },
				{ name: '企画係', parent: '総務課' },
				{ name: '健康福祉課', parent: null }
			])
		);

		await page.getByRole('link', { name: '職員一覧に戻る' }).first().click();
		await page.waitForURL((url) => url.pathname.endsWith('/members'), WAIT);
		const row = page.getByRole('row', { name: /美里 太郎/ });
		const cells = await row.getByRole('cell').allInnerTexts();
		expect(cells.slice(0, 4)).toEqual(['taro.misato', '産業振興課', '農政係', '係長']);
		expect(await row.innerText()).toContain('招待中');
	});

	it('lets an invited person set a password through the link and be signed in', async () => {
		const context = await browser.newContext({ locale: 'ja-JP' });
		const invited = await context.newPage();
		await invited.goto(invitationUrl);
		await expect.poll(() => invited.getByRole('heading', { level: 1 }).innerText(), WAIT).toBe('パスワードの設定');
		expect(await invited.getByRole('main').innerText()).toContain('会津 花子 さん、ようこそ');

		await invited.getByLabel('新しいパスワード', { exact: true }).pressSequentially('hanako-no-pass-1');
		await invited.getByLabel('新しいパスワード（確認のためもう一度）').pressSequentially('hanako-no-pass-2');
		await invited.getByRole('button', { name: 'パスワードを設定してログイン' }).click();
		await expect
			.poll(() => invited.getByText('確認用のパスワードが一致しません').count(), WAIT)
			.toBe(1);

		// Both fields were emptied: type the password twice again.
		await expect
			.poll(() => invited.getByLabel('新しいパスワード', { exact: true }).inputValue(), WAIT)
			.toBe('');
		await invited.getByLabel('新しいパスワード', { exact: true }).pressSequentially('hanako-no-pass-1');
		await invited.getByLabel('新しいパスワード（確認のためもう一度）').pressSequentially('hanako-no-pass-1');
		await invited.getByRole('button', { name: 'パスワードを設定してログイン' }).click();
		await invited.waitForURL((url) => url.pathname === '/', WAIT);
		await expect.poll(() => invited.getByRole('banner').innerText(), WAIT).toContain('会津 花子');
		expect(await invited.getByRole('status').innerText()).toContain('パスワードを設定しました');
		expect(await invited.getByRole('main').innerText()).toContain('会津美里町');

		// The link works once.
		await invited.goto(invitationUrl);
		expect(await invited.getByRole('alert').innerText()).toContain('この招待リンクは使えません');
		await context.close();

		// The administrator now sees her as active.
		await page.reload();
		expect(await page.getByRole('row', { name: /会津 花子/ }).innerText()).toContain('有効');
	});
});
