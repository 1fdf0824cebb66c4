/**
 * The board as the UI sees it: the card list in board order and whether the board is locked,
 * kept current from the Y.Doc through the schema accessors. Card text is not copied here: each
 * card's textarea is bound to its Y.Text directly, so typing does not re-render the list.
 */
import type * as Y from 'yjs';
import {
	addCard,
	boardCards,
	boardMeta,
	deleteCard,
	isBoardLocked,
	listCards,
	type CardMap
} from '$lib/collab/schema';

export interface CardSummary {
	id: string;
	authorId: string;
	authorName: string;
	createdAt: number;
	card: CardMap;
}

/** A card id from 128 random bits (crypto.randomUUID needs HTTPS; the LGWAN may serve plain HTTP). */
export function newCardId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class BoardView {
	readonly #doc: Y.Doc;
	#cards = $state<CardSummary[]>([]);
	#locked = $state(false);

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		boardCards(doc).observeDeep(this.#onCards);
		boardMeta(doc).observe(this.#onMeta);
		this.#readCards();
		this.#locked = isBoardLocked(doc);
	}

	get cards(): CardSummary[] {
		return this.#cards;
	}

	get locked(): boolean {
		return this.#locked;
	}

	add(author: { id: string; name: string }): string {
		const id = newCardId();
		addCard(this.#doc, { id, text: '', authorId: author.id, authorName: author.name });
		return id;
	}

	remove(id: string): void {
		deleteCard(this.#doc, id);
	}

	destroy(): void {
		boardCards(this.#doc).unobserveDeep(this.#onCards);
		boardMeta(this.#doc).unobserve(this.#onMeta);
	}

	#onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
		// typing changes a card's Y.Text only; the list changes when cards or their fields do
		const cards = boardCards(this.#doc);
		if (events.some((e) => e.target === cards || e.target.parent === cards)) this.#readCards();
	};

	#onMeta = () => {
		this.#locked = isBoardLocked(this.#doc);
	};

	#readCards(): void {
		const cards = boardCards(this.#doc);
		this.#cards = listCards(this.#doc).flatMap((c) => {
			const card = cards.get(c.id);
			return card
				? [{ id: c.id, authorId: c.authorId, authorName: c.authorName, createdAt: c.createdAt, card }]
				: [];
		});
	}
}
