/**
 * Words for the template's choices in the interface language: target residents, basic goals,
 * enabling conditions, fiscal years, timing, SMART, and the KPI quality hints.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { SheetTiming, TargetGroup } from '$lib/collab/schema';
import type { SmartKey } from '$lib/domain/kpi';
import type { KpiHint } from '$lib/domain/kpi-hints';
import type { BasicGoal, EnablingCondition } from '$lib/domain/strategy';
import { formatEraFiscalYear, formatFiscalYearShort } from '$lib/domain/fiscal-year';

const english = () => getLocale() === 'en';

export function targetGroupLabel(group: TargetGroup): string {
	switch (group) {
		case 'residents':
			return m.card_target_residents();
		case 'businesses':
			return m.card_target_businesses();
		case 'related':
			return m.card_target_related();
	}
}

export function goalLabel(goal: BasicGoal): string {
	return english() ? goal.titleEn : goal.title;
}

export function conditionLabel(condition: EnablingCondition): string {
	return english() ? condition.titleEn : condition.title;
}

/** 「令和8年度」 / "FY2026 (R8)". */
export function fiscalYearLabel(fy: number): string {
	return english() ? `FY${fy} (${formatFiscalYearShort(fy)})` : formatEraFiscalYear(fy);
}

/** 「R8」: column headings of target tables. */
export function fiscalYearShortLabel(fy: number): string {
	return formatFiscalYearShort(fy);
}

export function timingLabel(timing: SheetTiming): string {
	if (timing.kind === 'done') return m.idea_timing_done();
	if (timing.kind === 'fy') return fiscalYearLabel(timing.fy);
	return m.idea_timing_from({ year: fiscalYearLabel(timing.fy) });
}

export function smartLabel(key: SmartKey): string {
	switch (key) {
		case 'specific':
			return m.idea_smart_specific();
		case 'measurable':
			return m.idea_smart_measurable();
		case 'achievable':
			return m.idea_smart_achievable();
		case 'relevant':
			return m.idea_smart_relevant();
		case 'timeBound':
			return m.idea_smart_time_bound();
	}
}

/** A KPI quality hint in words; it says what to consider next and never blocks. */
export function hintMessage(hint: KpiHint): string {
	const year = hint.year !== undefined ? fiscalYearLabel(hint.year) : '';
	switch (hint.code) {
		case 'outcome_looks_like_output':
			return m.hint_outcome_looks_like_output({ term: hint.term ?? '' });
		case 'no_outcome_kpi':
			return m.hint_no_outcome_kpi();
		case 'no_measurement_method':
			return m.hint_no_measurement_method();
		case 'no_baseline':
			return m.hint_no_baseline();
		case 'target_against_direction':
			return m.hint_target_against_direction({ year });
		case 'target_outside_plan':
			return m.hint_target_outside_plan({ year });
		case 'smart_without_targets':
			return m.hint_smart_without_targets();
		case 'outcome_without_output_pair':
			return m.hint_outcome_without_output_pair();
	}
}
