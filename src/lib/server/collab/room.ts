/**
 * A loaded shared document: its Y.Doc, the awareness (presence) of everyone connected, and the
 * connections themselves.
 *
 * Every change to the document goes through the doc's 'update' handler, which hands the
 * Yjs-produced update to the group commit (see group-commit.ts): it is appended to the log
 * durably, together with whatever else arrived in the same turn of the event loop, and only then
 * relayed to every connection — the author included: that echo is the author's acknowledgement
 * that the edit is stored. What a room relays after one commit is one message (the updates
 * merged), encoded once; the same buffer goes to everyone. If the append fails, nothing is
 * relayed and the room is thrown away without writing a snapshot, so that memory never runs
 * ahead of disk; clients reconnect and resend. Before the room hands out its document (a
 * joiner's sync) it commits what is pending, so nobody receives state that is not on disk.
 *
 * What joiners need (the state vector, the full state) comes from `EncodedState`, computed once
 * per version of the document; presence goes out through `AwarenessRelay` in short batches; the
 * log is shortened by the `Compactor`. Who may write: `mayWrite` (observers never; members not
 * while a board is locked), and on a board only facilitators change its `meta` (`FacilitatorKeys`).
 * What may be written: a peer's update is checked before it is applied (`UpdateGuard`: only the
 * schema's roots, nothing left pending) and may only add content under Yjs client ids bound to
 * its user (`ClientBindings`); otherwise the socket is closed with 4400 and nothing of it is
 * applied or stored. Every stored update carries its sender.
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
import { AwarenessRelay } from './awareness-relay';
import { ClientBindings, type ClientBinding, type Recovery } from './client-bindings';
import { Compactor } from './compactor';
import { EncodedState } from './encoded-state';
import { FacilitatorKeys } from './facilitator-keys';
import { GroupCommit, type CommitScheduler, type PendingWrite } from './group-commit';
import { presenceUser, type CollabIdentity } from './identity';
import type { UpdateAuthor, UpdateLog } from './persistence';
import { placeholderFor } from './placeholder';
import type { TurnPacer } from './turn-pacer';
import { UpdateGuard } from './update-guard';
import {
	encodeAwarenessMessage,
	encodeAwarenessPayload,
	encodeSyncUpdate,
	isEmptyUpdate,
	type AwarenessEntry,
	type CollabMessage
} from './protocol';

/** Standard close code for "the server hit an unexpected condition"; clients reconnect. */
const INTERNAL_ERROR = 1011;

/** Sync answers at least this large are sent through the pacer, one per turn. */
const LARGE_ANSWER_BYTES = 64 * 1024;

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
	/** Log entries replayed at load; they count towards the next compaction. */
	replayed?: number;
	/** The stored snapshot the document was loaded from (lets the log be folded, see Compactor). */
	snapshot?: { stateVector: Uint8Array | null; bytes: number };
	/** The document's full state, if at hand (loaded from a snapshot alone). */
	fullState?: Uint8Array | null;
	log: UpdateLog;
	/** The roots the schema of the document's kind has (BOARD_ROOT_NAMES, STRATEGY_ROOT_NAMES). */
	rootNames: readonly string[];
	/** Stored bindings of Yjs client ids to users (see ClientBindings). */
	clients?: Iterable<[number, ClientBinding]>;
	/** The open recovery window after a restore from backup, if any (see RecoveryWindow). */
	recovery?: () => Recovery | null;
	compactEveryUpdates: number;
	compactMaxWaitMs: number;
	idleUnloadMs: number;
	/** Presence changes are relayed in batches gathered for this long (0: each at once). */
	awarenessBatchMs?: number;
	/** Commits the room's writes (shared by all rooms of a server); default: each at once. */
	commits?: CommitScheduler;
	/** Sends large sync answers one per event-loop turn (shared by all rooms); default: at once. */
	pacer?: TurnPacer;
	/** The map of the document only facilitators may change (a board's meta; see FacilitatorKeys). */
	facilitatorOnly?: (doc: Y.Doc) => Y.Map<unknown>;
	onUnload?: (room: Room) => void;
}

/** The room's updates of one commit, with the peers that sent them. */
interface RoomWrite extends PendingWrite {
	peers: Array<Peer | undefined>;
	authors: Array<UpdateAuthor | null>;
}

/** The peer whose update is being applied, and what is stored about it. */
interface Applying {
	peer: Peer;
	author: UpdateAuthor;
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
	readonly #state: EncodedState;
	readonly #presence: AwarenessRelay<Peer>;
	readonly #compactor: Compactor;
	readonly #commits: CommitScheduler;
	readonly #facilitatorKeys: FacilitatorKeys | undefined;
	readonly #guard: UpdateGuard;
	readonly #bindings: ClientBindings;
	#applying: Applying | undefined;
	/** Updates applied but not yet committed (and so not yet relayed). */
	#write: RoomWrite | undefined;
	#unloadTimer: NodeJS.Timeout | undefined;
	#open = true;

