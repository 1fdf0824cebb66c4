/**
 * The facilitation state of a board as the UI sees it — phase, timer, "bring everyone here",
 * lock and the public vote state — kept current from the board's `meta` through the schema's
 * accessors, with the facilitator's writes. Create one per Y.Doc and destroy it with the page.
 */
import type * as Y from 'yjs';
import {
	boardFocus,
	boardMeta,
	boardPhase,
	boardTimer,
	boardVote,
	isBoardLocked,
	setBoardFocus,
	setBoardLocked,
	setBoardPhase,
	setBoardTimer,
	setBoardVote,
	type BoardFocus,
	type BoardTimer,
	type BoardVote
} from '$lib/collab/schema';

export class FacilitationView {
	readonly #doc: Y.Doc;
	#phase = $state('');
	#timer = $state<BoardTimer | null>(null);
	#focus = $state<BoardFocus | null>(null);
	#vote = $state<BoardVote | null>(null);
	#locked = $state(false);

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		boardMeta(doc).observe(this.#read);
		this.#read();
	}

	get phase(): string {
		return this.#phase;
	}
	get timer(): BoardTimer | null {
		return this.#timer;
	}
	get focus(): BoardFocus | null {
		return this.#focus;
	}
	get vote(): BoardVote | null {
		return this.#vote;
	}
	get locked(): boolean {
		return this.#locked;
	}

	setPhase(phase: string): void {
		setBoardPhase(this.#doc, phase.trim());
	}

	setTimer(timer: BoardTimer | null): void {
		setBoardTimer(this.#doc, timer);
	}

	setLocked(locked: boolean): void {
		setBoardLocked(this.#doc, locked);
	}

	/** Asks every participant's screen to scroll to a card or sheet. */
	bringEveryone(kind: BoardFocus['kind'], id: string, by: string, serverNow: number): void {
		setBoardFocus(this.#doc, { kind, id, at: serverNow, by });
	}

	setVote(vote: BoardVote | null): void {
		setBoardVote(this.#doc, vote);
	}

	destroy(): void {
		boardMeta(this.#doc).unobserve(this.#read);
	}

	#read = () => {
		const doc = this.#doc;
		this.#phase = boardPhase(doc);
		const timer = boardTimer(doc);
		if (JSON.stringify(timer) !== JSON.stringify(this.#timer)) this.#timer = timer;
		const focus = boardFocus(doc);
		if (JSON.stringify(focus) !== JSON.stringify(this.#focus)) this.#focus = focus;
		const vote = boardVote(doc);
		if (JSON.stringify(vote) !== JSON.stringify(this.#vote)) this.#vote = vote;
		this.#locked = isBoardLocked(doc);
	};
}
