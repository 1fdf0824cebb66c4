/**
 * A latency probe: a real y-websocket provider with a real Y.Doc, like a browser tab. It measures
 * how long each editor's operation took to arrive: editors advance their Yjs clock by exactly one
 * per operation and record when they sent it, so after every update the probe applies it reads
 * each editor's clock from its own document and takes one sample per newly arrived operation.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Counts what the provider sends and receives, and carries the headers a browser would send. */
function instrumentedWebSocket(headers, counters) {
	return class ProbeWebSocket extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols, { headers, perMessageDeflate: false });
			this.addEventListener('message', () => (counters.framesIn += 1));
		}
		send(data, ...rest) {
			if (data?.[0] === 1) counters.awarenessOut += 1;
			return super.send(data, ...rest);
		}
	};
}

export class Probe {
	/**
	 * @param {{ serverUrl: string, room: string, headers: Record<string,string>,
	 *   editors: Array<{ clientId: number, sentAt: number[] }>, ownAwarenessOnly: boolean,
	 *   sendOwnAwarenessOnly: (p: WebsocketProvider) => () => void, connect?: boolean }} options
	 */
	constructor(options) {
		this.options = options;
		this.counters = { framesIn: 0, awarenessOut: 0 };
		this.doc = new Y.Doc();
		this.samples = [];
		this.recording = false;
		this.startedAt = performance.now();
		this.syncedAt = 0;
		/** editor clientId → the clock up to which operations have been sampled */
		this.seen = new Map();
		this.provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
			WebSocketPolyfill: /** @type {any} */ (instrumentedWebSocket(options.headers, this.counters)),
			disableBc: true,
			maxBackoffTime: 1000,
			connect: options.connect ?? true
		});
		this.restoreAwareness = null;
		this.setOwnAwarenessOnly(options.ownAwarenessOnly);
		this.provider.on('sync', (synced) => {
			if (synced && !this.syncedAt) this.syncedAt = performance.now();
		});
		this.doc.on('update', this.#onUpdate);
		this.clock = 0;
	}

	get clientId() {
		return this.doc.clientID;
	}

	get synced() {
		return this.provider.synced;
	}

	/** Switches between the app's presence sending (own state only) and the stock provider's. */
	setOwnAwarenessOnly(on) {
		if (on && !this.restoreAwareness) {
			this.restoreAwareness = this.options.sendOwnAwarenessOnly(this.provider);
		} else if (!on && this.restoreAwareness) {
			this.restoreAwareness();
			this.restoreAwareness = null;
			this.provider.awareness.on('update', this.provider._awarenessUpdateHandler);
		}
	}

	whenSynced(timeoutMs = 30_000) {
		return new Promise((resolve, reject) => {
			if (this.provider.synced) return resolve();
			const timer = setTimeout(() => reject(new Error(`probe not synced after ${timeoutMs} ms`)), timeoutMs);
			const onSync = (synced) => {
				if (!synced) return;
				clearTimeout(timer);
				this.provider.off('sync', onSync);
				resolve();
			};
			this.provider.on('sync', onSync);
		});
	}

	/** Starts taking samples from now on (operations already received are skipped). */
	record(editors) {
		this.options.editors = editors;
		for (const e of editors) this.seen.set(e.clientId, Y.getState(this.doc.store, e.clientId));
		this.samples = [];
		this.recording = true;
	}

	stopRecording() {
		this.recording = false;
		return this.samples;
	}

	setPresence(state) {
		this.provider.awareness.setLocalState(state);
	}

	/** Drops the connection and opens a new one at once (the document stays). */
	reconnect() {
		this.syncedAt = 0;
		this.startedAt = performance.now();
		this.provider.disconnect();
		this.provider.connect();
	}

	destroy() {
		this.recording = false;
		this.provider.destroy();
		this.doc.destroy();
	}

	#onUpdate = () => {
		if (!this.recording) return;
		const now = performance.now();
		for (const editor of this.options.editors) {
			const clock = Y.getState(this.doc.store, editor.clientId);
			let seen = this.seen.get(editor.clientId) ?? clock;
			for (; seen < clock; seen++) {
				const sent = editor.sentAt[seen];
				if (sent !== undefined) this.samples.push(now - sent);
			}
			this.seen.set(editor.clientId, seen);
		}
	};
}
