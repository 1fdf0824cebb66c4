/**
 * The town's idea-sheet form (アイデアシート, ../shared/reference: 「項目 | 各課入力内容」) as data:
 * its labels and guidance notes verbatim, how ■/□ lines and the KPI block are written, and how a
 * label in someone's filled copy is recognised whatever marks (★ ※ 【】), line breaks and
 * full/half-width forms it carries. The Excel export writes this form and the importer reads it,
 * both from here, so what we print is what we read back. Pure: no file formats.
 */
import { BASIC_GOALS, type BasicGoalId } from './strategy';
import { fiscalYearFromReiwa, formatFiscalYearShort } from './fiscal-year';
import type { SheetTiming } from '../collab/schema';

/** Labels of the form, in its order, with line breaks as on the paper form. */
export const FORM_LABELS = {
	departmentName: '課・係名',
	title: '★アイデア名',
	relatedProjects: '関連する総事業（事務事業）名称\n※複数記載可',
	goals: '総合戦略上の分類\n（該当するものを■で選択）',
	problem: '★課題\n※係員第2回WGから転記',
	background: '★課題の背景\n※係員第2回WGから転記',
	targets: '★【直接性】\n対象となる住民（町民、事業者、関係者など）\n※係員第2回WGから転記',
	solution: '★【直接性】\nデジタルによる課題解決アイデア\n（①何をつかって②誰を③どういう状態にするか）\n※係員第2回WGから転記',
	measures: '★デジタル活用アイデア\n※係員第2回WGから転記',
	timing: '上記デジタル活用による課題解決の実施（予定）時期',
	precedents: '【参照性】\n他自治体での取り組み状況',
	expectedEffect: '【妥当性】\n期待する効果（対象となる住民が喜ぶイメージ）',
	sideBenefits: '【妥当性】\n副次的な効果（実施することでの職員のメリット）'
} as const;
export type FormField = keyof typeof FORM_LABELS;
export const FORM_FIELDS = Object.keys(FORM_LABELS) as FormField[];

/** The form's guidance written into an empty value cell (and ignored when read back). */
export const FORM_GUIDANCE: Partial<Record<FormField, string>> = {
	precedents: '※参考にした事例があれば記入'
};

export const FORM_HEADER = ['項目', '各課入力内容'] as const;
export const KPI_VIEWPOINT_LABEL = 'KPI設定の視点\nKPI';
export const SMART_FORM_LABELS = {
	specific: 'Specific（具体的な）',
	measurable: 'Measurable（計測可能な）',
	achievable: 'Achievable（達成可能な）',
	relevant: 'Relevant（関連した）',
	timeBound: 'Time-bounded（期限を定めた）'
} as const;
export const KPI_KIND_FORM_LABELS = {
	output: 'アウトプット\n（施策の活動量）\n★役場が何をするか',
	outcome: 'アウトカム\n（施策の直接的な効果）\n★上記の行政サービス等を役場が行った結果の成果'
} as const;
export const KPI_ROW_LABELS = { name: '指標', method: '計測方法', details: '単位・基準値' } as const;
export const TARGETS_HEADING = '目標数値（仮）';
/** Background parts inside the one 課題の背景 field. */
export const BACKGROUND_RESIDENTS = '【住民側】';
export const BACKGROUND_TOWN = '【町側】';

const CHECKED = '■';
const UNCHECKED = '□';
export const box = (checked: boolean) => (checked ? CHECKED : UNCHECKED);

/**
 * A label as a key: NFKC, without ★☆, guidance lines (※…), bracketed tags (【直接性】) and
 * parenthesised explanations, and without any whitespace. 「★【直接性】\nデジタルによる課題解決
 * アイデア\n（①…）\n※係員…」 → 「デジタルによる課題解決アイデア」.
 */
export function labelKey(text: string): string {
	return text
		.normalize('NFKC')
		.split(/\r?\n/)
		.map((line) => line.replace(/※.*$/, ''))
		.join('')
		.replace(/[★☆◆●]/g, '')
		.replace(/【[^】]*】/g, '')
		.replace(/\([^)]*\)/g, '')
		.replace(/\s+/g, '');
}

