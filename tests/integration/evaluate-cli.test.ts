/**
 * `npm run evaluate -- <table> [--year R4]` (node build/cli.js evaluate): the built command reads
 * the fixture KPI table as UTF-8 CSV, Shift_JIS CSV and .xlsx (merged goal cells), prints the same
 * achievement CSV cell by cell and the per-goal summary, without a database; a broken table
 * exits 1 with row and column messages and prints nothing on stdout.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = resolve(process.env.BUILD_DIR ?? 'build', 'cli.js');
const FIXTURES = resolve('tests/fixtures/evaluation');
// No database anywhere: the command must not need one.
const emptyDir = mkdtempSync(join(tmpdir(), 'dsw-evaluate-'));
const env = { ...process.env, DATABASE_PATH: join(emptyDir, 'never-created.db'), LOG_LEVEL: 'warn' };

afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

async function evaluate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run(process.execPath, [CLI, 'evaluate', ...args], { env, cwd: emptyDir });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

const G1 = '基本目標1 活力ある産業のまちをつくる';
const G2 = '基本目標2 新しい人の流れをつくる';
const G3 = '基本目標3 結婚・出産・子育ての希望をかなえる';
const G4 = '基本目標4 安心して暮らせる地域をつくる';

/** Expected for R4 (FY2022), worked out by hand from the rules in docs/evaluation.md. */
const EXPECTED_R4 = [
	['goal', 'measure', 'kpi', 'unit', 'baseline', 'actual', 'target', 'progress_rate', 'class'],
	// 5,900 (R3) is the latest actual up to R4: 5900 ÷ 6000.
	[G1, '', '町内事業所の従業者数', '人', '5812', '5900', '6000', '98.3', 'improved'],
	// ※ cumulative, baseline 11 (R1): (21 − 11) ÷ (20 − 11).
	[G1, '1-1 農業の担い手の育成', '新規就農者数', '人', '11', '21', '20', '111.1', 'met'],
	// 億/万: 6億1,200万 ÷ 6億.
	[G1, '1-1 農業の担い手の育成', '農業産出額', '円', '554500000', '612000000', '600000000', '102.0', 'met'],
	// ○ cumulative with a dash baseline (counted as 0); R4 is ― so R3's 3 is used: 3 ÷ 10.
	[G1, '1-2 企業誘致と起業支援', '起業・創業件数', '件', '', '3', '10', '30.0', 'improved'],
	// Cumulative far past the target: (50318 − 7023) ÷ (8000 − 7023).
	[G2, '2-1 関係人口の創出', 'ふるさと納税の寄附件数', '件', '7023', '50318', '8000', '4431.4', 'met'],
	[G2, '2-1 関係人口の創出', '芽室町が好きな町民の割合', '%', '98.6', '95.8', '95', '100.8', 'met'],
	// Text target: rate undefined; no judgement yet, so the rule's class (1.45 (R2) below 1.51).
	[G3, '', '合計特殊出生率', '', '1.51', '1.45', '全国平均', '', 'worse'],
	// Lower is better: 16 ÷ 17.9 (the share of the planned cut is only 13.6%).
	[G3, '3-1 健康づくり', '要介護認定率', '%', '18.2', '17.9', '16', '89.4', 'improved'],
	[G3, '3-1 健康づくり', '健康教室の参加者数', '人', '1200', '1190', '1500', '79.3', 'worse'],
	// 0/0/0, lower is better: undefined rate, unchanged.
	[G3, '3-1 健康づくり', '待機児童数', '人', '0', '0', '0', '', 'unchanged'],
	// △/▲ and a zero target: undefined rate, improved from −120 to −30.
	[G4, '4-1 住み続けたいまち', '人口の社会増減', '人', '-120', '-30', '0', '', 'improved'],
	[G4, '4-1 住み続けたいまち', '地域活動への参加率', '%', '30.5', '', '現状維持', '', 'not_measured']
];

function splitOutput(stdout: string): { csv: string[][]; summary: string } {
	const [csvText, summary] = stdout.split('\n\n', 2) as [string, string];
	return { csv: Papa.parse<string[]>(csvText.trim(), { header: false }).data, summary };
}

