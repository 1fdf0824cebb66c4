/**
 * Idea sheets as plain, portable records, and how each field is written into (and read back
 * from) a spreadsheet cell in the layout of the town's template. The Excel and CSV exports write
 * with these functions and the importers read with them, so an export → import round trip gives
 * back the same ideas. Pure: no Yjs, no file formats.
 */
import type { IdeaSheetView, SheetTiming, TargetGroup } from '../collab/schema';
import { type KpiDirection, type KpiFields, type KpiKind, SMART_KEYS, type SmartChecks, type SmartKey } from './kpi';
import { BASIC_GOALS, type BasicGoalId } from './strategy';
import { fiscalYearFromReiwa, formatFiscalYearShort } from './fiscal-year';

export interface TransferKpi extends KpiFields {
	/** 1-based number within its kind (アウトプット1, アウトカム2 …). */
	number: number;
	/** Outcome KPIs: the numbers of the output KPIs they pair with. */
	pairedOutputs: number[];
}

/** An idea sheet without ids (ids are made when it is written into a board). */
export interface TransferIdea {
	title: string;
	departmentName: string;
	relatedProjects: string[];
	goals: BasicGoalId[];
	problem: string;
	backgroundResidents: string;
	backgroundTown: string;
	targets: TargetGroup[];
	targetNote: string;
	solutionMeans: string;
	solutionWhom: string;
	solutionState: string;
	measures: string[];
	timing: SheetTiming | null;
	precedents: Array<{ text: string; url: string }>;
	expectedEffect: string;
	sideBenefits: string;
	smart: SmartChecks;
	outputKpis: TransferKpi[];
	outcomeKpis: TransferKpi[];
}

export function ideaFromSheet(sheet: IdeaSheetView): TransferIdea {
	const outputNumber = new Map(sheet.outputKpis.map((k, i) => [k.id, i + 1]));
	const kpi = (k: IdeaSheetView['outputKpis'][number] | IdeaSheetView['outcomeKpis'][number], i: number): TransferKpi => ({
		number: i + 1,
		name: k.name,
		unit: k.unit,
		measurementMethod: k.measurementMethod,
		baselineValue: k.baselineValue,
		baselineYear: k.baselineYear,
		direction: k.direction,
		cumulative: k.cumulative,
		targets: Object.fromEntries(Object.entries(k.targets).filter(([, v]) => typeof v === 'number')),
		pairedOutputs:
			k.kind === 'outcome'
				? k.pairedOutputIds.flatMap((id) => (outputNumber.has(id) ? [outputNumber.get(id)!] : [])).sort((a, b) => a - b)
				: []
	});
	return {
		title: sheet.title,
		departmentName: sheet.departmentName,
		relatedProjects: sheet.relatedProjects.map((p) => p.text).filter((t) => t.trim()),
		goals: [...sheet.goals].sort(),
		problem: sheet.problem,
		backgroundResidents: sheet.backgroundResidents,
		backgroundTown: sheet.backgroundTown,
		targets: [...sheet.targets].sort(),
		targetNote: sheet.targetNote,
		solutionMeans: sheet.solutionMeans,
		solutionWhom: sheet.solutionWhom,
		solutionState: sheet.solutionState,
		measures: sheet.measures.map((m) => m.text).filter((t) => t.trim()),
		timing: sheet.timing,
		precedents: sheet.precedents.filter((p) => p.text.trim() || p.url.trim()).map((p) => ({ text: p.text, url: p.url })),
		expectedEffect: sheet.expectedEffect,
		sideBenefits: sheet.sideBenefits,
		smart: structuredClone(sheet.smart),
		outputKpis: sheet.outputKpis.map(kpi),
		outcomeKpis: sheet.outcomeKpis.map(kpi)
	};
}

// ─── the template's labels ────────────────────────────────────────────────────────────────────

