/**
 * A shared document open in this browser: the Y.Doc, its local copy in IndexedDB, the websocket
 * to the collaboration server, the connection state shown to people, whether anything is still
 * unsent, and presence. Create it in the browser only (onMount / $effect), and destroy it when
 * the page goes away.
 *
 * See docs/client-sync.md for how the pieces fit together.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider, messageSync } from 'y-websocket';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { CloseCode, COLLAB_PATH_PREFIX } from '$lib/collab/close-codes';
import { deriveConnectionState, type ConnectionState } from './connection-state';
import { localCopyName, registerLocalCopy, sentStateKey, trackOpenCopy } from './local-copies';
import { sendOwnAwarenessOnly } from './own-awareness';
import { Presence } from './presence.svelte';
import { SentTracker, deleteSetRanges, parseSentState } from './sent-tracker';

export type { ConnectionState } from './connection-state';

/**
 * Why the server will not let this page sync. It stops trying, except after 'rate-limited' (the
 * server closed the socket because this page sent too much too fast): then it waits
 * `RATE_LIMITED_RETRY_MS` and reconnects, and the problem stays shown until it is synced again.
 */
export type SyncProblem = 'session-ended' | 'forbidden' | 'not-found' | 'role-changed' | 'rate-limited' | 'failed';

export interface LiveDocumentOptions {
	documentId: string;
	userId: string;
	/**
	 * A page to request when connections keep failing before they open, to tell a refused
	 * upgrade (logged out, no access) from an unreachable server. Defaults to the current page.
	 */
	probeUrl?: string;
}

/** Connection attempts that fail before opening, in a row, before the page is probed. */
const PROBE_AFTER_FAILURES = 2;
const PROBE_MIN_INTERVAL_MS = 10_000;
/**
 * After a close for flooding (4429), how long to wait before reconnecting. The server closes only
 * a socket that stayed over its budget for seconds (a runaway script or extension, not typing);
 * reconnecting at once would start the same flood again.
 */
export const RATE_LIMITED_RETRY_MS = 30_000;
/** How long the websocket waits for the local copy before connecting anyway. */
const LOCAL_LOAD_TIMEOUT_MS = 2000;

export class LiveDocument {
	readonly doc: Y.Doc;
	readonly documentId: string;
	readonly presence: Presence;

	readonly #name: string;
	readonly #provider: WebsocketProvider;
	readonly #persistence: IndexeddbPersistence;
	readonly #tracker: SentTracker;
	readonly #options: LiveDocumentOptions;
	readonly #untrack: () => void;

	#state = $state<ConnectionState>('connecting');
	#unsent = $state(false);
	#problem = $state<SyncProblem | null>(null);
	#localLoaded = $state(false);
	#serverSynced = $state(false);

	#online = true;
	#wsOpen = false;
	#everConnected = false;
	#lostAt: number | null = Date.now();
	#timer: ReturnType<typeof setTimeout> | undefined;
	#failedOpens = 0;
	#lastProbe = 0;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	/** Not before this time (ms) after a close for flooding. */
	#retryAt = 0;
	#destroyed = false;

	constructor(options: LiveDocumentOptions) {
		this.#options = options;
		this.documentId = options.documentId;
		this.doc = new Y.Doc();
		this.#name = localCopyName(options.userId, options.documentId);
		registerLocalCopy(this.#name);
		this.#tracker = new SentTracker(parseSentState(localStorage.getItem(sentStateKey(this.#name))));

		this.#persistence = new IndexeddbPersistence(this.#name, this.doc);
		const localLoaded = this.#persistence.whenSynced.then(() => {
			this.#localLoaded = true;
			this.#recomputeUnsent(true);
		});

