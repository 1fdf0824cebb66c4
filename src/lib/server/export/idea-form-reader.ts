/**
 * Reads idea sheets from a workbook in the town's form: our own ideas.xlsx export, or a clerk's
 * filled copy of the town's workbook (項目 | 各課入力内容, the form's labels with ★, ※ and 【】,
 * line breaks inside labels, ■/□ boxes, the KPI block with 「R8: …」 lines and placeholders).
 * Fields are found by their labels wherever they are (domain/idea-form.ts recognises them), so
 * moved or added rows do no harm. Every non-empty cell it could not place is reported as a note;
 * placeholders (「※別途設定」) become blank targets and are noted too. Only values it cannot
 * read at all (a timing or classification it does not know) block the import.
 *
 * A pure function of the file's bytes (no I/O): it runs in the upload worker pool as the
 * `ideas-xlsx` task (src/lib/server/uploads/upload-tasks.ts), after the zip checks.
 */
import ExcelJS from 'exceljs';
import {
	fieldOfLabel,
	FORM_GUIDANCE,
	isKpiGuidance,
	labelKey,
	parseBackground,
	parseBullets,
	parseFormGoals,
	parseFormTargets,
	parseKpiDetails,
	parseSmartLines,
	parseSolution,
	tickedLabels,
	type FormField
} from '$lib/domain/idea-form';
import { SMART_KEYS, type KpiKind } from '$lib/domain/kpi';
import {
	emptyIdea,
	MAX_IMPORT_IDEAS,
	MAX_IMPORT_KPIS,
	parseGoals,
	parsePrecedents,
	parseTargets,
	parseTiming,
	type ImportIssue,
	type ImportNote,
	type ImportResult,
	type TransferIdea,
	type TransferKpi
} from '$lib/domain/idea-transfer';
import { restoreCell } from '$lib/domain/spreadsheet-cell';

/** A sheet is read as an idea sheet when at least this many of the form's labels are on it. */
const MIN_LABELS = 3;

/** The text of a cell whatever exceljs made of it (rich text, formula result, hyperlink, date). */
export function cellText(cell: ExcelJS.Cell): string {
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
		if (o.text && typeof o.text === 'object' && Array.isArray((o.text as { richText?: unknown }).richText)) {
			return restoreCell(((o.text as { richText: Array<{ text: string }> }).richText).map((t) => t.text).join(''));
		}
	}
	return '';
}

/** The master cell of a merged range (or the cell itself). */
const masterOf = (cell: ExcelJS.Cell): ExcelJS.Cell => (cell.isMerged && cell.master ? cell.master : cell);

const clip = (s: string, n = 40) => {
	const one = s.replace(/\s+/g, ' ').trim();
	return one.length > n ? `${one.slice(0, n)}…` : one;
};

/** Words that head a sheet or a column and are not content. */
const HEADINGS = new Set(['項目', '各課入力内容', 'アイデアシート', 'アイデア例', '入力内容', '記入欄']);

/** One 指標 of the KPI block: its indicator lines, method lines, details and targets cell. */
interface KpiGroup {
	names: string[];
	methods: string[];
	details: string;
	targets: Slot | null;
}

interface Slot {
	cell: ExcelJS.Cell;
	text: string;
}

function rowSlots(ws: ExcelJS.Worksheet, r: number): Slot[] {
	const slots: Slot[] = [];
	const seen = new Set<string>();
	const row = ws.getRow(r);
	const count = Math.max(ws.columnCount, row.cellCount);
	for (let c = 1; c <= count; c++) {
		const m = masterOf(row.getCell(c));
		if (seen.has(m.address)) continue;
		seen.add(m.address);
		// a merged cell whose master is on an earlier row still belongs to that row
		slots.push({ cell: m, text: cellText(m) });
	}
	return slots;
}

