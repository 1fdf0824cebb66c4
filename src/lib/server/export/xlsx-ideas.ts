/**
 * Idea sheets as an Excel workbook, and the reader for the same layout (import).
 *
 * Sheet 「一覧」: one row per idea (header row frozen and repeated when printed).
 * Then one worksheet per idea in the layout of the town's template: A1 「アイデアシート」, the
 * fields as label (column A) / value (columns B… merged) rows in the template's order, the SMART
 * checks (■/□ and the reason), and the KPI table (区分, No, 指標, 単位, 計測方法, 基準値, 基準年度,
 * 方向, 累計, 対応するアウトプット, one column per plan year). The reader finds rows by their labels,
 * so rows may be moved or added by hand; any sheet whose A1 is 「アイデアシート」 is read.
 */
import ExcelJS from 'exceljs';
import { restoreCell } from '$lib/domain/spreadsheet-cell';
import { formatFiscalYearShort } from '$lib/domain/fiscal-year';
import { SMART_KEYS, type KpiKind } from '$lib/domain/kpi';
import {
	DIRECTION_LABELS,
	emptyIdea,
	formatCheck,
	formatGoals,
	formatLines,
	formatPairs,
	formatPrecedents,
	formatTargets,
	formatTiming,
	IDEA_FIELD_ORDER,
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
	yearOfHeading,
	type IdeaLabelKey,
	type ImportIssue,
	type ImportResult,
	type TransferIdea,
	type TransferKpi
} from '$lib/domain/idea-transfer';
import { BORDER, cellValue, numberFormat, SPREADSHEET_FONT } from './xlsx-kpi';

export const IDEA_SHEET_MARKER = 'アイデアシート';
export const SUMMARY_SHEET_NAME = '一覧';
const KPI_HEADING = ['区分', 'No', '指標', '単位', '計測方法', '基準値', '基準年度', '方向', '累計', '対応するアウトプット'];

export interface IdeaForWorkbook {
	idea: TransferIdea;
	session?: string;
	group?: string;
	votes?: number | null;
	hints?: number;
}

/** A worksheet name Excel accepts (≤ 31 characters, no []:*?/\), unique in the workbook. */
function sheetName(no: number, title: string, used: Set<string>): string {
	const base = `${String(no).padStart(2, '0')}_${title.replace(/[[\]:*?/\\]/g, '').trim() || 'アイデア'}`.slice(0, 31);
	let name = base;
	for (let i = 2; used.has(name); i++) name = `${base.slice(0, 27)}(${i})`;
	used.add(name);
	return name;
}

function valueOf(idea: TransferIdea, key: IdeaLabelKey): string {
	switch (key) {
		case 'relatedProjects':
		case 'measures':
			return formatLines(idea[key]);
		case 'goals':
			return formatGoals(idea.goals);
		case 'targets':
			return formatTargets(idea.targets);
		case 'timing':
			return formatTiming(idea.timing);
		case 'precedents':
			return formatPrecedents(idea.precedents);
		default:
			return idea[key];
	}
}

function styleRow(row: ExcelJS.Row, from: number, to: number, options: { header?: boolean } = {}) {
	for (let c = from; c <= to; c++) {
		const cell = row.getCell(c);
		cell.border = BORDER;
		cell.font = { name: SPREADSHEET_FONT, size: 10, bold: options.header || (c === 1 && from === 1) };
		cell.alignment = { vertical: 'top', wrapText: true, horizontal: options.header ? 'center' : undefined };
		if (options.header || (c === 1 && !options.header)) {
			cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: options.header ? 'FFD9E1F2' : 'FFF2F2F2' } };
		}
	}
}

