/**
 * The KPI list of the draft (施策のKPI一覧). `kpiListRows`: one row per KPI with its goal,
 * direction and measure, as the CSV writes it (numbering as in the document: 基本目標1, 1, (1)).
 * `kpiTableRows`: the council's Excel table, which also lists every goal's numeric targets and
 * the measures without KPIs, with measure codes (4-1-2) that stay unambiguous in a flat table.
 */
import { headingNumber } from './municipal-numbering';
import { goalDisplayTitle, type StrategyDraft } from './strategy-draft';
import type { KpiFields, KpiKind } from './kpi';
import { formatFiscalYearShort } from './fiscal-year';

/** `direction` here is the 基本的方向 the KPI sits under; the KPI's own fields come from KpiFields. */
export interface KpiListRow extends Pick<KpiFields, 'unit' | 'baselineValue' | 'baselineYear' | 'measurementMethod' | 'cumulative'> {
	goalId: number;
	goal: string;
	directionId: string;
	direction: string;
	measureId: string;
	measure: string;
	kpiId: string;
	kpi: string;
	kind: KpiKind;
	/** Target per plan year, in the order of `years`. */
	targets: Array<number | null>;
	department: string;
}

export function kpiListRows(draft: StrategyDraft, years: readonly number[]): KpiListRow[] {
	const rows: KpiListRow[] = [];
	for (const goal of draft.goals) {
		goal.directions.forEach((direction, di) => {
			direction.measures.forEach((measure, mi) => {
				for (const kpi of measure.kpis) {
					rows.push({
						goalId: goal.id,
						goal: `基本目標${goal.id}　${goalDisplayTitle(goal)}`,
						directionId: direction.id,
						direction: `${headingNumber(2, di + 1)}　${direction.title}`,
						measureId: measure.id,
						measure: `${headingNumber(3, mi + 1)}　${measure.title}`,
						kpiId: kpi.id,
						kpi: kpi.name,
						kind: kpi.kind,
						unit: kpi.unit,
						baselineValue: kpi.baselineValue,
						baselineYear: kpi.baselineYear,
						targets: years.map((y) => {
							const v = kpi.targets[y];
							return typeof v === 'number' ? v : null;
						}),
						measurementMethod: kpi.measurementMethod,
						department: measure.leadDepartment,
						cumulative: kpi.cumulative
					});
				}
			});
		});
	}
	return rows;
}

// ─── the council's KPI table (Excel) ──────────────────────────────────────────────────────────

/** 「↑ 増加」 / 「↓ 減少」: which way a KPI should move, shown beside every KPI. */
export const DIRECTION_MARK = { higher: '↑ 増加', lower: '↓ 減少' } as const;

/** 「4-1-2」: a measure's code (goal, direction and measure number), unique in the table. */
export const measureCode = (goalId: number, directionIndex: number, measureIndex: number) => `${goalId}-${directionIndex + 1}-${measureIndex + 1}`;
export const directionCode = (goalId: number, directionIndex: number) => `${goalId}-${directionIndex + 1}`;

export type KpiTableRowKind = 'numericTarget' | 'noNumericTarget' | 'kpi' | 'noKpi' | 'noMeasure';

/**
 * One row of the council's KPI table: every basic goal first with its numeric targets (数値目標,
 * or a row saying there are none yet), then its directions and measures, each measure with its
 * KPIs (or a row saying there are none yet), so no goal or measure disappears.
 */
export interface KpiTableRow {
	kind: KpiTableRowKind;
	goalId: number;
	goal: string;
	/** Groups rows for merging: the direction (or 「t<goal>」 for the numeric targets). */
	directionKey: string;
	direction: string;
	measureKey: string;
	measure: string;
	/** 数値目標 / アウトカム / アウトプット, empty on placeholder rows. */
	kindLabel: string;
	/** The indicator (with ※ when cumulative) or a placeholder such as 「（KPIは未設定です）」. */
	indicator: string;
	directionMark: string;
	unit: string;
	baselineValue: number | null;
	baselineYear: number | null;
	/** Per plan year; a numeric target's value sits in its target year (text when outside the plan). */
	targets: Array<number | string | null>;
	measurementMethod: string;
	department: string;
	cumulative: boolean;
}

