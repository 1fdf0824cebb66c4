/**
 * The yearly evaluation on screen: a member of the responsible department types a year's actual
 * and sees the progress and class as they type, saves it, and sees the KPI's class and chart
 * change; a member of another department gets read-only rows and, trying anyway, is refused by
 * the server (403 with a Japanese message); the facilitator downloads the achievement table.
 * Screenshots go to tests/artifacts/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startBrowserAppServer, type AppServer } from '../helpers/app-server';
import { ARTIFACTS_DIR, launchBrowser, logIn } from '../helpers/browser';
import { addMember, createUser, createWorkspace, openTestDb } from '../helpers/fixtures';
import { ensureDepartment } from '../../src/lib/server/repositories/org-units';
import { adoptRegister } from '../../src/lib/server/repositories/kpi-register';
import { blankRegisterKpi } from '../../src/lib/domain/evaluation/register-kpi';
import type { Db } from '../../src/lib/server/db';

const WAIT = { timeout: 15_000 };
let server: AppServer;
let browser: Browser;
let db: Db;
let closeDb: () => Promise<void>;
let base: string;
let farmersKpi: string;
const people: Record<'facilitator' | 'farmer' | 'planner', { loginId: string; password: string }> = {} as never;

async function pageFor(who: keyof typeof people): Promise<Page> {
	const page = await (await browser.newContext({ locale: 'ja-JP', acceptDownloads: true })).newPage();
	await logIn(page, server.url, people[who]);
	return page;
}

beforeAll(async () => {
	server = await startBrowserAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	const ws = await createWorkspace(db, { townName: 'みらい町', planStartFy: 2020, planEndFy: 2024 });
	base = `${server.url}/w/${ws.id}/evaluation`;
	const make = async (loginId: string, role: 'facilitator' | 'member', department: string | null) => {
		const u = await createUser(db, { loginId, password: `${loginId}-pass-2026` });
		await addMember(db, ws.id, u.id, role);
		if (department) {
			const unit = await ensureDepartment(db, ws.id, department);
			await db.updateTable('membership').set({ org_unit_id: unit.id }).where('user_id', '=', u.id).execute();
		}
		return { loginId, password: `${loginId}-pass-2026`, id: u.id };
	};
	const f = await make('kikaku.fac', 'facilitator', '企画課');
	people.facilitator = f;
	people.farmer = await make('nourin.member', 'member', '農林課');
	people.planner = await make('kikaku.member', 'member', '企画課');

	const goal = { code: '1', title: '活力ある産業のまちをつくる' };
	const farmers = {
		...blankRegisterKpi('', goal, { code: '1-1-1', title: '農業の担い手の育成' }),
		name: '新規就農者数',
		unit: '人',
		baselineValue: 11,
		baselineYear: 2019,
		cumulative: true,
		targets: { 2022: 16, 2024: 20 },
		finalTarget: 20,
		targetYear: 2024,
		department: '農林課',
		source: 'テスト'
	};
	const population = {
		...blankRegisterKpi('', goal, { code: '1-1-1', title: '農業の担い手の育成' }),
		name: '人口の社会増減',
		unit: '人',
		baselineValue: -120,
		baselineYear: 2019,
		finalTarget: 0,
		targetYear: 2024,
		department: '企画課',
		source: 'テスト'
	};
	const { ids } = await adoptRegister(db, {
		workspaceId: ws.id,
		versionId: null,
		versionName: 'テスト策定版',
		sourceKind: 'import',
		adoptedOn: Date.UTC(2025, 3, 1),
		adoptedBy: f.id,
		incoming: [farmers, population].map(({ id: _id, ...kpi }) => ({ kpi, sourceKpiId: null, sourceIdea: null }))
	});
	farmersKpi = ids[0]!;
	await db.insertInto('register_actual').values({ kpi_id: farmersKpi, fiscal_year: 2022, value: 12, note: '', entered_by: f.id, entered_at: Date.now() }).execute();
	browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
	await browser?.close();
	await closeDb?.();
	await server?.stop();
});

const chartOf = async (page: Page) => page.getByTestId('kpi-chart').innerHTML();

describe('entering actuals per department', () => {
	it('shows the member progress and class as they type, saves, and the class and chart change', async () => {
		const page = await pageFor('farmer');
		await page.goto(`${base}/kpi/${farmersKpi}?year=2023`);
		const chartBefore = await chartOf(page);
		await expect.poll(() => page.getByTestId('kpi-class').first().innerText()).toContain('改善');
		expect(await page.getByTestId('kpi-rate').innerText()).toContain('11.1%'); // (12 − 11) ÷ (20 − 11)

		await page.goto(`${base}/entry?year=2023`, { waitUntil: 'networkidle' });
		await page.getByRole('heading', { name: '実績の入力（農林課）' }).waitFor(WAIT);
		const row = page.locator(`tr[data-kpi-id="${farmersKpi}"]`);
		expect(await row.getByTestId('last-year').innerText()).toBe('12');
		const input = row.getByLabel('R5の実績値');
		await input.fill('');
		await input.pressSequentially('２０人'); // full-width digits and a unit
		await expect.poll(() => row.getByTestId('preview-rate').innerText(), WAIT).toBe('100.0%');
		expect(await row.getByTestId('kpi-class').innerText()).toContain('目標達成');
		await input.fill('△3');
		await expect.poll(() => row.getByTestId('kpi-class').innerText(), WAIT).toContain('悪化');
		await input.fill('19');
		await expect.poll(() => row.getByTestId('preview-rate').innerText(), WAIT).toBe('88.9%');
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'evaluation-entry-typing.png'), fullPage: true });
		await row.getByRole('button', { name: '保存' }).click();
		await row.getByText('保存しました').waitFor(WAIT);

		await page.goto(`${base}/kpi/${farmersKpi}?year=2023`);
		expect(await page.getByTestId('kpi-rate').innerText()).toContain('88.9%');
		expect(await page.getByTestId('kpi-class').first().innerText()).toContain('改善');
		const chartAfter = await chartOf(page);
		expect(chartAfter).not.toBe(chartBefore);
		expect(chartAfter).toContain('<svg');
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'evaluation-kpi-chart.png'), fullPage: true });
		const stored = await db.selectFrom('register_actual').select('value').where('kpi_id', '=', farmersKpi).where('fiscal_year', '=', 2023).executeTakeFirst();
		expect(stored?.value).toBe(19);
	});

	it('gives another department read-only rows and the server refuses them with 403', async () => {
		const page = await pageFor('planner');
		await page.goto(`${base}/entry?year=2023&department=${encodeURIComponent('農林課')}`, { waitUntil: 'networkidle' });
		const row = page.locator(`tr[data-kpi-id="${farmersKpi}"]`);
		await expect.poll(() => row.getByLabel('R5の実績値').isDisabled(), WAIT).toBe(true);
		expect(await row.innerText()).toContain('担当課の職員だけが入力できます');
		const answer = await page.evaluate(
			async ({ url, kpiId }) => {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ kpiId, fiscalYear: 2023, value: '99', note: '' })
				});
				return { status: res.status, body: (await res.json()) as { message: string } };
			},
			{ url: `${base}/actuals`, kpiId: farmersKpi }
		);
		expect(answer.status).toBe(403);
		expect(answer.body.message).toContain('担当課（農林課）');
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'evaluation-entry-other-department.png'), fullPage: true });
		const stored = await db.selectFrom('register_actual').select('value').where('kpi_id', '=', farmersKpi).where('fiscal_year', '=', 2023).executeTakeFirst();
		expect(stored?.value).toBe(19);
	});

	it('lets the facilitator download the achievement table', async () => {
		const page = await pageFor('facilitator');
		await page.goto(`${base}?year=2023`, { waitUntil: 'networkidle' });
		expect(await page.locator(`tr[data-kpi-id="${farmersKpi}"]`).getAttribute('data-class')).toBe('improved');
		await page.screenshot({ path: join(ARTIFACTS_DIR, 'evaluation-register.png'), fullPage: true });
		const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('link', { name: '達成状況表（Excel）' }).click()]);
		expect(download.suggestedFilename()).toMatch(/^みらい町_達成状況_R5_\d{4}-\d{2}-\d{2}\.xlsx$/);
		const path = join(ARTIFACTS_DIR, 'evaluation-achievement.xlsx');
		await download.saveAs(path);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(path);
		const ws = wb.getWorksheet('達成状況')!;
		let found = false;
		ws.eachRow((r) => {
			if (r.getCell(3).value === '新規就農者数') {
				found = true;
				expect(r.getCell(6).value).toBe(19);
				expect(r.getCell(9).value).toBe('改善');
			}
		});
		expect(found).toBe(true);
	});
});
