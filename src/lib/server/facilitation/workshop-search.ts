/**
 * Searching every board of a workshop: issue cards and idea sheets as flat items, filtered by
 * free text (every term must appear; full-width/half-width and case ignored), department, basic
 * goal, group and "has KPI hints". Pure over Y.Docs; the page loads the stored documents.
 */
import type * as Y from 'yjs';
import { listCards, listSheets } from '$lib/collab/schema';
import type { BasicGoalId } from '$lib/domain/strategy';
import type { PlanPeriod } from '$lib/domain/kpi-hints';
import { sheetHints } from './board-progress';

export interface SearchBoard {
	documentId: string;
	sessionName: string;
	groupName: string;
}

export interface SearchItem {
	kind: 'card' | 'sheet';
	id: string;
	documentId: string;
	sessionName: string;
	groupName: string;
	/** The card's problem or the sheet's title. */
	title: string;
	departmentName: string;
	goals: BasicGoalId[];
	/** KPI hints (sheets only; cards have none). */
	hints: number;
	/** Everything searchable, normalised. */
	haystack: string;
	/** The readable text the excerpt is cut from. */
	body: string;
}

export interface SearchFilters {
	q: string;
	department: string;
	goal: BasicGoalId | null;
	/** A board (group) id; '' for all. */
	documentId: string;
	hasHints: boolean;
	kind: 'all' | 'card' | 'sheet';
}

export const NO_FILTERS: SearchFilters = { q: '', department: '', goal: null, documentId: '', hasHints: false, kind: 'all' };

/** NFKC, lower case, whitespace folded: 「ＤＸ　推進」 and 「dx 推進」 match. */
export function normalizeForSearch(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function searchTerms(q: string): string[] {
	return normalizeForSearch(q)
		.split(' ')
		.filter((t) => t.length > 0)
		.slice(0, 10);
}

export function itemsOfBoard(doc: Y.Doc, board: SearchBoard, plan: PlanPeriod): SearchItem[] {
	const items: SearchItem[] = [];
	const where = { documentId: board.documentId, sessionName: board.sessionName, groupName: board.groupName };
	for (const card of listCards(doc)) {
		const parts = [
			card.text,
			card.backgroundResidents,
			card.backgroundTown,
			card.targetNote,
			card.departmentName,
			card.authorName,
			...card.comments.map((c) => c.text)
		];
		const body = parts.filter((p) => p.trim()).join(' ／ ');
		items.push({
			kind: 'card',
			id: card.id,
			...where,
			title: card.text,
			departmentName: card.departmentName,
			goals: [],
			hints: 0,
			haystack: normalizeForSearch(parts.join('\n')),
			body
		});
	}
	for (const sheet of listSheets(doc)) {
		const parts = [
			sheet.title,
			sheet.departmentName,
			sheet.problem,
			sheet.backgroundResidents,
			sheet.backgroundTown,
			sheet.targetNote,
			sheet.solutionMeans,
			sheet.solutionWhom,
			sheet.solutionState,
			...sheet.measures.map((x) => x.text),
			...sheet.relatedProjects.map((x) => x.text),
			...sheet.precedents.map((x) => x.text),
			sheet.expectedEffect,
			sheet.sideBenefits,
			...sheet.outputKpis.map((k) => k.name),
			...sheet.outcomeKpis.map((k) => k.name),
			sheet.authorName
		];
		items.push({
			kind: 'sheet',
			id: sheet.id,
			...where,
			title: sheet.title,
			departmentName: sheet.departmentName,
			goals: sheet.goals,
			hints: sheetHints(sheet, plan).length,
			haystack: normalizeForSearch(parts.join('\n')),
			body: parts.slice(2).filter((p) => p.trim()).join(' ／ ')
		});
	}
	return items;
}

export function matches(item: SearchItem, filters: SearchFilters, terms = searchTerms(filters.q)): boolean {
	if (filters.kind !== 'all' && item.kind !== filters.kind) return false;
	if (filters.documentId && item.documentId !== filters.documentId) return false;
	if (filters.department && !normalizeForSearch(item.departmentName).includes(normalizeForSearch(filters.department))) {
		return false;
	}
	if (filters.goal !== null && !item.goals.includes(filters.goal)) return false;
	if (filters.hasHints && item.hints === 0) return false;
	return terms.every((t) => item.haystack.includes(t));
}

export function filterItems(items: readonly SearchItem[], filters: SearchFilters): SearchItem[] {
	const terms = searchTerms(filters.q);
	return items.filter((item) => matches(item, filters, terms));
}

/** About `length` characters of `body` around the first search term (the start without one). */
export function excerpt(body: string, q: string, length = 100): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	if (flat.length <= length) return flat;
	const terms = searchTerms(q);
	const normalised = flat.normalize('NFKC').toLowerCase();
	// NFKC can change lengths (e.g. ㌔); fall back to the start when positions no longer line up
	const at = normalised.length === flat.length ? Math.min(...terms.map((t) => normalised.indexOf(t)).filter((i) => i >= 0)) : -1;
	const start = Number.isFinite(at) && at > length / 3 ? Math.max(0, at - Math.floor(length / 3)) : 0;
	const cut = flat.slice(start, start + length);
	return `${start > 0 ? '…' : ''}${cut}${start + length < flat.length ? '…' : ''}`;
}