export function readIdeaFormSheet(ws: ExcelJS.Worksheet): { idea: TransferIdea; issues: ImportIssue[]; notes: ImportNote[]; labels: number } {
	const idea = emptyIdea();
	const issues: ImportIssue[] = [];
	const notes: ImportNote[] = [];
	const placed = new Set<string>();
	const note = (cell: ExcelJS.Cell, problem: ImportNote['problem'], value?: string) => notes.push({ sheet: ws.name, cell: cell.address, problem, value });
	const bad = (cell: ExcelJS.Cell, column: string, problem: ImportIssue['problem'], value?: string) =>
		issues.push({ sheet: ws.name, row: Number(cell.row), column, problem, value });
	// labels found per column: a form has them down one column (a table has them across a row)
	const labelColumns = new Map<number, number>();
	const countLabel = (cell: ExcelJS.Cell) => labelColumns.set(Number(cell.col), (labelColumns.get(Number(cell.col)) ?? 0) + 1);
	let hasTitle = false;

	// the KPI block
	let kind = null as KpiKind | null;
	let current = null as KpiGroup | null;
	const groups: Array<{ kind: KpiKind; group: KpiGroup }> = [];
	const startGroup = (): KpiGroup => {
		const group: KpiGroup = { names: [], methods: [], details: '', targets: null };
		groups.push({ kind: kind ?? 'output', group });
		current = group;
		return group;
	};

	for (let r = 1; r <= ws.rowCount; r++) {
		const slots = rowSlots(ws, r);
		for (let i = 0; i < slots.length; i++) {
			const slot = slots[i]!;
			if (placed.has(slot.cell.address)) continue;
			if (Number(slot.cell.row) !== r) continue; // its master row handles it
			const field = fieldOfLabel(slot.text);
			const key = labelKey(slot.text);
			const next = () => {
				const value = slots.slice(i + 1).find((s) => !placed.has(s.cell.address) && Number(s.cell.row) === r);
				if (value) placed.add(value.cell.address);
				return value;
			};
			if (field === 'kpiViewpoint') {
				placed.add(slot.cell.address);
				countLabel(slot.cell);
				const smart = parseSmartLines(slot.text);
				for (const k of SMART_KEYS) if (smart[k]) idea.smart[k] = smart[k]!;
				continue;
			}
			if (field) {
				placed.add(slot.cell.address);
				countLabel(slot.cell);
				const value = next();
				readField(field, value?.text ?? '', value?.cell ?? slot.cell);
				continue;
			}
			const kindLabel = /^(アウトプット|アウトカム)/.exec(key);
			if (kindLabel) {
				placed.add(slot.cell.address);
				kind = kindLabel[1] === 'アウトプット' ? 'output' : 'outcome';
				current = null;
				continue;
			}
			if (key === '指標' || key === '計測方法' || key === '単位・基準値' || key === '単位') {
				placed.add(slot.cell.address);
				const value = next();
				const g = key === '指標' || !current ? startGroup() : current;
				const text = value?.text ?? '';
				if (key === '指標') g.names = parseBullets(text);
				else if (key === '計測方法') g.methods = parseBullets(text);
				else g.details = text;
				continue;
			}
			if (/目標数値|^(?:R|令和)\d{1,2}[:：]/.test(slot.text.normalize('NFKC'))) {
				placed.add(slot.cell.address);
				(current ?? startGroup()).targets = slot;
				continue;
			}
			if (!slot.text.trim()) continue;
			if (HEADINGS.has(key) || isKpiGuidance(slot.text) || /^No\.?\d*/.test(slot.text.normalize('NFKC').trim())) {
				placed.add(slot.cell.address);
				continue;
			}
			placed.add(slot.cell.address);
			note(slot.cell, 'unplaced', clip(slot.text));
		}
	}

	function readField(field: FormField, text: string, cell: ExcelJS.Cell) {
		const value = text.trim() === FORM_GUIDANCE[field] ? '' : text;
		switch (field) {
			case 'departmentName':
				idea.departmentName = value.trim();
				break;
			case 'title':
				hasTitle = true;
				idea.title = value.trim();
				break;
			case 'relatedProjects':
				idea.relatedProjects = parseBullets(value);
				break;
			case 'goals': {
				const goals = parseFormGoals(value) ?? parseGoals(value);
				if (goals === null) bad(cell, '総合戦略上の分類', 'bad_goals', clip(value));
				else idea.goals = goals;
				break;
			}
			case 'problem':
				idea.problem = value;
				break;
			case 'background': {
				const b = parseBackground(value);
				idea.backgroundResidents = b.residents;
				idea.backgroundTown = b.town;
				break;
			}
			case 'targets': {
				const [first = '', ...rest] = value.split(/\r?\n/);
				if (/[■□]/.test(first)) {
					idea.targets = parseTargets(first) ?? [];
					idea.targetNote = rest.join('\n');
				} else {
					idea.targetNote = value;
				}
				break;
			}
			case 'solution': {
				const s = parseSolution(value);
				idea.solutionMeans = s.means;
				idea.solutionWhom = s.whom;
				idea.solutionState = s.state;
				break;
			}
			case 'measures':
				idea.measures = parseBullets(value);
				break;
			case 'timing': {
				const ticked = /[■□]/.test(value) ? tickedLabels(value) : value.trim() ? [value.trim()] : [];
				if (ticked.length === 0) break;
				const timing = parseTiming(ticked[0]!);
				if (timing === undefined) bad(cell, '実施（予定）時期', 'bad_timing', clip(value));
				else idea.timing = timing;
				if (ticked.length > 1) note(cell, 'several_chosen', ticked.join('・'));
				break;
			}
			case 'precedents':
				idea.precedents = parsePrecedents(value);
				break;
			case 'expectedEffect':
				idea.expectedEffect = value;
				break;
			case 'sideBenefits':
				idea.sideBenefits = value;
				break;
		}
	}

	// KPI groups → KPIs: one per 指標 line, methods by the same position
	for (const { kind: k, group } of groups) {
		const list = k === 'output' ? idea.outputKpis : idea.outcomeKpis;
		const targets = group.targets ? parseFormTargets(group.targets.text) : { targets: {}, placeholders: [], unreadable: [] };
		if (group.targets && targets.placeholders.length) note(group.targets.cell, 'placeholder_targets', clip(targets.placeholders.join(' ')));
		if (group.targets && targets.unreadable.length) note(group.targets.cell, 'unreadable_targets', clip(targets.unreadable.join(' ')));
		const details = group.details ? parseKpiDetails(group.details) : {};
		group.names.forEach((name, i) => {
			const kpi: TransferKpi = {
				number: list.length + 1,
				name,
				unit: details?.unit ?? '',
				measurementMethod: group.methods.length === group.names.length ? group.methods[i]! : i === 0 ? group.methods.join('\n') : '',
				baselineValue: details?.baselineValue ?? null,
				baselineYear: details?.baselineYear ?? null,
				direction: details?.direction ?? 'higher',
				cumulative: details?.cumulative ?? false,
				// one 目標数値 cell for several indicators: the first one takes it
				targets: i === 0 ? { ...targets.targets } : {},
				pairedOutputs: k === 'outcome' ? (details?.pairedOutputs ?? []) : []
			};
			list.push(kpi);
		});
		if (group.names.length > 1 && Object.keys(targets.targets).length > 0 && group.targets) note(group.targets.cell, 'shared_targets', clip(group.names[0]!));
	}

	const labels = Math.max(0, ...labelColumns.values());
	if (!hasTitle) {
		const derived = idea.measures[0] ?? clip(idea.problem.split(/\r?\n/)[0] ?? '', 30);
		idea.title = derived || ws.name;
		if (labels >= MIN_LABELS) notes.push({ sheet: ws.name, cell: null, problem: 'title_derived', value: idea.title });
	}
	return { idea, issues, notes, labels };
}

