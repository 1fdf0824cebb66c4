/**
 * The KPI list of the draft (施策のKPI一覧): one row per KPI with its goal, direction and measure,
 * as the Excel and CSV exports write it. Numbering follows the document (基本目標1, 1, (1)).
 */
import { headingNumber } from './municipal-numbering';
import { goalDisplayTitle, type StrategyDraft } from './strategy-draft';
import type { KpiFields, KpiKind } from './kpi';

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