export function kpiTableRows(draft: StrategyDraft, years: readonly number[]): KpiTableRow[] {
	const rows: KpiTableRow[] = [];
	const blank = { directionMark: '', unit: '', baselineValue: null, baselineYear: null, measurementMethod: '', department: '', cumulative: false };
	for (const goal of draft.goals) {
		const goalText = `基本目標${goal.id}　${goalDisplayTitle(goal)}`;
		const targetsKey = `t${goal.id}`;
		const base = { goalId: goal.id, goal: goalText, directionKey: targetsKey, direction: '【数値目標】', measureKey: targetsKey, measure: '' };
		if (goal.targets.length === 0) {
			rows.push({ ...base, ...blank, kind: 'noNumericTarget', kindLabel: '', indicator: '（数値目標は未設定です）', targets: years.map(() => null) });
		}
		for (const t of goal.targets) {
			const inPlan = t.targetYear !== null && years.includes(t.targetYear);
			let mark = '';
			if (t.baselineValue !== null && t.targetValue !== null && t.targetValue !== t.baselineValue) {
				mark = t.targetValue > t.baselineValue ? DIRECTION_MARK.higher : DIRECTION_MARK.lower;
			}
			rows.push({
				...base,
				...blank,
				kind: 'numericTarget',
				kindLabel: '数値目標',
				indicator: t.indicator,
				directionMark: mark,
				unit: t.unit,
				baselineValue: t.baselineValue,
				baselineYear: t.baselineYear,
				targets: years.map((y, i) => {
					if (inPlan) return y === t.targetYear ? t.targetValue : null;
					// a target year outside the plan period: shown in the last column with its year
					if (i === years.length - 1 && t.targetValue !== null) return t.targetYear === null ? t.targetValue : `${t.targetValue.toLocaleString('ja-JP')}（${formatFiscalYearShort(t.targetYear)}）`;
					return null;
				})
			});
		}
		goal.directions.forEach((direction, di) => {
			const dCode = directionCode(goal.id, di);
			const dBase = { goalId: goal.id, goal: goalText, directionKey: direction.id, direction: `${dCode}　${direction.title}` };
			if (direction.measures.length === 0) {
				rows.push({ ...dBase, ...blank, kind: 'noMeasure', measureKey: `${direction.id}-none`, measure: '（施策は未設定です）', kindLabel: '', indicator: '', targets: years.map(() => null) });
			}
			direction.measures.forEach((measure, mi) => {
				const mBase = { ...dBase, measureKey: measure.id, measure: `${measureCode(goal.id, di, mi)}　${measure.title}` };
				if (measure.kpis.length === 0) {
					rows.push({ ...mBase, ...blank, kind: 'noKpi', kindLabel: '', indicator: '（KPIは未設定です）', department: measure.leadDepartment, targets: years.map(() => null) });
				}
				for (const kpi of measure.kpis) {
					rows.push({
						...mBase,
						kind: 'kpi',
						kindLabel: kpi.kind === 'outcome' ? 'アウトカム' : 'アウトプット',
						indicator: kpi.name + (kpi.cumulative ? '※' : ''),
						directionMark: DIRECTION_MARK[kpi.direction],
						unit: kpi.unit,
						baselineValue: kpi.baselineValue,
						baselineYear: kpi.baselineYear,
						targets: years.map((y) => {
							const v = kpi.targets[y];
							return typeof v === 'number' ? v : null;
						}),
						measurementMethod: kpi.measurementMethod,
						department: measure.leadDepartment,
						cumulative: kpi.cumulative
					});
				}
			});
		});
	}
	return rows;
}