/** Which form field a label cell names, or null. Tolerant of the marks `labelKey` drops. */
export function fieldOfLabel(text: string): FormField | 'kpiViewpoint' | null {
	const k = labelKey(text);
	if (!k) return null;
	if (/^課・?係名$|^担当課(・係)?名?$|^所属$/.test(k)) return 'departmentName';
	if (/^(アイデア名|事業名|タイトル)$/.test(k)) return 'title';
	if (k.startsWith('関連する総事業') || k.startsWith('関連する事務事業')) return 'relatedProjects';
	if (k.startsWith('総合戦略上の分類')) return 'goals';
	if (k === '課題') return 'problem';
	if (k.startsWith('課題の背景')) return 'background';
	if (k.startsWith('対象となる住民')) return 'targets';
	if (k.includes('課題解決アイデア') && k.includes('デジタル')) return 'solution';
	if (k.startsWith('デジタル活用アイデア')) return 'measures';
	if (k.endsWith('時期') && k.includes('実施')) return 'timing';
	if (k.startsWith('他自治体での取り組み') || k.startsWith('他自治体での取組')) return 'precedents';
	if (k.startsWith('期待する効果')) return 'expectedEffect';
	if (k.startsWith('副次的な効果')) return 'sideBenefits';
	if (k.startsWith('KPI設定の視点')) return 'kpiViewpoint';
	return null;
}

// ─── value cells ──────────────────────────────────────────────────────────────────────────────

/** 総合戦略上の分類 as on the form: one ■/□ line per national goal. */
export const formatFormGoals = (goals: readonly BasicGoalId[]) => BASIC_GOALS.map((g) => `${box(goals.includes(g.id))}${g.title}`).join('\n');

/** Goals ticked with ■ (by number or by the goal's words); null when no ■/□ is there at all. */
export function parseFormGoals(cell: string): BasicGoalId[] | null {
	const text = cell.normalize('NFKC');
	if (!text.includes(CHECKED) && !text.includes(UNCHECKED)) return null;
	const out = new Set<BasicGoalId>();
	// each ■ up to the next box, so 「■A □B」 on one line works too
	for (const m of text.matchAll(/■([^■□]*)/g)) {
		const chosen = m[1]!.replace(/\s+/g, '');
		const byNumber = /^(?:基本目標)?([1-4])/.exec(chosen);
		if (byNumber) out.add(Number(byNumber[1]) as BasicGoalId);
		else {
			const goal = BASIC_GOALS.find((g) => chosen.includes(g.title.normalize('NFKC').replace(/\s+/g, '')));
			if (goal) out.add(goal.id);
		}
	}
	return [...out].sort();
}

/** The timing choices of the form for a plan: 実施済, each plan year, and 「R(n)以降」 after it. */
export function timingChoices(years: readonly number[], timing: SheetTiming | null): Array<{ label: string; timing: SheetTiming; checked: boolean }> {
	const choices: Array<{ label: string; timing: SheetTiming }> = [{ label: '実施済', timing: { kind: 'done' } }];
	for (const y of years) choices.push({ label: formatFiscalYearShort(y), timing: { kind: 'fy', fy: y } });
	const after = (years.at(-1) ?? 2025) + 1;
	choices.push({ label: `${formatFiscalYearShort(after)}以降`, timing: { kind: 'from', fy: after } });
	// a 「R9以降」 inside the plan replaces the plain R9 choice; a year outside the plan is added
	if (timing && timing.kind !== 'done' && !choices.some((c) => c.timing.kind === timing.kind && 'fy' in c.timing && c.timing.fy === timing.fy)) {
		const label = `${formatFiscalYearShort(timing.fy)}${timing.kind === 'from' ? '以降' : ''}`;
		const at = choices.findIndex((c) => c.timing.kind === 'fy' && c.timing.fy === timing.fy);
		if (at >= 0) choices[at] = { label, timing };
		else choices.push({ label, timing });
	}
	return choices.map((c) => ({ ...c, checked: timing !== null && JSON.stringify(c.timing) === JSON.stringify(timing) }));
}

/** 「■実施済 □R7 □R8 … □R12以降」 */
export const formatFormTiming = (years: readonly number[], timing: SheetTiming | null) =>
	timingChoices(years, timing)
		.map((c) => `${box(c.checked)}${c.label}`)
		.join(' ');

/** The labels ticked with ■ on a line of boxes (「■実施済 □R6」 → ['実施済']). */
export function tickedLabels(cell: string): string[] {
	return [...cell.normalize('NFKC').matchAll(/■\s*([^■□\s]+)/g)].map((m) => m[1]!);
}

