/**
 * The draft strategy laid out as a document: a cover and a list of blocks (numbered headings,
 * paragraphs, bullet lists, tables). The Word export, the Markdown export and the print view all
 * render these same blocks, so the three say exactly the same thing with the same numbers.
 * Documents for the council are in Japanese whatever the interface language.
 *
 * 第1章 地域ビジョン
 * 第2章〜第5章 基本目標1〜4 (one chapter per goal): 【数値目標】 table, then
 *   1, 2, … 基本的方向 (prose), each with
 *     (1), (2), … 具体的な施策, each with
 *       ア 重要業績評価指標（KPI） (table) and イ 主な事業 (list)
 */
import { formatDate, formatFiscalYearShort, formatPlanPeriod, fiscalYearRange } from './fiscal-year';
import { fitColumns, textEm } from './doc-table-layout';
import type { KpiDirection } from './kpi';
import { headingNumber, type NumberingLevel } from './municipal-numbering';
import { parseProse } from './prose';
import { goalDisplayTitle, type DraftProject, type MeasureKpi, type StrategyDraft } from './strategy-draft';

export interface DocumentInfo {
	townName: string;
	strategyName: string;
	planStartFy: number;
	planEndFy: number;
	/** The version's name, or a label for the working draft. */
	versionLabel: string;
	/** When the version was saved (or the export made), ms. */
	date: number;
}

export interface DocTable {
	header: string[];
	rows: string[][];
	/** Columns holding numbers (right-aligned). */
	numeric: number[];
	/** Columns whose cells never wrap (numbers, units, short labels): see doc-table-layout.ts. */
	keep: number[];
	/** Column widths in em of the table font, worked out from the content (fitColumns). */
	widths: number[];
	/** A line under each row spanning the whole table (a KPI's kind and measurement method). */
	details?: string[];
}

/**
 * How wide a table may be, in em of the table font: A4 portrait less the margins (Word: 166 mm
 * at 8.5 pt; the print view: 174 mm at 8.5 pt), with a little to spare.
 */
export const TABLE_WIDTH_EM = 54;

/** Cells of at most this many em (about 8 characters) are never broken over lines. */
const SHORT_CELL_EM = 8.5;

export type DocBlock =
	| { kind: 'heading'; level: NumberingLevel; number: string; text: string; anchor: string }
	| { kind: 'paragraph'; text: string; style?: 'caption' | 'note' }
	| { kind: 'bullets'; items: string[] }
	| { kind: 'table'; table: DocTable };

export interface StrategyDocument {
	cover: { town: string; title: string; period: string; version: string; date: string };
	blocks: DocBlock[];
}

const NUMBER = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 });

/**
 * 1,234.5 — thousands separators, up to two decimals; a minus written 「△」 as Japanese public
 * documents do (「△85」); empty for null.
 */
export function formatNumber(value: number | null | undefined): string {
	if (typeof value !== 'number' || !Number.isFinite(value)) return '';
	const text = NUMBER.format(Math.abs(value));
	return value < 0 && text !== '0' ? `△${text}` : text;
}

/** 「120（R6）」: a value with the fiscal year it belongs to. */
export function valueWithYear(value: number | null, year: number | null): string {
	if (value === null) return '';
	return year === null ? formatNumber(value) : `${formatNumber(value)}（${formatFiscalYearShort(year)}）`;
}

/** The value over its year on a second line, for narrow table columns. */
function valueOverYear(value: number | null, year: number | null): string {
	if (value === null) return '';
	return year === null ? formatNumber(value) : `${formatNumber(value)}\n（${formatFiscalYearShort(year)}）`;
}

export const KPI_KIND_LABEL = { outcome: 'アウトカム', output: 'アウトプット' } as const;

/** Which way a KPI should move, as every table shows it. */
export const KPI_DIRECTION_LABEL: Record<KpiDirection, string> = { higher: '↑ 増加', lower: '↓ 減少' };

/** The note under a table with cumulative KPIs (※). */
export const CUMULATIVE_NOTE = '※ 基準値からの累計';

/**
 * A table with its short columns (`keep`) found and widths fitted to the page; `fits` is false when
 * the short columns leave too little for the text (the widths are then shared evenly).
 */
export function layoutTable(t: Omit<DocTable, 'keep' | 'widths'>, totalEm = TABLE_WIDTH_EM): DocTable & { fits: boolean } {
	const keep = t.header
		.map((_, c) => c)
		.filter((c) => [t.header[c]!, ...t.rows.map((r) => r[c] ?? '')].every((cell) => textEm(cell) <= SHORT_CELL_EM));
	const widths = fitColumns({ header: t.header, rows: t.rows, keep }, totalEm);
	if (widths) return { ...t, keep, widths, fits: true };
	return { ...t, keep: [], widths: t.header.map(() => totalEm / t.header.length), fits: false };
}

const withoutFit = ({ fits: _fits, ...table }: DocTable & { fits: boolean }): DocTable => table;

/**
 * The KPI table of a measure: 指標 | 方向 | 単位 | 基準値 | one column per plan year, and under each
 * KPI a line with its kind and measurement method. When the year columns do not fit A4 portrait
 * beside a readable 指標 column (a long plan period, large numbers), the years are split over
 * several tables of the same shape (R7–R9, then R10–R12 …), each a full row of targets.
 */
