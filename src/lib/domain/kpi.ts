/**
 * KPIs as the town's idea sheet defines them: output KPIs (what the town does, activity volume)
 * and outcome KPIs (the direct effect on residents), each with a measurement method, a baseline,
 * a direction and provisional targets per fiscal year of the plan period (any may be blank).
 */

export type KpiKind = 'output' | 'outcome';
/** Whether a higher or a lower value is better (a care-need rate improves downwards). */
export type KpiDirection = 'higher' | 'lower';

/**
 * The fields every KPI has, wherever it lives: on an idea sheet, in the strategy draft, in an
 * idea transfer file, and in the adopted register (evaluation/register-kpi.ts). One type, so a
 * field added here reaches every place a KPI is read or written.
 */
export interface KpiFields {
	name: string;
	unit: string;
	measurementMethod: string;
	baselineValue: number | null;
	baselineYear: number | null;
	direction: KpiDirection;
	/** Cumulative KPIs (※) count progress from the baseline. */
	cumulative: boolean;
	/** Provisional target per fiscal year (Western year the fiscal year starts in). */
	targets: Record<number, number | null>;
}

export interface KpiBase extends KpiFields {
	id: string;
}

export interface OutputKpi extends KpiBase {
	kind: 'output';
}

export interface OutcomeKpi extends KpiBase {
	kind: 'outcome';
	/** The output KPIs this outcome pairs with. */
	pairedOutputIds: string[];
}

export type Kpi = OutputKpi | OutcomeKpi;

/** The set targets in fiscal-year order. */
export function targetSeries(kpi: Pick<KpiBase, 'targets'>): Array<{ year: number; value: number }> {
	return Object.entries(kpi.targets)
		.filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))
		.map(([year, value]) => ({ year: Number(year), value }))
		.sort((a, b) => a.year - b.year);
}

/** The five SMART checks of the template's "KPI設定の視点". */
export const SMART_KEYS = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'] as const;
export type SmartKey = (typeof SMART_KEYS)[number];

export interface SmartCheck {
	checked: boolean;
	reason: string;
}

export type SmartChecks = Record<SmartKey, SmartCheck>;
