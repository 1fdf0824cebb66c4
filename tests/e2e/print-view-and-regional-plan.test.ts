/**
 * Two council documents made in the browser, read as a reader sees them:
 *
 * - the print view, paginated by Paged.js and printed by Chromium to PDF: A4 portrait, a table of
 *   contents whose entries show the page their heading is on, every goal, no number or short word
 *   broken over lines, 8 pt or larger, and a long KPI table that breaks between rows, repeats its
 *   header and never leaves the header alone at the foot of a page;
 * - the 地域再生計画: a facilitator picks measures, KPIs and projects of the draft, fills the form,
 *   saves and downloads the .docx, whose sections and KPI table (increases per year) are checked.
 *
 * The draft is seeded straight into the strategy document's update log (tests/fixtures/
 * council-strategy.ts). With UPDATE_EXPORT_IMAGES=1 the print view's pages go to docs/images/exports/.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
// jszip comes with exceljs; used here only to read the downloaded .docx
import JSZip from 'jszip';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { launchBrowser, logIn } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';
import { findTexts, pagePdf, pagesWith, papers, readPdf, smallestText, splitTokens, textsNotShownWhole, tocEntries, updateDocsImages, visualLines, type PdfLayout } from '../helpers/pdf-layout';
import { councilStrategy } from '../fixtures/council-strategy';
import { readStrategy } from '../../src/lib/collab/strategy';
import { strategyDocument, type DocBlock } from '../../src/lib/domain/strategy-document';
import { newId } from '../../src/lib/server/ids';
import type { Db } from '../../src/lib/server/db';

/**
 * The harness reads a year header 「R7」 above a number in the next column (「0」) as one token
 * broken over lines (「R70」 holds 「70」); a header cell is never a number, so those are not splits.
 */
const realSplits = (found: string[]) => found.filter((f) => !/broken as 「R\d+」\//.test(f));

const WAIT = { timeout: 30_000, interval: 100 };
const TOWN = 'みらい町';
const STRATEGY = 'みらい町デジタル田園都市構想総合戦略';

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
const downloads = mkdtempSync(join(tmpdir(), 'dsw-print-'));
const facilitator = { loginId: 'kikaku', password: 'kikaku-pass-2024' };

// what the server will render: the same model, for the expected headings and cells
const doc = strategyDocument(readStrategy(councilStrategy()), {
	townName: TOWN,
	strategyName: STRATEGY,
	planStartFy: 2025,
	planEndFy: 2029,
	versionLabel: '素案（作業中）',
	date: Date.now()
});
const headings = doc.blocks.filter((b): b is Extract<DocBlock, { kind: 'heading' }> => b.kind === 'heading');

beforeAll(async () => {
	server = await startBrowserAppServer();
	const opened = openTestDb(server.databasePath);
	db = opened.db;
	closeDb = opened.close;
	workspaceId = (await createWorkspace(db, { townName: TOWN, strategyName: STRATEGY })).id;
	const user = await createUser(db, { loginId: facilitator.loginId, password: facilitator.password, displayName: '企画 花子' });
	await addMember(db, workspaceId, user.id, 'facilitator');
	const documentId = newId();
	await db.insertInto('document').values({ id: documentId, workspace_id: workspaceId, kind: 'strategy', title: STRATEGY, created_at: Date.now() }).execute();
	await db
		.insertInto('document_update')
		.values({ document_id: documentId, data: Buffer.from(Y.encodeStateAsUpdate(councilStrategy())), created_at: Date.now() })
		.execute();

	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('page error', error.stack));
	page.on('console', (message) => {
		if (message.type() === 'error') console.error('console error', message.text());
	});
	await logIn(page, server.url, facilitator, WAIT.timeout);
}, 120_000);

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await closeDb?.();
	await server?.stop();
	rmSync(downloads, { recursive: true, force: true });
});

