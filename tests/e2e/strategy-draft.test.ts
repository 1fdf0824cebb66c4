/**
 * The planning section rolls ideas up into the draft strategy, in a real browser logged in
 * through the login form: a facilitator opens the draft (which creates it), adds a direction and
 * a measure, drags two idea sheets from the pool into the measure, fixes the completeness
 * warning "measure without an outcome KPI" by taking over an idea's outcome KPI, saves a named
 * version, and downloads the Word and Excel files of that version, which must parse and contain
 * the measure, its projects and the KPI. Assertions read the screen and the files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import ExcelJS from 'exceljs';
// jszip comes with exceljs; used here only to read the downloaded .docx
import JSZip from 'jszip';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';
import { newId } from '../../src/lib/server/ids';
import type { Db } from '../../src/lib/server/db';
import { sampleBoard } from '../../src/lib/server/export/testing/sample';

const WAIT = { timeout: 20_000, interval: 100 };

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
let boardId: string;
const downloads = mkdtempSync(join(tmpdir(), 'dsw-strategy-'));
const facilitator = { loginId: 'kikaku', password: 'kikaku-pass-2024' };

/** A workshop with one session and one group whose board already holds two idea sheets. */
async function seedWorkshop(db: Db, workspaceId: string): Promise<string> {
	const now = Date.now();
	const workshopId = newId();
	const sessionId = newId();
	const documentId = newId();
	await db.insertInto('workshop').values({ id: workshopId, workspace_id: workspaceId, title: '令和7年度 職員WG', created_at: now }).execute();
	await db
		.insertInto('workshop_session')
		.values({ id: sessionId, workshop_id: workshopId, ordinal: 2, name: '係員 第2回', audience: 'clerk' })
		.execute();
	await db.insertInto('document').values({ id: documentId, workspace_id: workspaceId, kind: 'board', title: 'A班', created_at: now }).execute();
	await db
		.insertInto('workshop_group')
		.values({ id: newId(), session_id: sessionId, name: 'A班', document_id: documentId, sort_order: 0 })
		.execute();
	// the board is not loaded by the server yet: its content can go straight into its update log
	const update = Y.encodeStateAsUpdate(sampleBoard());
	await db
		.insertInto('document_update')
		.values({ document_id: documentId, data: Buffer.from(update), created_at: now })
		.execute();
	return documentId;
}

beforeAll(async () => {
	server = await startBrowserAppServer();
	const opened = openTestDb(server.databasePath);
	db = opened.db;
	closeDb = opened.close;
	workspaceId = (await createWorkspace(db, { townName: 'みらい町', strategyName: 'みらい町デジタル田園都市構想総合戦略' })).id;
	const user = await createUser(db, { loginId: facilitator.loginId, password: facilitator.password, displayName: '企画 花子' });
	await addMember(db, workspaceId, user.id, 'facilitator');
	boardId = await seedWorkshop(db, workspaceId);

	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
	page = await context.newPage();
	page.on('pageerror', (error) => console.error('page error', error.stack));
	await logIn(page, server.url, facilitator, WAIT.timeout);
});

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await closeDb?.();
	await server?.stop();
	rmSync(downloads, { recursive: true, force: true });
});

const status = () => page.getByRole('status', { name: '接続状態' });
const checks = () => page.locator('section.checks');

