/**
 * Completeness checks of the draft strategy, shown beside the editor at all times. They never
 * block anything (a draft is allowed to be incomplete); each is a code plus what it is about,
 * and the interface words it and links to the place to fix.
 *
 * - every basic goal needs at least one numeric target (数値目標) with a target value;
 * - every measure needs an outcome KPI (the national guidance: KPIs of measures are outcomes);
 * - every KPI needs a measurement method and a target for the final fiscal year of the plan;
 * - every idea should be placed somewhere as a project;
 * - an idea placed under a goal it was not classified under (総合戦略上の分類) is worth a look;
 * - placed ideas whose workshop KPI hints (kpi-hints.ts) are still open.
 */
import type { BasicGoalId } from './strategy';
import { allMeasures, ideaKey, type IdeaRef, type StrategyDraft } from './strategy-draft';

export type CompletenessCode =
	| 'goal_without_numeric_target'
	| 'measure_without_outcome_kpi'
	| 'kpi_without_measurement_method'
	| 'kpi_without_final_target'
	| 'idea_not_placed'
	| 'idea_goal_mismatch'
	| 'idea_hints_open';

export interface CompletenessIssue {
	code: CompletenessCode;
	goalId?: BasicGoalId;
	measureId?: string;
	kpiId?: string;
	projectId?: string;
	/** The idea concerned (documentId/sheetId). */
	ideaKey?: string;
	/** The final fiscal year (kpi_without_final_target). */
	year?: number;
	/** How many hints are open (idea_hints_open). */
	count?: number;
}

/** What the checks need to know about each idea of the workshops. */
export interface CompletenessIdea extends IdeaRef {
	goals: readonly BasicGoalId[];
	/** KPI hints still open on the sheet (ideaKpiHints). */
	openHints: number;
	/** The keys of the idea's earlier versions (carried forward from), besides its own. */
	versionKeys?: readonly string[];
}

export function checkCompleteness(
	draft: StrategyDraft,
	ideas: readonly CompletenessIdea[],
	plan: { endFy: number }
): CompletenessIssue[] {
	const issues: CompletenessIssue[] = [];

	for (const goal of draft.goals) {
		if (!goal.targets.some((t) => t.targetValue !== null)) {
			issues.push({ code: 'goal_without_numeric_target', goalId: goal.id });
		}
	}

	for (const measure of allMeasures(draft)) {
		if (!measure.kpis.some((k) => k.kind === 'outcome')) {
			issues.push({ code: 'measure_without_outcome_kpi', goalId: measure.goalId, measureId: measure.id });
		}
		for (const kpi of measure.kpis) {
			if (!kpi.measurementMethod.trim()) {
				issues.push({
					code: 'kpi_without_measurement_method',
					goalId: measure.goalId,
					measureId: measure.id,
					kpiId: kpi.id
				});
			}
			const final = kpi.targets[plan.endFy];
			if (typeof final !== 'number' || !Number.isFinite(final)) {
				issues.push({
					code: 'kpi_without_final_target',
					goalId: measure.goalId,
					measureId: measure.id,
					kpiId: kpi.id,
					year: plan.endFy
				});
			}
		}
	}

	const byKey = new Map(ideas.flatMap((i) => [ideaKey(i), ...(i.versionKeys ?? [])].map((k) => [k, i] as const)));
	const placed = new Set<string>();
	for (const measure of allMeasures(draft)) {
		for (const project of measure.projects) {
			const key = ideaKey(project);
			placed.add(key);
			const idea = byKey.get(key);
			if (!idea) continue;
			if (!idea.goals.includes(measure.goalId)) {
				issues.push({
					code: 'idea_goal_mismatch',
					goalId: measure.goalId,
					measureId: measure.id,
					projectId: project.id,
					ideaKey: key
				});
			}
		}
	}
	const hintsReported = new Set<string>();
	for (const idea of ideas) {
		const key = ideaKey(idea);
		if (![key, ...(idea.versionKeys ?? [])].some((k) => placed.has(k))) issues.push({ code: 'idea_not_placed', ideaKey: key });
		else if (idea.openHints > 0 && !hintsReported.has(key)) {
			hintsReported.add(key);
			issues.push({ code: 'idea_hints_open', ideaKey: key, count: idea.openHints });
		}
	}
	return issues;
}

/** Issues counted per code, for the summary line. */
export function countByCode(issues: readonly CompletenessIssue[]): Partial<Record<CompletenessCode, number>> {
	const out: Partial<Record<CompletenessCode, number>> = {};
	for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
	return out;
}
