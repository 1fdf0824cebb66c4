/**
 * A loaded shared document: its Y.Doc, the awareness (presence) of everyone connected, and the
 * connections themselves.
 *
 * Every change to the document goes through the doc's 'update' handler, which first appends the
 * Yjs-produced update to the log (synchronously, durably) and only then relays it to every
 * connection — the author included: that echo is the author's acknowledgement that the edit is
 * stored. If the append fails, nothing is relayed and the room is thrown away without writing a
 * snapshot, so that memory never runs ahead of disk; clients reconnect and resend.
 */
import * as Y from 'yjs';
import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates
} from 'y-protocols/awareness';
import { CloseCode } from '../../collab/close-codes';
import { isBoardLocked } from '../../collab/schema';
import { log } from '../log';
import { canFacilitate } from '../repositories/memberships';
import { presenceUser, type CollabIdentity } from './identity';
import type { UpdateLog } from './persistence';
import { placeholderFor } from './placeholder';
import {
	encodeAwarenessMessage,
	encodeAwarenessPayload,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	isEmptyUpdate,
	type AwarenessEntry,
	type CollabMessage
} from './protocol';

/** Standard close code for "the server hit an unexpected condition"; clients reconnect. */
const INTERNAL_ERROR = 1011;

/** Transaction origin of placeholders for discarded updates (not a peer: not an edit). */
const DISCARDED = Symbol('discarded update');

/** One participant of a room, as the room sees it (a websocket `Connection` in production). */
export interface Peer {
	readonly identity: CollabIdentity;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
	/** An update from this peer was stored (its session counts as active). */
	noteEdit(): void;
}

export interface RoomOptions {
	documentId: string;
	doc: Y.Doc;
	/** Updates replayed from the log at load; they count towards the next compaction. */
	replayed?: number;
	log: UpdateLog;
	compactEveryUpdates: number;
	compactMaxWaitMs: number;
	idleUnloadMs: number;
	onUnload?: (room: Room) => void;
}

interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

export class Room {
	readonly documentId: string;
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	readonly #options: RoomOptions;
	/** Each peer with the awareness client ids it controls. */
	readonly #peers = new Map<Peer, Set<number>>();
	readonly #awarenessOwner = new Map<number, Peer>();
	#uncompacted: number;
	#compactTimer: NodeJS.Timeout | undefined;
	#unloadTimer: NodeJS.Timeout | undefined;
	#open = true;

