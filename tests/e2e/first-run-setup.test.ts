/**
 * First run on an empty database: every page leads to /setup, the administrator is created and
 * signed in, /setup closes, and the administrator creates the town's workspace (plan period in
 * Reiwa years), a workshop with the four default sessions, and a group with its board link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { fiscalYearOf, formatFiscalYear } from '../../src/lib/domain/fiscal-year';

const WAIT = { timeout: 15_000 };

let server: AppServer;
let browser: Browser;
let page: Page;
/** Every URL the browser asked for: the app must work on a closed network (no CDN, no web fonts). */
const requested: string[] = [];

beforeAll(async () => {
	server = await startAppServer();
	browser = await launchBrowser();
	const context = await browser.newContext({ locale: 'ja-JP' });
	context.on('request', (request) => requested.push(request.url()));
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('page error', error));
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('first run', () => {
	it('sends every page to /setup while there is no account', async () => {
		await page.goto(`${server.url}/`);
		await page.waitForURL((url) => url.pathname === '/setup', WAIT);
		await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('初期設定');

		await page.goto(`${server.url}/login`);
		await page.waitForURL((url) => url.pathname === '/setup', WAIT);
	});

	it('creates the administrator, who lands signed in', async () => {
		await page.getByLabel('氏名').pressSequentially('企画 一郎');
		await page.getByLabel('ログインID').pressSequentially('kikaku.admin');
		await page.getByLabel('新しいパスワード', { exact: true }).pressSequentially('short');
		await page.getByLabel('新しいパスワード（確認のためもう一度）').pressSequentially('short');
		await page.getByRole('button', { name: '管理者を作成してログイン' }).click();
		// Too short: the page says what to do, and keeps what was typed.
		await expect
			.poll(() => page.getByText('パスワードが短すぎます。8文字以上にしてください。').count(), WAIT)
			.toBe(1);
		expect(await page.getByLabel('ログインID').inputValue()).toBe('kikaku.admin');

		await page.getByLabel('新しいパスワード', { exact: true }).fill('');
		await page.getByLabel('新しいパスワード', { exact: true }).pressSequentially('aizu-misato-2025');
		await page.getByLabel('新しいパスワード（確認のためもう一度）').fill('');
		await page.getByLabel('新しいパスワード（確認のためもう一度）').pressSequentially('aizu-misato-2025');
		await page.getByRole('button', { name: '管理者を作成してログイン' }).click();

		await page.waitForURL((url) => url.pathname === '/', WAIT);
		const header = page.getByRole('banner');
		await expect.poll(() => header.innerText(), WAIT).toContain('企画 一郎');
		expect(await header.getByRole('button', { name: 'ログアウト' }).count()).toBe(1);
		expect(await page.getByText('まだワークスペースがありません').count()).toBe(1);
		await server.waitForLog((l) => l.event === 'auth.login' && l.via === 'setup');
	});

	it('closes /setup once an account exists', async () => {
		await page.goto(`${server.url}/setup`);
		await page.waitForURL((url) => url.pathname === '/', WAIT);

		const stranger = await browser.newPage();
		await stranger.goto(`${server.url}/setup`);
		await stranger.waitForURL((url) => url.pathname === '/login', WAIT);
		await stranger.close();
	});

	it('creates a workspace with a plan period in Reiwa years', async () => {
		await page.getByRole('link', { name: '新しいワークスペースを作成' }).first().click();
		await page.waitForURL((url) => url.pathname === '/workspaces/new', WAIT);

		const start = fiscalYearOf();
		const end = start + 4;
		const startSelect = page.getByLabel('開始年度');
		const options = await startSelect.locator('option').allInnerTexts();
		expect(options).toContain(formatFiscalYear(start));
		expect(options.every((o) => /^(令和(元|\d+)|平成\d+)年度（\d{4}年度）$/.test(o))).toBe(true);
		if (start <= 2028) expect(options).toContain('令和7年度（2025年度）');

		await page.getByLabel('町名').pressSequentially('会津美里町');
		await page.getByLabel('戦略の名称').pressSequentially('会津美里町デジタル田園都市構想総合戦略');
		await startSelect.selectOption({ label: formatFiscalYear(start) });
		await page.getByLabel('終了年度').selectOption({ label: formatFiscalYear(end) });
		await page.getByRole('button', { name: '作成する' }).click();

		await page.waitForURL((url) => /^\/w\/[a-z2-7]{26}$/.test(url.pathname), WAIT);
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).innerText(), WAIT)
			// the strategy's name already says the town: the title names it once
			.toBe('会津美里町デジタル田園都市構想総合戦略');
		const main = page.getByRole('main');
		expect(await main.innerText()).toContain(`${formatFiscalYear(start)}〜${formatFiscalYear(end)}`);
		expect(await main.innerText()).toContain('管理者');
	});

	it('creates a workshop with the four default sessions and adds a group with a board', async () => {
		await page.getByRole('button', { name: '4回のセッションで作成' }).click();
		const main = page.getByRole('main');
		await expect.poll(() => main.innerText(), WAIT).toContain('係長 第2回 KPI設定');
		const text = await main.innerText();
		for (const name of [
			'係員 第1回 課題の洗い出し',
			'係員 第2回 デジタルによる課題解決アイデア',
			'係長 第1回 アイデアの精査・施策間連携'
		]) {
			expect(text).toContain(name);
		}

		await page.getByRole('button', { name: '班を追加 （係員 第1回 課題の洗い出し）' }).click();
		const groups = page.getByRole('list', { name: '係員 第1回 課題の洗い出し の班' });
		await expect.poll(() => groups.getByRole('link').allInnerTexts(), WAIT).toEqual(['A班']);
		await page.getByRole('button', { name: '班を追加 （係員 第1回 課題の洗い出し）' }).click();
		await expect.poll(() => groups.getByRole('link').allInnerTexts(), WAIT).toEqual(['A班', 'B班']);

		const workspacePath = new URL(page.url()).pathname;
		const href = await groups.getByRole('link', { name: 'A班' }).getAttribute('href');
		expect(href).toMatch(new RegExp(`^${workspacePath}/boards/[a-z2-7]{26}$`));
	});

	it('opens the board and never asks anything of another origin', async () => {
		const groups = page.getByRole('list', { name: '係員 第1回 課題の洗い出し の班' });
		await groups.getByRole('link', { name: 'A班' }).click();
		await expect.poll(() => page.getByText('接続中').first().isVisible(), WAIT).toBe(true);
		const own = new URL(server.url);
		const foreign = requested.filter((url) => {
			const u = new URL(url);
			return u.host !== own.host && u.protocol !== 'data:' && u.protocol !== 'blob:';
		});
		expect(requested.length).toBeGreaterThan(10);
		expect(foreign).toEqual([]);
	});
});
