/**
 * The browser side of a board's dot vote: the person's own dots through the JSON API
 * (/api/boards/<id>/votes/…), and for facilitators opening, revealing and closing, after which
 * the public state (with the totals once revealed) is written into the board's `meta.vote` so
 * that every screen shows it live. Ballots never go into the shared document.
 */
import {
	boardVoteFrom,
	type MyBallot,
	type VoteResults,
	type VoteState
} from '$lib/collab/facilitation';
import type { FacilitationView } from './facilitation-view.svelte';

interface ApiError {
	code?: string;
	message?: string;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<{ ok: true; data: T } | { ok: false; error: ApiError }> {
	try {
		const response = await fetch(url, {
			method,
			credentials: 'same-origin',
			cache: 'no-store',
			headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const data = (await response.json().catch(() => ({}))) as T & ApiError;
		if (response.ok) return { ok: true, data };
		return { ok: false, error: { code: data.code, message: data.message } };
	} catch {
		return { ok: false, error: { code: 'network' } };
	}
}

export class VoteClient {
	readonly #base: string;
	readonly #view: FacilitationView;
	#vote = $state<VoteState | null>(null);
	#mine = $state<MyBallot | null>(null);
	#error = $state<string | null>(null);
	#busy = $state(false);
	#loadedFor = '';

	constructor(documentId: string, view: FacilitationView) {
		this.#base = `/api/boards/${encodeURIComponent(documentId)}/votes`;
		this.#view = view;
	}

	/** The vote as the API last reported it. */
	get vote(): VoteState | null {
		return this.#vote;
	}

	/** This person's own dots (null for observers or before loading). */
	get mine(): MyBallot | null {
		return this.#mine;
	}

	/** The last refusal, in words that say what to do. */
	get error(): string | null {
		return this.#error;
	}

	get busy(): boolean {
		return this.#busy;
	}

	dotsOn(cardId: string): number {
		return this.#mine?.ballot[cardId] ?? 0;
	}

	/** Loads the vote and own dots when the board's vote (id or status) changed. */
	async follow(key: string, fallbackMessage: string): Promise<void> {
		if (key === this.#loadedFor) return;
		this.#loadedFor = key;
		await this.refresh(fallbackMessage);
	}

	async refresh(fallbackMessage: string): Promise<void> {
		const result = await call<{ vote: VoteState | null; mine: MyBallot | null }>('GET', `${this.#base}/current`);
		if (result.ok) {
			this.#vote = result.data.vote;
			this.#mine = result.data.mine;
		} else {
			this.#error = result.error.message ?? fallbackMessage;
		}
	}

	/** Puts one more dot on a card (+1) or takes one off (−1). */
	async change(cardId: string, delta: 1 | -1, fallbackMessage: string): Promise<void> {
		const vote = this.#vote;
		if (!vote || this.#busy) return;
		const dots = Math.max(0, this.dotsOn(cardId) + delta);
		this.#busy = true;
		const result = await call<{ vote: VoteState; mine: MyBallot }>('PUT', `${this.#base}/${vote.id}/ballot`, { cardId, dots });
		this.#busy = false;
		if (result.ok) {
			this.#mine = result.data.mine;
			this.#error = null;
		} else {
			this.#error = result.error.message ?? fallbackMessage;
			if (result.error.code === 'vote_not_open') await this.refresh(fallbackMessage);
		}
	}

	// ─── facilitators ─────────────────────────────────────────────────────────────────────

	async open(rules: { budget: number; capPerCard: number }, fallbackMessage: string): Promise<boolean> {
		this.#busy = true;
		const result = await call<{ vote: VoteState }>('POST', this.#base, rules);
		this.#busy = false;
		if (!result.ok) {
			this.#error = result.error.message ?? fallbackMessage;
			return false;
		}
		this.#error = null;
		this.#vote = result.data.vote;
		this.#mine = { ballot: {}, used: 0, remaining: result.data.vote.budget };
		this.#loadedFor = `${result.data.vote.id}:${result.data.vote.status}`;
		this.#view.setVote(boardVoteFrom(result.data.vote, null));
		return true;
	}

	async reveal(fallbackMessage: string): Promise<boolean> {
		const vote = this.#vote;
		if (!vote) return false;
		this.#busy = true;
		const result = await call<VoteResults>('POST', `${this.#base}/${vote.id}/reveal`);
		this.#busy = false;
		if (!result.ok) {
			this.#error = result.error.message ?? fallbackMessage;
			return false;
		}
		this.#error = null;
		this.#vote = result.data.vote;
		this.#loadedFor = `${result.data.vote.id}:${result.data.vote.status}`;
		this.#view.setVote(boardVoteFrom(result.data.vote, result.data.totals));
		return true;
	}

	async close(fallbackMessage: string): Promise<boolean> {
		const vote = this.#vote;
		if (!vote) return false;
		this.#busy = true;
		const result = await call<{ vote: VoteState }>('POST', `${this.#base}/${vote.id}/close`);
		this.#busy = false;
		if (!result.ok) {
			this.#error = result.error.message ?? fallbackMessage;
			return false;
		}
		this.#error = null;
		this.#vote = result.data.vote;
		this.#loadedFor = `${result.data.vote.id}:${result.data.vote.status}`;
		// keep revealed totals on screen after closing
		const shown = this.#view.vote;
		const totals =
			shown?.id === vote.id && shown.results
				? Object.entries(shown.results).map(([cardId, t]) => ({ cardId, dots: t.dots, voters: t.voters }))
				: null;
		this.#view.setVote(boardVoteFrom(result.data.vote, totals));
		return true;
	}
}