export function kpiTables(kpis: readonly MeasureKpi[], years: readonly number[]): DocTable[] {
	const build = (span: readonly number[]) =>
		layoutTable({
			header: ['指標', '方向', '単位', '基準値', ...span.map((y) => `${formatFiscalYearShort(y)}\n目標`)],
			rows: kpis.map((k) => [
				k.name + (k.cumulative ? '※' : ''),
				KPI_DIRECTION_LABEL[k.direction],
				k.unit,
				valueOverYear(k.baselineValue, k.baselineYear),
				...span.map((y) => formatNumber(k.targets[y] ?? null))
			]),
			numeric: [3, ...span.map((_, i) => 4 + i)],
			details: kpis.map((k) => `${KPI_KIND_LABEL[k.kind]}指標　計測方法：${k.measurementMethod.trim() || '（未記入）'}`)
		});
	return splitYears(years, build);
}

/**
 * A table with one column per year, as one table when it fits the page, else as the fewest tables
 * of consecutive years that each fit (every table repeats the row labels).
 */
export function splitYears(years: readonly number[], build: (span: readonly number[]) => DocTable & { fits: boolean }): DocTable[] {
	for (let parts = 1; parts < years.length; parts++) {
		const size = Math.ceil(years.length / parts);
		const chunks: number[][] = [];
		for (let i = 0; i < years.length; i += size) chunks.push(years.slice(i, i + size));
		const tables = chunks.map(build);
		if (tables.every((t) => t.fits)) return tables.map(withoutFit);
	}
	// one year per table, fitting or not
	return years.length ? years.map((y) => withoutFit(build([y]))) : [withoutFit(build([]))];
}

/** Which way a numeric target moves, from its baseline and target (empty when one is missing). */
function targetDirection(baseline: number | null, target: number | null): string {
	if (baseline === null || target === null || baseline === target) return '';
	return KPI_DIRECTION_LABEL[target > baseline ? 'higher' : 'lower'];
}

function prose(text: string): DocBlock[] {
	return parseProse(text).map((b) => (b.kind === 'paragraph' ? { kind: 'paragraph', text: b.text } : b));
}

export function strategyDocument(
	draft: StrategyDraft,
	info: DocumentInfo,
	/** The current title and department of a project's idea sheet (the cached ones otherwise). */
	projectLabel: (p: DraftProject) => { title: string; departmentName: string } = (p) => p
): StrategyDocument {
	const years = fiscalYearRange(info.planStartFy, info.planEndFy);
	const blocks: DocBlock[] = [];
	const heading = (level: NumberingLevel, n: number, text: string, anchor: string) =>
		blocks.push({ kind: 'heading', level, number: headingNumber(level, n), text, anchor });

	heading(1, 1, '地域ビジョン', 'vision');
	blocks.push(...(draft.vision.trim() ? prose(draft.vision) : [{ kind: 'paragraph' as const, text: '（未記入）', style: 'note' as const }]));

	draft.goals.forEach((goal, gi) => {
		heading(1, gi + 2, `基本目標${goal.id}　${goalDisplayTitle(goal)}`, `goal-${goal.id}`);
		if (goal.title.trim() && goal.title.trim() !== goal.nationalTitle) {
			blocks.push({ kind: 'paragraph', text: `（国の基本目標：${goal.nationalTitle}）`, style: 'note' });
		}
		blocks.push({ kind: 'paragraph', text: '【数値目標】', style: 'caption' });
		if (goal.targets.length === 0) blocks.push({ kind: 'paragraph', text: '（数値目標は未設定です）', style: 'note' });
		else
			blocks.push({
				kind: 'table',
				table: withoutFit(layoutTable({
					header: ['指標', '方向', '単位', '基準値（年度）', '目標値（年度）'],
					rows: goal.targets.map((t) => [
						t.indicator,
						targetDirection(t.baselineValue, t.targetValue),
						t.unit,
						valueWithYear(t.baselineValue, t.baselineYear),
						valueWithYear(t.targetValue, t.targetYear)
					]),
					numeric: [3, 4]
				}))
			});

		goal.directions.forEach((direction, di) => {
			heading(2, di + 1, direction.title || '（基本的方向）', `direction-${direction.id}`);
			blocks.push(...prose(direction.body));
			direction.measures.forEach((measure, mi) => {
				heading(3, mi + 1, measure.title || '（施策）', `measure-${measure.id}`);
				blocks.push(...prose(measure.description));
				const related = measure.relatedDepartments.length ? measure.relatedDepartments.join('、') : '—';
				blocks.push({ kind: 'paragraph', text: `担当課：${measure.leadDepartment || '—'}　関係課：${related}` });
				heading(4, 1, '重要業績評価指標（KPI）', `measure-${measure.id}-kpi`);
				if (measure.kpis.length === 0) blocks.push({ kind: 'paragraph', text: '（KPIは未設定です）', style: 'note' });
				else {
					for (const table of kpiTables(measure.kpis, years)) blocks.push({ kind: 'table', table });
					if (measure.kpis.some((k) => k.cumulative)) {
						blocks.push({ kind: 'paragraph', text: CUMULATIVE_NOTE, style: 'note' });
					}
				}
				heading(4, 2, '主な事業', `measure-${measure.id}-projects`);
				if (measure.projects.length === 0) blocks.push({ kind: 'paragraph', text: '（事業は未設定です）', style: 'note' });
				else
					blocks.push({
						kind: 'bullets',
						items: measure.projects.map((p) => {
							const label = projectLabel(p);
							return label.departmentName ? `${label.title}（${label.departmentName}）` : label.title;
						})
					});
			});
		});
	});

	return {
		cover: {
			town: info.townName,
			title: info.strategyName,
			period: `計画期間　${formatPlanPeriod(info.planStartFy, info.planEndFy)}`,
			version: info.versionLabel,
			date: formatDate(info.date, { era: true })
		},
		blocks
	};
}
