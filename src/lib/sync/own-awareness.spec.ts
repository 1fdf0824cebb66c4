import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { changesOwnState, sendOwnAwarenessOnly } from './own-awareness';

/** Stands in for the browser's WebSocket: records what the provider sends. */
class RecordingSocket {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSING = 2;
	static readonly CLOSED = 3;
	readonly OPEN = 1;
	readyState = 1;
	binaryType = 'arraybuffer';
	readonly sent: Uint8Array[] = [];
	onmessage: unknown = null;
	onopen: unknown = null;
	onclose: unknown = null;
	onerror: unknown = null;
	send(data: Uint8Array) {
		this.sent.push(data);
	}
	close() {
		this.readyState = 3;
	}
}

/** The client ids of an awareness message ([1, length, [n, (id, clock, json)…]]). */
function clientIdsOf(message: Uint8Array): number[] {
	const probe = new Awareness(new Y.Doc());
	const ids: number[] = [];
	probe.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => ids.push(...added, ...updated));
	applyAwarenessUpdate(probe, message.subarray(2), 'test');
	probe.destroy();
	return ids;
}

const providers: WebsocketProvider[] = [];

function connectedProvider() {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider('ws://localhost/yjs', 'doc', doc, {
		connect: false,
		disableBc: true,
		WebSocketPolyfill: RecordingSocket as unknown as typeof WebSocket
	});
	providers.push(provider);
	const socket = new RecordingSocket();
	provider.ws = socket as unknown as WebSocket;
	provider.wsconnected = true;
	return { provider, socket };
}

afterEach(() => {
	for (const p of providers.splice(0)) p.destroy();
});

/** Another person's state, as the server relays it to this browser. */
function remoteState(provider: WebsocketProvider, focus: string) {
	const other = new Awareness(new Y.Doc());
	other.setLocalState({ focus, user: { id: 'someone' } });
	applyAwarenessUpdate(provider.awareness, encodeAwarenessUpdate(other, [other.clientID]), provider);
	other.destroy();
}

describe('sendOwnAwarenessOnly', () => {
	it('the stock provider sends other people’s states back to the server (what we stop)', () => {
		const { provider, socket } = connectedProvider();
		remoteState(provider, 'c1');
		expect(socket.sent.filter((m) => m[0] === 1)).toHaveLength(1);
	});

	it('sends this client’s own state and never anyone else’s', () => {
		const { provider, socket } = connectedProvider();
		sendOwnAwarenessOnly(provider);
		remoteState(provider, 'c1');
		remoteState(provider, 'c2');
		expect(socket.sent).toHaveLength(0);
		provider.awareness.setLocalState({ focus: 'mine' });
		expect(socket.sent).toHaveLength(1);
		expect(clientIdsOf(socket.sent[0]!)).toEqual([provider.awareness.clientID]);
	});

	it('still answers a remote update that says this client left', () => {
		const { provider, socket } = connectedProvider();
		sendOwnAwarenessOnly(provider);
		provider.awareness.setLocalState({ focus: null });
		const self = provider.awareness.clientID;
		const clock = provider.awareness.meta.get(self)!.clock;
		// [1 entry, clientId, same clock, "null"]
		const gone = new Uint8Array([1, ...varUint(self), ...varUint(clock), 4, 110, 117, 108, 108]);
		applyAwarenessUpdate(provider.awareness, gone, provider);
		expect(socket.sent).toHaveLength(2);
		expect(clientIdsOf(socket.sent[1]!)).toEqual([self]);
	});

	it('stops when undone (the caller may put the stock listener back)', () => {
		const { provider, socket } = connectedProvider();
		const undo = sendOwnAwarenessOnly(provider);
		undo();
		provider.awareness.setLocalState({ focus: 'mine' });
		expect(socket.sent).toHaveLength(0);
	});
});

describe('changesOwnState', () => {
	it('looks at added, updated and removed alike', () => {
		expect(changesOwnState({ added: [], updated: [5], removed: [] }, 5)).toBe(true);
		expect(changesOwnState({ added: [], updated: [], removed: [5] }, 5)).toBe(true);
		expect(changesOwnState({ added: [6], updated: [7], removed: [8] }, 5)).toBe(false);
	});
});

function varUint(n: number): number[] {
	const out: number[] = [];
	while (n > 0x7f) {
		out.push((n & 0x7f) | 0x80);
		n = Math.floor(n / 128);
	}
	out.push(n);
	return out;
}