export async function ideasWorkbook(
	items: readonly IdeaForWorkbook[],
	years: readonly number[],
	meta: { townName: string; date: number }
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = meta.townName;
	wb.created = new Date(meta.date);
	const used = new Set<string>([SUMMARY_SHEET_NAME]);
	const names = items.map((it, i) => sheetName(i + 1, it.idea.title, used));

	// ── 一覧 ──
	const summary = wb.addWorksheet(SUMMARY_SHEET_NAME, {
		pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
		headerFooter: { oddFooter: '&C&P / &N' },
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }]
	});
	const summaryHeader = [
		'No',
		'シート',
		IDEA_LABELS.departmentName,
		'アイデア名',
		'総合戦略上の分類',
		'セッション',
		'グループ',
		'課題',
		'解決の手段',
		IDEA_LABELS.timing,
		'アウトプットKPI',
		'アウトカムKPI',
		'投票数',
		'KPIヒント'
	];
	const widths = [5, 16, 16, 28, 14, 22, 8, 40, 36, 10, 9, 9, 7, 8];
	widths.forEach((w, i) => (summary.getColumn(i + 1).width = w));
	summary.getRow(1).values = summaryHeader;
	styleRow(summary.getRow(1), 1, summaryHeader.length, { header: true });
	items.forEach((it, i) => {
		const row = summary.getRow(i + 2);
		const values: Array<string | number | null> = [
			i + 1,
			names[i]!,
			it.idea.departmentName,
			it.idea.title,
			it.idea.goals.map((g) => `基本目標${g}`).join('・'),
			it.session ?? '',
			it.group ?? '',
			it.idea.problem,
			it.idea.solutionMeans,
			formatTiming(it.idea.timing),
			it.idea.outputKpis.length,
			it.idea.outcomeKpis.length,
			it.votes ?? null,
			it.hints ?? null
		];
		values.forEach((v, c) => (row.getCell(c + 1).value = cellValue(v)));
		styleRow(row, 1, values.length);
		row.getCell(1).font = { name: SPREADSHEET_FONT, size: 10 };
		row.getCell(1).fill = { type: 'pattern', pattern: 'none' };
	});

	// ── one sheet per idea ──
	const lastCol = KPI_HEADING.length + years.length;
	items.forEach((it, i) => {
		const { idea } = it;
		const ws = wb.addWorksheet(names[i]!, {
			pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
			headerFooter: { oddFooter: '&C&P / &N' }
		});
		ws.getColumn(1).width = 26;
		for (let c = 2; c <= lastCol; c++) ws.getColumn(c).width = c === 3 || c === 5 ? 22 : 9;

		ws.getCell(1, 1).value = IDEA_SHEET_MARKER;
		ws.mergeCells(1, 1, 1, lastCol);
		ws.getRow(1).font = { name: SPREADSHEET_FONT, size: 14, bold: true };
		let r = 2;
		const labelRow = (label: string, value: string | number | null) => {
			const row = ws.getRow(r);
			row.getCell(1).value = label;
			row.getCell(2).value = cellValue(value);
			ws.mergeCells(r, 2, r, lastCol);
			styleRow(row, 1, lastCol);
			const lines = typeof value === 'string' ? value.split('\n').length : 1;
			if (lines > 1) row.height = Math.min(300, 15 * lines);
			r++;
		};
		labelRow('No', i + 1);
		labelRow('出典', [it.session, it.group].filter(Boolean).join(' '));
		for (const key of IDEA_FIELD_ORDER) labelRow(IDEA_LABELS[key], valueOf(idea, key));

		r++;
		ws.getCell(r, 1).value = 'KPI設定の視点（SMART）';
		ws.getCell(r, 1).font = { name: SPREADSHEET_FONT, size: 11, bold: true };
		r++;
		for (const k of SMART_KEYS) {
			const row = ws.getRow(r);
			row.getCell(1).value = SMART_LABELS[k];
			row.getCell(2).value = formatCheck(idea.smart[k].checked);
			row.getCell(3).value = cellValue(idea.smart[k].reason);
			ws.mergeCells(r, 3, r, lastCol);
			styleRow(row, 1, lastCol);
			row.getCell(2).alignment = { horizontal: 'center', vertical: 'top' };
			r++;
		}

		r++;
		const head = ws.getRow(r);
		[...KPI_HEADING, ...years.map((y) => formatFiscalYearShort(y))].forEach((h, c) => (head.getCell(c + 1).value = h));
		styleRow(head, 1, lastCol, { header: true });
		r++;
		for (const [kind, list] of [
			['output', idea.outputKpis],
			['outcome', idea.outcomeKpis]
		] as const) {
			for (const k of list) {
				const row = ws.getRow(r);
				const values: Array<string | number | null> = [
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
				];
				values.forEach((v, c) => {
					const cell = row.getCell(c + 1);
					cell.value = cellValue(v);
					if (typeof v === 'number') cell.numFmt = numberFormat(v);
				});
				styleRow(row, 1, lastCol);
				row.getCell(1).font = { name: SPREADSHEET_FONT, size: 10 };
				r++;
			}
		}
	});

	return Buffer.from(await wb.xlsx.writeBuffer());
}