		this.doc.on('afterTransaction', this.#onAfterTransaction);

		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		this.#online = navigator.onLine;
		this.#provider = new WebsocketProvider(
			`${scheme}://${location.host}${COLLAB_PATH_PREFIX}`,
			encodeURIComponent(options.documentId),
			this.doc,
			{ connect: false, maxBackoffTime: 5000 }
		);
		this.#interceptSyncMessages();
		// the stock provider would send everyone's presence back to the server (see own-awareness.ts)
		sendOwnAwarenessOnly(this.#provider);
		this.presence = new Presence(this.#provider.awareness, options.userId);

		this.#provider.on('status', this.#onStatus);
		this.#provider.on('sync', this.#onSync);
		this.#provider.on('connection-close', this.#onConnectionClose);
		this.#provider.on('closed', this.#onClosed);
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);

		const live = this;
		this.#untrack = trackOpenCopy({
			name: this.#name,
			get hasUnsentChanges() {
				return live.hasUnsentChanges;
			},
			destroy: () => live.destroy()
		});

		// Connect once the local copy is loaded, so that the first sync only exchanges what
		// differs; do not wait for a broken IndexedDB (private mode, quota) for long.
		const loadTimeout = new Promise((resolve) => setTimeout(resolve, LOCAL_LOAD_TIMEOUT_MS));
		void Promise.race([localLoaded, loadTimeout]).then(() => {
			if (!this.#destroyed && this.#online && !this.#problem) this.#provider.connect();
		});
		this.#evaluate();
	}

	/** What to show: connecting, connected, reconnecting or offline. */
	get state(): ConnectionState {
		return this.#state;
	}

	/** Whether this device holds changes the server has not confirmed. */
	get hasUnsentChanges(): boolean {
		return this.#unsent;
	}

	/** Set when the server refused the document for good. */
	get problem(): SyncProblem | null {
		return this.#problem;
	}

	/** Whether content can be shown: loaded from the local copy or from the server. */
	get ready(): boolean {
		return this.#localLoaded || this.#serverSynced;
	}

	/** Whether the server's content has arrived at least once during this page. */
	get serverSynced(): boolean {
		return this.#serverSynced;
	}

	async destroy(): Promise<void> {
		if (this.#destroyed) return;
		this.#destroyed = true;
		clearTimeout(this.#timer);
		clearTimeout(this.#retryTimer);
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		this.#untrack();
		this.presence.destroy();
		// tells the others this person left (if connected), then closes the socket
		this.#provider.destroy();
		this.#provider.awareness.destroy();
		this.doc.off('afterTransaction', this.#onAfterTransaction);
		this.#saveSentState();
		await this.#persistence.destroy();
		this.doc.destroy();
	}

	// --- unsent changes ---------------------------------------------------------------------

	/**
	 * Reads every sync message that arrives over the websocket (not from other tabs) before the
	 * provider applies it: the server's state vector and every update it relays confirm changes.
	 */
	#interceptSyncMessages(): void {
		const handlers = this.#provider.messageHandlers;
		const original = handlers[messageSync]!;
		handlers[messageSync] = (encoder, decoder, provider, fromWebsocket, messageType) => {
			const peek = decoding.clone(decoder);
			original(encoder, decoder, provider, fromWebsocket, messageType);
			if (fromWebsocket) this.#onServerSyncMessage(peek);
		};
	}

	#onServerSyncMessage(decoder: decoding.Decoder): void {
		let changed = false;
		try {
			const step = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (step === messageYjsSyncStep1) {
				changed = this.#tracker.noteServerStateVector(Y.decodeStateVector(payload));
			} else if (step === messageYjsSyncStep2 || step === messageYjsUpdate) {
				changed = this.#tracker.noteServerUpdate(payload);
			}
		} catch (error) {
			console.warn('could not read a sync message for the unsent-changes check', error);
		}
		this.#recomputeUnsent(changed);
	}

	#onAfterTransaction = (tr: Y.Transaction) => {
		const changed = tr.local ? this.#tracker.noteLocalDeletes(deleteSetRanges(tr.deleteSet)) : false;
		this.#recomputeUnsent(changed);
	};

	#recomputeUnsent(trackerChanged: boolean): void {
		if (this.#destroyed) return;
		const unsent = this.#tracker.hasUnsent(Y.decodeStateVector(Y.encodeStateVector(this.doc)));
		if (unsent !== this.#unsent || trackerChanged) {
			this.#unsent = unsent;
			this.#saveSentState();
		}
	}

	#saveSentState(): void {
		try {
			const sv = Y.decodeStateVector(Y.encodeStateVector(this.doc));
			localStorage.setItem(sentStateKey(this.#name), JSON.stringify(this.#tracker.toJSON(sv)));
		} catch {
			// storage full or disabled: the live flag still works for this page
		}
	}

	// --- connection state -------------------------------------------------------------------

	#onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
		if (status === 'connected') {
			this.#wsOpen = true;
			this.#failedOpens = 0;
			this.presence.renew();
		} else if (status === 'disconnected') {
			this.#wsOpen = false;
			this.#lostAt ??= Date.now();
		}
		this.#evaluate();
	};

	#onSync = (synced: boolean) => {
		if (synced && this.#problem === 'rate-limited') this.#problem = null;
		if (synced) {
			this.#serverSynced = true;
			this.#everConnected = true;
			this.#lostAt = null;
		}
		this.#evaluate();
	};

	#onConnectionClose = (event: CloseEvent | null) => {
		if (event === null) return; // closed by us
		if (!this.#wsOpen) {
			// the socket never opened: refused at the upgrade, or the server is unreachable
			this.#failedOpens++;
			if (this.#failedOpens >= PROBE_AFTER_FAILURES) void this.#probe();
		}
		this.#lostAt ??= Date.now();
		this.#evaluate();
	};

	#onClosed = ({ code }: { code: number; reason: string }) => {
		if (code === CloseCode.RateLimited) {
			this.#holdOff();
			return;
		}
		this.#stop(
			code === CloseCode.Unauthorized
				? 'session-ended'
				: code === CloseCode.Forbidden
					? 'forbidden'
					: code === CloseCode.NotFound
						? 'not-found'
						: code === CloseCode.RoleChanged
							? 'role-changed'
							: 'failed'
		);
	};

	/** After a close for flooding: say so, and reconnect after a pause (see RATE_LIMITED_RETRY_MS). */
	#holdOff(): void {
		if (this.#problem && this.#problem !== 'rate-limited') return;
		this.#problem = 'rate-limited';
		this.#retryAt = Date.now() + RATE_LIMITED_RETRY_MS;
		this.#evaluate();
		clearTimeout(this.#retryTimer);
		this.#retryTimer = setTimeout(() => {
			if (!this.#destroyed && this.#problem === 'rate-limited' && this.#online) this.#provider.connect();
		}, RATE_LIMITED_RETRY_MS);
	}

	#stop(problem: SyncProblem): void {
		if (this.#problem && this.#problem !== 'rate-limited') return;
		clearTimeout(this.#retryTimer);
		this.#problem = problem;
		this.#provider.disconnect();
		this.#evaluate();
		if (problem === 'session-ended') {
			// back to this page after logging in again, where the kept local copy is sent
			const back = location.pathname + location.search;
			location.assign(`/login?redirectTo=${encodeURIComponent(back)}`);
		}
	}

	/**
	 * A websocket refused during the upgrade only reports code 1006, like a network failure.
	 * Asking for the page itself tells them apart: a redirect means the session is over.
	 */
	async #probe(): Promise<void> {
		const now = Date.now();
		if (!navigator.onLine || this.#problem || now - this.#lastProbe < PROBE_MIN_INTERVAL_MS) return;
		this.#lastProbe = now;
		try {
			const response = await fetch(this.#options.probeUrl ?? location.href, {
				method: 'HEAD',
				redirect: 'manual',
				cache: 'no-store',
				credentials: 'same-origin'
			});
			if (this.#destroyed || this.#wsOpen) return;
			if (response.type === 'opaqueredirect' || response.status === 401) this.#stop('session-ended');
			else if (response.status === 403) this.#stop('forbidden');
			else if (response.status === 404) this.#stop('not-found');
		} catch {
			// the server is unreachable: keep trying
		}
	}

	#onOnline = () => {
		this.#online = true;
		const mayRetry = this.#problem === 'rate-limited' && Date.now() >= this.#retryAt;
		if (!this.#problem || mayRetry) this.#provider.connect();
		this.#evaluate();
	};

	#onOffline = () => {
		this.#online = false;
		this.#lostAt ??= Date.now();
		// the browser knows the network is gone; do not wait for the socket to time out
		this.#provider.disconnect();
		this.#wsOpen = false;
		this.#evaluate();
	};

	#evaluate(): void {
		if (this.#destroyed) return;
		clearTimeout(this.#timer);
		const connected = this.#wsOpen && this.#provider.synced;
		if (connected) this.#lostAt = null;
		else this.#lostAt ??= Date.now();
		const { state, recheckAfterMs } = deriveConnectionState(
			{
				online: this.#online,
				stopped: this.#problem !== null,
				connected,
				everConnected: this.#everConnected,
				lostAt: this.#lostAt,
				previous: this.#state
			},
			Date.now()
		);
		this.#state = state;
		if (recheckAfterMs !== null) this.#timer = setTimeout(() => this.#evaluate(), recheckAfterMs + 10);
	}
}
