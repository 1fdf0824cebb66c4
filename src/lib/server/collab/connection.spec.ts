import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../collab/close-codes';
import { log } from '../log';
import { Connection, type ConnectionHandlers } from './connection';
import { encodeSyncUpdate } from './protocol';
import type { CollabIdentity } from './identity';

const CAP = 1000;

/** Just enough of a `ws` server socket: a settable bufferedAmount, and records of what was done. */
class FakeSocket extends EventEmitter {
	readonly CONNECTING = 0;
	readonly OPEN = 1;
	readonly CLOSING = 2;
	readonly CLOSED = 3;
	readyState = 1;
	bufferedAmount = 0;
	readonly sent: Uint8Array[] = [];
	closedWith: { code: number; reason: string } | null = null;
	terminated = false;
	paused = false;

	send(data: Uint8Array, callback?: (error?: Error) => void): void {
		this.sent.push(data);
		callback?.();
	}
	close(code: number, reason: string): void {
		this.closedWith = { code, reason };
		this.readyState = this.CLOSING;
	}
	/** Like ws: the socket is destroyed at once and 'close' follows with 1006. */
	terminate(): void {
		this.terminated = true;
		this.readyState = this.CLOSING;
		queueMicrotask(() => {
			this.readyState = this.CLOSED;
			this.emit('close', 1006, Buffer.alloc(0));
		});
	}
	ping(): void {}
	pause(): void {
		this.paused = true;
	}
	resume(): void {
		this.paused = false;
	}
}

const identity: CollabIdentity = {
	userId: 'user-1',
	displayName: 'Test',
	department: '',
	sessionId: 'session-1',
	workspaceId: 'workspace-1',
	documentKind: 'board',
	role: 'member',
	canWrite: true
};

let socket: FakeSocket;
let connection: Connection;
let closedHandler: ReturnType<typeof vi.fn>;
let logs: Array<{ event: string; fields: Record<string, unknown> | undefined }>;

beforeEach(() => {
	logs = [];
	vi.spyOn(log, 'info').mockImplementation((event, fields) => void logs.push({ event, fields }));
	socket = new FakeSocket();
	closedHandler = vi.fn();
	const handlers: ConnectionHandlers = { message: () => {}, close: closedHandler };
	connection = new Connection(socket as unknown as WebSocket, identity, 'doc-1', handlers, {
		maxBufferedBytes: CAP
	});
});

afterEach(() => {
	// ends the keepalive interval
	if (socket.readyState !== socket.CLOSED) socket.emit('close', 1000, Buffer.alloc(0));
	vi.restoreAllMocks();
});

const bytes = (n: number) => new Uint8Array(n);
const closeLogs = () => logs.filter((l) => l.event === 'collab.connection_closed');

describe('Connection.send and the send-buffer cap', () => {
	it('sends normally while buffered bytes plus the message stay within the cap', () => {
		socket.bufferedAmount = 600;
		connection.send(bytes(400)); // exactly at the cap
		expect(socket.sent).toHaveLength(1);
		expect(socket.terminated).toBe(false);
		expect(socket.closedWith).toBeNull();
	});

	it('over the cap: does not queue the message, cuts the socket, logs send_buffer_full once', async () => {
		socket.bufferedAmount = 600;
		connection.send(bytes(401));
		expect(socket.sent).toHaveLength(0);
		expect(socket.terminated).toBe(true);
		// no close frame: it would only queue behind the backlog the peer is not reading
		expect(socket.closedWith).toBeNull();

		// later relays and closes are no-ops, and the end is logged once with our code and reason
		connection.send(bytes(1));
		connection.close(1011, 'send_failed');
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(socket.sent).toHaveLength(0);
		expect(closedHandler).toHaveBeenCalledTimes(1);
		expect(closeLogs()).toHaveLength(1);
		expect(closeLogs()[0]?.fields).toMatchObject({
			code: CloseCode.SlowConsumer,
			reason: 'send_buffer_full',
			initiator: 'server',
			documentId: 'doc-1',
			userId: 'user-1'
		});
	});

	it('always sends on an empty buffer, even a message larger than the cap', () => {
		socket.bufferedAmount = 0;
		connection.send(bytes(CAP * 3));
		expect(socket.sent).toHaveLength(1);
		expect(socket.terminated).toBe(false);
	});

	it('uses a close code the y-websocket provider reconnects after', () => {
		// y-websocket's default shouldReconnect gives up for 4400–4499 only
		expect(CloseCode.SlowConsumer >= 4400 && CloseCode.SlowConsumer < 4500).toBe(false);
	});
});

