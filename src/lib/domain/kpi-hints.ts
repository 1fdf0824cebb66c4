/**
 * KPI quality hints for an idea sheet. They follow the national guidance the town gives its
 * staff (objective, direct, reasonable) and never block: they are shown on the sheet and counted
 * on the facilitator's overview. Each hint is a code plus parameters; the UI words it.
 */
import { type Kpi, type OutcomeKpi, type SmartChecks, SMART_KEYS, targetSeries } from './kpi';

export type KpiHintCode =
	| 'outcome_looks_like_output'
	| 'no_outcome_kpi'
	| 'no_measurement_method'
	| 'no_baseline'
	| 'target_against_direction'
	| 'target_outside_plan'
	| 'smart_without_targets'
	| 'outcome_without_output_pair';

export interface KpiHint {
	code: KpiHintCode;
	/** The KPI the hint is about, when it is about one. */
	kpiId?: string;
	/** The fiscal year concerned (targets). */
	year?: number;
	/** The activity word that made an outcome look like an output. */
	term?: string;
}

/**
 * Words that name what the town does (activity volume) rather than what changes for residents.
 * An outcome KPI named with one of these is probably an output.
 */
const ACTIVITY_TERMS = [
	'開催回数',
	'開催数',
	'実施回数',
	'実施件数',
	'整備件数',
	'整備数',
	'設置数',
	'設置件数',
	'導入件数',
	'導入数',
	'交付件数',
	'交付数',
	'補助件数',
	'発行数',
	'発行回数',
	'配布数',
	'配信回数',
	'掲載数',
	'研修回数',
	'講座数',
	'説明会',
	'研修会',
	'勉強会',
	'講習会',
	'周知回数',
	'作成数'
];

export function activityTermIn(name: string): string | undefined {
	const normalised = name.normalize('NFKC');
	return ACTIVITY_TERMS.find((t) => normalised.includes(t));
}

export interface IdeaKpis {
	outputs: Kpi[];
	outcomes: OutcomeKpi[];
	smart: SmartChecks;
}

export interface PlanPeriod {
	startFy: number;
	endFy: number;
}

function kpiHints(kpi: Kpi, plan: PlanPeriod): KpiHint[] {
	const hints: KpiHint[] = [];
	if (kpi.kind === 'outcome') {
		const term = activityTermIn(kpi.name);
		if (term) hints.push({ code: 'outcome_looks_like_output', kpiId: kpi.id, term });
	}
	if (!kpi.measurementMethod.trim()) hints.push({ code: 'no_measurement_method', kpiId: kpi.id });
	if (kpi.baselineValue === null) hints.push({ code: 'no_baseline', kpiId: kpi.id });

	const series = targetSeries(kpi);
	for (const { year } of series) {
		if (year < plan.startFy || year > plan.endFy) {
			hints.push({ code: 'target_outside_plan', kpiId: kpi.id, year });
		}
	}
	// Each target should be no worse than the one before it (the baseline counts as the first).
	const sign = kpi.direction === 'higher' ? 1 : -1;
	let previous = kpi.baselineValue;
	for (const { year, value } of series) {
		if (previous !== null && sign * (value - previous) < 0) {
			hints.push({ code: 'target_against_direction', kpiId: kpi.id, year });
		}
		previous = value;
	}
	return hints;
}

export function ideaKpiHints(idea: IdeaKpis, plan: PlanPeriod): KpiHint[] {
	const hints: KpiHint[] = [];
	if (idea.outcomes.length === 0) hints.push({ code: 'no_outcome_kpi' });
	const outputIds = new Set(idea.outputs.map((k) => k.id));
	for (const kpi of [...idea.outputs, ...idea.outcomes]) hints.push(...kpiHints(kpi, plan));
	for (const outcome of idea.outcomes) {
		if (idea.outputs.length > 0 && !outcome.pairedOutputIds.some((id) => outputIds.has(id))) {
			hints.push({ code: 'outcome_without_output_pair', kpiId: outcome.id });
		}
	}
	const anyTicked = SMART_KEYS.some((k) => idea.smart[k].checked);
	const anyTarget = [...idea.outputs, ...idea.outcomes].some((k) => targetSeries(k).length > 0);
	if (anyTicked && !anyTarget) hints.push({ code: 'smart_without_targets' });
	return hints;
}
