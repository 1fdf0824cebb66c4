/**
 * A light collaboration client: a websocket spoken by hand over a TCP socket, which takes part in
 * the y-websocket sync handshake without decoding Yjs. It answers the server's step1 with an
 * empty step2, asks for the state with its own step1, counts every frame it receives, and sends
 * whatever updates and awareness states it is handed. One Node process runs hundreds of them, so
 * it reads frame headers only (and awareness payloads when it imitates the stock provider's
 * awareness echo) and never allocates per frame.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import * as encoding from 'lib0/encoding';

const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;

/** sync step2 carrying an empty update: "I have nothing you lack". */
const EMPTY_STEP2 = Uint8Array.from([0, 1, 2, 0, 0]);

/** [sync, step1, state vector] */
export function step1Message(stateVector = Uint8Array.from([0])) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

/** [sync, update, update bytes] */
export function updateMessage(update) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** [awareness, [1, clientId, clock, JSON]] */
export function awarenessMessage(clientId, clock, state) {
	const payload = encoding.createEncoder();
	encoding.writeVarUint(payload, 1);
	encoding.writeVarUint(payload, clientId);
	encoding.writeVarUint(payload, clock);
	encoding.writeVarString(payload, JSON.stringify(state));
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(payload));
	return encoding.toUint8Array(encoder);
}

/** A masked client frame (mask key 0: the payload goes out unchanged, the server skips unmasking). */
function frame(opcode, payload) {
	const n = payload.length;
	const headerLength = n < 126 ? 6 : n < 65536 ? 8 : 14;
	const out = Buffer.allocUnsafe(headerLength + n);
	out[0] = 0x80 | opcode;
	if (n < 126) {
		out[1] = 0x80 | n;
	} else if (n < 65536) {
		out[1] = 0x80 | 126;
		out.writeUInt16BE(n, 2);
	} else {
		out[1] = 0x80 | 127;
		out.writeUInt32BE(0, 2);
		out.writeUInt32BE(n, 6);
	}
	out.writeUInt32BE(0, headerLength - 4);
	out.set(payload, headerLength);
	return out;
}

function readVarUint(bytes, at) {
	let value = 0;
	let mult = 1;
	for (;;) {
		const b = bytes[at.pos++];
		value += (b & 0x7f) * mult;
		if (b < 0x80) return value;
		mult *= 128;
	}
}

/** The (clientId, clock) pairs of an awareness payload, skipping the JSON. */
function awarenessClocks(payload) {
	const at = { pos: 0 };
	const count = readVarUint(payload, at);
	const entries = [];
	for (let i = 0; i < count; i++) {
		const clientId = readVarUint(payload, at);
		const clock = readVarUint(payload, at);
		const length = readVarUint(payload, at);
		at.pos += length;
		entries.push([clientId, clock]);
	}
	return entries;
}

export class LightClient {
	/**
	 * @param {{ port: number, path: string, headers?: Record<string,string>, clientId: number,
	 *   echoAwareness?: boolean, stateVector?: Uint8Array }} options
	 */
	constructor(options) {
		this.options = options;
		this.clientId = options.clientId;
		this.framesIn = 0;
		this.bytesIn = 0;
		this.updatesIn = 0;
		this.awarenessIn = 0;
		this.awarenessOut = 0;
		this.updatesOut = 0;
		this.updateBytesOut = 0;
		this.synced = false;
		this.syncedAt = 0;
		this.openedAt = 0;
		this.startedAt = 0;
		this.closed = false;
		this.closeCode = 0;
		/** clientId → last awareness clock seen (only when imitating the echo) */
		this.known = new Map();
		this.socket = null;
		this.#waiters = [];
	}

	#waiters;
	#handshake = true;
	#headerBuf = Buffer.alloc(14);
	#headerHave = 0;
	#remaining = -1;
	#opcode = 0;
	/** the first bytes of the payload being read (or all of it, for awareness when echoing) */
	#capture = null;
	#captureHave = 0;
	#captureWant = 0;
	#pending = Buffer.alloc(0);
	/** reused for the first bytes of every frame */
	#small = Buffer.alloc(128);
	/** payload length of the frame being read */
	#total = 0;

