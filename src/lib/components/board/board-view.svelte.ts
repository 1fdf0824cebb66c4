/**
 * The board as the UI sees it, kept current from the Y.Doc through the schema accessors: the
 * cards and clusters in board order, a summary of each idea sheet (with its KPI hint count),
 * whether the board is locked, and this person's undo history.
 *
 * Text is not copied here: every field is bound to its Y.Text directly, so typing does not
 * re-render the board. Card and sheet components watch their own map for details.
 */
import * as Y from 'yjs';
import {
	addCard,
	addCluster,
	addSheet,
	boardCards,
	boardClusters,
	boardMeta,
	boardSheets,
	deleteCard,
	deleteCluster,
	deleteSheet,
	findCard,
	findSheet,
	isBoardLocked,
	listCards,
	listClusters,
	readSheet,
	undoScope,
	type CardMap,
	type ClusterView,
	type SheetMap,
	type SheetOrigin
} from '$lib/collab/schema';
import { ideaKpiHints, type PlanPeriod } from '$lib/domain/kpi-hints';
import { UndoHistory } from '$lib/components/history/undo-history.svelte';

export interface CardSummary {
	id: string;
	order: string;
	clusterId: string | null;
	authorId: string;
	authorName: string;
	createdAt: number;
	card: CardMap;
}

export interface SheetSummary {
	id: string;
	order: string;
	title: string;
	departmentName: string;
	origin: SheetOrigin | null;
	/** KPI quality hints (never blocking), for the badge in the list. */
	hintCount: number;
	sheet: SheetMap;
}

/** Something this person deleted that can still be brought back with one undo. */
export interface Deletion {
	kind: 'card' | 'sheet' | 'cluster';
	label: string;
	step: unknown;
}

/** An id from 128 random bits (crypto.randomUUID needs HTTPS; the LGWAN may serve plain HTTP). */
export function newItemId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Kept for callers of the first board version. */
export const newCardId = newItemId;

export function sheetSummary(sheet: SheetMap, plan: PlanPeriod): SheetSummary {
	const v = readSheet(sheet);
	return {
		id: v.id,
		order: v.order,
		title: v.title,
		departmentName: v.departmentName,
		origin: v.origin,
		hintCount: ideaKpiHints({ outputs: v.outputKpis, outcomes: v.outcomeKpis, smart: v.smart }, plan).length,
		sheet
	};
}

export class BoardView {
	readonly doc: Y.Doc;
	/** This person's undo history (the undo/redo controls act on it). */
	readonly history: UndoHistory;
	readonly #plan: PlanPeriod;
	#cards = $state.raw<CardSummary[]>([]);
	#clusters = $state.raw<ClusterView[]>([]);
	#sheets = $state.raw<SheetSummary[]>([]);
	#locked = $state(false);
	#deletion = $state.raw<Deletion | null>(null);