	constructor(options: RoomOptions) {
		this.#options = options;
		this.documentId = options.documentId;
		this.doc = options.doc;
		// before the room's own 'update' listener: stale encodings must be gone when it runs
		this.#state = new EncodedState(this.doc, options.fullState);
		this.awareness = new Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.#presence = new AwarenessRelay<Peer>({
			awareness: this.awareness,
			windowMs: options.awarenessBatchMs ?? 0,
			peers: () => this.#peers.keys(),
			send: (peer, message) => peer.send(message)
		});
		this.#commits = options.commits ?? new GroupCommit(options.log, { immediate: true });
		this.#compactor = new Compactor({
			documentId: options.documentId,
			doc: this.doc,
			state: this.#state,
			log: options.log,
			compactEveryUpdates: options.compactEveryUpdates,
			compactMaxWaitMs: options.compactMaxWaitMs,
			storedEntries: options.replayed ?? 0,
			snapshot: options.snapshot
		});
		this.#facilitatorKeys = options.facilitatorOnly
			? new FacilitatorKeys(options.facilitatorOnly(this.doc), (origin) => {
					const peer = this.#peerOrUndefined(origin);
					return peer === undefined || canFacilitate(peer.identity.role);
				})
			: undefined;
		this.#guard = new UpdateGuard(this.doc, options.rootNames);
		this.#bindings = new ClientBindings(options.clients);
		// the server's own changes (keys put back, placeholders) are written under this id
		this.#bindings.reserveForServer(this.doc.clientID);
		this.doc.on('update', this.#onDocUpdate);
		this.awareness.on('update', this.#onAwarenessUpdate);
		// A room nobody joins (the socket went away during the load) must not stay loaded.
		this.#scheduleUnload();
	}

	get isOpen(): boolean {
		return this.#open;
	}

	get connectionCount(): number {
		return this.#peers.size;
	}

	/** Entries in the stored log (updates not yet compacted, and a folded delta). */
	get uncompactedUpdates(): number {
		return this.#compactor.entries;
	}

	/** How often the document was encoded for joiners and compactions (see EncodedState). */
	get stateEncodings(): number {
		return this.#state.encodings;
	}

	join(peer: Peer): void {
		if (!this.#open) throw new Error(`room ${this.documentId} is closed`);
		clearTimeout(this.#unloadTimer);
		this.#unloadTimer = undefined;
		this.#peers.set(peer, new Set());
		this.#commits.flush();
		peer.send(this.#state.step1Message());
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
				let answer: Uint8Array;
				this.#commits.flush();
				try {
					answer = this.#state.step2For(message.stateVector);
				} catch {
					peer.close(CloseCode.BadMessage, 'bad_state_vector');
					return;
				}
				// Updates relayed to the peer meanwhile may arrive before a paced answer; Yjs
				// applies them in any order, and nothing committed after the answer is missed.
				if (answer.byteLength >= LARGE_ANSWER_BYTES && this.#options.pacer) {
					this.#options.pacer.run(() => {
						if (this.#peers.has(peer)) peer.send(answer);
					});
				} else {
					peer.send(answer);
				}
				return;
			}
			case 'sync-step2':
			case 'sync-update':
				this.#applyClientUpdate(peer, message.update, message.type === 'sync-step2');
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

	/** Shortens the update log now (no-op when nothing is pending); see Compactor. */
	compact(options?: { snapshot?: boolean }): void {
		this.#compactor.compact(options);
	}

	/** Closes every connection with `code`, compacts, and frees the document. Idempotent. */
	unload(code: number = CloseCode.GoingAway, reason = 'room_unloaded'): void {
		if (!this.#open) return;
		this.#commits.flush();
		// a full snapshot, so that the next load applies one stored state and nothing else
		this.compact({ snapshot: true });
		this.#close(code, reason);
		log.info('collab.room_unloaded', { documentId: this.documentId, reason });
	}

	#close(code: number, reason: string): void {
		this.#open = false;
		this.#compactor.dispose();
		this.#presence.dispose();
		this.#facilitatorKeys?.dispose();
		clearTimeout(this.#unloadTimer);
		const peers = [...this.#peers.keys()];
		this.#peers.clear();
		this.#awarenessOwner.clear();
		for (const peer of peers) peer.close(code, reason);
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.#state.destroy();
		this.#options.onUnload?.(this);
		// The doc may be inside its own 'update' emit (see #fail); let that finish first.
		queueMicrotask(() => this.doc.destroy());
	}

	#applyClientUpdate(peer: Peer, update: Uint8Array, step2: boolean): void {
		// the step2 of a client that has nothing new (every fresh joiner sends one)
		if (isEmptyUpdate(update)) return;
		// an observer's update is never applied, so there is nothing to check
		if (!peer.identity.canWrite) {
			this.#discard(peer, update);
			return;
		}
		const author = this.#admit(peer, update, step2);
		if (!author) return;
		const mark = { write: this.#write, updates: this.#write?.updates.length ?? 0 };
		this.#applying = { peer, author };
		try {
			if (this.mayWrite(peer)) {
				try {
					Y.applyUpdate(this.doc, update, peer);
				} finally {
					this.#restoreFacilitatorKeys(peer);
				}
			} else {
				this.#discard(peer, update);
			}
		} catch (error) {
			log.warn('collab.update_rejected', {
				documentId: this.documentId,
				userId: peer.identity.userId,
				error: error instanceof Error ? error.message : String(error)
			});
			peer.close(CloseCode.BadMessage, 'invalid_update');
			this.#dropPartialUpdate(mark, error);
		} finally {
			this.#applying = undefined;
		}
	}

	/**
	 * Checks a writer's update before anything of it is applied (see UpdateGuard and
	 * ClientBindings) and binds the client ids it is the first to write under. Returns what is
	 * stored about its sender, or undefined when it was refused (the peer is closed with 4400).
	 */
	#admit(peer: Peer, update: Uint8Array, step2: boolean): UpdateAuthor | undefined {
		const { userId } = peer.identity;
		const refuse = (reason: string, detail: Record<string, unknown>) => {
			log.warn('collab.update_refused', { documentId: this.documentId, userId, reason, step2, bytes: update.byteLength, ...detail });
			peer.close(CloseCode.BadMessage, `refused_update:${reason}`);
			return undefined;
		};
		const checked = this.#guard.check(update);
		if (!checked.ok) return refuse(checked.reason, { detail: checked.detail });
		const recovery = this.#options.recovery?.() ?? null;
		const admitted = this.#bindings.admit(checked.writtenClients, { userId, step2 }, recovery);
		if (!admitted.ok) {
			return refuse('client_of_another_user', { clientId: admitted.clientId, ownerId: admitted.ownerId });
		}
		this.#bindings.bind(admitted.newClients, userId, admitted.restored, Date.now());
		if (admitted.restored) {
			log.info('collab.update_restored', { documentId: this.documentId, userId, bytes: update.byteLength });
		}
		return { userId, restored: admitted.restored, newClients: admitted.newClients };
	}

	/**
	 * Yjs threw half-way through an update the guard let pass: whatever it integrated is in memory.
	 * Nothing of it may be stored, so its updates are taken out of the pending write and, when
	 * there were any, the room is dropped without a snapshot (like a storage failure): the
	 * clients reconnect and resend, and the document reloads from disk.
	 */
	#dropPartialUpdate(mark: { write: RoomWrite | undefined; updates: number }, error: unknown): void {
		const write = this.#write;
		if (!write) return;
		const from = write === mark.write ? mark.updates : 0;
		if (write.updates.length === from) return;
		write.updates.length = from;
		write.peers.length = from;
		write.authors.length = from;
		log.error('collab.partial_update_dropped', { documentId: this.documentId, error });
		this.#close(INTERNAL_ERROR, 'invalid_update_applied');
	}

	/** Puts back the facilitator-only keys the peer's update changed (see FacilitatorKeys). */
	#restoreFacilitatorKeys(peer: Peer): void {
		const keys = this.#facilitatorKeys?.restore() ?? [];
		if (keys.length === 0) return;
		log.warn('collab.facilitator_keys_restored', {
			documentId: this.documentId,
			userId: peer.identity.userId,
			role: peer.identity.role,
			keys
		});
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
		const pending = this.#write;
		const write: RoomWrite = pending ?? {
			documentId: this.documentId,
			updates: [],
			peers: [],
			authors: [],
			committed: () => this.#committed(write),
			failed: (error) => this.#failed(write, error)
		};
		const applying = this.#applying;
		const fromPeer = applying !== undefined && (origin === applying.peer || origin === DISCARDED);
		write.updates.push(update);
		write.peers.push(this.#peerOrUndefined(origin));
		write.authors.push(fromPeer ? applying.author : null);
		if (!pending) {
			this.#write = write;
			this.#commits.add(write);
		}
	};

	/** The write is on disk: relay it (one message for all its updates) and count it for compaction. */
	#committed(write: RoomWrite): void {
		if (this.#write === write) this.#write = undefined;
		if (!this.#open) return;
		for (const peer of write.peers) peer?.noteEdit();
		const update = write.updates.length === 1 ? write.updates[0]! : Y.mergeUpdates(write.updates);
		const message = encodeSyncUpdate(update);
		for (const peer of this.#peers.keys()) peer.send(message);
		this.#compactor.appended(write.updates.length);
	}

	#failed(write: RoomWrite, error: unknown): void {
		if (this.#write === write) this.#write = undefined;
		if (this.#open) this.#fail(error);
	}

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
		// Never back to the sender: it knows its own state, and an echo would only cost bandwidth.
		this.#presence.queue([...added, ...updated, ...removed], source);
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

	#scheduleUnload(): void {
		clearTimeout(this.#unloadTimer);
		this.#unloadTimer = setTimeout(() => {
			if (this.#peers.size === 0) this.unload(CloseCode.GoingAway, 'idle');
		}, this.#options.idleUnloadMs);
	}
}
