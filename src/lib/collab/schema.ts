/**
 * The shared-document schema of a workshop group board: root names, typed accessors and the
 * schema version. This is the only module that names Yjs roots; everything else goes through it.
 * No DOM and no server imports: used by the browser, the server and tests alike.
 *
 * Board document (schema version 1)
 *   meta : Y.Map   { schemaVersion: number, title: string, locked: boolean }
 *   cards: Y.Map<cardId, Y.Map> each card:
 *            id: string, text: Y.Text, authorId: string, authorName: string,
 *            createdAt: number (ms), order: string (fractional index; sort ascending)
 */
import * as Y from 'yjs';

export const BOARD_SCHEMA_VERSION = 1;

const ROOT = { meta: 'meta', cards: 'cards' } as const;

export type BoardMeta = Y.Map<unknown>;
export type CardMap = Y.Map<unknown>;

export interface CardView {
	id: string;
	text: string;
	authorId: string;
	authorName: string;
	createdAt: number;
	order: string;
}

export function boardMeta(doc: Y.Doc): BoardMeta {
	return doc.getMap(ROOT.meta);
}

export function boardCards(doc: Y.Doc): Y.Map<CardMap> {
	return doc.getMap<CardMap>(ROOT.cards);
}

/** Writes the schema version and title into an empty board (idempotent). */
export function initBoard(doc: Y.Doc, title: string): void {
	doc.transact(() => {
		const meta = boardMeta(doc);
		if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
		if (meta.get('title') === undefined) meta.set('title', title);
		if (meta.get('locked') === undefined) meta.set('locked', false);
	});
}

export function boardTitle(doc: Y.Doc): string {
	const t = boardMeta(doc).get('title');
	return typeof t === 'string' ? t : '';
}

export function isBoardLocked(doc: Y.Doc): boolean {
	return boardMeta(doc).get('locked') === true;
}

export function setBoardLocked(doc: Y.Doc, locked: boolean): void {
	boardMeta(doc).set('locked', locked);
}

/** A sort key strictly between `before` and `after` (either may be absent). */
export function orderBetween(before?: string, after?: string): string {
	const digits = '0123456789abcdefghijklmnopqrstuvwxyz';
	const a = before ?? '';
	const b = after ?? '';
	let result = '';
	for (let i = 0; ; i++) {
		const da = i < a.length ? digits.indexOf(a[i]!) : 0;
		const db = i < b.length ? digits.indexOf(b[i]!) : digits.length;
		if (db - da > 1) return result + digits[Math.floor((da + db) / 2)];
		result += digits[da];
	}
}

export interface NewCard {
	id: string;
	text: string;
	authorId: string;
	authorName: string;
	createdAt?: number;
}

/** Appends a card after the last one. */
export function addCard(doc: Y.Doc, input: NewCard): CardMap {
	const cards = boardCards(doc);
	const last = listCards(doc).at(-1);
	const card = new Y.Map<unknown>();
	doc.transact(() => {
		card.set('id', input.id);
		card.set('text', new Y.Text(input.text));
		card.set('authorId', input.authorId);
		card.set('authorName', input.authorName);
		card.set('createdAt', input.createdAt ?? Date.now());
		card.set('order', orderBetween(last?.order, undefined));
		cards.set(input.id, card);
	});
	return card;
}

export function deleteCard(doc: Y.Doc, id: string): void {
	boardCards(doc).delete(id);
}

export function cardText(card: CardMap): Y.Text {
	const t = card.get('text');
	if (t instanceof Y.Text) return t;
	throw new Error('card without text');
}

export function readCard(card: CardMap): CardView {
	const text = card.get('text');
	return {
		id: String(card.get('id') ?? ''),
		text: text instanceof Y.Text ? text.toString() : '',
		authorId: String(card.get('authorId') ?? ''),
		authorName: String(card.get('authorName') ?? ''),
		createdAt: Number(card.get('createdAt') ?? 0),
		order: String(card.get('order') ?? '')
	};
}

/** All cards, in board order (ties broken by id so every replica agrees). */
export function listCards(doc: Y.Doc): CardView[] {
	const out: CardView[] = [];
	boardCards(doc).forEach((card) => out.push(readCard(card)));
	return out.sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : x.id < y.id ? -1 : 1));
}
