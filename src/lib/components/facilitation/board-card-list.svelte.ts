/**
 * The board's issue cards for the vote and the projector: number and order as the board shows
 * them (clusters in order, then unclustered cards: groupCards), id and text; re-read when cards
 * or clusters change (throttled: typing re-reads at most every half second).
 */
import type * as Y from 'yjs';
import { groupCards } from '$lib/collab/board-edits';
import { boardCards, boardClusters, boardSheets, listCards, listClusters, listSheets } from '$lib/collab/schema';
import { throttle, type Throttled } from '$lib/sync/throttle';

export interface CardLine {
	id: string;
	number: number;
	text: string;
	departmentName: string;
}

export interface SheetLine {
	id: string;
	number: number;
	title: string;
	departmentName: string;
}

export class BoardCardList {
	readonly #doc: Y.Doc;
	readonly #withSheets: boolean;
	readonly #refresh: Throttled<[]>;
	#cards = $state<CardLine[]>([]);
	#sheets = $state<SheetLine[]>([]);

	constructor(doc: Y.Doc, options: { withSheets?: boolean } = {}) {
		this.#doc = doc;
		this.#withSheets = options.withSheets ?? false;
		this.#refresh = throttle(() => this.#read(), 500);
		boardCards(doc).observeDeep(this.#onChange);
		boardClusters(doc).observeDeep(this.#onChange);
		if (this.#withSheets) boardSheets(doc).observeDeep(this.#onChange);
		this.#read();
	}

	get cards(): CardLine[] {
		return this.#cards;
	}

	get sheets(): SheetLine[] {
		return this.#sheets;
	}

	destroy(): void {
		boardCards(this.#doc).unobserveDeep(this.#onChange);
		boardClusters(this.#doc).unobserveDeep(this.#onChange);
		if (this.#withSheets) boardSheets(this.#doc).unobserveDeep(this.#onChange);
		this.#refresh.cancel();
	}

	#onChange = () => this.#refresh();

	#read(): void {
		const shown = groupCards(listCards(this.#doc), listClusters(this.#doc)).flatMap((g) => g.cards);
		this.#cards = shown.map((c, i) => ({
			id: c.id,
			number: i + 1,
			text: c.text,
			departmentName: c.departmentName
		}));
		if (this.#withSheets) {
			this.#sheets = listSheets(this.#doc).map((s, i) => ({
				id: s.id,
				number: i + 1,
				title: s.title,
				departmentName: s.departmentName
			}));
		}
	}
}
