/** What every part of the strategy editor needs, passed once through Svelte context. */
import { getContext, setContext } from 'svelte';
import type { IdeaPoolItem } from '$lib/domain/idea-pool';
import type { CompletenessIssue } from '$lib/domain/strategy-completeness';
import type { StrategyState } from './strategy-state.svelte';

export interface StrategyContext {
	state: StrategyState;
	/** Facilitators and admins edit; everyone else reads live. */
	readonly editable: boolean;
	/** The plan's fiscal years (KPI target columns). */
	readonly years: number[];
	readonly planEndFy: number;
	/** The town's departments (課), for lead and related department choices. */
	readonly departments: string[];
	readonly pool: IdeaPoolItem[];
	idea(key: string): IdeaPoolItem | undefined;
	/** Completeness issues about one thing (a goal, measure, KPI or project). */
	issuesOf(filter: Partial<Pick<CompletenessIssue, 'goalId' | 'measureId' | 'kpiId' | 'projectId'>>): CompletenessIssue[];
	/** Tells screen-reader users what just happened (moves, placements). */
	announce(message: string): void;
}

const KEY = Symbol('strategy-editor');

export function setStrategyContext(context: StrategyContext): StrategyContext {
	return setContext(KEY, context);
}

export function getStrategyContext(): StrategyContext {
	return getContext<StrategyContext>(KEY);
}
