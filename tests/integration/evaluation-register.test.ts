/**
 * The yearly evaluation against the built server, end to end: a facilitator imports a KPI table
 * (preview, then confirm), the responsible department's member enters a year's actual while a
 * member of another department is refused (403, Japanese message, nothing written), the register
 * page shows the classes, and both exports read back cell by cell (exceljs for the .xlsx, the CSV
 * as text) with the progress rate, class and the per-goal summary.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse as devalueParse } from 'devalue';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';
import { ensureDepartment } from '../../src/lib/server/repositories/org-units';
import type { Db } from '../../src/lib/server/db';

let server: AppServer;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
let facilitator: string;
let farmer: string; // 農林課
let planner: string; // 企画課

const base = () => `${server.url}/w/${workspaceId}/evaluation`;

async function action(path: string, cookie: string, body: FormData) {
	const res = await fetch(`${base()}${path}`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'x-sveltekit-action': 'true' },
		body
	});
	expect(res.status).toBe(200);
	const answer = (await res.json()) as { type: string; status?: number; data?: string };
	return { type: answer.type, status: answer.status, data: answer.data ? (devalueParse(answer.data) as Record<string, unknown>) : {} };
}

async function memberOf(department: string): Promise<string> {
	const user = await createUser(db);
	await addMember(db, workspaceId, user.id, 'member');
	const unit = await ensureDepartment(db, workspaceId, department);
	await db.updateTable('membership').set({ org_unit_id: unit.id }).where('user_id', '=', user.id).execute();
	return (await sessionCookie(db, user.id)).cookie;
}

const enter = (cookie: string, kpiId: string, fiscalYear: number, value: string, note = '') =>
	fetch(`${base()}/actuals`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'content-type': 'application/json' },
		body: JSON.stringify({ kpiId, fiscalYear, value, note })
	});

const kpiId = async (name: string) =>
	(await db.selectFrom('register_kpi').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
	server = await startAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	workspaceId = (await createWorkspace(db, { townName: 'みらい町', planStartFy: 2020, planEndFy: 2024 })).id;
	const f = await createUser(db, { displayName: '企画 太郎' });
	await addMember(db, workspaceId, f.id, 'facilitator');
	facilitator = (await sessionCookie(db, f.id)).cookie;
	farmer = await memberOf('農林課');
	planner = await memberOf('企画課');
}, 60_000);

afterAll(async () => {
	await closeDb?.();
	await server?.stop();
});

describe('the KPI register from import to exports', () => {
	it('imports a KPI table: preview first (nothing written), then confirm in one go', async () => {
		const form = new FormData();
		form.set('mode', 'register');
		form.set('file', new File([readFileSync('tests/fixtures/evaluation/kpi-table.csv')], 'kpi-table.csv', { type: 'text/csv' }));
		const preview = await action('/import?/preview', facilitator, form);
		expect(preview.type).toBe('success');
		const report = preview.data.report as { ok: boolean; kpiCount: number };
		expect(report.ok).toBe(true);
		expect(report.kpiCount).toBe(12);
		expect(await db.selectFrom('register_kpi').select('id').execute()).toHaveLength(0);

		const confirm = new FormData();
		confirm.set('mode', 'register');
		confirm.set('uploadId', String(preview.data.uploadId));
		confirm.set('adoptedOn', '2026-04-01');
		const done = await action('/import?/confirm', facilitator, confirm);
		expect(done.type).toBe('success');
		expect(await db.selectFrom('register_kpi').select('id').execute()).toHaveLength(12);
		const adoption = await db.selectFrom('strategy_adoption').selectAll().executeTakeFirstOrThrow();
		expect([adoption.source_kind, adoption.added_count, adoption.version_name]).toEqual(['import', 12, 'kpi-table.csv']);
		// 新規就農者数: 14 (R2), 17 (R3), 21 (R4) from the table's yearly columns
		const actuals = await db.selectFrom('register_actual').select(['fiscal_year', 'value']).where('kpi_id', '=', await kpiId('新規就農者数')).orderBy('fiscal_year').execute();
		expect(actuals.map((a) => [a.fiscal_year, a.value])).toEqual([[2020, 14], [2021, 17], [2022, 21]]);
	});

	it('lets the responsible department enter an actual in Japanese notation and keeps the history', async () => {
		const id = await kpiId('農業産出額');
		const res = await enter(farmer, id, 2023, '6億3,000万', 'R5の数値');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ fiscalYear: 2023, value: 630_000_000, changed: true });
		const again = await enter(farmer, id, 2023, '6億3,500万', '確定値');
		expect(again.status).toBe(200);
		const history = await db.selectFrom('register_actual_history').selectAll().where('kpi_id', '=', id).orderBy('changed_at').orderBy('id').execute();
		expect(history.map((h) => [h.previous_value, h.value, h.note])).toEqual(
			expect.arrayContaining([[null, 630_000_000, 'R5の数値'], [630_000_000, 635_000_000, '確定値']])
		);
		// cumulative 新規就農者数: 11 → 20, actual 19 → (19 − 11) ÷ (20 − 11) = 88.9% → 改善
		expect((await enter(farmer, await kpiId('新規就農者数'), 2023, '19人')).status).toBe(200);
		// a value with its own year is stored under that year
		const own = await enter(farmer, await kpiId('新規就農者数'), 2023, '21 (R4)');
		expect(await own.json()).toMatchObject({ fiscalYear: 2022 });
		expect((await enter(farmer, await kpiId('新規就農者数'), 2023, '十九')).status).toBe(400);
	});

	it('refuses a member of another department with 403 and a Japanese message, writing nothing', async () => {
		const id = await kpiId('新規就農者数');
		const before = await db.selectFrom('register_actual_history').select('id').where('kpi_id', '=', id).execute();
		const res = await enter(planner, id, 2023, '25');
		expect(res.status).toBe(403);
		const body = (await res.json()) as { code: string; message: string };
		expect(body.code).toBe('forbidden');
		expect(body.message).toContain('農林課');
		expect(body.message).toMatch(/依頼してください/);
		const stored = await db.selectFrom('register_actual').select('value').where('kpi_id', '=', id).where('fiscal_year', '=', 2023).executeTakeFirstOrThrow();
		expect(stored.value).toBe(19);
		expect(await db.selectFrom('register_actual_history').select('id').where('kpi_id', '=', id).execute()).toHaveLength(before.length);
		// the planner's own department is fine
		expect((await enter(planner, await kpiId('人口の社会増減'), 2023, '△10')).status).toBe(200);
	});

	it('shows the classes on the register page and filters by department', async () => {
		const res = await fetch(`${base()}?year=2023&department=${encodeURIComponent('農林課')}`, { headers: { cookie: planner } });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('新規就農者数');
		expect(html).not.toMatch(/<a [^>]*>要介護認定率<\/a>/); // another department's KPI is filtered out
		expect(html).toMatch(/<a [^>]*>新規就農者数<\/a>/);
		expect(html).toMatch(/data-class="improved"/);
		expect(html).toContain('88.9%');
		expect(html).toContain('<svg');
	});

	it('exports the achievement table as .xlsx (A3 landscape, print titles) and reads back cell by cell', async () => {
		const res = await fetch(`${base()}/export/achievement.xlsx?year=2023`, { headers: { cookie: facilitator } });
		expect(res.status).toBe(200);
		const disposition = res.headers.get('content-disposition') ?? '';
		expect(decodeURIComponent(disposition)).toMatch(/みらい町_達成状況_R5_\d{4}-\d{2}-\d{2}\.xlsx/);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('達成状況')!;
		expect(ws.pageSetup.orientation).toBe('landscape');
		expect(ws.pageSetup.paperSize).toBe(8);
		expect(ws.pageSetup.printTitlesRow).toBe('1:2');
		expect(ws.getRow(2).values).toEqual([undefined, '基本目標', '施策', '指標（KPI）', '単位', '基準値(a)', '実績値(b)', '目標値(c)', '進捗率', '区分', '※', '方向']);
		const rows = new Map<string, ExcelJS.Row>();
		ws.eachRow((row) => {
			const name = row.getCell(3).value;
			if (typeof name === 'string') rows.set(name, row);
		});
		const farmers = rows.get('新規就農者数')!;
		expect(farmers.getCell(5).value).toBe(11);
		expect(farmers.getCell(6).value).toBe(19);
		expect(farmers.getCell(7).value).toBe(20);
		expect(farmers.getCell(8).value).toBeCloseTo(0.889, 6);
		expect(farmers.getCell(8).numFmt).toBe('0.0%');
		expect(farmers.getCell(9).value).toBe('改善');
		expect(farmers.getCell(10).value).toBe('※');
		expect(farmers.getCell(11).value).toBe('↑増加');
		// 要介護認定率: lower is better, no actual for R5 → the R4 actual with its year
		const care = rows.get('要介護認定率')!;
		expect(care.getCell(6).value).toBe('17.9（R4）');
		expect(care.getCell(8).value).toBeCloseTo(0.894, 6); // 16.0 ÷ 17.9
		expect(care.getCell(11).value).toBe('↓減少');
		// rows wrap and are tall enough
		expect(farmers.getCell(3).alignment?.wrapText).toBe(true);
		expect(farmers.height).toBeGreaterThan(14);
		// the per-goal summary
		let summaryRow = 0;
		ws.eachRow((row, n) => {
			if (row.getCell(1).value === '基本目標別の集計') summaryRow = n;
		});
		expect(summaryRow).toBeGreaterThan(14);
		expect(ws.getRow(summaryRow + 1).getCell(3).value).toBe('KPI数');
		const totals = ws.getRow(summaryRow + 2 + 8 + 2); // 4 goals × 2 parts, then 全体 数値目標, 施策のKPI, 合計
		expect([totals.getCell(1).value, totals.getCell(2).value, totals.getCell(3).value]).toEqual(['全体', '合計', 12]);
	});

	it('exports the same table as CSV with the core columns', async () => {
		const res = await fetch(`${base()}/export/achievement.csv?year=2023`, { headers: { cookie: farmer } });
		expect(res.status).toBe(200);
		expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(/_R5_\d{4}-\d{2}-\d{2}\.csv/);
		const text = (await res.text()).replace(/^\uFEFF/, '');
		const lines = text.trim().split('\n');
		expect(lines[0]).toBe('goal,measure,kpi,unit,baseline,actual,target,progress_rate,class');
		const farmers = lines.find((l) => l.includes(',新規就農者数,'))!;
		expect(farmers.split(',').slice(2)).toEqual(['新規就農者数', '人', '11', '19', '20', '88.9', 'improved']);
		expect(lines.find((l) => l.includes(',地域活動への参加率,'))!.split(',').slice(-2)).toEqual(['', 'not_measured']);
	});
});
