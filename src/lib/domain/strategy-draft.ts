/**
 * The draft strategy (素案) as plain data: what the live strategy document reads as
 * (src/lib/collab/strategy.ts), what versions store, what completeness checks, diffs and exports
 * work on. Pure types and small helpers; no Yjs, no DOM, no server.
 *
 * 地域ビジョン → 基本目標 (always the four national goals, in order) with 数値目標 →
 * 基本的方向 (prose) → 具体的な施策 with KPIs → 事業 (each linked to an idea sheet).
 */
import type { BasicGoalId } from './strategy';
import type { KpiFields, KpiKind } from './kpi';
import { normaliseForComparison } from './similarity';

/** An idea sheet on a board: the link a project keeps to the idea it came from. */
export interface IdeaRef {
	documentId: string;
	sheetId: string;
}

/** Where a measure's KPI was copied from: an idea's output or outcome KPI. */
export interface KpiSource extends IdeaRef {
	kpiId: string;
}

export const ideaKey = (ref: IdeaRef): string => `${ref.documentId}/${ref.sheetId}`;

export function parseIdeaKey(key: string): IdeaRef | null {
	const m = /^([^/]+)\/([^/]+)$/.exec(key);
	return m ? { documentId: m[1]!, sheetId: m[2]! } : null;
}

/** 数値目標: a goal-level numeric target (baseline and target, each with its fiscal year). */
export interface NumericTarget {
	id: string;
	order: string;
	indicator: string;
	unit: string;
	baselineValue: number | null;
	baselineYear: number | null;
	targetValue: number | null;
	targetYear: number | null;
}

/** A KPI of a measure (重要業績評価指標). */
export interface MeasureKpi extends KpiFields {
	id: string;
	order: string;
	kind: KpiKind;
	/** The idea KPIs it was copied or merged from (empty when typed in directly). */
	sources: KpiSource[];
}

/** 事業: a project under a measure, linked to the idea sheet it came from. */
export interface DraftProject extends IdeaRef {
	id: string;
	order: string;
	/** The sheet's title when it was placed or last refreshed (shown if the sheet is gone). */
	title: string;
	departmentName: string;
}

/** 具体的な施策. */
export interface DraftMeasure {
	id: string;
	order: string;
	directionId: string;
	title: string;
	description: string;
	/** 担当課 (lead department). */
	leadDepartment: string;
	/** 関係課 (related departments), sorted. */
	relatedDepartments: string[];
	kpis: MeasureKpi[];
	projects: DraftProject[];
}

/** 基本的方向: a title and prose (see prose.ts for the line convention). */
export interface DraftDirection {
	id: string;
	order: string;
	goalId: BasicGoalId;
	title: string;
	body: string;
	measures: DraftMeasure[];
}

/** 基本目標: one of the four national goals with the town's own title. */
export interface DraftGoal {
	id: BasicGoalId;
	/** The national wording (BASIC_GOALS). */
	nationalTitle: string;
	/** The town's own title; empty until written. */
	title: string;
	targets: NumericTarget[];
	directions: DraftDirection[];
}

export interface StrategyDraft {
	schemaVersion: number;
	/** 地域ビジョン. */
	vision: string;
	/** Always the four basic goals, in order 1–4. */
	goals: DraftGoal[];
}

/** The title shown for a goal: the town's own, else the national one. */
export const goalDisplayTitle = (goal: Pick<DraftGoal, 'title' | 'nationalTitle'>): string =>
	goal.title.trim() || goal.nationalTitle;

export function allDirections(draft: StrategyDraft): DraftDirection[] {
	return draft.goals.flatMap((g) => g.directions);
}

export function allMeasures(draft: StrategyDraft): Array<DraftMeasure & { goalId: BasicGoalId }> {
	return draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures.map((m) => ({ ...m, goalId: g.id }))));
}

export function allProjects(draft: StrategyDraft): Array<DraftProject & { measureId: string; goalId: BasicGoalId }> {
	return allMeasures(draft).flatMap((m) => m.projects.map((p) => ({ ...p, measureId: m.id, goalId: m.goalId })));
}

/** Where each idea is used in the draft: idea key → the measures whose projects link to it. */
export interface IdeaUsage {
	projectId: string;
	measureId: string;
	measureTitle: string;
	directionId: string;
	directionTitle: string;
	goalId: BasicGoalId;
	goalTitle: string;
}

export function ideaUsages(draft: StrategyDraft): Map<string, IdeaUsage[]> {
	const out = new Map<string, IdeaUsage[]>();
	for (const goal of draft.goals) {
		for (const direction of goal.directions) {
			for (const measure of direction.measures) {
				for (const project of measure.projects) {
					const key = ideaKey(project);
					const list = out.get(key) ?? [];
					list.push({
						projectId: project.id,
						measureId: measure.id,
						measureTitle: measure.title,
						directionId: direction.id,
						directionTitle: direction.title,
						goalId: goal.id,
						goalTitle: goalDisplayTitle(goal)
					});
					out.set(key, list);
				}
			}
		}
	}
	return out;
}

/**
 * Whether two KPIs name the same indicator (so that copies from several ideas merge into one
 * KPI of the measure): the same name and unit after NFKC normalisation, ignoring spaces and
 * punctuation (「予約件数（オンライン）」 = 「予約件数 (オンライン)」).
 */
export function sameIndicator(a: { name: string; unit: string }, b: { name: string; unit: string }): boolean {
	const name = (s: string) => normaliseForComparison(s);
	return name(a.name) !== '' && name(a.name) === name(b.name) && name(a.unit) === name(b.unit);
}