describe('npm run evaluate', () => {
	for (const file of ['kpi-table.csv', 'kpi-table-sjis.csv', 'kpi-table.xlsx']) {
		it(`prints the achievement CSV and the summary for ${file}`, async () => {
			const result = await evaluate(join(FIXTURES, file), '--year', 'R4');
			expect(result.code).toBe(0);
			const { csv, summary } = splitOutput(result.stdout);
			expect(csv).toHaveLength(EXPECTED_R4.length);
			EXPECTED_R4.forEach((row, r) => row.forEach((cell, c) => expect(csv[r]![c], `row ${r + 1} column ${EXPECTED_R4[0]![c]}`).toBe(cell)));
			expect(summary).toContain('R4（2022年度）の評価');
			expect(summary).toContain(`${G1}\n  数値目標 1件: 目標達成 0 / 改善 1 / 変化なし 0 / 悪化 0 / 未把握 0 ／ 進捗率80%以上 1/1件（100.0%）`);
			expect(summary).toContain('  施策KPI 3件: 目標達成 2 / 改善 1 / 変化なし 0 / 悪化 0 / 未把握 0 ／ 進捗率80%以上 2/3件（66.7%）');
			expect(summary).toContain('戦略全体\n  数値目標 2件: 目標達成 0 / 改善 1 / 変化なし 0 / 悪化 1 / 未把握 0 ／ 進捗率80%以上 1/1件（100.0%）');
			expect(summary).toContain('  施策KPI 10件: 目標達成 4 / 改善 3 / 変化なし 1 / 悪化 1 / 未把握 1 ／ 進捗率80%以上 5/7件（71.4%）');
			expect(summary).toContain('  合計 12件: 目標達成 4 / 改善 4 / 変化なし 1 / 悪化 2 / 未把握 1 ／ 進捗率80%以上 6/8件（75.0%）');
			// The real table's contradiction (増加 but the target is below the baseline) is a note, not an error.
			expect(result.stderr).toContain('8行目「方向」 注意');
		});
	}

	// Three CLI starts side by side: allow for a busy machine (each start took ~7 s at load 23).
	it('evaluates the latest year with an actual when --year is left out, and an earlier year on request', { timeout: 120_000 }, async () => {
		// Run side by side: each start of the bundled CLI takes seconds on a busy machine.
		const [latest, named, earlier] = await Promise.all([
			evaluate(join(FIXTURES, 'kpi-table.csv')),
			evaluate(join(FIXTURES, 'kpi-table.csv'), '--year', '令和4年度'),
			evaluate(join(FIXTURES, 'kpi-table.csv'), '--year=2021')
		]);
		expect(latest.code).toBe(0);
		expect(latest.stdout).toBe(named.stdout);
		const r3 = splitOutput(earlier.stdout).csv;
		// R3: 17 new farmers (cumulative) → (17 − 11) ÷ 9 = 66.7%; the 2020 reading 1.45 (R2) still used.
		expect(r3[2]!.slice(5)).toEqual(['17', '20', '66.7', 'improved']);
		expect(r3[7]!.slice(5)).toEqual(['1.45', '全国平均', '', 'worse']);
		// R3: the employee count has its own R3 figure in the R4 column, so R3 already sees it.
		expect(r3[1]!.slice(5)).toEqual(['5900', '6000', '98.3', 'improved']);
	});

	it('exits 1 with row and column messages for a broken table, printing no CSV', async () => {
		const result = await evaluate(join(FIXTURES, 'kpi-table-broken.csv'), '--year', 'R4');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trim().split('\n');
		expect(lines).toEqual([
			'2行目「実績値」 エラー: 「12あ」: 単位が指標の単位と異なります。指標の単位に合わせた数値を入力してください。',
			'3行目「基準値」 エラー: 1つのセルに複数の値があります。値ごとに1行へ分ける（分割できます）か、1つの値に直してください。',
			'3行目「目標値」 エラー: 1つのセルに複数の値があります。値ごとに1行へ分ける（分割できます）か、1つの値に直してください。',
			'4行目「基準値」 エラー: 「12,34」: 桁区切りのカンマの位置が正しくありません。「1,234」のように3桁ごとに区切ってください。',
			'4行目「方向」 エラー: 方向「横ばい」が読めません。「増加」「減少」（または「上昇」「低下」）にしてください。',
			'kpi-table-broken.csv: 5件のエラーがあります。直してからもう一度実行してください。'
		]);
	});

	it('exits 2 on a bad command line and 1 on a missing file', { timeout: 120_000 }, async () => {
		const [none, badYear, missing] = await Promise.all([
			evaluate(),
			evaluate(join(FIXTURES, 'kpi-table.csv'), '--year', 'someday'),
			evaluate(join(FIXTURES, 'no-such-file.csv'))
		]);
		expect(none.code).toBe(2);
		expect(badYear.code).toBe(2);
		expect(badYear.stderr).toContain('--year: not a fiscal year: someday');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('ファイルを開けません');
	});
});