	constructor(options: RoomOptions) {
		this.#options = options;
		this.documentId = options.documentId;
		this.doc = options.doc;
		this.awareness = new Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', this.#onDocUpdate);
		this.awareness.on('update', this.#onAwarenessUpdate);
		this.#uncompacted = options.replayed ?? 0;
		if (this.#uncompacted > 0) this.#startCompactionTimer();
		// A room nobody joins (the socket went away during the load) must not stay loaded.
		this.#scheduleUnload();
	}

	get isOpen(): boolean {
		return this.#open;
	}

	get connectionCount(): number {
		return this.#peers.size;
	}

	get uncompactedUpdates(): number {
		return this.#uncompacted;
	}

	join(peer: Peer): void {
		if (!this.#open) throw new Error(`room ${this.documentId} is closed`);
		clearTimeout(this.#unloadTimer);
		this.#unloadTimer = undefined;
		this.#peers.set(peer, new Set());
		peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
		const states = this.awareness.getStates();
		if (states.size > 0) peer.send(this.#awarenessMessage([...states.keys()]));
	}

	leave(peer: Peer): void {
		const owned = this.#peers.get(peer);
		if (!owned) return;
		this.#peers.delete(peer);
		for (const id of owned) {
			if (this.#awarenessOwner.get(id) === peer) this.#awarenessOwner.delete(id);
		}
		if (owned.size > 0) removeAwarenessStates(this.awareness, [...owned], null);
		if (this.#peers.size === 0) this.#scheduleUnload();
	}

	receive(peer: Peer, message: CollabMessage): void {
		if (!this.#open || !this.#peers.has(peer)) return;
		switch (message.type) {
			case 'sync-step1': {
				let diff: Uint8Array;
				try {
					diff = Y.encodeStateAsUpdate(this.doc, message.stateVector);
				} catch {
					peer.close(CloseCode.BadMessage, 'bad_state_vector');
					return;
				}
				peer.send(encodeSyncStep2(diff));
				return;
			}
			case 'sync-step2':
			case 'sync-update':
				this.#applyClientUpdate(peer, message.update);
				return;
			case 'awareness':
				this.#applyClientAwareness(peer, message.entries);
				return;
			case 'query-awareness':
				peer.send(this.#awarenessMessage([...this.awareness.getStates().keys()]));
				return;
		}
	}

	/** Whether the peer's document changes are accepted right now. */
	mayWrite(peer: Peer): boolean {
		const { canWrite, role } = peer.identity;
		return canWrite && (canFacilitate(role) || !isBoardLocked(this.doc));
	}

	/** Folds the update log into a snapshot now (no-op when nothing is pending). */
	compact(): void {
		clearTimeout(this.#compactTimer);
		this.#compactTimer = undefined;
		if (this.#uncompacted === 0) return;
		try {
			const result = this.#options.log.compact(this.documentId, this.doc);
			this.#uncompacted = 0;
			log.debug('collab.compacted', { documentId: this.documentId, ...result });
		} catch (error) {
			log.error('collab.compaction_failed', { documentId: this.documentId, error });
			if (this.#open) this.#startCompactionTimer();
		}
	}

	/** Closes every connection with `code`, compacts, and frees the document. Idempotent. */
	unload(code: number = CloseCode.GoingAway, reason = 'room_unloaded'): void {
		if (!this.#open) return;
		this.compact();
		this.#close(code, reason);
		log.info('collab.room_unloaded', { documentId: this.documentId, reason });
	}

	#close(code: number, reason: string): void {
		this.#open = false;
		clearTimeout(this.#compactTimer);
		clearTimeout(this.#unloadTimer);
		const peers = [...this.#peers.keys()];
		this.#peers.clear();
		this.#awarenessOwner.clear();
		for (const peer of peers) peer.close(code, reason);
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.#options.onUnload?.(this);
		// The doc may be inside its own 'update' emit (see #fail); let that finish first.
		queueMicrotask(() => this.doc.destroy());
	}

	#applyClientUpdate(peer: Peer, update: Uint8Array): void {
		try {
			if (this.mayWrite(peer)) Y.applyUpdate(this.doc, update, peer);
			else this.#discard(peer, update);
		} catch (error) {
			log.warn('collab.update_rejected', {
				documentId: this.documentId,
				userId: peer.identity.userId,
				error: error instanceof Error ? error.message : String(error)
			});
			peer.close(CloseCode.BadMessage, 'invalid_update');
		}
	}

	/**
	 * A read-only peer's update is not applied. For a member held back by the lock, a placeholder
	 * (see placeholder.ts) keeps its later edits applicable once the board is unlocked; an
	 * observer gets no placeholder, so it cannot occupy anyone's clock ranges.
	 */
	#discard(peer: Peer, update: Uint8Array): void {
		if (isEmptyUpdate(update)) return;
		log.info('collab.update_discarded', {
			documentId: this.documentId,
			userId: peer.identity.userId,
			role: peer.identity.role,
			locked: isBoardLocked(this.doc),
			bytes: update.byteLength
		});
		if (!peer.identity.canWrite) return;
		const placeholder = placeholderFor(update);
		if (placeholder) Y.applyUpdate(this.doc, placeholder, DISCARDED);
	}

	#applyClientAwareness(peer: Peer, entries: AwarenessEntry[]): void {
		const user = presenceUser(peer.identity);
		const accepted: AwarenessEntry[] = [];
		for (const entry of entries) {
			// A client may speak only for its own client ids, never for someone else's.
			const owner = this.#awarenessOwner.get(entry.clientId);
			if (owner !== undefined && owner !== peer) continue;
			accepted.push(entry.state === null ? entry : { ...entry, state: { ...entry.state, user } });
		}
		if (accepted.length > 0) {
			applyAwarenessUpdate(this.awareness, encodeAwarenessPayload(accepted), peer);
		}
	}

	readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (!this.#open) return;
		try {
			this.#options.log.append(this.documentId, update);
		} catch (error) {
			this.#fail(error);
			return;
		}
		const author = this.#peerOrUndefined(origin);
		author?.noteEdit();
		const message = encodeSyncUpdate(update);
		for (const peer of this.#peers.keys()) peer.send(message);
		this.#uncompacted += 1;
		if (this.#uncompacted >= this.#options.compactEveryUpdates) this.compact();
		else if (this.#compactTimer === undefined) this.#startCompactionTimer();
	};

	readonly #onAwarenessUpdate = ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
		const source = this.#peerOrUndefined(origin);
		if (source) {
			const owned = this.#peers.get(source)!;
			for (const id of [...added, ...updated]) {
				owned.add(id);
				this.#awarenessOwner.set(id, source);
			}
			for (const id of removed) {
				owned.delete(id);
				this.#awarenessOwner.delete(id);
			}
		}
		const message = this.#awarenessMessage([...added, ...updated, ...removed]);
		// Never back to the sender: it knows its own state, and an echo would only cost bandwidth.
		for (const peer of this.#peers.keys()) {
			if (peer !== source) peer.send(message);
		}
	};

	#awarenessMessage(clientIds: number[]): Uint8Array {
		return encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clientIds));
	}

	#peerOrUndefined(origin: unknown): Peer | undefined {
		return this.#peers.has(origin as Peer) ? (origin as Peer) : undefined;
	}

	#fail(error: unknown): void {
		log.error('collab.append_failed', { documentId: this.documentId, error });
		// No snapshot: the in-memory doc holds an update that is not on disk.
		this.#close(INTERNAL_ERROR, 'storage_failed');
	}

	#startCompactionTimer(): void {
		this.#compactTimer = setTimeout(() => this.compact(), this.#options.compactMaxWaitMs);
	}

	#scheduleUnload(): void {
		clearTimeout(this.#unloadTimer);
		this.#unloadTimer = setTimeout(() => {
			if (this.#peers.size === 0) this.unload(CloseCode.GoingAway, 'idle');
		}, this.#options.idleUnloadMs);
	}
}
