/**
 * Signing in and out as a person does: a page that needs a login sends you to the login form
 * and back afterwards; a wrong password or an unknown login id gives the same message; logging
 * out ends the session on the server. Also the language switch in the header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { createUser, openTestDb } from '../helpers/fixtures';

const WAIT = { timeout: 15_000 };

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let user: { id: string; loginId: string; password: string; displayName: string };

beforeAll(async () => {
	server = await startAppServer();
	const { db, close } = openTestDb(server.databasePath);
	user = await createUser(db, {
		loginId: 'hanako.aizu',
		displayName: '会津 花子',
		password: 'hanako-pass-2025'
	});
	await close();
	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'ja-JP' });
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('page error', error));
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const alertText = () => page.getByRole('alert').innerText();

async function submitLogin(loginId: string, password: string) {
	await page.getByLabel('ログインID').fill('');
	await page.getByLabel('ログインID').pressSequentially(loginId);
	await page.getByLabel('パスワード', { exact: true }).pressSequentially(password);
	await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

describe('login and logout', () => {
	it('sends a signed-out visitor to the login page', async () => {
		await page.goto(`${server.url}/account`);
		await page.waitForURL((url) => url.pathname === '/login', WAIT);
		expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/account');
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('ログイン');
	});

	it('refuses a wrong password with a message that does not say which part was wrong', async () => {
		await submitLogin(user.loginId, 'not-the-password');
		await expect.poll(alertText, WAIT).toContain('ログインIDまたはパスワードが正しくありません');
		expect(page.url()).toContain('/login');
		// The login id stays filled in, the password does not.
		await expect.poll(() => page.getByLabel('パスワード', { exact: true }).inputValue(), WAIT).toBe('');
		expect(await page.getByLabel('ログインID').inputValue()).toBe(user.loginId);
	});

	it('gives the same message for a login id that does not exist', async () => {
		await page.waitForTimeout(1_100); // a person takes longer than the 1 s delay after a failure
		await submitLogin('nobody.here', 'whatever-password');
		await server.waitForLog((l) => l.event === 'auth.login_failed' && l.reason === 'unknown_login_id');
		await expect.poll(alertText, WAIT).toContain('ログインIDまたはパスワードが正しくありません');
		await expect.poll(() => page.getByLabel('パスワード', { exact: true }).inputValue(), WAIT).toBe('');
		const failures = server.logs.filter((l) => l.event === 'auth.login_failed');
		expect(failures.map((l) => l.reason)).toEqual(['wrong_password', 'unknown_login_id']);
		expect(JSON.stringify(server.logs)).not.toContain('not-the-password');
	});

	it('signs in with the right password and returns to the page asked for', async () => {
		await page.waitForTimeout(1_100);
		await submitLogin(user.loginId, user.password);
		await page.waitForURL((url) => url.pathname === '/account', WAIT);
		await expect.poll(() => page.getByRole('banner').innerText(), WAIT).toContain('会津 花子');
		expect(await page.getByRole('main').innerText()).toContain('hanako.aizu');
		await server.waitForLog((l) => l.event === 'auth.login' && l.userId === user.id);
	});

	it('switches the interface to English and back', async () => {
		await page.getByRole('button', { name: 'English' }).click();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), WAIT).toBe('Account');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.getByRole('button', { name: '日本語' }).click();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), WAIT).toBe('アカウント');
		expect(await page.locator('html').getAttribute('lang')).toBe('ja');
	});

	it('logs out: the session ends on the server and pages need a login again', async () => {
		const cookieBefore = (await context.cookies()).find((c) => c.name.endsWith('session'));
		expect(cookieBefore).toBeDefined();

		await page.getByRole('banner').getByRole('button', { name: 'ログアウト' }).click();
		await page.waitForURL((url) => url.pathname === '/login', WAIT);
		expect((await context.cookies()).some((c) => c.name.endsWith('session'))).toBe(false);
		await server.waitForLog((l) => l.event === 'auth.logout' && l.userId === user.id);

		// The old cookie no longer works, even if someone kept a copy of it.
		await context.addCookies([cookieBefore!]);
		await page.goto(`${server.url}/account`);
		await page.waitForURL((url) => url.pathname === '/login', WAIT);
	});
});
