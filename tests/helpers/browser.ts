/**
 * Launches Debian's Chromium through playwright-core. A missing browser is an error, not a skip:
 * CI installs it (.ci/run).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = resolve('tests/artifacts');

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install -y chromium`);
	}
	mkdirSync(ARTIFACTS_DIR, { recursive: true });
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
}

/**
 * Signs in through the real /login form as a person would (type, press the button) and waits to
 * leave the page. It waits for the page to be idle first and checks the typed id survived.
 */
export async function logIn(
	page: Page,
	baseUrl: string,
	person: { loginId: string; password: string },
	timeoutMs = 15_000
): Promise<void> {
	await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
	const loginId = page.getByLabel('ログインID');
	await loginId.pressSequentially(person.loginId);
	await page.getByLabel('パスワード', { exact: true }).pressSequentially(person.password);
	const typed = await loginId.inputValue();
	if (typed !== person.loginId) throw new Error(`the login form lost what was typed: ${typed}`);
	await page.getByRole('button', { name: 'ログイン', exact: true }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: timeoutMs });
}
