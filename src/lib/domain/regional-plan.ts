/**
 * The regional revitalisation plan (地域再生計画) as a digest of the draft strategy. Funding such as
 * デジタル田園都市国家構想交付金 asks for it in the national format; the facilitator picks measures,
 * KPIs and projects of the draft and writes what the strategy does not hold (the plan's name, the
 * area, the region's present state and issues …). This module keeps the form's shape, computes the
 * KPI table the format asks for (事業開始前 and the increase in each year) and lays the plan out as
 * the same neutral blocks the Word writers read (strategy-document.ts).
 *
 * 1 地域再生計画の名称 / 2 作成主体の名称 / 3 区域 / 4 目標 (4-1 地域の現状, 4-2 地域の課題,
 * 4-3 目標 with 【数値目標】) / 5 地域再生を図るために行う事業 (5-1 全体の概要, 5-2 第５章の特別の措置を
 * 適用して行う事業, 5-3 その他の事業) / 6 計画期間 / 7 目標の達成状況に係る評価に関する事項.
 */
import { formatFiscalYearShort, reiwaYear } from './fiscal-year';
import { CUMULATIVE_NOTE, formatNumber, layoutTable, splitYears, type DocBlock, type DocTable } from './strategy-document';
import type { MeasureKpi, StrategyDraft } from './strategy-draft';
import { parseProse } from './prose';

/** What the facilitator fills in and picks (stored per workspace: regional_plan table). */
export interface RegionalPlanForm {
	/** 1 地域再生計画の名称. */
	name: string;
	/** 2 作成主体の名称 (e.g. 福島県大沼郡会津美里町). */
	author: string;
	/** 3 区域 (e.g. 福島県大沼郡会津美里町の全域). */
	area: string;
	/** 4-1 地域の現状. */
	currentState: string;
	/** 4-2 地域の課題. */
	issues: string;
	/** 4-3 目標: the prose above the numeric targets. */
	goal: string;
	/** 5-1 全体の概要. */
	overview: string;
	/** 5-2: the grant the chosen projects are carried out under. */
	grantName: string;
	/** 5-3 その他の事業. */
	otherProjects: string;
	/** 7-1 評価の手法. */
	evaluationMethod: string;
	/** 7-2 評価の時期及び内容. */
	evaluationTiming: string;
	/** 7-3 公表の手法. */
	publication: string;
	/** Chosen measures, KPIs and projects of the draft, by id. */
	measureIds: string[];
	kpiIds: string[];
	projectIds: string[];
}

export const REGIONAL_PLAN_TEXT_LIMIT = 4000;

export function defaultRegionalPlanForm(townName: string): RegionalPlanForm {
	return {
		name: `${townName}デジタル田園都市構想推進計画`,
		author: townName,
		area: `${townName}の全域`,
		currentState: '',
		issues: '',
		goal: '',
		overview: '',
		grantName: 'デジタル田園都市国家構想交付金（デジタル実装タイプ）',
		otherProjects: '該当なし',
		evaluationMethod: 'PDCAサイクルを通じて、外部有識者等の意見を聴きながら、数値目標の達成状況を検証する。',
		evaluationTiming: '毎年度、前年度の事業の実績について、数値目標の達成状況を検証し、事業の見直しを行う。',
		publication: '検証後、速やかに町の公式ウェブサイトで公表する。',
		measureIds: [],
		kpiIds: [],
		projectIds: []
	};
}

/** One row of 【数値目標】: the value before the projects start and the increase in each year. */
export interface DigestKpiRow {
	id: string;
	name: string;
	unit: string;
	cumulative: boolean;
	direction: MeasureKpi['direction'];
	/** 事業開始前（現時点）: the baseline. */
	before: number | null;
	/** The increase in each plan year over the year before (the baseline for the first); null where no target is set. */
	increases: Array<number | null>;
	/** KPI増加分の累計: the last set target less the baseline. */
	total: number | null;
}

/** Rounded to 2 decimals: targets are typed with at most two, subtraction must not add noise. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The increase per year of one KPI: each set target less the previous set target (the baseline
 * before the first). A year without a target is blank and does not break the chain; with no
 * baseline the first set target has no increase. A decreasing KPI has negative increases (△).
 */
export function digestKpiRow(kpi: MeasureKpi, years: readonly number[]): DigestKpiRow {
	let previous = kpi.baselineValue;
	let last: number | null = null;
	const increases = years.map((y) => {
		const target = kpi.targets[y];
		if (typeof target !== 'number' || !Number.isFinite(target)) return null;
		const increase = previous === null ? null : round2(target - previous);
		previous = target;
		last = target;
		return increase;
	});
	const total = last !== null && kpi.baselineValue !== null ? round2(last - kpi.baselineValue) : null;
	return {
		id: kpi.id,
		name: kpi.name,
		unit: kpi.unit,
		cumulative: kpi.cumulative,
		direction: kpi.direction,
		before: kpi.baselineValue,
		increases,
		total
	};
}

/** The chosen KPIs, in the draft's order, of chosen measures only. */
export function chosenKpis(draft: StrategyDraft, form: Pick<RegionalPlanForm, 'measureIds' | 'kpiIds'>): MeasureKpi[] {
	const measures = new Set(form.measureIds);
	const kpis = new Set(form.kpiIds);
	return draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.filter((m) => measures.has(m.id)).flatMap((m) => m.kpis.filter((k) => kpis.has(k.id)))));
}

