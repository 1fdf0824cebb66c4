/**
 * The idea pool of the strategy editor: every idea sheet of the workspace's workshops, with where
 * it comes from (workshop, session, group), its dot votes and open KPI hints, ready to be placed
 * into the draft as a project. Filtering and cross-department suggestions are pure functions.
 */
import type { IdeaSheetView } from '../collab/schema';
import type { KpiHintCode } from './kpi-hints';
import type { BasicGoalId } from './strategy';
import { ideaKey, type IdeaRef } from './strategy-draft';
import { similarAcrossDepartments } from './similarity';

export interface IdeaPoolItem extends IdeaRef {
	/** documentId/sheetId */
	key: string;
	title: string;
	departmentName: string;
	goals: BasicGoalId[];
	workshopId: string;
	workshopTitle: string;
	sessionId: string;
	sessionName: string;
	sessionOrdinal: number;
	groupName: string;
	/** Dots on the issue cards the sheet answers (revealed results); null when there are none. */
	votes: number | null;
	/** KPI hints still open on the sheet. */
	hints: KpiHintCode[];
	/** The whole sheet (for KPI choice, exports and the preview). */
	sheet: IdeaSheetView;
}

export interface IdeaFilter {
	/** A goal the idea is classified under, or 'none' for unclassified ideas. */
	goal?: BasicGoalId | 'none' | null;
	department?: string | null;
	/** documentId of the group's board. */
	group?: string | null;
	session?: string | null;
	/** At least this many dots; 0 = only ideas with votes. */
	minVotes?: number | null;
	hasHints?: boolean | null;
	placed?: boolean | null;
	text?: string | null;
}

export function filterIdeas(
	items: readonly IdeaPoolItem[],
	filter: IdeaFilter,
	placedKeys: ReadonlySet<string> = new Set()
): IdeaPoolItem[] {
	const text = filter.text?.trim().normalize('NFKC').toLowerCase();
	return items.filter((i) => {
		if (filter.goal === 'none' && i.goals.length > 0) return false;
		if (typeof filter.goal === 'number' && !i.goals.includes(filter.goal)) return false;
		if (filter.department && i.departmentName !== filter.department) return false;
		if (filter.group && i.documentId !== filter.group) return false;
		if (filter.session && i.sessionId !== filter.session) return false;
		if (typeof filter.minVotes === 'number' && (i.votes === null || i.votes < filter.minVotes)) return false;
		if (typeof filter.hasHints === 'boolean' && i.hints.length > 0 !== filter.hasHints) return false;
		if (typeof filter.placed === 'boolean' && placedKeys.has(i.key) !== filter.placed) return false;
		if (text && !`${i.title} ${i.sheet.problem} ${i.departmentName}`.normalize('NFKC').toLowerCase().includes(text)) {
			return false;
		}
		return true;
	});
}

/** The text two ideas are compared by: what they solve and how. */
export function ideaComparisonText(sheet: IdeaSheetView): string {
	return [sheet.title, sheet.problem, sheet.solutionMeans, sheet.solutionState, ...sheet.measures.map((m) => m.text)].join(
		'\n'
	);
}

export interface IdeaSuggestion {
	a: string;
	b: string;
	score: number;
}

/** Ideas of different departments that look alike (most similar first), to link into one measure. */
export function suggestCrossDepartmentLinks(items: readonly IdeaPoolItem[], threshold = 0.35, limit = 20): IdeaSuggestion[] {
	return similarAcrossDepartments(
		items.map((i) => ({
			id: i.key,
			departmentId: i.departmentName.trim() || null,
			text: ideaComparisonText(i.sheet)
		})),
		threshold
	).slice(0, limit);
}

export { ideaKey };