	constructor(doc: Y.Doc, plan: PlanPeriod) {
		this.doc = doc;
		this.#plan = plan;
		this.history = new UndoHistory(doc, undoScope(doc), { onChange: this.#onHistory });
		boardCards(doc).observeDeep(this.#onCards);
		boardClusters(doc).observeDeep(this.#onClusters);
		boardSheets(doc).observeDeep(this.#onSheets);
		boardMeta(doc).observe(this.#onMeta);
		this.#readCards();
		this.#clusters = listClusters(doc);
		this.#readSheets();
		this.#locked = isBoardLocked(doc);
	}

	get cards(): CardSummary[] {
		return this.#cards;
	}

	get clusters(): ClusterView[] {
		return this.#clusters;
	}

	get sheets(): SheetSummary[] {
		return this.#sheets;
	}

	get locked(): boolean {
		return this.#locked;
	}

	/** The last deletion while it is still the step undo would revert. */
	get deletion(): Deletion | null {
		return this.#deletion;
	}

	// --- edits (all as this person's undoable steps) ---------------------------------------

	add(author: { id: string; name: string; departmentName?: string }): string {
		const id = newItemId();
		this.history.step(() =>
			addCard(this.doc, {
				id,
				text: '',
				authorId: author.id,
				authorName: author.name,
				departmentName: author.departmentName ?? ''
			})
		);
		return id;
	}

	addCluster(title: string): string {
		const id = newItemId();
		this.history.step(() => addCluster(this.doc, id, title));
		return id;
	}

	addSheet(author: { id: string; name: string; departmentName?: string }): string {
		const id = newItemId();
		this.history.step(() =>
			addSheet(this.doc, { id, authorId: author.id, authorName: author.name, departmentName: author.departmentName })
		);
		return id;
	}

	remove(id: string, label = ''): void {
		this.#delete('card', label, () => deleteCard(this.doc, id));
	}

	removeSheet(id: string, label = ''): void {
		this.#delete('sheet', label, () => deleteSheet(this.doc, id));
	}

	removeCluster(id: string, label = ''): void {
		this.#delete('cluster', label, () => deleteCluster(this.doc, id));
	}

	/** Runs `fn` as one undoable local edit (merged with typing right before it). */
	edit<T>(fn: () => T): T {
		return this.history.transact(fn);
	}

	/** Runs `fn` as its own undo step. */
	step<T>(fn: () => T): T {
		return this.history.step(fn).result;
	}

	card(id: string): CardMap | undefined {
		return findCard(this.doc, id);
	}

	sheet(id: string): SheetMap | undefined {
		return findSheet(this.doc, id);
	}

	destroy(): void {
		boardCards(this.doc).unobserveDeep(this.#onCards);
		boardClusters(this.doc).unobserveDeep(this.#onClusters);
		boardSheets(this.doc).unobserveDeep(this.#onSheets);
		boardMeta(this.doc).unobserve(this.#onMeta);
		this.history.destroy();
	}

	// --- keeping current --------------------------------------------------------------------

	#delete(kind: Deletion['kind'], label: string, fn: () => void): void {
		const { item } = this.history.step(fn);
		this.#deletion = item ? { kind, label, step: item } : null;
	}

	#onHistory = () => {
		if (this.#deletion && this.history.lastStep !== this.#deletion.step) this.#deletion = null;
	};

	#onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		// typing changes a card's Y.Text only; the list changes when cards or their own fields do
		const cards = boardCards(this.doc);
		if (events.some((e) => e.target === cards || e.target.parent === cards)) this.#readCards();
	};

	#onClusters = () => {
		this.#clusters = listClusters(this.doc);
	};

	#onSheets = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		const sheets = boardSheets(this.doc);
		if (events.some((e) => e.target === sheets)) {
			this.#readSheets();
			return;
		}
		// a change inside sheets: re-read only those (hints follow every keystroke in a KPI name)
		const touched = new Set<string>();
		for (const e of events) {
			const key = e.path[0];
			if (typeof key === 'string') touched.add(key);
		}
		const next = this.#sheets.map((s) => {
			if (!touched.has(s.id)) return s;
			const map = sheets.get(s.id);
			return map ? sheetSummary(map, this.#plan) : s;
		});
		this.#sheets = next.sort(byOrder);
	};

	#onMeta = () => {
		this.#locked = isBoardLocked(this.doc);
	};

	#readCards(): void {
		const cards = boardCards(this.doc);
		this.#cards = listCards(this.doc).flatMap((c) => {
			const card = cards.get(c.id);
			return card
				? [
						{
							id: c.id,
							order: c.order,
							clusterId: c.clusterId,
							authorId: c.authorId,
							authorName: c.authorName,
							createdAt: c.createdAt,
							card
						}
					]
				: [];
		});
	}

	#readSheets(): void {
		const out: SheetSummary[] = [];
		boardSheets(this.doc).forEach((sheet) => out.push(sheetSummary(sheet, this.#plan)));
		this.#sheets = out.sort(byOrder);
	}
}

function byOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
	return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
