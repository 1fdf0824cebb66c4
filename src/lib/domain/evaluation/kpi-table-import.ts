/**
 * Reading a KPI table written elsewhere (a strategy drafted before this product, an evaluation
 * workbook) into register KPIs with their actuals, with a report per row and column.
 *
 * Why: most towns start from a strategy they already have, kept in Excel with the town's own
 * basic goals (four, five, seven …) and the notations of published tables (「11（R1）」,
 * 「(H20-24) 1.51」, 「全国平均」, merged cells, several values in one cell). Nothing is accepted
 * until every cell is understood or its row is skipped by the person importing. The parser takes
 * a 2-D array of cell strings, so CSV (here) and .xlsx (src/lib/server/evaluation/) share it, as
 * do the app's preview and the `evaluate` command. Pure: no DOM, no server, no file formats
 * beyond CSV text.
 */
import Papa from 'papaparse';
import {
	parseFiscalYear,
	parseFiscalYearPeriod,
	parseFiscalYearPrefix,
	type FiscalYear,
	type FiscalYearPeriod
} from '../fiscal-year';
import type { KpiDirection } from '../kpi';
import { restoreCell } from '../spreadsheet-cell';
import { decodeCsvBytes } from '../staff-csv';
import { parseJapaneseNumber, type ParsedKpiValue } from './japanese-number';
import {
	blankRegisterKpi,
	type KpiActual,
	type RegisterGoal,
	type RegisterKpi,
	type RegisterKpiKind,
	type RegisterKpiWithActuals,
	type RegisterMeasure
} from './register-kpi';

export type KpiTableColumn =
	| 'goal'
	| 'measure'
	| 'kpi'
	| 'unit'
	| 'baseline'
	| 'baselineYear'
	| 'actual'
	| 'actualYear'
	| 'target'
	| 'targetYear'
	| 'cumulative'
	| 'direction'
	| 'department'
	| 'method'
	| 'kind'
	| 'surveyDate'
	| 'publicationTiming';

export const KPI_TABLE_COLUMNS: readonly KpiTableColumn[] = [
	'goal',
	'measure',
	'kpi',
	'unit',
	'baseline',
	'baselineYear',
	'actual',
	'actualYear',
	'target',
	'targetYear',
	'cumulative',
	'direction',
	'department',
	'method',
	'kind',
	'surveyDate',
	'publicationTiming'
];

/** The Japanese heading of each column, as the template and messages write it. */
export const KPI_TABLE_HEADINGS: Record<KpiTableColumn, string> = {
	goal: '基本目標',
	measure: '施策',
	kpi: '指標',
	unit: '単位',
	baseline: '基準値',
	baselineYear: '基準年度',
	actual: '実績値',
	actualYear: '実績年度',
	target: '目標値',
	targetYear: '目標年度',
	cumulative: '累計',
	direction: '方向',
	department: '担当課',
	method: '確認方法',
	kind: '種別',
	surveyDate: '基準日・調査日',
	publicationTiming: '結果公表日'
};

/** The English heading accepted for each column (and written by scripts). */
export const KPI_TABLE_ENGLISH_HEADINGS: Record<KpiTableColumn, string> = {
	goal: 'goal',
	measure: 'measure',
	kpi: 'kpi',
	unit: 'unit',
	baseline: 'baseline',
	baselineYear: 'baseline_year',
	actual: 'actual',
	actualYear: 'actual_year',
	target: 'target',
	targetYear: 'target_year',
	cumulative: 'cumulative',
	direction: 'direction',
	department: 'department',
	method: 'method',
	kind: 'kind',
	surveyDate: 'survey_date',
	publicationTiming: 'publication'
};

/** Headings compared after `headingKey` (NFKC, lower case, no spaces, brackets or _ - ・). */
const HEADER_ALIASES: Record<KpiTableColumn, readonly string[]> = {
	goal: ['基本目標', '基本目標名', '政策', '政策名'],
	measure: ['施策', '施策名', '具体的な施策', '施策番号施策名'],
	kpi: ['指標', '指標名', 'kpi', 'kpi名', '重要業績評価指標', '重要業績評価指標kpi', '成果指標', '評価指標', '数値目標'],
	unit: ['単位'],
	baseline: ['基準値', '策定時基準値', '策定時', '現状値', '基準値a'],
	baselineYear: ['基準年度', '基準年', '基準値の年度', 'baselineyear'],
	actual: ['実績値', '実績', '実績値b', 'actual'],
	actualYear: ['実績年度', '実績の年度', 'actualyear'],
	target: ['目標値', '目標', '目標値c', 'target'],
	targetYear: ['目標年度', '目標年', 'targetyear'],
	cumulative: ['累計', '※', '累計※', 'cumulative'],
	direction: ['方向', '目標の方向', '方向性', 'direction'],
	department: ['担当課', '主管課', '所管課', '担当部署', '担当', 'department'],
	method: ['確認方法', '測定方法', '把握方法', '説明', 'method', 'measurementmethod'],
	kind: ['種別', '区分', 'kind'],
	surveyDate: ['基準日調査日', '調査日', '基準日', 'surveydate'],
	publicationTiming: ['結果公表日', '公表日', '公表時期', 'publication', 'publicationtiming']
};