/**
 * Reads every idea sheet of a workbook (in sheet order). A workbook with no sheet in the form
 * answers `unrecognised` (the page then names the layouts it reads and offers the template).
 */
export async function readIdeasWorkbook(data: ArrayBuffer | Uint8Array, fileName = 'ideas.xlsx'): Promise<ImportResult> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(data instanceof Uint8Array ? (Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer) : data);
	} catch {
		return { ideas: [], issues: [{ sheet: fileName, row: 1, column: null, problem: 'unreadable' }], notes: [] };
	}
	const ideas: TransferIdea[] = [];
	const issues: ImportIssue[] = [];
	const notes: ImportNote[] = [];
	const skipped: string[] = [];
	let kpis = 0;
	for (const ws of wb.worksheets) {
		const result = readIdeaFormSheet(ws);
		if (result.labels < MIN_LABELS) {
			skipped.push(ws.name);
			continue;
		}
		if (ideas.length >= MAX_IMPORT_IDEAS) {
			issues.push({ sheet: ws.name, row: 1, column: null, problem: 'too_many', value: String(MAX_IMPORT_IDEAS) });
			break;
		}
		ideas.push(result.idea);
		issues.push(...result.issues);
		notes.push(...result.notes);
		// bounds the preview the server sends back (see MAX_IMPORT_KPIS)
		kpis += result.idea.outputKpis.length + result.idea.outcomeKpis.length;
		if (kpis > MAX_IMPORT_KPIS) {
			return { ideas: [], issues: [{ sheet: ws.name, row: 1, column: null, problem: 'too_many_kpis', value: String(MAX_IMPORT_KPIS) }], notes: [] };
		}
	}
	if (ideas.length === 0 && issues.length === 0) issues.push({ sheet: fileName, row: 1, column: null, problem: 'unrecognised' });
	else for (const name of skipped) if (name !== '一覧') notes.push({ sheet: name, cell: null, problem: 'sheet_skipped' });
	return { ideas, issues, notes };
}