/** Field labels in the order of the town's template (★ = carried over from the clerk session). */
export const IDEA_LABELS = {
	departmentName: '課・係名',
	title: '★アイデア名',
	relatedProjects: '関連する総事業（事務事業）名称',
	goals: '総合戦略上の分類',
	problem: '★課題',
	backgroundResidents: '★課題の背景（住民側）',
	backgroundTown: '★課題の背景（町側）',
	targets: '★対象となる住民【直接性】',
	targetNote: '★対象となる住民（補足）',
	solutionMeans: '★デジタルによる課題解決アイデア【直接性】①どのような手段で',
	solutionWhom: '★②誰を',
	solutionState: '★③どのような状態にする',
	measures: '★デジタル活用アイデア',
	timing: '実施（予定）時期',
	precedents: '【参照性】他自治体での取り組み状況',
	expectedEffect: '【妥当性】期待する効果',
	sideBenefits: '【妥当性】副次的な効果'
} as const;
export type IdeaLabelKey = keyof typeof IDEA_LABELS;
export const IDEA_FIELD_ORDER = Object.keys(IDEA_LABELS) as IdeaLabelKey[];

export const SMART_LABELS: Record<SmartKey, string> = {
	specific: 'S 具体的（Specific）',
	measurable: 'M 測定可能（Measurable）',
	achievable: 'A 達成可能（Achievable）',
	relevant: 'R 関連性（Relevant）',
	timeBound: 'T 期限（Time-bound）'
};

export const TARGET_LABELS: Record<TargetGroup, string> = {
	residents: '町民',
	businesses: '町内事業者',
	related: '関係人口'
};

export const KPI_KIND_LABELS: Record<KpiKind, string> = { output: 'アウトプット', outcome: 'アウトカム' };
export const DIRECTION_LABELS: Record<KpiDirection, string> = { higher: '増加が望ましい', lower: '減少が望ましい' };

const CHECKED = '■';
const UNCHECKED = '□';

// ─── cell codecs ──────────────────────────────────────────────────────────────────────────────

export const formatLines = (items: readonly string[]): string => items.join('\n');
export const parseLines = (cell: string): string[] =>
	cell
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

/** 「■基本目標1 地方に仕事をつくる」 one line per goal, ticked or not (as on the paper template). */
export function formatGoals(goals: readonly BasicGoalId[]): string {
	return BASIC_GOALS.map((g) => `${goals.includes(g.id) ? CHECKED : UNCHECKED}基本目標${g.id} ${g.title}`).join('\n');
}

/** Reads ticked goals (■ lines), or a plain list such as 「1,3」 or 「基本目標1・基本目標3」. */
export function parseGoals(cell: string): BasicGoalId[] | null {
	const text = cell.normalize('NFKC').trim();
	if (!text) return [];
	const out = new Set<BasicGoalId>();
	if (text.includes(CHECKED) || text.includes(UNCHECKED)) {
		for (const line of parseLines(text)) {
			const m = /^■\s*(?:基本目標)?\s*([1-4])/.exec(line);
			if (m) out.add(Number(m[1]) as BasicGoalId);
		}
		return [...out].sort();
	}
	for (const part of text.split(/[,、・;；\s/]+/).filter(Boolean)) {
		const m = /^(?:基本目標)?([1-4])$/.exec(part);
		if (!m) return null;
		out.add(Number(m[1]) as BasicGoalId);
	}
	return [...out].sort();
}

export function formatTargets(targets: readonly TargetGroup[]): string {
	return (Object.keys(TARGET_LABELS) as TargetGroup[])
		.map((t) => `${targets.includes(t) ? CHECKED : UNCHECKED}${TARGET_LABELS[t]}`)
		.join(' ');
}

export function parseTargets(cell: string): TargetGroup[] | null {
	const text = cell.normalize('NFKC').trim();
	if (!text) return [];
	const out = new Set<TargetGroup>();
	const entries = Object.entries(TARGET_LABELS) as Array<[TargetGroup, string]>;
	if (text.includes(CHECKED) || text.includes(UNCHECKED)) {
		for (const [key, label] of entries) if (text.includes(`${CHECKED}${label}`)) out.add(key);
		return [...out].sort();
	}
	for (const part of text.split(/[,、・;；\s/]+/).filter(Boolean)) {
		const found = entries.find(([, label]) => label === part);
		if (!found) return null;
		out.add(found[0]);
	}
	return [...out].sort();
}

