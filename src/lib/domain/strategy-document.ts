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
	/** Relative column widths. */
	widths: number[];
}

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

/** 1,234.5 — thousands separators, up to two decimals; empty for null. */
export function formatNumber(value: number | null | undefined): string {
	return typeof value === 'number' && Number.isFinite(value) ? NUMBER.format(value) : '';
}

/** 「120（R6）」: a value with the fiscal year it belongs to. */
export function valueWithYear(value: number | null, year: number | null): string {
	if (value === null) return '';
	return year === null ? formatNumber(value) : `${formatNumber(value)}（${formatFiscalYearShort(year)}）`;
}

export const KPI_KIND_LABEL = { outcome: 'アウトカム', output: 'アウトプット' } as const;

export function kpiTable(kpis: readonly MeasureKpi[], years: readonly number[], department: string): DocTable {
	return {
		header: ['指標', '種別', '単位', '基準値（年度）', ...years.map((y) => `${formatFiscalYearShort(y)}目標`), '計測方法', '担当課'],
		rows: kpis.map((k) => [
			k.name + (k.cumulative ? '※' : ''),
			KPI_KIND_LABEL[k.kind],
			k.unit,
			valueWithYear(k.baselineValue, k.baselineYear),
			...years.map((y) => formatNumber(k.targets[y] ?? null)),
			k.measurementMethod,
			department
		]),
		numeric: [3, ...years.map((_, i) => 4 + i)],
		widths: [4, 2, 1.2, 2.2, ...years.map(() => 1.3), 3.5, 2]
	};
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
				table: {
					header: ['指標', '単位', '基準値（年度）', '目標値（年度）'],
					rows: goal.targets.map((t) => [
						t.indicator,
						t.unit,
						valueWithYear(t.baselineValue, t.baselineYear),
						valueWithYear(t.targetValue, t.targetYear)
					]),
					numeric: [2, 3],
					widths: [6, 1.5, 2.5, 2.5]
				}
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
					blocks.push({ kind: 'table', table: kpiTable(measure.kpis, years, measure.leadDepartment) });
					if (measure.kpis.some((k) => k.cumulative)) {
						blocks.push({ kind: 'paragraph', text: '※ 基準値からの累計', style: 'note' });
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
