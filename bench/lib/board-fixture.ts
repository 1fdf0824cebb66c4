/**
 * The benchmark's documents and editors, built with the app's own schema module so that the
 * bytes on the wire are exactly what the board UI produces. Bundled by bench/run.mjs (esbuild)
 * into node_modules/.cache/machi-bench/; yjs stays external so the providers share one copy.
 */
import * as Y from 'yjs';
import { addCard, boardCards, cardText, initBoard, type CardMap } from '../../src/lib/collab/schema';

const PHRASES = [
	'施設予約が紙と電話のみで土日は予約できない',
	'転入手続きで窓口を何か所も回る必要がある',
	'子育て支援の情報が部署ごとに分かれていて探しにくい',
	'高齢者の通院にバスの本数が足りない',
	'観光客向けの案内が日本語のみ',
	'防災メールの登録者が少なく若い世代に届かない',
	'ごみ分別の問い合わせが電話に集中している',
	'申請書の様式が古く同じ内容を何度も書く'
];

/** A small deterministic PRNG (mulberry32), so every run builds the same board. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** 32 hex digits, the shape of a card id made by the board UI (newCardId). */
function hexId(random: () => number): string {
	let s = '';
	for (let i = 0; i < 32; i++) s += Math.floor(random() * 16).toString(16);
	return s;
}

/** 26 base32 characters, the shape of a user id (newId). */
function userId(n: number): string {
	return `bench${n.toString(32)}`.padEnd(26, 'a').slice(0, 26);
}

/**
 * A board with `cards` issue cards written by `staff` people (each from their own Yjs client),
 * every card with one or two sentences of Japanese text. Returns the full state as one update.
 */
export function buildBoard(cards: number, staff = 70): Uint8Array {
	const doc = new Y.Doc();
	const random = prng(20241125);
	doc.clientID = 1;
	initBoard(doc, 'ベンチマーク用ボード（2,000枚）');
	for (let i = 0; i < cards; i++) {
		const s = i % staff;
		doc.clientID = 1000 + s; // each person writes from their own browser
		const phrase = PHRASES[Math.floor(random() * PHRASES.length)]!;
		const text = random() < 0.3 ? `${phrase}。${PHRASES[(i + 3) % PHRASES.length]}` : phrase;
		addCard(doc, {
			id: hexId(random),
			text,
			authorId: userId(s),
			authorName: `職員 ${s + 1}`,
			departmentName: `第${(s % 12) + 1}課`
		});
	}
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

export type EditorKind = 'typist' | 'mover';

/**
 * One person editing through a light client: a Y.Doc that holds only this person's own card, so
 * it costs the load generator next to nothing. Each operation advances this client's clock by
 * exactly one, so a probe can tell from its state vector which operation has arrived.
 */
export class Editor {
	readonly doc: Y.Doc;
	readonly cardId: string;
	/** The update that creates this editor's card; send it before any operation. */
	readonly createUpdate: Uint8Array;
	readonly #card: CardMap;
	readonly #text: Y.Text;
	#last: Uint8Array | null = null;
	#ops = 0;

	constructor(
		readonly clientId: number,
		readonly kind: EditorKind
	) {
		this.doc = new Y.Doc();
		this.doc.clientID = clientId;
		this.doc.on('update', (update: Uint8Array) => (this.#last = update));
		this.cardId = `bench-${kind}-${clientId.toString(16)}`;
		addCard(this.doc, { id: this.cardId, text: '', authorId: userId(clientId % 1000), authorName: 'ベンチ' });
		this.createUpdate = this.#take();
		this.#card = boardCards(this.doc).get(this.cardId)!;
		this.#text = cardText(this.#card);
	}

	/** This client's clock: one more than the last operation's. */
	get clock(): number {
		return Y.getState(this.doc.store, this.clientId);
	}

	/** One keystroke (a typist) or one card move (a mover); returns the update to send. */
	next(): Uint8Array {
		this.#ops += 1;
		if (this.kind === 'mover') {
			this.#card.set('order', `m${(this.#ops % 1296).toString(36)}`);
		} else {
			const ch = PHRASES[this.#ops % PHRASES.length]![this.#ops % 17] ?? 'あ';
			if (this.#text.length >= 40) {
				// clear the card now and then (as one keystroke), so text and memory stay bounded
				this.doc.transact(() => {
					this.#text.delete(0, this.#text.length);
					this.#text.insert(0, ch);
				});
			} else {
				this.#text.insert(this.#text.length, ch);
			}
		}
		return this.#take();
	}

	#take(): Uint8Array {
		const update = this.#last;
		this.#last = null;
		if (!update) throw new Error('the operation produced no update');
		return update;
	}
}

/** Reads a client's clock from any Y.Doc (what a probe has received from that editor). */
export function clockOf(doc: Y.Doc, clientId: number): number {
	return Y.getState(doc.store, clientId);
}

/** `count` keystroke updates from one extra typist, to leave in the update log (cold load). */
export function logTail(count: number, clientId = 999_001): Uint8Array[] {
	const editor = new Editor(clientId, 'typist');
	const updates = [editor.createUpdate];
	while (updates.length < count) updates.push(editor.next());
	return updates;
}

/** How many issue cards a room holds once these updates are applied (what the page must show). */
export function cardCount(updates: Uint8Array[]): number {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	const count = boardCards(doc).size;
	doc.destroy();
	return count;
}

export { Y };
export { sendOwnAwarenessOnly } from '../../src/lib/sync/own-awareness';
export { cardText, findCard } from '../../src/lib/collab/schema';