function headingKey(raw: string): string {
	return raw
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s_\-・()（）[\]「」]/g, '');
}

function columnOfHeading(heading: string): KpiTableColumn | undefined {
	const key = headingKey(heading);
	if (!key) return undefined;
	for (const column of KPI_TABLE_COLUMNS) {
		if (key === headingKey(KPI_TABLE_ENGLISH_HEADINGS[column]) || HEADER_ALIASES[column].includes(key)) return column;
	}
	return undefined;
}

/** A column of yearly actuals (「R3実績」「令和4年度」「H30年(度)」) or yearly targets (「R6目標」). */
export interface YearColumn {
	/** 0-based index in the row. */
	index: number;
	heading: string;
	fiscalYear: FiscalYear;
	role: 'actual' | 'target';
}

/** A heading with a fiscal year: yearly actual, yearly target, or a column to leave (決算, 予算). */
export function yearColumnOfHeading(heading: string): Omit<YearColumn, 'index' | 'heading'> | null {
	const read = parseFiscalYearPrefix(heading);
	if (!read) return null;
	const rest = headingKey(read.rest);
	if (rest === '' || /^(実績|実績値|年度実績|の実績)$/.test(rest)) return { fiscalYear: read.year, role: 'actual' };
	if (/^(目標|目標値|年度目標)$/.test(rest)) return { fiscalYear: read.year, role: 'target' };
	return null;
}

export type KpiTableProblem =
	| 'empty_file'
	| 'not_a_table'
	| 'missing_column'
	| 'duplicate_column'
	| 'unknown_column'
	| 'too_many_rows'
	| 'goal_required'
	| 'measure_required'
	| 'measure_ignored'
	| 'kpi_required'
	| 'bad_kind'
	| 'bad_number'
	| 'text_not_allowed'
	| 'multiple_values'
	| 'bad_year'
	| 'year_conflict'
	| 'actual_year_required'
	| 'actual_conflict'
	| 'bad_cumulative'
	| 'bad_direction'
	| 'direction_inferred'
	| 'direction_contradicts'
	| 'unit_inferred'
	| 'unreadable_file';

export type KpiTableSeverity = 'error' | 'warning';

/** One finding of the preview, tied to a row (1-based, as the spreadsheet shows) and a column. */
export interface KpiTableIssue {
	row: number;
	/** The column, or null for the whole row or file. */
	column: KpiTableColumn | null;
	/** The heading as written in the file (a yearly column has no KpiTableColumn). */
	heading: string | null;
	/** The cell as written. */
	value: string;
	problem: KpiTableProblem;
	severity: KpiTableSeverity;
	/** Japanese, says what to do next. */
	message: string;
}

/** One value of a multi-value cell: 「・ホタテ製品 4社」 → { label: 'ホタテ製品', value: '4社' }. */
export interface MultiValuePart {
	label: string;
	value: string;
}

/** A row holding several values in one cell: the preview offers to split it. */
export interface MultiValueRow {
	row: number;
	cells: Array<{ heading: string; index: number; parts: MultiValuePart[] }>;
	/** The cells can be split into the same number of rows, one per value. */
	canSplit: boolean;
}

/** A KPI read from the table, with the row it came from. */
export interface ImportedKpi extends RegisterKpiWithActuals {
	row: number;
}

export interface ImportedMeasure extends RegisterMeasure {
	kpis: ImportedKpi[];
}

export interface ImportedGoal extends RegisterGoal {
	/** The goal's own numeric targets (数値目標). */
	targets: ImportedKpi[];
	measures: ImportedMeasure[];
}

export interface KpiTableImport {
	/** No errors: the KPIs may be written (warnings are information). */
	ok: boolean;
	/** The heading row (1-based), or null when none was found. */
	headerRow: number | null;
	/** Where each recognised column is (0-based). */
	columns: Partial<Record<KpiTableColumn, number>>;
	yearColumns: YearColumn[];
	goals: ImportedGoal[];
	/** The same KPIs in table order. */
	kpis: ImportedKpi[];
	issues: KpiTableIssue[];
	multiValueRows: MultiValueRow[];
	/** Rows with content below the heading row. */
	rowCount: number;
	/** Rows left out because the person chose to skip them. */
	skippedRows: number[];
}

