/**
 * CSV files (UTF-8 with a BOM so that Excel opens Japanese text correctly, CRLF line ends):
 * the draft's KPI list, the ideas (one row per idea) and the ideas' KPIs (one row per KPI), and
 * the readers for the two idea files. Every text cell is neutralised (spreadsheet-cell.ts).
 */
import Papa from 'papaparse';
import { neutraliseCell, restoreCell } from '$lib/domain/spreadsheet-cell';
import { formatFiscalYearShort } from '$lib/domain/fiscal-year';
import { KPI_KIND_LABEL } from '$lib/domain/strategy-document';
import type { KpiListRow } from '$lib/domain/strategy-kpi-list';
import { SMART_KEYS } from '$lib/domain/kpi';
import {
	DIRECTION_LABELS,
	emptyIdea,
	formatCheck,
	formatLines,
	formatPairs,
	formatPrecedents,
	formatTiming,
	IDEA_LABELS,
	KPI_KIND_LABELS,
	MAX_IMPORT_IDEAS,
	MAX_IMPORT_KPIS,
	parseCheck,
	parseDirection,
	parseGoals,
	parseKind,
	parseLines,
	parseNumberCell,
	parsePairs,
	parsePrecedents,
	parseTargets,
	parseTiming,
	parseYearCell,
	SMART_LABELS,
	TARGET_LABELS,
	yearOfHeading,
	type ImportIssue,
	type ImportResult,
	type TransferIdea,
	type TransferKpi
} from '$lib/domain/idea-transfer';

type Cell = string | number | null;

/** A CSV with a BOM; strings neutralised, numbers as numbers, null as empty. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
	const cell = (v: Cell) => (v === null ? '' : typeof v === 'number' ? String(v) : neutraliseCell(v));
	return '\uFEFF' + Papa.unparse({ fields: header.map((h) => cell(h)), data: rows.map((r) => r.map(cell)) }, { newline: '\r\n' }) + '\r\n';
}

/** Parses a CSV (BOM tolerated) into a header and rows of restored strings. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
	const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
	const [header = [], ...rows] = result.data;
	return { header: header.map((h) => restoreCell(h).trim()), rows: rows.map((r) => r.map((c) => restoreCell(c ?? ''))) };
}

// ─── the draft's KPI list ─────────────────────────────────────────────────────────────────────

export function kpiListHeader(years: readonly number[]): string[] {
	return [
		'基本目標',
		'基本的方向',
		'具体的な施策',
		'KPI',
		'種別',
		'単位',
		'基準値',
		'基準年度',
		...years.map((y) => `${formatFiscalYearShort(y)}目標`),
		'計測方法',
		'担当課'
	];
}

export function kpiListCells(row: KpiListRow): Cell[] {
	return [
		row.goal,
		row.direction,
		row.measure,
		row.kpi + (row.cumulative ? '※' : ''),
		KPI_KIND_LABEL[row.kind],
		row.unit,
		row.baselineValue,
		row.baselineYear === null ? null : formatFiscalYearShort(row.baselineYear),
		...row.targets,
		row.measurementMethod,
		row.department
	];
}

export function kpiListCsv(rows: readonly KpiListRow[], years: readonly number[]): string {
	return toCsv(kpiListHeader(years), rows.map(kpiListCells));
}

// ─── ideas ────────────────────────────────────────────────────────────────────────────────────

/** Where an exported idea came from (informational columns, ignored on import). */
export interface IdeaOrigin {
	session: string;
	group: string;
}

const SMART_REASON = (k: (typeof SMART_KEYS)[number]) => `${SMART_LABELS[k]} 理由`;

export function ideasCsvHeader(): string[] {
	return [
		'No',
		'セッション',
		'グループ',
		IDEA_LABELS.departmentName,
		IDEA_LABELS.title,
		IDEA_LABELS.relatedProjects,
		IDEA_LABELS.goals,
		IDEA_LABELS.problem,
		IDEA_LABELS.backgroundResidents,
		IDEA_LABELS.backgroundTown,
		IDEA_LABELS.targets,
		IDEA_LABELS.targetNote,
		IDEA_LABELS.solutionMeans,
		IDEA_LABELS.solutionWhom,
		IDEA_LABELS.solutionState,
		IDEA_LABELS.measures,
		IDEA_LABELS.timing,
		IDEA_LABELS.precedents,
		IDEA_LABELS.expectedEffect,
		IDEA_LABELS.sideBenefits,
		...SMART_KEYS.map((k) => SMART_LABELS[k]),
		...SMART_KEYS.map(SMART_REASON)
	];
}

