/**
 * The evaluation bench's fixture: a register of N KPIs (4 goals, 10 KPIs per measure) with
 * actuals for Y fiscal years, written into a migrated database through the app's own repository
 * (adoptRegister), plus a facilitator with a session. Also times the pure work of a register
 * request in process: evaluating, building the page view (with the goal charts' SVG) and writing
 * the .xlsx. Bundled by bench/evaluation.mjs with esbuild.
 */
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { migrateToLatest, openDatabase } from '../../src/lib/server/db';
import { newId } from '../../src/lib/server/ids';
import { adoptRegister } from '../../src/lib/server/repositories/kpi-register';
import { evaluateLoaded, loadRegister } from '../../src/lib/server/evaluation/register-view';
import { registerPageView } from '../../src/lib/server/evaluation/register-page';
import { achievementWorkbook } from '../../src/lib/server/export/xlsx-achievement';
import { blankRegisterKpi } from '../../src/lib/domain/evaluation/register-kpi';

export interface EvaluationSeed {
	workspaceId: string;
	cookie: string;
	firstYear: number;
	lastYear: number;
}

export async function seedEvaluation(databasePath: string, kpis: number, years: number): Promise<EvaluationSeed> {
	const { db } = openDatabase(databasePath);
	try {
		await migrateToLatest(db);
		const now = Date.now();
		const workspaceId = newId();
		const firstYear = 2016;
		const lastYear = firstYear + years - 1;
		await db
			.insertInto('workspace')
			.values({ id: workspaceId, town_name: 'ベンチ町', strategy_name: 'ベンチ町総合戦略', plan_start_fy: firstYear, plan_end_fy: lastYear, created_at: now })
			.execute();
		const userId = newId();
		await db
			.insertInto('user')
			.values({ id: userId, login_id: 'bench.fac', display_name: 'ベンチ', password_hash: null, is_admin: 0, active: 1, created_at: now })
			.execute();
		await db.insertInto('membership').values({ workspace_id: workspaceId, user_id: userId, role: 'facilitator', rank: 'clerk', org_unit_id: null, created_at: now }).execute();
		const token = generateSessionToken();
		await createSession(db, token, userId, { idleMs: 3_600_000, maxMs: 12 * 3_600_000 });

		const departments = ['企画課', '農林課', '商工観光課', '保健福祉課', '子育て支援課', '建設課', '教育課', '総務課'];
		const incoming = Array.from({ length: kpis }, (_, i) => {
			const goal = { code: String((i % 4) + 1), title: `基本目標${(i % 4) + 1}の町独自のタイトル` };
			const m = Math.floor(i / 40);
			const lower = i % 7 === 0;
			const kpi = {
				...blankRegisterKpi('', goal, { code: `${goal.code}-${(m % 5) + 1}-${(m % 3) + 1}`, title: `施策${m}の名称（長めの名前で折り返しを確かめる）` }),
				kind: (i % 3 === 0 ? 'output' : 'outcome') as 'output' | 'outcome',
				name: `指標${i + 1} 住民の参加と満足度に関する長い名前の指標`,
				unit: i % 2 ? '人' : '%',
				baselineValue: 100 + (i % 50),
				baselineYear: firstYear - 1,
				direction: (lower ? 'lower' : 'higher') as 'lower' | 'higher',
				cumulative: i % 5 === 0,
				targets: Object.fromEntries(Array.from({ length: years }, (_, y) => [firstYear + y, 100 + (i % 50) + (lower ? -y : y) * 3])),
				finalTarget: 100 + (i % 50) + (lower ? -30 : 30),
				targetYear: lastYear,
				department: departments[i % departments.length]!,
				source: 'bench'
			};
			return { kpi, sourceKpiId: null, sourceIdea: null };
		});
		const { ids } = await adoptRegister(db, {
			workspaceId,
			versionId: null,
			versionName: 'bench',
			sourceKind: 'import',
			adoptedOn: now,
			adoptedBy: userId,
			incoming
		});
		const rows = ids.flatMap((kpiId, i) =>
			Array.from({ length: years }, (_, y) => ({
				kpi_id: kpiId,
				fiscal_year: firstYear + y,
				value: 100 + (i % 50) + (((i + y) % 9) - 3) * 2,
				note: '',
				entered_by: userId,
				entered_at: now
			}))
		);
		for (let s = 0; s < rows.length; s += 500) await db.insertInto('register_actual').values(rows.slice(s, s + 500)).execute();
		return { workspaceId, cookie: `session=${token}`, firstYear, lastYear };
	} finally {
		await db.destroy();
	}
}

/** Median ms of the in-process parts of a register request and of the .xlsx. */
export async function timeInProcess(databasePath: string, workspaceId: string, year: number, runs: number) {
	const { db } = openDatabase(databasePath);
	const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	try {
		const load: number[] = [];
		const compute: number[] = [];
		const xlsx: number[] = [];
		const cpu = { load: [] as number[], compute: [] as number[], xlsx: [] as number[] };
		const cpuMs = (since: NodeJS.CpuUsage) => {
			const d = process.cpuUsage(since);
			return (d.user + d.system) / 1000;
		};
		let bytes = 0;
		for (let r = 0; r < runs; r++) {
			let t = performance.now();
			let c = process.cpuUsage();
			const loaded = await loadRegister(db, workspaceId);
			load.push(performance.now() - t);
			cpu.load.push(cpuMs(c));
			t = performance.now();
			c = process.cpuUsage();
			const evaluated = evaluateLoaded(loaded, year);
			registerPageView(evaluated, { department: '', kpiClass: '', missing: false });
			compute.push(performance.now() - t);
			cpu.compute.push(cpuMs(c));
			t = performance.now();
			c = process.cpuUsage();
			const book = await achievementWorkbook(evaluated.items, evaluated.summary, { townName: 'ベンチ町', strategyName: 'ベンチ町総合戦略', year, date: Date.now() });
			xlsx.push(performance.now() - t);
			cpu.xlsx.push(cpuMs(c));
			bytes = book.byteLength;
		}
		return {
			loadMs: med(load),
			computeMs: med(compute),
			xlsxMs: med(xlsx),
			loadCpuMs: med(cpu.load),
			computeCpuMs: med(cpu.compute),
			xlsxCpuMs: med(cpu.xlsx),
			xlsxBytes: bytes
		};
	} finally {
		await db.destroy();
	}
}