// ─── reading ──────────────────────────────────────────────────────────────────────────────────

/** The text of a cell whatever exceljs made of it (rich text, formula result, hyperlink, date). */
function cellText(cell: ExcelJS.Cell): string {
	const v = cell.value as unknown;
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return restoreCell(v);
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown };
		if (Array.isArray(o.richText)) return restoreCell(o.richText.map((t) => t.text).join(''));
		if (o.result !== undefined && o.result !== null) return String(o.result);
		if (typeof o.text === 'string') return restoreCell(o.text);
	}
	return '';
}

function cellNumberish(cell: ExcelJS.Cell): unknown {
	const v = cell.value as unknown;
	if (typeof v === 'number') return v;
	if (v && typeof v === 'object' && 'result' in (v as object)) return (v as { result: unknown }).result;
	return cellText(cell);
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function readIdeaSheet(ws: ExcelJS.Worksheet): { idea: TransferIdea; issues: ImportIssue[] } {
	const idea = emptyIdea();
	const issues: ImportIssue[] = [];
	const bad = (row: number, column: string, problem: ImportIssue['problem'], value?: string) =>
		issues.push({ sheet: ws.name, row, column, problem, value });
	const labels = new Map<string, IdeaLabelKey>(IDEA_FIELD_ORDER.map((k) => [norm(IDEA_LABELS[k]), k]));
	const smartLabels = new Map(SMART_KEYS.map((k) => [norm(SMART_LABELS[k]), k]));
	let kpiHeader: { row: number; columns: Map<string, number>; years: Array<{ col: number; year: number; label: string }> } | null = null;
	let titleRow = 0;

	ws.eachRow({ includeEmpty: false }, (row, r) => {
		const a = norm(cellText(row.getCell(1)));
		if (!a) return;
		if (kpiHeader) {
			const kind = parseKind(cellText(row.getCell(1)));
			if (!kind) return bad(r, '区分', 'bad_kind', cellText(row.getCell(1)));
			readKpiRow(row, r, kind, kpiHeader, idea, bad);
			return;
		}
		if (a === '区分' && norm(cellText(row.getCell(3))) === '指標') {
			const columns = new Map<string, number>();
			const years: Array<{ col: number; year: number; label: string }> = [];
			row.eachCell({ includeEmpty: false }, (cell, c) => {
				const h = cellText(cell);
				columns.set(norm(h), c);
				const y = c > KPI_HEADING.length ? yearOfHeading(h) : null;
				if (y !== null) years.push({ col: c, year: y, label: h });
			});
			kpiHeader = { row: r, columns, years };
			return;
		}
		const smart = smartLabels.get(a);
		if (smart) {
			const checked = parseCheck(cellText(row.getCell(2)));
			if (checked === undefined) bad(r, SMART_LABELS[smart], 'bad_check', cellText(row.getCell(2)));
			idea.smart[smart] = { checked: checked === true, reason: cellText(row.getCell(3)) };
			return;
		}
		const key = labels.get(a);
		if (!key) return;
		const value = cellText(row.getCell(2));
		switch (key) {
			case 'relatedProjects':
			case 'measures':
				idea[key] = parseLines(value);
				break;
			case 'goals': {
				const goals = parseGoals(value);
				if (goals === null) bad(r, IDEA_LABELS.goals, 'bad_goals', value);
				else idea.goals = goals;
				break;
			}
			case 'targets': {
				const targets = parseTargets(value);
				if (targets === null) bad(r, IDEA_LABELS.targets, 'bad_targets', value);
				else idea.targets = targets;
				break;
			}
			case 'timing': {
				const timing = parseTiming(value);
				if (timing === undefined) bad(r, IDEA_LABELS.timing, 'bad_timing', value);
				else idea.timing = timing;
				break;
			}
			case 'precedents':
				idea.precedents = parsePrecedents(value);
				break;
			default:
				if (key === 'title') titleRow = r;
				idea[key] = key === 'title' || key === 'departmentName' ? value.trim() : value;
		}
	});
	if (!idea.title.trim() && !idea.problem.trim()) bad(titleRow || 1, IDEA_LABELS.title, 'required');
	return { idea, issues };
}

function readKpiRow(
	row: ExcelJS.Row,
	r: number,
	kind: KpiKind,
	header: { columns: Map<string, number>; years: Array<{ col: number; year: number; label: string }> },
	idea: TransferIdea,
	bad: (row: number, column: string, problem: ImportIssue['problem'], value?: string) => void
) {
	const cell = (label: string) => {
		const c = header.columns.get(norm(label));
		return c ? row.getCell(c) : null;
	};
	const text = (label: string) => {
		const c = cell(label);
		return c ? cellText(c) : '';
	};
	const list = kind === 'output' ? idea.outputKpis : idea.outcomeKpis;
	const kpi: TransferKpi = {
		number: Number(text('No')) || list.length + 1,
		name: text('指標').trim(),
		unit: text('単位').trim(),
		measurementMethod: text('計測方法'),
		baselineValue: null,
		baselineYear: null,
		direction: 'higher',
		cumulative: false,
		targets: {},
		pairedOutputs: []
	};
	const baseline = parseNumberCell(cell('基準値') ? cellNumberish(cell('基準値')!) : null);
	if (baseline === undefined) bad(r, '基準値', 'bad_number', text('基準値'));
	else kpi.baselineValue = baseline;
	const year = parseYearCell(cell('基準年度') ? cellNumberish(cell('基準年度')!) : null);
	if (year === undefined) bad(r, '基準年度', 'bad_year', text('基準年度'));
	else kpi.baselineYear = year;
	const direction = parseDirection(text('方向'));
	if (!direction) bad(r, '方向', 'bad_direction', text('方向'));
	else kpi.direction = direction;
	const cumulative = parseCheck(text('累計'));
	if (cumulative === undefined) bad(r, '累計', 'bad_check', text('累計'));
	else kpi.cumulative = cumulative;
	const pairs = parsePairs(text('対応するアウトプット'));
	if (pairs === undefined) bad(r, '対応するアウトプット', 'bad_pairs', text('対応するアウトプット'));
	else if (kind === 'outcome') kpi.pairedOutputs = pairs;
	for (const { col, year: fy, label } of header.years) {
		const v = parseNumberCell(cellNumberish(row.getCell(col)));
		if (v === undefined) bad(r, label, 'bad_number', cellText(row.getCell(col)));
		else if (v !== null) kpi.targets[fy] = v;
	}
	if (!kpi.name) bad(r, '指標', 'required');
	list.push(kpi);
}

/** Reads every idea sheet of a workbook (in sheet order), with per-row problems. */
export async function readIdeasWorkbook(data: ArrayBuffer | Uint8Array, fileName = 'ideas.xlsx'): Promise<ImportResult> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(data instanceof Uint8Array ? (Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer) : data);
	} catch {
		return { ideas: [], issues: [{ sheet: fileName, row: 1, column: null, problem: 'unreadable' }] };
	}
	const ideas: TransferIdea[] = [];
	const issues: ImportIssue[] = [];
	let kpis = 0;
	for (const ws of wb.worksheets) {
		if (norm(cellText(ws.getCell(1, 1))) !== IDEA_SHEET_MARKER) continue;
		if (ideas.length >= MAX_IMPORT_IDEAS) {
			issues.push({ sheet: ws.name, row: 1, column: null, problem: 'too_many', value: String(MAX_IMPORT_IDEAS) });
			break;
		}
		const result = readIdeaSheet(ws);
		ideas.push(result.idea);
		issues.push(...result.issues);
		kpis += result.idea.outputKpis.length + result.idea.outcomeKpis.length;
		if (kpis > MAX_IMPORT_KPIS) {
			return { ideas: [], issues: [{ sheet: ws.name, row: 1, column: null, problem: 'too_many_kpis', value: String(MAX_IMPORT_KPIS) }] };
		}
	}
	if (ideas.length === 0 && issues.length === 0) issues.push({ sheet: fileName, row: 1, column: null, problem: 'no_ideas' });
	return { ideas, issues };
}