export interface KpiTableOptions {
	/** Rows (1-based) the person chose to skip. */
	skipRows?: readonly number[];
	/** The fiscal year of the 実績値 column when neither the cell nor 実績年度 says it. */
	defaultActualYear?: FiscalYear;
	/** Written into each KPI's `source` with its row: 「kpi.xlsx 12行目」. */
	sourceName?: string;
}

export const MAX_KPI_TABLE_ROWS = 5000;
/** Rows searched for the heading row (title rows above it are common). */
const HEADER_SEARCH_ROWS = 20;

// ─── Messages ────────────────────────────────────────────────────────────────────────────────

const MESSAGES: Record<KpiTableProblem, (value: string) => string> = {
	empty_file: () => 'ファイルが空です。見出し行とKPIの行がある表を選んでください。',
	not_a_table: () =>
		'見出し行が見つかりません。「基本目標」「施策」「指標」「基準値」「目標値」などの見出しを1行目（表題の下）に入れてください。',
	missing_column: (v) => `「${v}」の列がありません。見出しに「${v}」の列を加えてください。`,
	duplicate_column: (v) => `「${v}」の列が2つあります。どちらか一方の見出しを直してください。`,
	unknown_column: (v) => `見出し「${v}」は読み込みません（必要なら既知の見出しに直してください）。`,
	too_many_rows: (v) => `行が多すぎます（上限 ${v} 行）。ファイルを分けて取り込んでください。`,
	goal_required: () => '基本目標がありません。この行か上の行に基本目標を入力してください。',
	measure_required: () => '施策のKPIですが施策がありません。施策を入力するか、種別を「基本目標」にしてください。',
	measure_ignored: () => '種別が「基本目標」の数値目標なので、施策の列は使いません。',
	kpi_required: () => '指標名がありません。指標名を入力するか、この行を飛ばしてください。',
	bad_kind: (v) => `種別「${v}」が読めません。「基本目標」「施策」「アウトカム」「アウトプット」のいずれかにしてください。`,
	bad_number: (v) => v,
	text_not_allowed: (v) => `「${v}」は数値ではありません。数値を入力するか、値がなければ空欄か「－」にしてください。`,
	multiple_values: () =>
		'1つのセルに複数の値があります。値ごとに1行へ分ける（分割できます）か、1つの値に直してください。',
	bad_year: (v) => `年度「${v}」が読めません。「R4」「令和4年度」「H30」「2022」のように入力してください。`,
	year_conflict: (v) => `値の括弧内の年度と年度の列が異なります（${v}）。値の括弧内の年度を使います。`,
	actual_year_required: () => '実績値の年度がわかりません。「実績年度」の列に入力するか、値に「11（R4）」のように年度を添えてください。',
	actual_conflict: (v) => `同じ年度の実績値が2つあり、値が異なります（${v}）。どちらか一方にしてください。`,
	bad_cumulative: (v) => `累計「${v}」が読めません。累計なら「※」「○」「累計」、そうでなければ空欄にしてください。`,
	bad_direction: (v) => `方向「${v}」が読めません。「増加」「減少」（または「上昇」「低下」）にしてください。`,
	direction_inferred: (v) => `方向が空欄のため、基準値と目標値から「${v}」と判断しました。違う場合は方向を入力してください。`,
	direction_contradicts: (v) => `方向と、基準値から目標値への向きが逆です（${v}）。方向か目標値を確かめてください。`,
	unit_inferred: (v) => `単位が空欄のため、値に書かれた「${v}」を単位にしました。`,
	unreadable_file: (v) => v || 'ファイルを読めません。.csv（UTF-8 または Shift_JIS）か .xlsx を選んでください。'
};

const SEVERITY: Partial<Record<KpiTableProblem, KpiTableSeverity>> = {
	unknown_column: 'warning',
	measure_ignored: 'warning',
	year_conflict: 'warning',
	direction_inferred: 'warning',
	direction_contradicts: 'warning',
	unit_inferred: 'warning'
};

export function kpiTableIssue(
	row: number,
	column: KpiTableColumn | null,
	problem: KpiTableProblem,
	value = '',
	heading: string | null = column ? KPI_TABLE_HEADINGS[column] : null,
	detail?: string
): KpiTableIssue {
	return {
		row,
		column,
		heading,
		value,
		problem,
		severity: SEVERITY[problem] ?? 'error',
		message: MESSAGES[problem](detail ?? value)
	};
}

/** 「12行目「基準値」: …」 — how the CLI and logs print an issue. */
export function formatKpiTableIssue(issue: KpiTableIssue): string {
	const where = issue.heading ? `${issue.row}行目「${issue.heading}」` : `${issue.row}行目`;
	const label = issue.severity === 'error' ? 'エラー' : '注意';
	return `${where} ${label}: ${issue.message}`;
}