/** 実施済 / R7 / R8以降. */
export function formatTiming(t: SheetTiming | null): string {
	if (!t) return '';
	if (t.kind === 'done') return '実施済';
	return t.kind === 'fy' ? formatFiscalYearShort(t.fy) : `${formatFiscalYearShort(t.fy)}以降`;
}

export function parseTiming(cell: string): SheetTiming | null | undefined {
	const text = cell.normalize('NFKC').replace(/\s+/g, '');
	if (!text) return null;
	if (text === '実施済' || text === '実施済み') return { kind: 'done' };
	const m = /^(?:R|令和)(\d{1,2})(?:年度)?(以降)?$/.exec(text);
	if (m) return { kind: m[2] ? 'from' : 'fy', fy: fiscalYearFromReiwa(Number(m[1])) };
	const w = /^(\d{4})(?:年度)?(以降)?$/.exec(text);
	if (w) return { kind: w[2] ? 'from' : 'fy', fy: Number(w[1]) };
	return undefined;
}

/** One precedent per line: 「text <url>」. */
export function formatPrecedents(items: ReadonlyArray<{ text: string; url: string }>): string {
	return items.map((p) => (p.url ? `${p.text} <${p.url}>` : p.text)).join('\n');
}

export function parsePrecedents(cell: string): Array<{ text: string; url: string }> {
	return parseLines(cell).map((line) => {
		const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(line);
		return m ? { text: m[1]!.trim(), url: m[2]! } : { text: line, url: '' };
	});
}

export const formatCheck = (checked: boolean): string => (checked ? CHECKED : UNCHECKED);

export function parseCheck(cell: string): boolean | undefined {
	const t = cell.normalize('NFKC').trim().toLowerCase();
	if (t === '■' || t === '○' || t === '◯' || t === '✓' || t === 'true' || t === '1' || t === 'はい') return true;
	if (t === '' || t === '□' || t === '×' || t === 'false' || t === '0' || t === 'いいえ') return false;
	return undefined;
}

export function parseKind(cell: string): KpiKind | undefined {
	const t = cell.normalize('NFKC').trim();
	if (t === 'アウトプット' || t.toLowerCase() === 'output') return 'output';
	if (t === 'アウトカム' || t.toLowerCase() === 'outcome') return 'outcome';
	return undefined;
}

export function parseDirection(cell: string): KpiDirection | undefined {
	const t = cell.normalize('NFKC').trim();
	if (t === '' || t === DIRECTION_LABELS.higher || t === '増加' || t.toLowerCase() === 'higher') return 'higher';
	if (t === DIRECTION_LABELS.lower || t === '減少' || t.toLowerCase() === 'lower') return 'lower';
	return undefined;
}

/** A number from a cell: blank → null; 「1,200」「１２００」 accepted; otherwise undefined. */
export function parseNumberCell(value: unknown): number | null | undefined {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	const t = String(value).normalize('NFKC').replace(/[,\s]/g, '');
	if (t === '') return null;
	const n = Number(t);
	return Number.isFinite(n) ? n : undefined;
}

/** A fiscal year from a cell: 2026, R8, 令和8年度. */
export function parseYearCell(value: unknown): number | null | undefined {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') return Number.isInteger(value) && value >= 1900 && value <= 2200 ? value : undefined;
	const t = String(value).normalize('NFKC').replace(/\s+/g, '');
	if (!t) return null;
	const r = /^(?:R|令和)(\d{1,2})(?:年度)?$/.exec(t);
	if (r) return fiscalYearFromReiwa(Number(r[1]));
	const w = /^(\d{4})(?:年度)?$/.exec(t);
	return w ? Number(w[1]) : undefined;
}

/** The fiscal year a target column heading stands for (「R8」「R8目標」「2026年度」). */
export function yearOfHeading(heading: string): number | null {
	const t = heading.normalize('NFKC').replace(/\s+|目標|値/g, '');
	const y = parseYearCell(t);
	return typeof y === 'number' ? y : null;
}

