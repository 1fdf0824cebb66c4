import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { AwarenessRelay } from './awareness-relay';
import { decodeMessage, encodeAwarenessPayload, type AwarenessEntry } from './protocol';

const clocks = new Map<number, number>();

/** A remote client's next state, applied to the room's awareness as if `origin` had sent it. */
function setRemote(room: Awareness, clientId: number, state: Record<string, unknown>, origin: unknown) {
	const clock = (clocks.get(clientId) ?? 0) + 1;
	clocks.set(clientId, clock);
	applyAwarenessUpdate(room, encodeAwarenessPayload([{ clientId, clock, state }]), origin);
}

let awareness: Awareness;
let sent: Map<string, AwarenessEntry[][]>;
let relay: AwarenessRelay<string>;
const peers = ['a', 'b', 'c'];

function makeRelay(windowMs: number) {
	relay = new AwarenessRelay<string>({
		awareness,
		windowMs,
		peers: () => peers,
		send: (peer, message) => {
			const decoded = decodeMessage(message);
			if (decoded.type !== 'awareness') throw new Error('not awareness');
			sent.set(peer, [...(sent.get(peer) ?? []), decoded.entries]);
		}
	});
	awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) =>
		relay.queue([...added!, ...updated!, ...removed!], typeof origin === 'string' ? origin : undefined)
	);
}

beforeEach(() => {
	vi.useFakeTimers();
	awareness = new Awareness(new Y.Doc());
	awareness.setLocalState(null);
	sent = new Map();
	clocks.clear();
});

afterEach(() => {
	relay.dispose();
	awareness.destroy();
	vi.useRealTimers();
});

describe('AwarenessRelay', () => {
	it('gathers the changes of a window into one message per peer', () => {
		makeRelay(50);
		setRemote(awareness, 11, { focus: 'x' }, 'a');
		setRemote(awareness, 12, { focus: 'y' }, 'b');
		setRemote(awareness, 11, { focus: 'z' }, 'a'); // changed twice: sent once, latest
		expect(sent.size).toBe(0);
		vi.advanceTimersByTime(50);
		expect(sent.get('c')).toHaveLength(1);
		expect(sent.get('c')![0]!.map((e) => [e.clientId, e.state])).toEqual([
			[11, { focus: 'z' }],
			[12, { focus: 'y' }]
		]);
	});

	it('never sends a peer its own state back', () => {
		makeRelay(50);
		setRemote(awareness, 11, { focus: 'x' }, 'a');
		setRemote(awareness, 12, { focus: 'y' }, 'b');
		vi.advanceTimersByTime(50);
		expect(sent.get('a')![0]!.map((e) => e.clientId)).toEqual([12]);
		expect(sent.get('b')![0]!.map((e) => e.clientId)).toEqual([11]);
	});

	it('sends nothing to a peer whose own change is all there is', () => {
		makeRelay(50);
		setRemote(awareness, 11, { focus: 'x' }, 'a');
		vi.advanceTimersByTime(50);
		expect(sent.has('a')).toBe(false);
		expect(sent.get('b')).toHaveLength(1);
	});

	it('relays a removal as null with its clock', () => {
		makeRelay(50);
		setRemote(awareness, 11, { focus: 'x' }, 'a');
		vi.advanceTimersByTime(50);
		removeAwarenessStates(awareness, [11], null);
		vi.advanceTimersByTime(50);
		expect(sent.get('a')!.at(-1)).toEqual([{ clientId: 11, clock: 1, state: null }]);
	});

	it('with a window of 0 sends each change at once', () => {
		makeRelay(0);
		setRemote(awareness, 11, { focus: 'x' }, 'a');
		expect(sent.get('b')).toHaveLength(1);
		setRemote(awareness, 11, { focus: 'y' }, 'a');
		expect(sent.get('b')).toHaveLength(2);
	});

	it('encodes like y-protocols, so stock clients read it', () => {
		makeRelay(0);
		setRemote(awareness, 11, { focus: 'x', user: { id: 'u' } }, 'a');
		const client = new Awareness(new Y.Doc());
		relay.dispose();
		let raw: Uint8Array | undefined;
		const direct = new AwarenessRelay<string>({ awareness, windowMs: 0, peers: () => ['b'], send: (_p, m) => (raw = m) });
		direct.queue([11], undefined);
		const message = decodeMessage(raw!);
		if (message.type !== 'awareness') throw new Error('not awareness');
		expect(raw!.subarray(raw!.length - encodeAwarenessUpdate(awareness, [11]).length)).toEqual(
			encodeAwarenessUpdate(awareness, [11])
		);
		applyAwarenessUpdate(client, encodeAwarenessUpdate(awareness, [11]), 'server');
		expect(client.getStates().get(11)).toEqual({ focus: 'x', user: { id: 'u' } });
	});
});