/** A result with no KPIs and one file-level problem (an unreadable or empty file). */
export function failedKpiTableImport(problem: 'empty_file' | 'not_a_table' | 'unreadable_file', detail = ''): KpiTableImport {
	return {
		ok: false,
		headerRow: null,
		columns: {},
		yearColumns: [],
		goals: [],
		kpis: [],
		issues: [kpiTableIssue(1, null, problem, '', null, detail)],
		multiValueRows: [],
		rowCount: 0,
		skippedRows: []
	};
}

// ─── Cell readers ────────────────────────────────────────────────────────────────────────────

const cellKey = (raw: string) => raw.normalize('NFKC').trim().toLowerCase();

const CUMULATIVE_YES = new Set(['※', '○', '〇', '◯', '●', '累計', 'true', '1', 'yes', 'y', 'はい']);
const CUMULATIVE_NO = new Set(['', 'false', '0', 'no', 'n', 'いいえ', '×', '-', '－', '―', '—', 'ー', '単年', '単年度']);

/** 累計: ※ ○ 累計 true 1 → true; blank, 0, false, × or a dash → false; else undefined. */
export function parseCumulative(raw: string): boolean | undefined {
	const key = cellKey(raw);
	if (CUMULATIVE_YES.has(key)) return true;
	if (CUMULATIVE_NO.has(key)) return false;
	return undefined;
}

const DIRECTION_ALIASES: Record<string, KpiDirection> = {
	増加: 'higher',
	上昇: 'higher',
	増: 'higher',
	向上: 'higher',
	'↑': 'higher',
	up: 'higher',
	higher: 'higher',
	increase: 'higher',
	減少: 'lower',
	低下: 'lower',
	減: 'lower',
	削減: 'lower',
	'↓': 'lower',
	down: 'lower',
	lower: 'lower',
	decrease: 'lower'
};

/** 方向: 増加/上昇/up → higher; 減少/低下/down → lower; blank → null; else undefined. */
export function parseDirection(raw: string): KpiDirection | null | undefined {
	const key = cellKey(raw);
	if (key === '') return null;
	return DIRECTION_ALIASES[key];
}

const KIND_ALIASES: Record<string, RegisterKpiKind> = {
	基本目標: 'goal_target',
	数値目標: 'goal_target',
	goal: 'goal_target',
	goal_target: 'goal_target',
	goaltarget: 'goal_target',
	施策: 'outcome',
	kpi: 'outcome',
	measure: 'outcome',
	アウトカム: 'outcome',
	outcome: 'outcome',
	成果: 'outcome',
	アウトプット: 'output',
	output: 'output',
	活動: 'output'
};

/** 種別: 基本目標 → goal_target; 施策/アウトカム → outcome; アウトプット → output; blank → null. */
export function parseKind(raw: string): RegisterKpiKind | null | undefined {
	const key = cellKey(raw).replace(/\s/g, '');
	if (key === '') return null;
	return KIND_ALIASES[key];
}

const KANJI_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 「基本目標1 しごとをつくる」「1．しごと…」「第2 …」 → { code: '1', title: 'しごとをつくる' }. */
export function parseGoalCell(raw: string): { code: string | null; title: string } {
	const s = raw.normalize('NFKC').trim();
	const m = /^(?:基本目標|目標|第)?\s*(\d+|[一二三四五六七八九十])\s*(?:[.．、:：)]|\s|$)\s*(.*)$/s.exec(s);
	if (!m) return { code: null, title: s.replace(/^基本目標\s*/, '') };
	const code = /^\d+$/.test(m[1]!) ? String(Number(m[1])) : String(KANJI_DIGITS[m[1]!]);
	return { code, title: m[2]!.trim() };
}

/** 「1-2-3 関係人口の創出」「施策2-2 …」「(1) …」 → { code: '1-2-3', title }. */
export function parseMeasureCell(raw: string): { code: string | null; title: string } {
	const s = raw.normalize('NFKC').trim();
	const bracketed = /^(?:施策(?:番号)?)?\s*\((\d+)\)\s*(.*)$/s.exec(s);
	if (bracketed) return { code: bracketed[1]!, title: bracketed[2]!.trim() };
	const m = /^(?:施策(?:番号)?)?\s*(\d+(?:\s*[-‐‑‒–—―−ー.．]\s*\d+)*)\s*(?:[.．、:：)]|\s|$)\s*(.*)$/s.exec(s);
	if (!m) return { code: null, title: s };
	const code = m[1]!.replace(/\s/g, '').replace(/[‐‑‒–—―−ー.．]/g, '-');
	return { code, title: m[2]!.trim() };
}

// ─── Multi-value cells ───────────────────────────────────────────────────────────────────────