export function formatPairs(numbers: readonly number[]): string {
	return numbers.join(',');
}

export function parsePairs(cell: string): number[] | undefined {
	const t = cell.normalize('NFKC').trim();
	if (!t) return [];
	const parts = t.split(/[,、・\s]+/).filter(Boolean);
	const out: number[] = [];
	for (const p of parts) {
		const n = Number(p.replace(/^アウトプット/, ''));
		if (!Number.isInteger(n) || n < 1) return undefined;
		out.push(n);
	}
	return [...new Set(out)].sort((a, b) => a - b);
}

export function emptySmart(): SmartChecks {
	return Object.fromEntries(SMART_KEYS.map((k) => [k, { checked: false, reason: '' }])) as SmartChecks;
}

export function emptyIdea(): TransferIdea {
	return {
		title: '',
		departmentName: '',
		relatedProjects: [],
		goals: [],
		problem: '',
		backgroundResidents: '',
		backgroundTown: '',
		targets: [],
		targetNote: '',
		solutionMeans: '',
		solutionWhom: '',
		solutionState: '',
		measures: [],
		timing: null,
		precedents: [],
		expectedEffect: '',
		sideBenefits: '',
		smart: emptySmart(),
		outputKpis: [],
		outcomeKpis: []
	};
}

/** A problem with one row (or cell) of an imported file; the interface words the code. */
export interface ImportIssue {
	/** Worksheet name (xlsx) or file name (CSV). */
	sheet: string;
	row: number;
	column: string | null;
	problem:
		| 'missing_column'
		| 'required'
		| 'bad_goals'
		| 'bad_targets'
		| 'bad_timing'
		| 'bad_number'
		| 'bad_year'
		| 'bad_kind'
		| 'bad_direction'
		| 'bad_check'
		| 'bad_pairs'
		| 'unknown_idea'
		| 'no_ideas'
		| 'too_many'
		| 'too_many_kpis'
		| 'unreadable'
		/** a workbook in none of the layouts the importer reads */
		| 'unrecognised';
	value?: string;
}

/**
 * Something the import read around rather than refused (it does not block the import): a cell
 * it could not place, placeholder targets (「※別途設定」) read as blank, a title taken from the
 * sheet because the form has none, several boxes ticked where one was expected, a sheet skipped.
 */
export interface ImportNote {
	sheet: string;
	/** A1-style address, or null for the sheet as a whole. */
	cell: string | null;
	problem: 'unplaced' | 'placeholder_targets' | 'unreadable_targets' | 'shared_targets' | 'title_derived' | 'several_chosen' | 'sheet_skipped';
	value?: string;
}

export interface ImportResult {
	ideas: TransferIdea[];
	issues: ImportIssue[];
	notes?: ImportNote[];
}

export const MAX_IMPORT_IDEAS = 300;
/**
 * KPI rows of one import, all ideas together (about seven per idea at the idea limit). Bounds the
 * preview the server sends back: a 5 MB KPI CSV would otherwise become tens of thousands of
 * KPIs to serialise on the event loop.
 */
export const MAX_IMPORT_KPIS = 2_000;


// ─── duplicates ───────────────────────────────────────────────────────────────────────────────

/** Title and department as one comparable key (NFKC, no spaces): the same idea on a board. */
export const duplicateKey = (idea: { title: string; departmentName: string }): string =>
	`${idea.title.normalize('NFKC').replace(/\s+/g, '')}\u0000${idea.departmentName.normalize('NFKC').replace(/\s+/g, '')}`;

/**
 * For each imported idea, the id of a sheet already on the board with the same title and
 * department (or null). Re-importing a file must not silently double every idea.
 */
export function findDuplicates(ideas: readonly TransferIdea[], existing: ReadonlyArray<{ id: string; title: string; departmentName: string }>): Array<string | null> {
	const byKey = new Map<string, string>();
	for (const s of existing) if (s.title.trim()) byKey.set(duplicateKey(s), s.id);
	return ideas.map((idea) => (idea.title.trim() ? (byKey.get(duplicateKey(idea)) ?? null) : null));
}
