/**
 * The KPI list of the draft (施策のKPI一覧): one row per KPI with its goal, direction and measure,
 * as the Excel and CSV exports write it. Numbering follows the document (基本目標1, 1, (1)).
 */
import { headingNumber } from './municipal-numbering';
import { goalDisplayTitle, type StrategyDraft } from './strategy-draft';
import type { KpiKind } from './kpi';

export interface KpiListRow {
	goalId: number;
	goal: string;
	directionId: string;
	direction: string;
	measureId: string;
	measure: string;
	kpiId: string;
	kpi: string;
	kind: KpiKind;
	unit: string;
	baselineValue: number | null;
	baselineYear: number | null;
	/** Target per plan year, in the order of `years`. */
	targets: Array<number | null>;
	measurementMethod: string;
	department: string;
	cumulative: boolean;
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