const VALUE_TOKEN = /^[△▲-]?\d[\d,]*(?:\.\d+)?/;

/**
 * Splits 「・ホタテ製品 4社 ・サケ製品 1社」 or 「トレーシー 68.5 広尾 41.5 揖斐川 58.3 (R3)」 into
 * labelled values; a bracketed year at the end applies to every value. null when the cell is not
 * a list of at least two labelled values.
 */
export function splitMultiValueCell(raw: string): MultiValuePart[] | null {
	let s = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
	let suffix = '';
	const trailing = /\s*(\([^()]*\))$/.exec(s);
	if (trailing && parseFiscalYear(trailing[1]!.slice(1, -1)) !== null) {
		suffix = ` ${trailing[1]}`;
		s = s.slice(0, trailing.index).trim();
	}
	const parts: MultiValuePart[] = [];
	// Each part: a label (no digits), then a number with its unit, up to the next label or bullet.
	const re = /[・、,;/\s]*([^\d・、,;/△▲]+?)\s*([△▲-]?\d[\d,]*(?:\.\d+)?(?:[^\s\d・、,;/]*))/gy;
	let m: RegExpExecArray | null;
	let end = 0;
	while ((m = re.exec(s)) !== null) {
		const label = m[1]!.trim();
		if (!label || !VALUE_TOKEN.test(m[2]!)) return null;
		parts.push({ label, value: `${m[2]}${suffix}` });
		end = re.lastIndex;
	}
	if (s.slice(end).trim() !== '' || parts.length < 2) return null;
	return parts;
}

// ─── The table ───────────────────────────────────────────────────────────────────────────────

interface Header {
	row: number;
	columns: Partial<Record<KpiTableColumn, number>>;
	yearColumns: YearColumn[];
	issues: KpiTableIssue[];
}

/** Finds the heading row: the first of the top rows naming the 指標 column and at least two others. */
export function findKpiTableHeader(cells: readonly (readonly string[])[]): Header | null {
	const limit = Math.min(cells.length, HEADER_SEARCH_ROWS);
	for (let r = 0; r < limit; r++) {
		const line = cells[r] ?? [];
		const found = line.map((h) => columnOfHeading(h ?? ''));
		if (!found.includes('kpi') || found.filter(Boolean).length < 3) continue;
		const row = r + 1;
		const columns: Partial<Record<KpiTableColumn, number>> = {};
		const yearColumns: YearColumn[] = [];
		const issues: KpiTableIssue[] = [];
		line.forEach((rawHeading, index) => {
			const heading = (rawHeading ?? '').trim();
			const column = found[index];
			if (column) {
				if (columns[column] !== undefined) issues.push(kpiTableIssue(row, column, 'duplicate_column', heading, heading, KPI_TABLE_HEADINGS[column]));
				else columns[column] = index;
				return;
			}
			if (!heading) return;
			const year = yearColumnOfHeading(heading);
			if (year) yearColumns.push({ index, heading, ...year });
			else issues.push(kpiTableIssue(row, null, 'unknown_column', heading, heading));
		});
		for (const required of ['goal', 'kpi'] as const) {
			if (columns[required] === undefined) issues.push(kpiTableIssue(row, required, 'missing_column', '', KPI_TABLE_HEADINGS[required], KPI_TABLE_HEADINGS[required]));
		}
		return { row, columns, yearColumns, issues };
	}
	return null;
}

const isBlankRow = (line: readonly string[] | undefined) => !line || line.every((c) => (c ?? '').trim() === '');

/** Rows of cells from CSV text (UTF-8 with or without BOM); cells neutralised by our exports restored. */
export function kpiTableCellsFromCsv(text: string): string[][] {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: false });
	return parsed.data.map((line) => line.map((c) => restoreCell(c ?? '')));
}

/** A KPI table from CSV bytes (UTF-8 or Shift_JIS) or already decoded text. */
export function parseKpiTableCsv(input: Uint8Array | string, options: KpiTableOptions = {}): KpiTableImport {
	const text = typeof input === 'string' ? input : decodeCsvBytes(input);
	return parseKpiTable(kpiTableCellsFromCsv(text), options);
}

/** Reads a number cell into the row's issues; returns the parsed value (errors already reported). */
type CellReport = (column: KpiTableColumn | null, problem: KpiTableProblem, value: string, heading?: string, detail?: string) => void;

function readNumberCell(
	raw: string,
	unit: string,
	column: KpiTableColumn | null,
	heading: string,
	allowText: boolean,
	report: CellReport
): ParsedKpiValue {
	const parsed = parseJapaneseNumber(raw, unit ? { unit } : {});
	if (parsed.kind === 'error') {
		if (parsed.code === 'multiple_values') report(column, 'multiple_values', raw, heading);
		else report(column, 'bad_number', raw, heading, `「${raw.trim()}」: ${parsed.reason}`);
	} else if (parsed.kind === 'text' && !allowText) {
		report(column, 'text_not_allowed', raw, heading, raw.trim());
	}
	return parsed;
}