describe('drafting the strategy from the workshop ideas', () => {
	it('opens the draft: four basic goals, the idea pool and the checks', async () => {
		await page.goto(`${server.url}/w/${workspaceId}/strategy`);
		await expect.poll(() => status().innerText(), WAIT).toBe('接続中');
		for (const n of [1, 2, 3, 4]) await expect.poll(() => page.locator(`#goal-${n}`).count(), WAIT).toBe(1);
		await expect.poll(() => page.locator('li.idea').count(), WAIT).toBe(2);
		await expect.poll(() => checks().locator('[data-code="idea_not_placed"]').innerText(), WAIT).toContain('（2）');
		await expect.poll(() => checks().locator('[data-code="goal_without_numeric_target"]').innerText(), WAIT).toContain('（4）');
	});

	it('adds a direction and a measure, and drags two ideas into the measure', async () => {
		await page.getByRole('button', { name: '基本目標4に基本的方向を追加' }).click();
		const directionTitle = page.getByRole('textbox', { name: '基本目標4の基本的方向1のタイトル' });
		await directionTitle.click();
		await directionTitle.pressSequentially('行政サービスのデジタル化');
		await page.getByRole('button', { name: '「行政サービスのデジタル化」に具体的な施策を追加' }).click();
		const measureTitle = page.getByRole('textbox', { name: '施策(1)のタイトル' });
		await measureTitle.click();
		await measureTitle.pressSequentially('手続きと予約のオンライン化');
		const measure = page.locator('article.measure').first();
		await expect.poll(() => measure.getByRole('heading', { name: '(1)' }).count(), WAIT).toBe(1);

		// the checks and the idea pool stay in view beside the measure while scrolling
		await measure.scrollIntoViewIfNeeded();
		await page.locator(`#idea-${boardId}-sheet-booking`).dragTo(measure);
		await page.locator(`#idea-${boardId}-sheet-moving`).dragTo(measure);
		const projects = measure.getByRole('list', { name: '「手続きと予約のオンライン化」の事業' });
		await expect.poll(() => projects.locator('li.project').allInnerTexts(), WAIT).toEqual([
			expect.stringContaining('公共施設のオンライン予約'),
			expect.stringContaining('転入手続きのワンストップ化')
		]);
		// the ideas' departments became the measure's lead and related departments
		await expect
			.poll(() => measure.getByRole('combobox', { name: '施策「手続きと予約のオンライン化」の担当課' }).inputValue(), WAIT)
			.toBe('生涯学習課 社会教育係');
		await expect.poll(() => measure.getByRole('list', { name: '施策「手続きと予約のオンライン化」の関係課' }).innerText(), WAIT).toContain(
			'町民課 住民係'
		);
		await expect.poll(() => checks().locator('[data-code="idea_not_placed"]').count(), WAIT).toBe(0);
		// a drop that lands on a text field places the idea and types nothing into the field
		await expect.poll(() => measure.getByRole('textbox', { name: '施策の概要' }).inputValue(), WAIT).toBe('');
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'strategy-draft-placed.png'), fullPage: false });
	});

	it('reorders the projects by dragging a handle, and back with the move buttons', async () => {
		const measure = page.locator('article.measure').first();
		const projects = measure.getByRole('list', { name: '「手続きと予約のオンライン化」の事業' }).locator('li.project');
		const titles = () => projects.locator('strong').allInnerTexts();
		await measure.getByRole('button', { name: '「転入手続きのワンストップ化」をドラッグして移動' }).dragTo(projects.first());
		await expect.poll(titles, WAIT).toEqual(['転入手続きのワンストップ化', '公共施設のオンライン予約']);
		await measure.getByRole('button', { name: '「公共施設のオンライン予約」を上へ移動' }).click();
		await expect.poll(titles, WAIT).toEqual(['公共施設のオンライン予約', '転入手続きのワンストップ化']);
	});

	it('fixes the warning "measure without an outcome KPI" by taking over an idea KPI', async () => {
		const warning = checks().locator('[data-code="measure_without_outcome_kpi"]');
		await expect.poll(() => warning.count(), WAIT).toBe(1);
		const measure = page.locator('article.measure').first();
		await measure.locator('li.project').first().getByRole('button', { name: 'KPIを取り込む' }).click();
		await measure.getByRole('button', { name: '「オンライン予約の利用率」を施策のKPIにする' }).click();
		await expect.poll(() => warning.count(), WAIT).toBe(0);
		await expect
			.poll(() => measure.getByRole('textbox', { name: '「手続きと予約のオンライン化」のKPI1の指標名' }).inputValue(), WAIT)
			.toBe('オンライン予約の利用率');
		await expect.poll(() => measure.locator('td.sources').first().innerText(), WAIT).toBe('公共施設のオンライン予約');
	});

	it('takes back a deleted KPI with Ctrl+Z, and typing with the undo button', async () => {
		const measure = page.locator('article.measure').first();
		const warning = checks().locator('[data-code="measure_without_outcome_kpi"]');
		const kpiName = measure.getByRole('textbox', { name: '「手続きと予約のオンライン化」のKPI1の指標名' });
		await measure.getByRole('button', { name: 'KPI「オンライン予約の利用率」を削除' }).click();
		await expect.poll(() => kpiName.count(), WAIT).toBe(0);
		await expect.poll(() => warning.count(), WAIT).toBe(1);

		await page.keyboard.press('Control+z');
		await expect.poll(() => kpiName.inputValue(), WAIT).toBe('オンライン予約の利用率');
		await expect.poll(() => warning.count(), WAIT).toBe(0);

		const summary = measure.getByRole('textbox', { name: '施策の概要' });
		await summary.click();
		await summary.pressSequentially('仮の文');
		await expect.poll(() => summary.inputValue(), WAIT).toBe('仮の文');
		const undo = page.getByRole('toolbar', { name: '素案の操作' }).getByRole('button', { name: /元に戻す/ });
		await undo.click();
		await expect.poll(() => summary.inputValue(), WAIT).toBe('');
		// the KPI restored before is not part of that step
		expect(await kpiName.inputValue()).toBe('オンライン予約の利用率');
	});

	it('saves a named version', async () => {
		const name = page.getByLabel('版の名前');
		await name.fill('有識者会議提出版');
		const save = page.getByRole('button', { name: '版を保存' });
		await expect.poll(() => save.isEnabled(), WAIT).toBe(true);
		await save.click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '「有識者会議提出版」を保存しました。' }).count(), WAIT).toBe(1);
		await expect.poll(() => page.locator('.version-list > li').count(), WAIT).toBe(1);
		// the live document survived the page data reload
		await expect.poll(() => status().innerText(), WAIT).toBe('接続中');
	});

	it('renames the version, and deletes a version saved by mistake after confirming', async () => {
		const versions = page.locator('.version-list > li');
		const names = () => versions.locator('a > strong').allInnerTexts();
		const notice = (text: string) => page.getByRole('status').filter({ hasText: text });

		// rename: the field opens with the name selected, so typing replaces it
		await page.getByRole('button', { name: '版「有識者会議提出版」の名前を変更' }).click();
		const field = page.getByRole('textbox', { name: '版「有識者会議提出版」の新しい名前' });
		await expect.poll(() => field.inputValue(), WAIT).toBe('有識者会議提出版');
		await field.pressSequentially('有識者会議提出版（修正）');
		await versions.first().getByRole('button', { name: '保存', exact: true }).click();
		await expect.poll(() => notice('版の名前を「有識者会議提出版（修正）」に変更しました。').count(), WAIT).toBe(1);
		await expect.poll(names, WAIT).toEqual(['有識者会議提出版（修正）']);

		// a cancelled rename changes nothing and gives the focus back to the button
		const renameButton = page.getByRole('button', { name: '版「有識者会議提出版（修正）」の名前を変更' });
		await renameButton.click();
		await page.getByRole('textbox', { name: '版「有識者会議提出版（修正）」の新しい名前' }).pressSequentially('別の名前');
		await versions.first().getByRole('button', { name: 'キャンセル' }).click();
		await expect.poll(() => renameButton.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
		expect(await names()).toEqual(['有識者会議提出版（修正）']);

		// back to the name the later tests download, submitted with Enter
		await renameButton.click();
		const again = page.getByRole('textbox', { name: '版「有識者会議提出版（修正）」の新しい名前' });
		await again.pressSequentially('有識者会議提出版');
		await again.press('Enter');
		await expect.poll(names, WAIT).toEqual(['有識者会議提出版']);

		// a second version, saved by mistake, is deleted after the confirmation
		await page.getByLabel('版の名前').fill('誤って保存した版');
		const save = page.getByRole('button', { name: '版を保存' });
		await expect.poll(() => save.isEnabled(), WAIT).toBe(true);
		await save.click();
		await expect.poll(names, WAIT).toEqual(['誤って保存した版', '有識者会議提出版']);
		let question = '';
		page.once('dialog', (dialog) => {
			question = dialog.message();
			void dialog.accept();
		});
		await page.getByRole('button', { name: '版「誤って保存した版」を削除' }).click();
		await expect.poll(() => notice('版「誤って保存した版」を削除しました。').count(), WAIT).toBe(1);
		expect(question).toBe('版「誤って保存した版」を削除しますか？ 削除した版は元に戻せません。');
		await expect.poll(names, WAIT).toEqual(['有識者会議提出版']);
		await expect.poll(() => status().innerText(), WAIT).toBe('接続中');
	});

	it('downloads the version as Word and Excel files that parse and hold the measure', async () => {
		const version = page.locator('.version-list > li').first();

		const [word] = await Promise.all([page.waitForEvent('download'), version.getByRole('link', { name: 'Word（素案）' }).click()]);
		// named after the strategy, the version and the day it was saved (zero-padded, so downloads sort)
		expect(word.suggestedFilename()).toMatch(/^みらい町デジタル田園都市構想総合戦略_有識者会議提出版_\d{4}-\d{2}-\d{2}\.docx$/);
		const wordPath = join(downloads, 'draft.docx');
		await word.saveAs(wordPath);
		const zip = await JSZip.loadAsync(readFileSync(wordPath));
		const xml = await zip.file('word/document.xml')!.async('string');
		const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]);
		expect(texts).toContain('有識者会議提出版');
		expect(texts).toContain('第5章　基本目標4　魅力的な地域をつくる');
		expect(texts).toContain('1　行政サービスのデジタル化');
		expect(texts).toContain('(1)　手続きと予約のオンライン化');
		expect(texts).toContain('オンライン予約の利用率');
		expect(texts).toContain('公共施設のオンライン予約（生涯学習課 社会教育係）');

		const [excel] = await Promise.all([
			page.waitForEvent('download'),
			version.getByRole('link', { name: 'Excel（KPI一覧・A3）' }).click()
		]);
		const excelPath = join(downloads, 'kpis.xlsx');
		await excel.saveAs(excelPath);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(excelPath);
		const ws = wb.getWorksheet('KPI一覧')!;
		// every goal is listed first (with its numeric targets or a note), then the measure's KPI
		const goals: unknown[] = [];
		let kpiRow = 0;
		ws.eachRow((row, r) => {
			if (r > 3) goals.push(row.getCell(1).value);
			if (row.getCell(5).value === 'オンライン予約の利用率') kpiRow = r;
		});
		expect([...new Set(goals.filter((g) => typeof g === 'string' && g.startsWith('基本目標')))]).toHaveLength(4);
		expect(ws.getCell(kpiRow, 1).value).toBe('基本目標4　魅力的な地域をつくる');
		expect(ws.getCell(kpiRow, 3).value).toBe('4-1-1　手続きと予約のオンライン化');
		expect(ws.getCell(kpiRow, 4).value).toBe('アウトカム');
		expect(ws.getCell(kpiRow, 6).value).toBe('↑ 増加');
		expect(ws.getCell(kpiRow, 14).value).toBe(1200);
		expect(ws.pageSetup.printTitlesRow).toBe('1:3');
	});

	it('compares the version with the draft after a change (新旧対照表) and prints the version as A4 PDF', async () => {
		const measureTitle = page.getByRole('textbox', { name: '施策(1)のタイトル' });
		await measureTitle.click();
		await measureTitle.press('End');
		await measureTitle.pressSequentially('の推進');
		const save = page.getByRole('button', { name: '版を保存' });
		await expect.poll(() => save.isEnabled(), WAIT).toBe(true); // nothing left unsent

		await page.locator('.version-list > li').first().getByRole('link', { name: '有識者会議提出版' }).click();
		await expect.poll(() => page.getByRole('heading', { name: '有識者会議提出版（閲覧のみ）' }).count(), WAIT).toBe(1);
		await page.getByRole('link', { name: '現在の素案と比較する' }).click();
		const row = page.locator('table.diff tr[data-subject="measure"][data-change="changed"]');
		await expect.poll(() => row.count(), WAIT).toBe(1);
		expect(await row.locator('td.old').innerText()).toContain('手続きと予約のオンライン化');
		expect(await row.locator('td.new').innerText()).toContain('手続きと予約のオンライン化の推進');
		expect(await page.locator('table.diff tbody tr').count()).toBe(1);
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'strategy-diff.png') });

		const versionId = new URL(page.url()).searchParams.get('from');
		await page.goto(`${server.url}/w/${workspaceId}/strategy/print?version=${versionId}`, { waitUntil: 'networkidle' });
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.app-header').isVisible()).toBe(false);
		const pdf = await page.pdf({ preferCSSPageSize: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		// cover, contents, and one page per chapter at least
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		expect(pages).toBeGreaterThanOrEqual(7);
		await page.emulateMedia({ media: 'screen' });
	});

	it('imports the exported idea sheets into the board after a preview, through the live board, replacing the ones already there', async () => {
		await page.goto(`${server.url}/w/${workspaceId}/strategy`);
		await expect.poll(() => status().innerText(), WAIT).toBe('接続中');
		const exportsOfCurrent = page.getByRole('list', { name: '現在の素案の出力' });
		const [ideas] = await Promise.all([
			page.waitForEvent('download'),
			exportsOfCurrent.getByRole('link', { name: 'Excel（アイデアシート）' }).click()
		]);
		const ideasPath = join(downloads, 'ideas.xlsx');
		await ideas.saveAs(ideasPath);

		await page.goto(`${server.url}/w/${workspaceId}/strategy/import`, { waitUntil: 'networkidle' });
		await page.getByLabel('アイデアシートのファイル（.xlsx または アイデアCSV）').setInputFiles(ideasPath);
		await page.getByRole('button', { name: '内容を確認する' }).click();
		await expect.poll(() => page.getByRole('heading', { name: '取り込むアイデア（2件）' }).count(), WAIT).toBe(1);
		await page.getByLabel('追加先のボード').selectOption(boardId);
		await page.getByRole('button', { name: '2件のアイデアを追加する' }).click();
		// both ideas are already on that board (same title and department): skip or replace each
		await expect.poll(() => page.getByRole('heading', { name: '既にボードにあるアイデア（2件）' }).count(), WAIT).toBe(1);
		await page.getByRole('button', { name: 'すべて置き換える' }).click();
		await page.getByRole('button', { name: 'この内容で取り込む' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '0件を追加、2件を置き換え、0件を飛ばしました。' }).count(), WAIT).toBe(1);

		// replaced in place, not doubled: the pool still shows two ideas
		await page.goto(`${server.url}/w/${workspaceId}/strategy`);
		await expect.poll(() => page.locator('li.idea').count(), WAIT).toBe(2);
	});

	it("takes a numeric target's years however they are typed and shows them as 令和8年度（2026年度）", async () => {
		await page.getByRole('button', { name: '基本目標1に数値目標を追加' }).click();
		const indicator = page.getByRole('textbox', { name: '基本目標1の数値目標1の指標' });
		await indicator.click();
		await indicator.pressSequentially('転入者数');
		const baselineYear = page.getByRole('textbox', { name: '「転入者数」の基準年度' });
		await baselineYear.fill('R6');
		await baselineYear.press('Tab');
		await expect.poll(() => baselineYear.inputValue(), WAIT).toBe('令和6年度（2024年度）');
		const targetYear = page.getByRole('textbox', { name: '「転入者数」の目標年度' });
		// what is not a year is said beside the field and not stored
		await targetYear.fill('らいねん');
		await targetYear.press('Tab');
		await expect.poll(() => page.getByRole('alert').filter({ hasText: '年度を読み取れません' }).count(), WAIT).toBe(1);
		await targetYear.fill('2030');
		await targetYear.press('Tab');
		await expect.poll(() => targetYear.inputValue(), WAIT).toBe('令和12年度（2030年度）');
		expect(await page.getByRole('alert').filter({ hasText: '年度を読み取れません' }).count()).toBe(0);
		// and a reload shows what was stored, the same way
		await page.reload();
		await expect.poll(() => status().innerText(), WAIT).toBe('接続中');
		await expect.poll(() => page.getByRole('textbox', { name: '「転入者数」の基準年度' }).inputValue(), WAIT).toBe('令和6年度（2024年度）');
		await expect.poll(() => page.getByRole('textbox', { name: '「転入者数」の目標年度' }).inputValue(), WAIT).toBe('令和12年度（2030年度）');
	});
});
