/**
 * The board in a real browser: headless Chromium (playwright-core, /usr/bin/chromium) opens the
 * 2,000-card board of our server, signed in with a session cookie, and measures
 * (the page must show exactly the cards the room holds — the board plus the card of the typist
 * whose edits were left in the log — or the scenario fails with what it saw)
 *
 * - navigation start → every card in the DOM (the first visit, then again with the local copy
 *   in IndexedDB), and the longest main-thread task meanwhile;
 * - typing in a card: keydown → the next frame (requestAnimationFrame, then a task);
 * - another person typing in that card (a y-websocket provider in this process) → the new text
 *   in this page's textarea (wall clock on both sides, same machine).
 */
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { Probe } from './probe-client.mjs';
import { summarize } from './stats.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = 30_000;

/** Runs in the page before its own scripts: when are all cards there, and the longest task. */
function watchCards(expected) {
	const w = /** @type {any} */ (window);
	w.__longestTask = 0;
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__longestTask = Math.max(w.__longestTask, e.duration);
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		/* no long-task timing */
	}
	const check = () => {
		const n = document.querySelectorAll('[data-card-id]').length;
		w.__cardCount = n;
		if (n > 0 && !w.__firstCardAt) w.__firstCardAt = performance.now();
		if (n === expected) w.__cardsShownAt = performance.now();
		// more cards than the room holds: the page is wrong; stop and let openBoard say so
		else if (n > expected) w.__tooManyCards = n;
		else requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
}

async function openBoard(page, url, expected) {
	await page.goto(url, { waitUntil: 'commit' });
	try {
		await page.waitForFunction(
			() => /** @type {any} */ (window).__cardsShownAt || /** @type {any} */ (window).__tooManyCards,
			null,
			{ timeout: TIMEOUT_MS, polling: 100 }
		);
	} catch {
		const count = await page.evaluate(() => /** @type {any} */ (window).__cardCount ?? 0);
		throw new Error(`the board shows ${count} of its ${expected} cards after ${TIMEOUT_MS / 1000} s`);
	}
	const tooMany = await page.evaluate(() => /** @type {any} */ (window).__tooManyCards);
	if (tooMany) throw new Error(`the board shows ${tooMany} cards but the room holds ${expected}`);
	return page.evaluate(() => {
		const w = /** @type {any} */ (window);
		return { cardsShownMs: w.__cardsShownAt, firstCardMs: w.__firstCardAt, longestTaskMs: w.__longestTask, cards: w.__cardCount };
	});
}

async function measureTyping(page, keys = 40) {
	const textarea = page.locator('[data-card-id] textarea').first();
	await textarea.click();
	await page.keyboard.press('End');
	await page.evaluate(() => {
		const w = /** @type {any} */ (window);
		w.__keyTimes = [];
		document.addEventListener(
			'keydown',
			(event) => {
				const t = event.timeStamp;
				requestAnimationFrame(() => setTimeout(() => w.__keyTimes.push(performance.now() - t), 0));
			},
			true
		);
	});
	const text = 'kadaiwokaiketsusuru'.repeat(3).slice(0, keys);
	await page.keyboard.type(text, { delay: 80 });
	await page.waitForTimeout(300);
	return summarize(await page.evaluate(() => /** @type {any} */ (window).__keyTimes));
}

async function measureRemoteTyping(page, server, seed, fixtureBundle, keys = 30) {
	const fixture = await import(pathToFileURL(fixtureBundle).href);
	const cardId = await page.evaluate(() => document.querySelector('[data-card-id]')?.getAttribute('data-card-id'));
	if (!cardId) return null;
	const probe = new Probe({
		serverUrl: `ws://127.0.0.1:${server.port}/yjs`,
		room: seed.documentIds[0],
		headers: { origin: `http://127.0.0.1:${server.port}`, cookie: seed.cookies[1] },
		editors: [],
		ownAwarenessOnly: true,
		sendOwnAwarenessOnly: fixture.sendOwnAwarenessOnly
	});
	try {
		await probe.whenSynced();
		await page.evaluate((id) => {
			const w = /** @type {any} */ (window);
			w.__remote = [];
			let last = -1;
			const watch = () => {
				const el = /** @type {HTMLTextAreaElement | null} */ (document.querySelector(`[data-card-id="${id}"] textarea`));
				const n = el?.value.length ?? -1;
				if (last >= 0 && n > last) w.__remote.push({ length: n, at: Date.now() });
				last = n;
				requestAnimationFrame(watch);
			};
			requestAnimationFrame(watch);
		}, cardId);
		const text = fixture.cardText(fixture.findCard(probe.doc, cardId));
		const sent = new Map();
		for (let i = 0; i < keys; i++) {
			text.insert(text.length, 'あ');
			sent.set(text.length, Date.now());
			await new Promise((r) => setTimeout(r, 100));
		}
		await page.waitForTimeout(500);
		const seen = await page.evaluate(() => /** @type {any} */ (window).__remote);
		const latencies = [];
		for (const { length, at } of seen) {
			const t = sent.get(length);
			if (t !== undefined) latencies.push(at - t);
		}
		return summarize(latencies);
	} finally {
		probe.destroy();
	}
}

/** Opens the board of a prepared server (ours, seeded) in Chromium and measures it. */
export async function measureBrowser(prepared, board, fixtureBundle) {
	const { server, seed } = prepared;
	const origin = `http://127.0.0.1:${server.port}`;
	const url = `${origin}/w/${seed.workspaceId}/boards/${seed.documentIds[0]}`;
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage']
	});
	const errors = [];
	try {
		const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
		await context.addCookies([{ name: 'session', value: seed.tokens[0], url: origin }]);
		await context.addInitScript(watchCards, board.cards);
		const page = await context.newPage();
		page.on('pageerror', (error) => errors.push(error.message));
		page.on('crash', () => errors.push('the page crashed'));
		browser.on('disconnected', () => errors.push('Chromium exited'));
		const firstVisit = await openBoard(page, url, board.cards);
		// wait until the page has stored its local copy, then open it again
		await page.waitForTimeout(1500);
		const secondVisit = await openBoard(page, url, board.cards);
		await page.waitForTimeout(500);
		const typing = await measureTyping(page);
		const remoteTyping = await measureRemoteTyping(page, server, seed, fixtureBundle);
		return { firstVisit, secondVisit, typing, remoteTyping, pageErrors: errors.slice(0, 5) };
	} catch (error) {
		// say what the page and the browser went through, not only the step that noticed
		const seen = errors.length ? ` (${errors.slice(0, 5).join('; ')})` : '';
		throw new Error(`${error instanceof Error ? error.message : String(error)}${seen}`);
	} finally {
		await browser.close();
	}
}