function readYearCell(raw: string, column: KpiTableColumn, report: CellReport): { year: FiscalYear | null; period: FiscalYearPeriod | null } {
	const text = raw.trim();
	if (text === '' || /^[-‐‑‒–—―−ー－]+$/.test(text.normalize('NFKC'))) return { year: null, period: null };
	const year = parseFiscalYear(text);
	if (year !== null) return { year, period: null };
	const period = parseFiscalYearPeriod(text.replace(/^\(|\)$/g, ''));
	if (period) return { year: period.to, period };
	report(column, 'bad_year', text);
	return { year: null, period: null };
}

/**
 * Parses a KPI table given as rows of cell text. Never throws on bad input: problems are issues
 * with the row and column, and `ok` is false while any error remains in rows not skipped.
 */
export function parseKpiTable(cells: readonly (readonly string[])[], options: KpiTableOptions = {}): KpiTableImport {
	if (cells.every((line) => isBlankRow(line))) return failedKpiTableImport('empty_file');
	const header = findKpiTableHeader(cells);
	if (!header) return failedKpiTableImport('not_a_table');

	const result: KpiTableImport = {
		ok: false,
		headerRow: header.row,
		columns: header.columns,
		yearColumns: header.yearColumns,
		goals: [],
		kpis: [],
		issues: [...header.issues],
		multiValueRows: [],
		rowCount: 0,
		skippedRows: []
	};
	if (header.issues.some((i) => i.problem === 'missing_column' || i.problem === 'duplicate_column')) return result;

	const skip = new Set(options.skipRows ?? []);
	const goals = new Map<string, ImportedGoal>();
	const goalByTitle = new Map<string, ImportedGoal>();
	let currentGoal: ImportedGoal | null = null;
	let currentMeasure: ImportedMeasure | null = null;

	for (let r = header.row; r < cells.length; r++) {
		const line = cells[r]!;
		if (isBlankRow(line)) continue;
		const row = r + 1;
		result.rowCount++;
		if (result.rowCount > MAX_KPI_TABLE_ROWS) {
			result.issues.push(kpiTableIssue(row, null, 'too_many_rows', '', null, String(MAX_KPI_TABLE_ROWS)));
			break;
		}
		if (skip.has(row)) {
			result.skippedRows.push(row);
			continue;
		}

		const rowIssues: KpiTableIssue[] = [];
		const report: CellReport = (column, problem, value, heading, detail) =>
			rowIssues.push(kpiTableIssue(row, column, problem, value, heading ?? (column ? KPI_TABLE_HEADINGS[column] : null), detail));
		const cell = (column: KpiTableColumn): string => {
			const at = header.columns[column];
			return at === undefined ? '' : (line[at] ?? '').trim();
		};

		// Several values in one cell: offer to split before anything else is read from this row.
		const multi: MultiValueRow['cells'] = [];
		line.forEach((raw, index) => {
			const parts = raw ? splitMultiValueCell(raw) : null;
			if (parts) {
				const heading = (cells[header.row - 1]![index] ?? '').trim();
				multi.push({ heading, index, parts });
			}
		});
		const textColumns = new Set(
			(['goal', 'measure', 'kpi', 'unit', 'department', 'method', 'surveyDate', 'publicationTiming', 'kind'] as const)
				.map((c) => header.columns[c])
				.filter((i): i is number => i !== undefined)
		);
		const numericMulti = multi.filter((m) => !textColumns.has(m.index));
		if (numericMulti.length > 0) {
			const counts = new Set(numericMulti.map((m) => m.parts.length));
			result.multiValueRows.push({ row, cells: numericMulti, canSplit: counts.size === 1 });
		}

		// Goal and measure: a blank cell continues the one above (merged cells in Excel).
		const kindCell = cell('kind');
		let kind = parseKind(kindCell);
		if (kind === undefined) report('kind', 'bad_kind', kindCell);

		const goalCell = cell('goal');
		let sameGoal = !goalCell;
		if (goalCell) {
			const parsed = parseGoalCell(goalCell);
			const known = (parsed.code !== null ? goals.get(parsed.code) : undefined) ?? goalByTitle.get(parsed.title);
			sameGoal = known !== undefined && known === currentGoal;
			if (known) currentGoal = known;
			else {
				const code = parsed.code ?? String(goals.size + 1);
				currentGoal = { code, title: parsed.title, targets: [], measures: [] };
				goals.set(code, currentGoal);
				if (parsed.title) goalByTitle.set(parsed.title, currentGoal);
			}
			if (!sameGoal) currentMeasure = null;
		}
		if (!currentGoal) report('goal', 'goal_required', '');

		// Measure: a blank cell under the same goal (blank or repeated goal cell) continues the
		// measure above; under a new goal it starts the goal's own numeric targets.
		const measureCell = cell('measure');
		let measure: ImportedMeasure | null = null;
		if (kind === 'goal_target') {
			if (measureCell) report('measure', 'measure_ignored', measureCell);
		} else if (measureCell && currentGoal) {
			const parsed = parseMeasureCell(measureCell);
			const goal: ImportedGoal = currentGoal;
			const known = goal.measures.find(
				(m) => (parsed.code !== null && m.code === parsed.code) || (parsed.code === null && parsed.title !== '' && m.title === parsed.title)
			);
			if (known) measure = known;
			else {
				const code = parsed.code ?? `${goal.code}-${goal.measures.length + 1}`;
				measure = { code, title: parsed.title, kpis: [] };
				goal.measures.push(measure);
			}
			currentMeasure = measure;
		} else if (!measureCell && sameGoal && currentMeasure && kind !== undefined) {
			measure = currentMeasure;
		}
		if (kind === null) kind = measure ? 'outcome' : 'goal_target';
		if (kind !== 'goal_target' && kind !== undefined && !measure && currentGoal) report('measure', 'measure_required', '');

		const name = cell('kpi');
		if (!name) report('kpi', 'kpi_required', '');

		// Numbers.
		let unit = cell('unit');
		const baselineRaw = cell('baseline');
		const baseline = readNumberCell(baselineRaw, unit, 'baseline', KPI_TABLE_HEADINGS.baseline, false, report);
		const baselineYearCell = readYearCell(cell('baselineYear'), 'baselineYear', report);
		const targetRaw = cell('target');
		const target = readNumberCell(targetRaw, unit, 'target', KPI_TABLE_HEADINGS.target, true, report);
		const targetYearCell = readYearCell(cell('targetYear'), 'targetYear', report);
		const actualRaw = cell('actual');
		const actual = readNumberCell(actualRaw, unit, 'actual', KPI_TABLE_HEADINGS.actual, false, report);
		const actualYearCell = readYearCell(cell('actualYear'), 'actualYear', report);

		const cumulativeCell = cell('cumulative');
		const cumulative = parseCumulative(cumulativeCell);
		if (cumulative === undefined) report('cumulative', 'bad_cumulative', cumulativeCell);
		const directionCell = cell('direction');
		let direction = parseDirection(directionCell);
		if (direction === undefined) report('direction', 'bad_direction', directionCell);

		const actuals: KpiActual[] = [];
		const addActual = (value: number, fiscalYear: FiscalYear, heading: string, raw: string) => {
			const same = actuals.find((a) => a.fiscalYear === fiscalYear);
			if (same && same.value !== value) report(null, 'actual_conflict', raw, heading, `${same.value} と ${value}`);
			else if (!same) actuals.push({ fiscalYear, value, note: '' });
		};
		if (actual.kind === 'number') {
			const year = actual.fiscalYear ?? actualYearCell.year ?? options.defaultActualYear ?? null;
			if (actual.fiscalYear !== null && actualYearCell.year !== null && actual.fiscalYear !== actualYearCell.year) {
				report('actualYear', 'year_conflict', cell('actualYear'), undefined, `${actualRaw} / ${cell('actualYear')}`);
			}
			if (year === null) report('actual', 'actual_year_required', actualRaw);
			else addActual(actual.value, year, KPI_TABLE_HEADINGS.actual, actualRaw);
		}
		const yearlyTargets: Record<number, number | null> = {};
		for (const column of header.yearColumns) {
			const raw = (line[column.index] ?? '').trim();
			const parsed = readNumberCell(raw, unit, null, column.heading, false, report);
			if (parsed.kind !== 'number') continue;
			if (column.role === 'target') yearlyTargets[column.fiscalYear] = parsed.value;
			else addActual(parsed.value, parsed.fiscalYear ?? column.fiscalYear, column.heading, raw);
		}
		actuals.sort((a, b) => a.fiscalYear - b.fiscalYear);

		// Units written in the cells when the unit column is blank.
		if (!unit) {
			const written = [baseline, target, actual].flatMap((p) => (p.kind === 'number' && p.unit ? [p.unit] : []));
			if (written.length > 0 && written.every((u) => u === written[0])) {
				unit = written[0]!;
				report('unit', 'unit_inferred', '', undefined, unit);
			}
		}

		const baselineValue = baseline.kind === 'number' ? baseline.value : null;
		let baselineYear = baselineYearCell.year;
		let baselinePeriod = baselineYearCell.period;
		if (baseline.kind === 'number') {
			if (baseline.period) {
				baselinePeriod = baseline.period;
				baselineYear = baseline.period.to;
			}
			if (baseline.fiscalYear !== null) {
				if (baselineYear !== null && baselineYear !== baseline.fiscalYear && !baseline.period) {
					report('baselineYear', 'year_conflict', cell('baselineYear'), undefined, `${baselineRaw} / ${cell('baselineYear')}`);
				}
				baselineYear = baseline.fiscalYear;
			}
		}
		const finalTarget = target.kind === 'number' ? target.value : target.kind === 'text' ? target.text : null;
		const targetYear = (target.kind === 'number' ? target.fiscalYear : null) ?? targetYearCell.year;
		if (typeof finalTarget === 'number' && targetYear !== null && yearlyTargets[targetYear] === undefined) {
			yearlyTargets[targetYear] = finalTarget;
		}

		if (direction === null) {
			direction = 'higher';
			if (typeof finalTarget === 'number' && baselineValue !== null && finalTarget < baselineValue) {
				direction = 'lower';
				report('direction', 'direction_inferred', '', undefined, '減少');
			}
		} else if (direction !== undefined && typeof finalTarget === 'number' && baselineValue !== null) {
			const wrongWay = direction === 'higher' ? finalTarget < baselineValue : finalTarget > baselineValue;
			if (wrongWay) report('direction', 'direction_contradicts', directionCell, undefined, `${baselineValue} → ${finalTarget}`);
		}

		const errors = rowIssues.filter((i) => i.severity === 'error');
		result.issues.push(...rowIssues);
		if (errors.length > 0 || !currentGoal || kind === undefined || direction === undefined || cumulative === undefined) continue;

		const goal: ImportedGoal = currentGoal;
		const kpi: RegisterKpi = {
			...blankRegisterKpi(`row-${row}`, { code: goal.code, title: goal.title }, measure ? { code: measure.code, title: measure.title } : null),
			kind,
			name,
			unit,
			measurementMethod: cell('method'),
			baselineValue,
			baselineYear,
			baselinePeriod,
			direction,
			cumulative,
			targets: yearlyTargets,
			finalTarget,
			targetYear,
			surveyDate: cell('surveyDate'),
			publicationTiming: cell('publicationTiming'),
			department: cell('department'),
			source: options.sourceName ? `${options.sourceName} ${row}行目` : `${row}行目`
		};
		const imported: ImportedKpi = { row, kpi, actuals };
		result.kpis.push(imported);
		if (measure) measure.kpis.push(imported);
		else goal.targets.push(imported);
	}

	result.goals = [...goals.values()];
	result.ok = !result.issues.some((i) => i.severity === 'error');
	return result;
}