/** 課題の背景 as the form's one field: 【住民側】… and 【町側】… inside. */
export function formatBackground(residents: string, town: string): string {
	const parts: string[] = [];
	if (residents.trim()) parts.push(`${BACKGROUND_RESIDENTS}${residents}`);
	if (town.trim()) parts.push(`${BACKGROUND_TOWN}${town}`);
	return parts.join('\n');
}

/**
 * Splits the background field: text after a 【町…】/【役場…】 tag is the town's side, text after
 * any other tag (【住民側】, 【施設利用希望者】…) or before any tag the residents' side. Tags other
 * than ours are kept in the text so nothing is lost.
 */
export function parseBackground(cell: string): { residents: string; town: string } {
	const residents: string[] = [];
	const town: string[] = [];
	let side: 'residents' | 'town' = 'residents';
	for (const piece of cell.split(/(【[^】]*】)/)) {
		if (!piece) continue;
		const tag = /^【([^】]*)】$/.exec(piece);
		if (tag) {
			const name = tag[1]!.normalize('NFKC').trim();
			side = /^(町|役場|行政)/.test(name) ? 'town' : 'residents';
			// our own tags and the bare 【町】 say only which side it is; other names (【施設利用希望者】) are kept
			if (!/^(住民側|町|町側|役場|役場側)$/.test(name)) (side === 'town' ? town : residents).push(piece);
			continue;
		}
		(side === 'town' ? town : residents).push(piece);
	}
	const clean = (parts: string[]) => parts.join('').replace(/^\s+|\s+$/g, '');
	return { residents: clean(residents), town: clean(town) };
}

/** ①…②…③… in the solution field. */
export function formatSolution(means: string, whom: string, state: string): string {
	if (!means.trim() && !whom.trim() && !state.trim()) return '';
	return `①${means}\n②${whom}\n③${state}`;
}

export function parseSolution(cell: string): { means: string; whom: string; state: string } {
	const text = cell.normalize('NFC');
	const at = (mark: string) => text.indexOf(mark);
	const [a, b, c] = [at('①'), at('②'), at('③')];
	if (a < 0 && b < 0 && c < 0) return { means: text.trim(), whom: '', state: '' };
	const piece = (from: number, ...ends: number[]) => {
		if (from < 0) return '';
		const end = Math.min(...ends.filter((e) => e > from), text.length);
		return text.slice(from + 1, end).trim();
	};
	return { means: piece(a, b, c), whom: piece(b, c), state: piece(c) };
}

/** List items written 「・item」, read with or without the bullet. */
export const formatBullets = (items: readonly string[]) => items.map((t) => `・${t}`).join('\n');
export function parseBullets(cell: string): string[] {
	return cell
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((l) => l.replace(/^\s*[・･•●◦]\s*/, '').trim())
		.filter(Boolean);
}

/** 目標数値（仮）: one 「R8: 120」 line per plan year. */
export function formatFormTargets(years: readonly number[], targets: Record<number, number | null>): string {
	return [TARGETS_HEADING, ...years.map((y) => `${formatFiscalYearShort(y)}: ${typeof targets[y] === 'number' ? targets[y]!.toLocaleString('ja-JP', { maximumFractionDigits: 2 }) : ''}`)].join('\n');
}

/**
 * Reads 「R8: 120」 lines. A year whose text is not a number (「※」, 「目標数値は」, 「別途設定を」:
 * the form's placeholder 「※目標数値は別途設定を依頼」 spread over the lines) is a blank target and
 * its text is returned as a placeholder, so the import can say so.
 */
export function parseFormTargets(cell: string): { targets: Record<number, number>; placeholders: string[]; unreadable: string[] } {
	const targets: Record<number, number> = {};
	const placeholders: string[] = [];
	const unreadable: string[] = [];
	const text = cell.normalize('NFKC');
	// lines, or 「R8: ※ R9: 目標数値は …」 run together on one line
	for (const m of text.matchAll(/(?:R|令和)\s*(\d{1,2})\s*(?:年度)?\s*[:：]?\s*([^R令]*)/g)) {
		const fy = fiscalYearFromReiwa(Number(m[1]));
		const value = m[2]!.trim();
		if (!value) continue;
		const n = Number(value.replace(/[,\s]/g, '').replace(/^△/, '-'));
		if (/^[△-]?[\d,.]+$/.test(value.replace(/\s/g, '')) && Number.isFinite(n)) targets[fy] = n;
		else if (/^[※]|目標|設定|依頼|未定|調整|検討|[-－―ー]$/.test(value)) placeholders.push(value);
		else unreadable.push(`R${m[1]}: ${value}`);
	}
	return { targets, placeholders, unreadable };
}

