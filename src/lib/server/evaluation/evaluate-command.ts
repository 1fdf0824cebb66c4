/**
 * `node build/cli.js evaluate <table.csv|table.xlsx> [--year R4] [--target yearly]`: reads a KPI
 * table in the import format, prints the achievement CSV to stdout and then the per-goal summary;
 * exits 1 with row and column messages when the file has errors.
 *
 * Why: planning sections and scripts check a table without a database or a running server, with
 * the same modules the app uses (import, progress rules, CSV writer), so the command and the app
 * cannot disagree. Takes its input and output as arguments so tests can run it in-process.
 */
import { parseFiscalYear, formatFiscalYearShort, type FiscalYear } from '../../domain/fiscal-year';
import { formatKpiTableIssue } from '../../domain/evaluation/kpi-table-import';
import { evaluateRegister, latestActualYear, summarise, type TargetBasis } from '../../domain/evaluation/progress';
import { evaluationCsv, evaluationSummaryText } from '../../domain/evaluation/evaluation-csv';
import { importKpiTableFile } from './kpi-table-file';

export const EVALUATE_USAGE = `usage: node build/cli.js evaluate <table.csv|table.xlsx> [--year R4] [--target final|yearly]
  --year     the fiscal year to evaluate (R4, 令和4年度, 2022); default: the latest year with an actual
  --target   compare with the final target (default) or with each year's own target
`;

export interface EvaluateIo {
	readFile(path: string): Promise<Uint8Array>;
	stdout(text: string): void;
	stderr(text: string): void;
}

export type EvaluateArgs =
	| { ok: true; file: string; year: FiscalYear | null; targetBasis: TargetBasis }
	| { ok: false; message: string };

/** The command line after `evaluate`. */
export function parseEvaluateArgs(args: readonly string[]): EvaluateArgs {
	let file: string | null = null;
	let year: FiscalYear | null = null;
	let targetBasis: TargetBasis = 'final';
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
		if (flag === '--year' || flag === '--target') {
			const value = inline ?? args[++i];
			if (value === undefined) return { ok: false, message: `${flag} needs a value` };
			if (flag === '--year') {
				year = parseFiscalYear(value);
				if (year === null) return { ok: false, message: `--year: not a fiscal year: ${value} (use R4, 令和4年度 or 2022)` };
			} else if (value === 'final' || value === 'yearly') targetBasis = value;
			else return { ok: false, message: `--target: use final or yearly, not ${value}` };
		} else if (arg.startsWith('--')) return { ok: false, message: `unknown option: ${arg}` };
		else if (file === null) file = arg;
		else return { ok: false, message: `one file only (got ${file} and ${arg})` };
	}
	if (file === null) return { ok: false, message: 'the KPI table file is missing' };
	return { ok: true, file, year, targetBasis };
}

/** Runs the command; returns the exit status (0 ok, 1 the table has errors, 2 usage). */
export async function runEvaluate(args: readonly string[], io: EvaluateIo): Promise<number> {
	const parsed = parseEvaluateArgs(args);
	if (!parsed.ok) {
		io.stderr(`${parsed.message}\n\n${EVALUATE_USAGE}`);
		return 2;
	}
	let bytes: Uint8Array;
	try {
		bytes = await io.readFile(parsed.file);
	} catch {
		io.stderr(`ファイルを開けません: ${parsed.file}\n`);
		return 1;
	}
	const name = parsed.file.split(/[\\/]/).pop() ?? parsed.file;
	const table = await importKpiTableFile(bytes, name, {
		sourceName: name,
		...(parsed.year === null ? {} : { defaultActualYear: parsed.year })
	});
	for (const issue of table.issues) io.stderr(`${formatKpiTableIssue(issue)}\n`);
	if (!table.ok) {
		const errors = table.issues.filter((i) => i.severity === 'error').length;
		io.stderr(`${name}: ${errors}件のエラーがあります。直してからもう一度実行してください。\n`);
		return 1;
	}
	const year = parsed.year ?? latestActualYear(table.kpis);
	if (year === null) {
		io.stderr('実績値が1つもないため評価年度を決められません。--year R4 のように年度を指定してください。\n');
		return 1;
	}
	const items = evaluateRegister(table.kpis, { year, targetBasis: parsed.targetBasis });
	io.stdout(evaluationCsv(items));
	io.stdout(`\n${formatFiscalYearShort(year)}（${year}年度）の評価\n`);
	io.stdout(evaluationSummaryText(summarise(items)));
	return 0;
}