export function digestKpiTables(rows: readonly DigestKpiRow[], years: readonly number[]): DocTable[] {
	return splitYears(years, (span) => {
		const offset = years.indexOf(span[0]!);
		return layoutTable({
			// the national format's columns: the unit goes with the KPI's name, on a line of its own
			// so a narrow column never breaks it (「寄附額※」/「（円）」); a decrease shows as △
			header: ['KPI', '事業開始前\n（現時点）', ...span.map((y) => `${formatFiscalYearShort(y)}\n増加分`), 'KPI増加分\nの累計'],
			rows: rows.map((r) => [
				r.name + (r.cumulative ? '※' : '') + (r.unit ? `\n（${r.unit}）` : ''),
				formatNumber(r.before),
				...span.map((_, i) => formatNumber(r.increases[offset + i] ?? null)),
				formatNumber(r.total)
			]),
			numeric: [1, ...span.map((_, i) => 2 + i), 2 + span.length]
		});
	});
}

export interface RegionalPlanInfo {
	planStartFy: number;
	planEndFy: number;
}

export interface RegionalPlanDocument {
	title: string;
	blocks: DocBlock[];
}

/** 「地域再生計画の認定の日から令和12年3月31日まで」: to the end of the plan's last fiscal year. */
export function planPeriodText(planEndFy: number): string {
	return `地域再生計画の認定の日から令和${reiwaYear(planEndFy + 1)}年3月31日まで`;
}

function text(body: string): DocBlock[] {
	const blocks = parseProse(body).map((b): DocBlock => (b.kind === 'paragraph' ? { kind: 'paragraph', text: b.text } : b));
	return blocks.length ? blocks : [{ kind: 'paragraph', text: '（未記入）', style: 'note' }];
}

/** The plan in the national format, as blocks: numbered headings (typed, as the format prints them). */
export function regionalPlanDocument(draft: StrategyDraft, form: RegionalPlanForm, info: RegionalPlanInfo): RegionalPlanDocument {
	const years: number[] = [];
	for (let y = info.planStartFy; y <= info.planEndFy; y++) years.push(y);
	const blocks: DocBlock[] = [];
	const h = (level: 1 | 2, number: string, title: string) =>
		blocks.push({ kind: 'heading', level, number, text: title, anchor: `plan-${number}` });

	h(1, '1', '地域再生計画の名称');
	blocks.push(...text(form.name));
	h(1, '2', '地域再生計画の作成主体の名称');
	blocks.push(...text(form.author));
	h(1, '3', '地域再生計画の区域');
	blocks.push(...text(form.area));
	h(1, '4', '地域再生計画の目標');
	h(2, '4-1', '地域の現状');
	blocks.push(...text(form.currentState));
	h(2, '4-2', '地域の課題');
	blocks.push(...text(form.issues));
	h(2, '4-3', '目標');
	blocks.push(...(form.goal.trim() ? text(form.goal) : []));
	blocks.push({ kind: 'paragraph', text: '【数値目標】', style: 'caption' });
	const rows = chosenKpis(draft, form).map((k) => digestKpiRow(k, years));
	if (rows.length === 0) blocks.push({ kind: 'paragraph', text: '（KPIが選ばれていません）', style: 'note' });
	else {
		for (const table of digestKpiTables(rows, years)) blocks.push({ kind: 'table', table });
		blocks.push({
			kind: 'paragraph',
			text: `各年度の増加分は前年度（初年度は事業開始前）からの増減（減少は△）。1年目は${formatFiscalYearShort(years[0]!)}。`,
			style: 'note'
		});
		if (rows.some((r) => r.cumulative)) blocks.push({ kind: 'paragraph', text: CUMULATIVE_NOTE, style: 'note' });
	}

	h(1, '5', '地域再生を図るために行う事業');
	h(2, '5-1', '全体の概要');
	blocks.push(...text(form.overview));
	h(2, '5-2', '第５章の特別の措置を適用して行う事業');
	blocks.push({ kind: 'paragraph', text: form.grantName.trim() || '（未記入）' });
	const measures = new Set(form.measureIds);
	const projects = new Set(form.projectIds);
	let n = 0;
	for (const goal of draft.goals)
		for (const direction of goal.directions)
			for (const measure of direction.measures) {
				if (!measures.has(measure.id)) continue;
				n++;
				blocks.push({ kind: 'paragraph', text: `(${n}) ${measure.title || '（施策）'}`, style: 'caption' });
				if (measure.description.trim()) blocks.push(...text(measure.description));
				const chosen = measure.projects.filter((p) => projects.has(p.id));
				if (chosen.length) blocks.push({ kind: 'bullets', items: chosen.map((p) => (p.departmentName ? `${p.title}（${p.departmentName}）` : p.title)) });
				blocks.push({ kind: 'paragraph', text: `担当課：${measure.leadDepartment || '—'}`, style: 'note' });
			}
	if (n === 0) blocks.push({ kind: 'paragraph', text: '（施策が選ばれていません）', style: 'note' });
	h(2, '5-3', 'その他の事業');
	blocks.push(...text(form.otherProjects));

	h(1, '6', '計画期間');
	blocks.push({ kind: 'paragraph', text: planPeriodText(info.planEndFy) });

	h(1, '7', '目標の達成状況に係る評価に関する事項');
	h(2, '7-1', '目標の達成状況に係る評価の手法');
	blocks.push(...text(form.evaluationMethod));
	h(2, '7-2', '目標の達成状況に係る評価の時期及び評価を行う内容');
	blocks.push(...text(form.evaluationTiming));
	h(2, '7-3', '目標の達成状況に係る評価の公表の手法');
	blocks.push(...text(form.publication));

	return { title: '地域再生計画', blocks };
}