/** 「単位：施設　基準値：0（R6）」「方向：↑ 増加　累計：※累計」「対応するアウトプット：1」, one line each. */
export interface KpiDetails {
	unit: string;
	baselineValue: number | null;
	baselineYear: number | null;
	direction: 'higher' | 'lower';
	cumulative: boolean;
	pairedOutputs: number[];
}

export function formatKpiDetails(d: KpiDetails, kind: 'output' | 'outcome'): string {
	const baseline = d.baselineValue === null ? '－' : `${d.baselineValue.toLocaleString('ja-JP', { maximumFractionDigits: 2 })}${d.baselineYear === null ? '' : `（${formatFiscalYearShort(d.baselineYear)}）`}`;
	const lines = [`単位：${d.unit || '－'}　基準値：${baseline}`, `方向：${d.direction === 'lower' ? '↓ 減少' : '↑ 増加'}　累計：${d.cumulative ? '※累計' : '－'}`];
	if (kind === 'outcome') lines.push(`対応するアウトプット：${d.pairedOutputs.length ? d.pairedOutputs.join(',') : '－'}`);
	return lines.join('\n');
}

export function parseKpiDetails(cell: string): Partial<KpiDetails> | null {
	const text = cell.normalize('NFKC');
	const get = (key: string) => new RegExp(`${key}[:：]\\s*([^\\s　]*(?:\\s*\\([^)]*\\))?)`).exec(text)?.[1]?.trim();
	const out: Partial<KpiDetails> = {};
	const unit = get('単位');
	if (unit !== undefined) out.unit = unit === '-' || unit === '－' ? '' : unit;
	const baseline = get('基準値');
	if (baseline !== undefined) {
		const m = /^([△-]?[\d,.]+)\s*(?:\((?:R|令和)(\d{1,2})(?:年度)?\))?/.exec(baseline);
		out.baselineValue = m ? Number(m[1]!.replace(/,/g, '').replace('△', '-')) : null;
		out.baselineYear = m?.[2] ? fiscalYearFromReiwa(Number(m[2])) : null;
		if (!m && !/^[-－]?$/.test(baseline)) return null;
	}
	const direction = /方向[:：][ \t]*([^\n　]*)/.exec(text)?.[1] ?? '';
	if (direction) out.direction = /減少|↓/.test(direction) ? 'lower' : 'higher';
	const cumulative = get('累計');
	if (cumulative !== undefined) out.cumulative = /※|累計|■|有/.test(cumulative);
	const pairs = get('対応するアウトプット');
	if (pairs !== undefined) out.pairedOutputs = /^[-－]?$/.test(pairs) ? [] : pairs.split(/[,、]/).map(Number).filter((n) => Number.isInteger(n) && n > 0);
	return out;
}

/** SMART lines of the KPI-viewpoint cell: 「■Specific（具体的な）：reason」. */
export function parseSmartLines(cell: string): Partial<Record<keyof typeof SMART_FORM_LABELS, { checked: boolean; reason: string }>> {
	const out: Partial<Record<keyof typeof SMART_FORM_LABELS, { checked: boolean; reason: string }>> = {};
	// 「■Specific（具体的な）：reason」 on one line, or the box, word and explanation over lines
	const text = cell.normalize('NFKC');
	for (const m of text.matchAll(/([■□])?[ \t]*(Specific|Measurable|Achievable|Relevant|Time-?bound(?:ed)?)\s*(?:\([^)]*\))?[ \t]*(?:[:：][ \t]*([^\n]*))?/gi)) {
		const word = m[2]!.toLowerCase();
		const key = word.startsWith('time') ? 'timeBound' : (word as 'specific' | 'measurable' | 'achievable' | 'relevant');
		out[key] = { checked: m[1] === CHECKED, reason: (m[3] ?? '').trim() };
	}
	return out;
}

/** Guidance printed inside the KPI block (「★役場が何をするか」…): not content. */
export const isKpiGuidance = (text: string): boolean => /^(役場が何をするか|上記の行政サービス等を役場が行った結果の成果)/.test(labelKey(text));
