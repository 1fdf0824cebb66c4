/**
 * Presence over Yjs awareness: who else has the document open, and which card each of them is
 * working on. The server stamps every awareness state with the authenticated `user`
 * ({ id, name, department }); a client only sets its colour and focus. Both directions are
 * throttled to at most two updates a second, so typing or tabbing through cards does not flood
 * the room.
 */
import type { Awareness } from 'y-protocols/awareness';
import { throttle, type Throttled } from './throttle';

/** At most this often (ms) the local state is sent and the list of others is refreshed. */
export const PRESENCE_INTERVAL_MS = 500;

export interface Peer {
	clientId: number;
	userId: string;
	name: string;
	department: string;
	color: string;
	/** The id of the card this person is in, if any. */
	focus: string | null;
}

/** What this client puts into awareness (the server adds `user`). */
export interface LocalPresence {
	color: string;
	focus: string | null;
}

const PALETTE = ['#1f6feb', '#c2410c', '#15803d', '#9333ea', '#be123c', '#0e7490', '#a16207', '#4338ca'];

/** A stable colour per user, readable on white. */
export function colorForUser(userId: string): string {
	let h = 0;
	for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
	return PALETTE[h % PALETTE.length]!;
}

/** Reads one remote awareness state; anything without a server-stamped user is ignored. */
export function readPeer(clientId: number, state: unknown): Peer | null {
	if (!state || typeof state !== 'object') return null;
	const s = state as Record<string, unknown>;
	const user = s.user as Record<string, unknown> | undefined;
	if (!user || typeof user !== 'object' || typeof user.id !== 'string') return null;
	return {
		clientId,
		userId: user.id,
		name: typeof user.name === 'string' ? user.name : '',
		department: typeof user.department === 'string' ? user.department : '',
		color: typeof s.color === 'string' && /^#[0-9a-f]{6}$/i.test(s.color) ? s.color : colorForUser(user.id),
		focus: typeof s.focus === 'string' ? s.focus : null
	};
}

export class Presence {
	readonly #awareness: Awareness;
	readonly #selfUserId: string;
	#peers = $state<Peer[]>([]);
	readonly #refresh: Throttled<[]>;
	readonly #send: Throttled<[LocalPresence]>;
	#local: LocalPresence;

	constructor(awareness: Awareness, selfUserId: string) {
		this.#awareness = awareness;
		this.#selfUserId = selfUserId;
		this.#local = { color: colorForUser(selfUserId), focus: null };
		awareness.setLocalState({ ...this.#local });
		this.#send = throttle((state: LocalPresence) => {
			if (awareness.getLocalState() !== null) awareness.setLocalState({ ...state });
		}, PRESENCE_INTERVAL_MS);
		this.#refresh = throttle(() => (this.#peers = this.#readPeers()), PRESENCE_INTERVAL_MS);
		awareness.on('change', this.#onChange);
	}

	/** Everyone else with the document open, one entry per person, sorted by name. */
	get peers(): Peer[] {
		return this.#peers;
	}

	get color(): string {
		return this.#local.color;
	}

	/** The others working on a card. */
	editorsOf(cardId: string): Peer[] {
		return this.#peers.filter((p) => p.focus === cardId);
	}

	/** Announces which card this person is in (null when none). */
	setFocus(cardId: string | null): void {
		if (this.#local.focus === cardId) return;
		this.#local = { ...this.#local, focus: cardId };
		this.#send(this.#local);
	}

	/**
	 * Sends the local state again with a new clock. Call when a connection opens: the server
	 * dropped this client's state when the previous connection closed, and an unchanged state
	 * (same clock) would be ignored until the 15-second renewal.
	 */
	renew(): void {
		this.#send.cancel();
		this.#awareness.setLocalState({ ...this.#local });
	}

	destroy(): void {
		this.#awareness.off('change', this.#onChange);
		this.#send.cancel();
		this.#refresh.cancel();
	}

	#onChange = () => this.#refresh();

	#readPeers(): Peer[] {
		const self = this.#awareness.clientID;
		const byUser = new Map<string, Peer>();
		for (const [clientId, state] of this.#awareness.getStates()) {
			if (clientId === self) continue;
			const peer = readPeer(clientId, state);
			if (!peer || peer.userId === this.#selfUserId) continue;
			const seen = byUser.get(peer.userId);
			// one entry per person; prefer the tab that is in a card
			if (!seen || (!seen.focus && peer.focus)) byUser.set(peer.userId, peer);
		}
		return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'ja'));
	}
}