// ─── Splitting a multi-value row ─────────────────────────────────────────────────────────────

export type SplitRowResult = { ok: true; cells: string[][]; rowsAdded: number } | { ok: false; message: string };

/**
 * Splits row `row` (1-based) into one row per value: each multi-value cell gives its n-th value to
 * the n-th row, other cells are copied, and the KPI name gets the value's label
 * (「事業者数（ホタテ製品）」). The cells of every other row are unchanged.
 */
export function splitMultiValueRow(cells: readonly (readonly string[])[], row: number): SplitRowResult {
	const header = findKpiTableHeader(cells);
	const line = cells[row - 1];
	if (!header || !line || row <= header.row) return { ok: false, message: `${row}行目はKPIの行ではありません。` };
	const kpiIndex = header.columns.kpi;
	const multi = new Map<number, MultiValuePart[]>();
	line.forEach((raw, index) => {
		if (index === kpiIndex) return;
		const parts = raw ? splitMultiValueCell(raw) : null;
		if (parts) multi.set(index, parts);
	});
	if (multi.size === 0) return { ok: false, message: `${row}行目に複数の値を持つセルはありません。` };
	const lists = [...multi.values()];
	const n = lists[0]!.length;
	if (lists.some((l) => l.length !== n)) {
		return { ok: false, message: `${row}行目のセルごとに値の数が異なるため分割できません。値の数をそろえてから分割してください。` };
	}
	// Labels from the first cell; a cell whose labels are the same set is matched by label.
	const labels = lists[0]!.map((p) => p.label);
	const added: string[][] = labels.map((label, i) =>
		line.map((raw, index) => {
			const parts = multi.get(index);
			if (parts) return (parts.find((p) => p.label === label) ?? parts[i]!).value;
			if (index === kpiIndex) return `${raw.trim()}（${label}）`;
			return raw;
		})
	);
	return { ok: true, cells: [...cells.slice(0, row - 1).map((l) => [...l]), ...added, ...cells.slice(row).map((l) => [...l])], rowsAdded: n - 1 };
}
