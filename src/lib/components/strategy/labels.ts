/** Interface wording for the strategy editor's enumerations and completeness issues. */
import { m } from '$lib/paraglide/messages';
import type { KpiKind } from '$lib/domain/kpi';
import type { KpiHintCode } from '$lib/domain/kpi-hints';
import type { CompletenessCode, CompletenessIssue } from '$lib/domain/strategy-completeness';
import { formatFiscalYearShort } from '$lib/domain/fiscal-year';
import type { DiffChange, DiffSubject } from '$lib/domain/strategy-diff';

export function kpiKindLabel(kind: KpiKind): string {
	return kind === 'outcome' ? m.strat_kpi_kind_outcome() : m.strat_kpi_kind_output();
}

export function goalLabel(goalId: number): string {
	return m.strat_goal_label({ number: goalId });
}

export function completenessTitle(code: CompletenessCode): string {
	switch (code) {
		case 'goal_without_numeric_target':
			return m.strat_check_goal_without_numeric_target();
		case 'measure_without_outcome_kpi':
			return m.strat_check_measure_without_outcome_kpi();
		case 'kpi_without_measurement_method':
			return m.strat_check_kpi_without_measurement_method();
		case 'kpi_without_final_target':
			return m.strat_check_kpi_without_final_target();
		case 'idea_not_placed':
			return m.strat_check_idea_not_placed();
		case 'idea_goal_mismatch':
			return m.strat_check_idea_goal_mismatch();
		case 'idea_hints_open':
			return m.strat_check_idea_hints_open();
	}
}

/** What to do about an issue, naming the thing concerned. */
export function completenessDetail(issue: CompletenessIssue, name: string): string {
	switch (issue.code) {
		case 'goal_without_numeric_target':
			return m.strat_fix_goal_without_numeric_target({ goal: name });
		case 'measure_without_outcome_kpi':
			return m.strat_fix_measure_without_outcome_kpi({ measure: name });
		case 'kpi_without_measurement_method':
			return m.strat_fix_kpi_without_measurement_method({ kpi: name });
		case 'kpi_without_final_target':
			return m.strat_fix_kpi_without_final_target({ kpi: name, year: formatFiscalYearShort(issue.year ?? 0) });
		case 'idea_not_placed':
			return m.strat_fix_idea_not_placed({ idea: name });
		case 'idea_goal_mismatch':
			return m.strat_fix_idea_goal_mismatch({ idea: name, goal: goalLabel(issue.goalId ?? 0) });
		case 'idea_hints_open':
			return m.strat_fix_idea_hints_open({ idea: name, count: issue.count ?? 0 });
	}
}

export function hintLabel(code: KpiHintCode): string {
	switch (code) {
		case 'outcome_looks_like_output':
			return m.strat_hint_outcome_looks_like_output();
		case 'no_outcome_kpi':
			return m.strat_hint_no_outcome_kpi();
		case 'no_measurement_method':
			return m.strat_hint_no_measurement_method();
		case 'no_baseline':
			return m.strat_hint_no_baseline();
		case 'target_against_direction':
			return m.strat_hint_target_against_direction();
		case 'target_outside_plan':
			return m.strat_hint_target_outside_plan();
		case 'smart_without_targets':
			return m.strat_hint_smart_without_targets();
		case 'outcome_without_output_pair':
			return m.strat_hint_outcome_without_output_pair();
	}
}

export function diffSubjectLabel(subject: DiffSubject): string {
	switch (subject) {
		case 'vision':
			return m.strat_diff_subject_vision();
		case 'goal':
			return m.strat_diff_subject_goal();
		case 'numericTarget':
			return m.strat_diff_subject_numeric_target();
		case 'direction':
			return m.strat_diff_subject_direction();
		case 'measure':
			return m.strat_diff_subject_measure();
		case 'kpi':
			return m.strat_diff_subject_kpi();
		case 'project':
			return m.strat_diff_subject_project();
	}
}

export function diffChangeLabel(change: DiffChange): string {
	return change === 'added'
		? m.strat_diff_added()
		: change === 'removed'
			? m.strat_diff_removed()
			: m.strat_diff_changed();
}

/** A diff field name in words ("target:2029" → 「R11目標」). */
export function diffFieldLabel(field: string): string {
	const target = /^target:(\d{4})$/.exec(field);
	if (target) return m.strat_diff_field_target({ year: formatFiscalYearShort(Number(target[1])) });
	const labels: Record<string, () => string> = {
		vision: m.strat_vision_title,
		title: m.strat_diff_field_title,
		body: m.strat_diff_field_body,
		description: m.strat_diff_field_description,
		leadDepartment: m.strat_lead_department,
		relatedDepartments: m.strat_related_departments,
		indicator: m.strat_indicator,
		name: m.strat_indicator,
		unit: m.strat_unit,
		kind: m.strat_kpi_kind,
		measurementMethod: m.strat_measurement_method,
		baselineValue: m.strat_baseline_value,
		baselineYear: m.strat_baseline_year,
		targetValue: m.strat_target_value,
		targetYear: m.strat_target_year,
		direction: m.strat_diff_field_parent_direction,
		cumulative: m.strat_kpi_cumulative,
		betterWhen: m.strat_kpi_better_when,
		goal: m.strat_diff_field_parent_goal,
		measure: m.strat_diff_field_parent_measure,
		departmentName: m.strat_department
	};
	return labels[field]?.() ?? field;
}