export function ideasCsv(ideas: ReadonlyArray<{ idea: TransferIdea; origin?: IdeaOrigin }>): string {
	return toCsv(
		ideasCsvHeader(),
		ideas.map(({ idea, origin }, i) => [
			i + 1,
			origin?.session ?? '',
			origin?.group ?? '',
			idea.departmentName,
			idea.title,
			formatLines(idea.relatedProjects),
			idea.goals.join(','),
			idea.problem,
			idea.backgroundResidents,
			idea.backgroundTown,
			idea.targets.map((t) => TARGET_LABELS[t]).join(','),
			idea.targetNote,
			idea.solutionMeans,
			idea.solutionWhom,
			idea.solutionState,
			formatLines(idea.measures),
			formatTiming(idea.timing),
			formatPrecedents(idea.precedents),
			idea.expectedEffect,
			idea.sideBenefits,
			...SMART_KEYS.map((k) => formatCheck(idea.smart[k].checked)),
			...SMART_KEYS.map((k) => idea.smart[k].reason)
		])
	);
}

export function ideaKpisCsvHeader(years: readonly number[]): string[] {
	return [
		'アイデアNo',
		'アイデア名',
		'区分',
		'No',
		'指標',
		'単位',
		'計測方法',
		'基準値',
		'基準年度',
		'方向',
		'累計',
		'対応するアウトプット',
		...years.map((y) => formatFiscalYearShort(y))
	];
}

export function ideaKpisCsv(ideas: readonly TransferIdea[], years: readonly number[]): string {
	const rows: Cell[][] = [];
	ideas.forEach((idea, i) => {
		for (const [kind, list] of [
			['output', idea.outputKpis],
			['outcome', idea.outcomeKpis]
		] as const) {
			for (const k of list) {
				rows.push([
					i + 1,
					idea.title,
					KPI_KIND_LABELS[kind],
					k.number,
					k.name,
					k.unit,
					k.measurementMethod,
					k.baselineValue,
					k.baselineYear === null ? null : formatFiscalYearShort(k.baselineYear),
					DIRECTION_LABELS[k.direction],
					k.cumulative ? '■' : '',
					kind === 'outcome' ? formatPairs(k.pairedOutputs) : '',
					...years.map((y) => k.targets[y] ?? null)
				]);
			}
		}
	});
	return toCsv(ideaKpisCsvHeader(years), rows);
}

// ─── reading ideas back ───────────────────────────────────────────────────────────────────────

function columnIndex(header: string[], label: string): number {
	const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
	return header.findIndex((h) => norm(h) === norm(label));
}

/**
 * Reads an ideas CSV and, optionally, its KPI CSV (rows refer to ideas by their No). Rows are
 * numbered as a spreadsheet shows them (the header is row 1).
 */
export function parseIdeasCsv(ideasText: string, ideasFile = 'ideas.csv', kpisText?: string, kpisFile = 'idea-kpis.csv'): ImportResult {
	const issues: ImportIssue[] = [];
	let parsed: { header: string[]; rows: string[][] };
	try {
		parsed = parseCsv(ideasText);
	} catch {
		return { ideas: [], issues: [{ sheet: ideasFile, row: 1, column: null, problem: 'unreadable' }] };
	}
	const { header, rows } = parsed;
	const col = (label: string) => columnIndex(header, label);
	for (const required of [IDEA_LABELS.title, IDEA_LABELS.problem]) {
		if (col(required) < 0) issues.push({ sheet: ideasFile, row: 1, column: required, problem: 'missing_column' });
	}
	if (issues.length > 0) return { ideas: [], issues };
	if (rows.length > MAX_IMPORT_IDEAS) {
		return { ideas: [], issues: [{ sheet: ideasFile, row: 1, column: null, problem: 'too_many', value: String(MAX_IMPORT_IDEAS) }] };
	}

	const ideas: TransferIdea[] = [];
	const byNumber = new Map<string, TransferIdea>();
	rows.forEach((cells, i) => {
		const row = i + 2;
		const get = (label: string) => {
			const c = col(label);
			return c >= 0 ? (cells[c] ?? '') : '';
		};
		const idea = emptyIdea();
		const rowIssues: ImportIssue[] = [];
		const bad = (column: string, problem: ImportIssue['problem'], value?: string) =>
			rowIssues.push({ sheet: ideasFile, row, column, problem, value });

		idea.departmentName = get(IDEA_LABELS.departmentName).trim();
		idea.title = get(IDEA_LABELS.title).trim();
		idea.relatedProjects = parseLines(get(IDEA_LABELS.relatedProjects));
		const goals = parseGoals(get(IDEA_LABELS.goals));
		if (goals === null) bad(IDEA_LABELS.goals, 'bad_goals', get(IDEA_LABELS.goals));
		else idea.goals = goals;
		idea.problem = get(IDEA_LABELS.problem);
		idea.backgroundResidents = get(IDEA_LABELS.backgroundResidents);
		idea.backgroundTown = get(IDEA_LABELS.backgroundTown);
		const targets = parseTargets(get(IDEA_LABELS.targets));
		if (targets === null) bad(IDEA_LABELS.targets, 'bad_targets', get(IDEA_LABELS.targets));
		else idea.targets = targets;
		idea.targetNote = get(IDEA_LABELS.targetNote);
		idea.solutionMeans = get(IDEA_LABELS.solutionMeans);
		idea.solutionWhom = get(IDEA_LABELS.solutionWhom);
		idea.solutionState = get(IDEA_LABELS.solutionState);
		idea.measures = parseLines(get(IDEA_LABELS.measures));
		const timing = parseTiming(get(IDEA_LABELS.timing));
		if (timing === undefined) bad(IDEA_LABELS.timing, 'bad_timing', get(IDEA_LABELS.timing));
		else idea.timing = timing;
		idea.precedents = parsePrecedents(get(IDEA_LABELS.precedents));
		idea.expectedEffect = get(IDEA_LABELS.expectedEffect);
		idea.sideBenefits = get(IDEA_LABELS.sideBenefits);
		for (const k of SMART_KEYS) {
			const checked = parseCheck(get(SMART_LABELS[k]));
			if (checked === undefined) bad(SMART_LABELS[k], 'bad_check', get(SMART_LABELS[k]));
			idea.smart[k] = { checked: checked === true, reason: get(SMART_REASON(k)) };
		}
		if (!idea.title.trim() && !idea.problem.trim()) bad(IDEA_LABELS.title, 'required');
		issues.push(...rowIssues);
		ideas.push(idea);
		const no = get('No').trim() || String(i + 1);
		byNumber.set(no, idea);
	});
	if (rows.length === 0) issues.push({ sheet: ideasFile, row: 2, column: null, problem: 'no_ideas' });

	if (kpisText !== undefined && kpisText.trim()) issues.push(...readIdeaKpisCsv(kpisText, kpisFile, byNumber));
	return { ideas, issues: issues.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row) };
}