	/** Opens the socket and completes the upgrade; resolves when the websocket is open. */
	connect() {
		const { port, path, headers = {} } = this.options;
		this.startedAt = performance.now();
		this.synced = false;
		this.closed = false;
		this.#handshake = true;
		this.#headerHave = 0;
		this.#remaining = -1;
		this.#pending = Buffer.alloc(0);
		return new Promise((resolve, reject) => {
			const key = randomBytes(16).toString('base64');
			const socket = net.connect({
				port,
				host: '127.0.0.1',
				noDelay: true,
				onread: {
					buffer: Buffer.allocUnsafe(64 * 1024),
					callback: (nread, buf) => {
						this.#onBytes(buf, nread, resolve, reject);
						return true;
					}
				}
			});
			this.socket = socket;
			socket.setNoDelay(true);
			socket.once('connect', () => {
				let request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n`;
				for (const [name, value] of Object.entries(headers)) request += `${name}: ${value}\r\n`;
				socket.write(request + '\r\n');
			});
			socket.on('error', (error) => {
				if (this.#handshake) reject(error);
			});
			socket.on('close', () => {
				this.closed = true;
				if (this.#handshake) reject(new Error('closed during the upgrade'));
			});
		});
	}

	/** Resolves when the server's state (its step2) has arrived. */
	whenSynced(timeoutMs = 30_000) {
		if (this.synced) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`client ${this.clientId} not synced after ${timeoutMs} ms`)), timeoutMs);
			this.#waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	send(message) {
		if (this.closed || !this.socket || this.#handshake) return;
		this.socket.write(frame(OP_BINARY, message));
	}

	sendUpdate(update) {
		this.updatesOut += 1;
		this.updateBytesOut += update.length;
		this.send(updateMessage(update));
	}

	sendAwareness(clock, state) {
		this.awarenessOut += 1;
		this.send(awarenessMessage(this.clientId, clock, state));
	}

	/** Closes without a closing handshake (a dropped network). */
	terminate() {
		this.closed = true;
		this.socket?.destroy();
	}

	/** A polite close: close frame, then the socket. */
	close() {
		if (this.closed || !this.socket) return;
		try {
			this.socket.write(frame(OP_CLOSE, Buffer.from([0x03, 0xe8])));
		} catch {
			/* already gone */
		}
		this.closed = true;
		this.socket.end();
		setTimeout(() => this.socket?.destroy(), 1000).unref();
	}

	#onBytes(buf, nread, resolve, reject) {
		let data = buf.subarray(0, nread);
		if (this.#handshake) {
			this.#pending = Buffer.concat([this.#pending, data]);
			const end = this.#pending.indexOf('\r\n\r\n');
			if (end < 0) return;
			const head = this.#pending.subarray(0, end).toString('latin1');
			data = Buffer.from(this.#pending.subarray(end + 4));
			this.#pending = Buffer.alloc(0);
			if (!head.startsWith('HTTP/1.1 101')) {
				this.closed = true;
				this.socket.destroy();
				reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
				return;
			}
			this.#handshake = false;
			this.openedAt = performance.now();
			// like y-websocket: our step1 right away, then our presence if we have any
			this.send(step1Message(this.options.stateVector));
			this.onOpen?.();
			resolve();
		}
		this.bytesIn += data.length;
		let i = 0;
		while (i < data.length) {
			if (this.#remaining < 0) {
				// reading a frame header (server frames are not masked)
				while (this.#headerHave < 2 && i < data.length) this.#headerBuf[this.#headerHave++] = data[i++];
				if (this.#headerHave < 2) return;
				const len7 = this.#headerBuf[1] & 0x7f;
				const need = len7 === 126 ? 4 : len7 === 127 ? 10 : 2;
				while (this.#headerHave < need && i < data.length) this.#headerBuf[this.#headerHave++] = data[i++];
				if (this.#headerHave < need) return;
				this.#opcode = this.#headerBuf[0] & 0x0f;
				this.#remaining =
					len7 === 126 ? this.#headerBuf.readUInt16BE(2) : len7 === 127 ? this.#headerBuf.readUInt32BE(6) : len7;
				this.#headerHave = 0;
				this.#captureHave = 0;
				this.#captureWant = Math.min(this.#remaining, this.#opcode === OP_BINARY ? 2 : 125);
				this.#capture = this.#small;
				this.#total = this.#remaining;
				if (this.#remaining === 0) this.#endFrame();
				continue;
			}
			const take = Math.min(this.#remaining, data.length - i);
			const end = i + take;
			let at = i;
			while (at < end && this.#captureHave < this.#captureWant) {
				const n = Math.min(end - at, this.#captureWant - this.#captureHave);
				data.copy(this.#capture, this.#captureHave, at, at + n);
				this.#captureHave += n;
				at += n;
				if (this.#captureHave === 2 && this.#captureWant === 2) this.#widenCapture();
			}
			i = end;
			this.#remaining -= take;
			if (this.#remaining === 0) this.#endFrame();
		}
	}

	/** Once the message type is known: keep reading a whole awareness payload if we echo. */
	#widenCapture() {
		if (this.#opcode !== OP_BINARY || !this.options.echoAwareness || this.#capture[0] !== 1) return;
		const whole = Buffer.allocUnsafe(this.#total);
		this.#capture.copy(whole, 0, 0, 2);
		this.#capture = whole;
		this.#captureWant = this.#total;
	}

	#endFrame() {
		const opcode = this.#opcode;
		const c = this.#capture;
		this.#remaining = -1;
		if (opcode === OP_PING) {
			this.socket.write(frame(0xa, c.subarray(0, this.#captureHave)));
			return;
		}
		if (opcode === OP_CLOSE) {
			this.closeCode = this.#captureHave >= 2 ? c.readUInt16BE(0) : 1005;
			this.closed = true;
			this.socket.end();
			return;
		}
		if (opcode !== OP_BINARY && opcode !== OP_TEXT) return;
		this.framesIn += 1;
		if (c[0] === 0) {
			if (c[1] === 0) {
				this.send(EMPTY_STEP2);
			} else if (c[1] === 1) {
				if (!this.synced) {
					this.synced = true;
					this.syncedAt = performance.now();
					for (const w of this.#waiters.splice(0)) w();
				}
			} else {
				this.updatesIn += 1;
			}
		} else if (c[0] === 1) {
			this.awarenessIn += 1;
			if (this.options.echoAwareness) this.#echo(c.subarray(0, this.#captureHave));
		}
	}

	/**
	 * What a stock y-websocket provider does: it applies the awareness update and then sends every
	 * state that changed back to the server, whoever it belongs to.
	 */
	#echo(message) {
		// [1, varUint length, payload]
		const at = { pos: 1 };
		readVarUint(message, at);
		const payload = message.subarray(at.pos);
		let changed = false;
		for (const [clientId, clock] of awarenessClocks(payload)) {
			if (clientId === this.clientId) continue;
			if ((this.known.get(clientId) ?? -1) < clock) {
				this.known.set(clientId, clock);
				changed = true;
			}
		}
		if (changed) {
			this.awarenessOut += 1;
			this.echoesOut = (this.echoesOut ?? 0) + 1;
			this.send(message);
		}
	}
}
