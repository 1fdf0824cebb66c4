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
	/**
	 * This idea's keys across sessions: its own first, then the earlier versions it was carried
	 * forward (転記) from. A project placed with any of them is this idea.
	 */
	versionKeys: string[];
}

/**
 * One item per idea: a sheet carried forward into a later session supersedes the sheet it was
 * carried from, so the pool, the completeness checks and the cross-department suggestions see an
 * idea and its carried versions as one idea, the latest version standing for it (and a suggestion
 * never pairs an idea with its own copy). A sheet carried into two groups stays two ideas, each
 * with the common history. Items keep their order.
 */
export function collapseCarriedVersions<T extends Omit<IdeaPoolItem, 'versionKeys'>>(items: readonly T[]): Array<T & { versionKeys: string[] }> {
	const byKey = new Map(items.map((i) => [i.key, i]));
	const originKey = (i: T) => (i.sheet.origin ? ideaKey(i.sheet.origin) : null);
	const superseded = new Set<string>();
	for (const item of items) {
		const from = originKey(item);
		if (from && from !== item.key && byKey.has(from)) superseded.add(from);
	}
	return items
		.filter((i) => !superseded.has(i.key))
		.map((item) => {
			const versionKeys = [item.key];
			for (let from = originKey(item); from && !versionKeys.includes(from); ) {
				versionKeys.push(from);
				const earlier = byKey.get(from);
				from = earlier ? originKey(earlier) : null;
			}
			return { ...item, versionKeys };
		});
}

/** Whether an idea is placed: any of its versions is a project of the draft. */
export function isIdeaPlaced(item: Pick<IdeaPoolItem, 'key' | 'versionKeys'>, placedKeys: ReadonlySet<string>): boolean {
	return (item.versionKeys ?? [item.key]).some((k) => placedKeys.has(k));
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
		if (typeof filter.placed === 'boolean' && isIdeaPlaced(i, placedKeys) !== filter.placed) return false;
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