describe('Connection and its budget for incoming messages', () => {
	/** A new connection on its own socket, with a budget and a record of the messages it handed on. */
	function budgeted(inbound: { ratePerSec: number; burst: number; closeAfterMs: number }) {
		const ws = new FakeSocket();
		const handled: number[] = [];
		const c = new Connection(ws as unknown as WebSocket, identity, 'doc-1', {
			message: (_c, m) => handled.push(m.type === 'sync-update' ? m.update[0]! : -1),
			close: () => {}
		}, { maxBufferedBytes: CAP, inbound });
		const receive = (n: number) => ws.emit('message', Buffer.from(encodeSyncUpdate(Uint8Array.of(n))), true);
		return { ws, c, handled, receive };
	}

	afterEach(() => {
		vi.useRealTimers();
	});

	it('within the budget hands messages on at once; over it pauses the socket and hands them on as tokens flow in', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
		const { ws, handled, receive } = budgeted({ ratePerSec: 10, burst: 3, closeAfterMs: 60_000 });
		for (let n = 0; n < 6; n++) receive(n);
		expect(handled).toEqual([0, 1, 2]);
		expect(ws.paused).toBe(true);
		vi.advanceTimersByTime(400);
		expect(handled).toEqual([0, 1, 2, 3, 4, 5]);
		expect(ws.paused).toBe(false);
		ws.emit('close', 1000, Buffer.alloc(0));
	});

	it('closes a client that stays over budget with 4429, then cuts the socket it no longer reads', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
		vi.spyOn(log, 'warn').mockImplementation(() => {});
		const { ws, handled, receive } = budgeted({ ratePerSec: 10, burst: 3, closeAfterMs: 1000 });
		let n = 0;
		for (let step = 0; step < 40 && !ws.closedWith; step++) {
			if (!ws.paused) for (let i = 0; i < 5; i++) receive(n++ % 200);
			vi.advanceTimersByTime(100);
		}
		expect(ws.closedWith).toEqual({ code: CloseCode.RateLimited, reason: 'rate_limited' });
		expect(ws.paused).toBe(true);
		expect(handled.length).toBeLessThanOrEqual(3 + 10 * 1.2);
		const handledAtClose = handled.length;
		receive(99);
		vi.advanceTimersByTime(1000);
		expect(ws.terminated).toBe(true);
		expect(handled).toHaveLength(handledAtClose);
	});

	it('reads a paused socket again when it is closed for another reason, dropping what was held', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
		const { ws, c, handled, receive } = budgeted({ ratePerSec: 10, burst: 3, closeAfterMs: 60_000 });
		for (let n = 0; n < 6; n++) receive(n);
		expect(ws.paused).toBe(true);
		c.close(CloseCode.Unauthorized, 'session_ended');
		expect(ws.paused).toBe(false);
		vi.advanceTimersByTime(1000);
		expect(handled).toEqual([0, 1, 2]);
		ws.emit('close', 1000, Buffer.alloc(0));
	});

	it('with a rate of 0 has no budget at all', () => {
		const { ws, handled, receive } = budgeted({ ratePerSec: 0, burst: 3, closeAfterMs: 1000 });
		for (let n = 0; n < 50; n++) receive(n);
		expect(handled).toHaveLength(50);
		expect(ws.paused).toBe(false);
		ws.emit('close', 1000, Buffer.alloc(0));
	});
});