function readIdeaKpisCsv(text: string, file: string, byNumber: Map<string, TransferIdea>): ImportIssue[] {
	const issues: ImportIssue[] = [];
	let parsed: { header: string[]; rows: string[][] };
	try {
		parsed = parseCsv(text);
	} catch {
		return [{ sheet: file, row: 1, column: null, problem: 'unreadable' }];
	}
	const { header, rows } = parsed;
	const col = (label: string) => columnIndex(header, label);
	for (const required of ['アイデアNo', '区分', '指標']) {
		if (col(required) < 0) issues.push({ sheet: file, row: 1, column: required, problem: 'missing_column' });
	}
	if (issues.length > 0) return issues;
	const yearColumns = header.flatMap((h, i) => {
		const year = yearOfHeading(h);
		return year !== null && !['基準年度'].includes(h) ? [{ i, year, h }] : [];
	});

	if (rows.length > MAX_IMPORT_KPIS) {
		return [{ sheet: file, row: 1, column: null, problem: 'too_many_kpis', value: String(MAX_IMPORT_KPIS) }];
	}

	rows.forEach((cells, idx) => {
		const row = idx + 2;
		const get = (label: string) => {
			const c = col(label);
			return c >= 0 ? (cells[c] ?? '') : '';
		};
		const bad = (column: string, problem: ImportIssue['problem'], value?: string) =>
			issues.push({ sheet: file, row, column, problem, value });
		const idea = byNumber.get(get('アイデアNo').trim());
		if (!idea) return bad('アイデアNo', 'unknown_idea', get('アイデアNo'));
		const kind = parseKind(get('区分'));
		if (!kind) return bad('区分', 'bad_kind', get('区分'));
		const list = kind === 'output' ? idea.outputKpis : idea.outcomeKpis;
		const kpi: TransferKpi = {
			number: Number(get('No')) || list.length + 1,
			name: get('指標').trim(),
			unit: get('単位').trim(),
			measurementMethod: get('計測方法'),
			baselineValue: null,
			baselineYear: null,
			direction: 'higher',
			cumulative: false,
			targets: {},
			pairedOutputs: []
		};
		const baseline = parseNumberCell(get('基準値'));
		if (baseline === undefined) bad('基準値', 'bad_number', get('基準値'));
		else kpi.baselineValue = baseline;
		const year = parseYearCell(get('基準年度'));
		if (year === undefined) bad('基準年度', 'bad_year', get('基準年度'));
		else kpi.baselineYear = year;
		const direction = parseDirection(get('方向'));
		if (!direction) bad('方向', 'bad_direction', get('方向'));
		else kpi.direction = direction;
		const cumulative = parseCheck(get('累計'));
		if (cumulative === undefined) bad('累計', 'bad_check', get('累計'));
		else kpi.cumulative = cumulative;
		const pairs = parsePairs(get('対応するアウトプット'));
		if (pairs === undefined) bad('対応するアウトプット', 'bad_pairs', get('対応するアウトプット'));
		else if (kind === 'outcome') kpi.pairedOutputs = pairs;
		for (const { i, year: fy, h } of yearColumns) {
			const v = parseNumberCell(cells[i] ?? '');
			if (v === undefined) bad(h, 'bad_number', cells[i]);
			else if (v !== null) kpi.targets[fy] = v;
		}
		if (!kpi.name) bad('指標', 'required');
		list.push(kpi);
	});
	return issues;
}