describe('the print view as printed pages', () => {
	let layout: PdfLayout;

	beforeAll(async () => {
		const started = Date.now();
		await page.goto(`${server.url}/w/${workspaceId}/strategy/print`);
		await page.waitForFunction(() => /^\d+$/.test(document.documentElement.dataset.paged ?? ''), undefined, { timeout: 120_000 });
		const paginated = Date.now() - started;
		const pdf = await pagePdf(page, 'print-view');
		await page.emulateMedia({ media: 'screen' }); // pagePdf left the page in print media
		layout = await readPdf(pdf);
		console.info(`print view: paginated in ${paginated} ms, printed and read in ${Date.now() - started - paginated} ms, ${layout.pages.length} pages`);
		if (process.env.LAYOUT_PDF_DIR) copyFileSync(pdf, join(process.env.LAYOUT_PDF_DIR, 'print.pdf'));
		await updateDocsImages(pdf, 'print-view');
	}, 180_000);

	it('is A4 portrait, page for page as Paged.js laid it out', async () => {
		expect(new Set(papers(layout))).toEqual(new Set(['A4 portrait']));
		const shown = Number(await page.evaluate(() => document.documentElement.dataset.paged));
		expect(layout.pages.length).toBe(shown);
	});

	it('lists every heading in the table of contents with the page it is on', () => {
		const toc = headings.filter((h) => h.level <= 3);
		const entries = tocEntries(layout, toc.map((h) => `${h.number}　${h.text}`), [2, 3]);
		expect(entries.map((e) => e.title)).toEqual(toc.map((h) => `${h.number}　${h.text}`));
		for (const [i, entry] of entries.entries()) {
			expect(entry.page, entry.title).not.toBeNull();
			// printed numbers start at 1 on the table of contents (page 2 of the PDF), as in the Word file
			expect(pagesWith(layout, `${toc[i]!.number}　${toc[i]!.text}`).filter((p) => p > entry.onPage), entry.title).toContain(entry.page! + 1);
		}
	});

	it('has every goal, and breaks no number or short cell over two lines', () => {
		for (const n of [1, 2, 3, 4]) expect(pagesWith(layout, `基本目標${n}`).length, `goal ${n}`).toBeGreaterThan(1);
		const cells = doc.blocks.flatMap((b) => (b.kind === 'table' ? [...b.table.header, ...b.table.rows.flat()] : [])).flatMap((c) => c.split('\n'));
		const unbreakable = [...new Set(cells.map((c) => c.replace(/\s+/g, '')))].filter((t) => t.length >= 2 && (t.length < 8 || /^[△\d,.]+$/.test(t)));
		// the table of contents (pages 2–3) is left out: its page numbers stand in a column
		expect(realSplits(splitTokens({ ...layout, pages: layout.pages.filter((p) => p.number > 3) }, unbreakable))).toEqual([]);
		expect(textsNotShownWhole(layout, ['1,280,000', '↑ 増加', '↓ 減少', '※ 基準値からの累計'])).toEqual([]);
		expect(smallestText(layout).size).toBeGreaterThanOrEqual(7.8);
	});

	it('breaks the long KPI table between rows, repeats its header, never leaves a header alone', () => {
		const headerLines = (n: number) =>
			visualLines(layout.pages[n - 1]!).filter((l) => {
				const text = l.map((w) => w.text).join('');
				return text.includes('指標') && text.includes('基準値');
			});
		const [kpi1, kpi12] = findTexts(layout, ['オープンデータとして公開する行政データセットの数（分野1）', 'オープンデータとして公開する行政データセットの数（分野12）']);
		const first = kpi1!.pages[0]!;
		const last = kpi12!.pages.at(-1)!;
		expect(last).toBeGreaterThan(first);
		for (let p = first; p <= last; p++) expect(headerLines(p).length, `header on page ${p}`).toBeGreaterThan(0);
		for (const p of layout.pages) {
			const lines = visualLines(p);
			for (const header of headerLines(p.number)) {
				const below = lines.filter((l) => l[0]!.yMin > header[0]!.yMax + 14 && !/^-\d+-$/.test(l.map((w) => w.text).join('')));
				expect(below.length, `page ${p.number}: a table header with nothing under it`).toBeGreaterThan(0);
			}
		}
	});
});

