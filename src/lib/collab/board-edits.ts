/**
 * Compound edits of a board built from the schema's accessors: cards grouped by cluster as they
 * are shown, moving a card (buttons, keyboard, drag and drop), and starting an idea sheet from
 * an issue card. No DOM; names no Yjs key (schema.ts does).
 */
import type * as Y from 'yjs';
import {
	addSheet,
	findCard,
	orderBetween,
	readCard,
	setCardPlace,
	setSheetIssueLink,
	setSheetTarget,
	sheetText,
	type ClusterView,
	type IssueCardView,
	type SheetMap
} from './schema';

export interface CardGroup<C extends { id: string; clusterId: string | null }> {
	/** null: the cards not in any cluster (未分類). */
	cluster: ClusterView | null;
	cards: C[];
}

/**
 * Cards grouped as the board shows them: each cluster in cluster order, then the unclustered
 * cards. A card whose cluster was deleted meanwhile counts as unclustered. `cards` must be in
 * board order (listCards); the order within each group is kept.
 */
export function groupCards<C extends { id: string; clusterId: string | null }>(
	cards: readonly C[],
	clusters: readonly ClusterView[]
): CardGroup<C>[] {
	const known = new Set(clusters.map((c) => c.id));
	const groups: CardGroup<C>[] = clusters.map((cluster) => ({
		cluster,
		cards: cards.filter((c) => c.clusterId === cluster.id)
	}));
	groups.push({ cluster: null, cards: cards.filter((c) => c.clusterId === null || !known.has(c.clusterId)) });
	return groups;
}

export interface Placed {
	id: string;
	order: string;
}

/**
 * The order writes that put card `id` at index `toIndex` of `group` (the cards it is shown
 * among, in order; it may or may not contain the card itself). Normally one write, between its
 * new neighbours. When the neighbours' keys leave no room (two cards added at the same moment
 * by two people get the same key), the whole group is given fresh keys in the new order.
 */
export function planMove(group: readonly Placed[], id: string, toIndex: number): Placed[] {
	const rest = group.filter((c) => c.id !== id);
	const index = Math.max(0, Math.min(rest.length, toIndex));
	const prev = rest[index - 1];
	const next = rest[index];
	const fits = (order: string) => (!prev || order > prev.order) && (!next || order < next.order);
	if (!prev || !next || prev.order < next.order) {
		const order = orderBetween(prev?.order, next?.order);
		if (fits(order)) return [{ id, order }];
	}
	const ids = rest.map((c) => c.id);
	ids.splice(index, 0, id);
	const out: Placed[] = [];
	let last: string | undefined;
	for (const cardId of ids) {
		last = orderBetween(last, undefined);
		out.push({ id: cardId, order: last });
	}
	return out;
}

/** Where a card moved one step up or down within its group lands, or null at either end. */
export function neighbourIndex(group: readonly { id: string }[], id: string, direction: 'up' | 'down'): number | null {
	const i = group.findIndex((c) => c.id === id);
	if (i < 0) return null;
	const to = direction === 'up' ? i - 1 : i + 1;
	return to < 0 || to >= group.length ? null : to;
}

/**
 * The index in `group` (the target's group, possibly containing the dragged card) at which a
 * card dropped on `targetId` lands: before the target when dropped on its upper half, else after.
 * The index counts the group without the dragged card, as planMove expects.
 */
export function dropIndex(group: readonly { id: string }[], draggedId: string, targetId: string, after: boolean): number {
	const rest = group.filter((c) => c.id !== draggedId);
	const t = rest.findIndex((c) => c.id === targetId);
	if (t < 0) return rest.length;
	return after ? t + 1 : t;
}

/** Moves a card to `toIndex` among `group` and into `clusterId` (one transaction by the caller). */
export function placeCard(
	doc: Y.Doc,
	group: readonly Placed[],
	id: string,
	toIndex: number,
	clusterId: string | null
): void {
	const card = findCard(doc, id);
	if (!card) return;
	for (const write of planMove(group, id, toIndex)) {
		const target = write.id === id ? card : findCard(doc, write.id);
		if (target) setCardPlace(target, { order: write.order });
	}
	if (readCard(card).clusterId !== clusterId) setCardPlace(card, { clusterId });
}

/** A short title for a sheet started from a card: the problem's first line, at most 40 characters. */
export function titleFromProblem(problem: string): string {
	const line = (problem.trim().split(/\r?\n/, 1)[0] ?? '').trim();
	const chars = [...line];
	return chars.length > 40 ? chars.slice(0, 39).join('') + '…' : line;
}

/**
 * Starts an idea sheet from an issue card: the problem, both backgrounds and the target
 * residents are copied (the sheet's text then lives on its own), and the sheet is linked to
 * the card it answers.
 */
export function addSheetFromCard(
	doc: Y.Doc,
	card: IssueCardView,
	input: { id: string; authorId: string; authorName: string; departmentName: string }
): SheetMap {
	let sheet!: SheetMap;
	doc.transact(() => {
		sheet = addSheet(doc, { ...input, title: titleFromProblem(card.text) });
		sheetText(sheet, 'problem').insert(0, card.text);
		sheetText(sheet, 'backgroundResidents').insert(0, card.backgroundResidents);
		sheetText(sheet, 'backgroundTown').insert(0, card.backgroundTown);
		sheetText(sheet, 'targetNote').insert(0, card.targetNote);
		for (const group of card.targets) setSheetTarget(sheet, group, true);
		setSheetIssueLink(sheet, card.id, true);
	});
	return sheet;
}