describe('the 地域再生計画 made by a facilitator', () => {
	it('picks measures, KPIs and projects, fills the form, saves and downloads the .docx', async () => {
		await page.goto(`${server.url}/w/${workspaceId}/strategy`);
		await page.getByRole('link', { name: '地域再生計画（交付金申請用）' }).click();
		await expect.poll(() => page.getByRole('heading', { name: '地域再生計画の作成' }).count(), WAIT).toBe(1);

		await page.getByLabel('4-1 地域の現状').fill('人口は減少が続き、令和2年の国勢調査では19,878人となった。');
		await page.getByLabel('4-2 地域の課題').fill('農業の担い手不足と、窓口に来なければならない行政手続。');
		await page.getByLabel('3 区域').fill('福島県みらい郡みらい町の全域');
		const measure = (title: string) => page.locator('.measure').filter({ hasText: title });
		await measure('農業・観光業の担い手不足をデジタルで補う').getByRole('checkbox').first().check();
		await measure('農業・観光業の担い手不足をデジタルで補う').getByLabel(/スマート農業技術/).check();
		await measure('農業・観光業の担い手不足をデジタルで補う').getByLabel(/農業・観光業の担い手不足をデジタルで補う事業/).check();
		await measure('子育て手続きのオンライン化').getByRole('checkbox').first().check();
		await measure('子育て手続きのオンライン化').getByLabel(/紙の申請書の枚数/).check();
		await page.getByRole('button', { name: '保存する' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '保存しました。' }).count(), WAIT).toBe(1);

		// what was saved comes back on reload
		await page.reload();
		await expect.poll(() => page.getByLabel('3 区域').inputValue(), WAIT).toBe('福島県みらい郡みらい町の全域');
		await expect.poll(() => measure('子育て手続きのオンライン化').getByLabel(/紙の申請書の枚数/).isChecked(), WAIT).toBe(true);

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Wordファイルをダウンロード（.docx）' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^みらい町_地域再生計画_\d{4}-\d{2}-\d{2}\.docx$/);
		const file = join(downloads, 'plan.docx');
		await download.saveAs(file);
		const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
		const texts = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
		for (const heading of ['１　地域再生計画の名称', '３　地域再生計画の区域', '４－１　地域の現状', '４－３　目標', '５－２　第５章の特別の措置を適用して行う事業', '６　計画期間', '７－３　目標の達成状況に係る評価の公表の手法']) {
			expect(texts).toContain(heading);
		}
		expect(texts).toContain('福島県みらい郡みらい町の全域');
		expect(texts).toContain('人口は減少が続き、令和2年の国勢調査では19,878人となった。');
		expect(texts).toContain('地域再生計画の認定の日から令和12年3月31日まで');
		// the KPI table: only the chosen KPIs, before and the increase per year, decreases as △
		expect(texts.some((t) => t.startsWith('スマート農業技術を導入した農業経営体の数（累計）'))).toBe(true);
		expect(texts.join('\n')).toContain('（経営体）');
		expect(texts.some((t) => t.startsWith('紙の申請書の枚数'))).toBe(true);
		expect(texts.some((t) => t.startsWith('説明会の開催回数'))).toBe(false);
		expect(texts).toContain('3,400');
		expect(texts).toContain('△400');
		expect(texts).toContain('△3,000');
		// 5-2: the chosen measures and project
		expect(texts).toContain('(1) 農業・観光業の担い手不足をデジタルで補う');
		expect(texts).toContain('(2) 子育て手続きのオンライン化');
		expect(texts).toContain('・農業・観光業の担い手不足をデジタルで補う事業（企画政策課）');
		expect(texts).not.toContain('・子育て手続きのオンライン化事業（企画政策課）');
	}, 120_000);
});
