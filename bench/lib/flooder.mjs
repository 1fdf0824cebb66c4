/**
 * A hostile client, run as a worker thread (so that its send loop does not hold up whoever
 * measures next to it): it sends one-character Yjs updates as fast as the socket takes them, the
 * way an attacker's script sent 207,000 in 10 s (issue #8), and opens a new connection at once
 * whenever the server closes one, until `durationMs` is over. Used by the flood scenario of
 * `npm run bench` and by tests/integration/flood-control.test.ts.
 *
 * Each connection writes into its own card with its own Yjs client id (a "seed": the update that
 * creates the card with one character, the client id and the clock of that character), so that
 * whatever prefix of a connection's updates the server read integrates without missing
 * dependencies. The updates are encoded by hand (12–16 bytes: one string item of one character
 * whose left origin is the previous character), so that making them costs next to nothing.
 *
 *   workerData: { url, headers, seeds: [{ setup: Uint8Array, client, clock }], durationMs,
 *                 reconnect = true, maxBufferedBytes = 1 MiB }
 *   posts:      { type: 'done', sent, connections: [{ openedAtMs, closedAtMs, code, reason, sent }] }
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

const { url, headers, seeds, durationMs, reconnect = true, maxBufferedBytes = 1024 * 1024 } = workerData;
const started = performance.now();
const elapsed = () => performance.now() - started;
const connections = [];
let sent = 0;

/** [sync, update, update] where the update inserts `text` by `client` at `clock` after (client, clock − 1). */
function charUpdateMessage(client, clock, text) {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1); // one client
	encoding.writeVarUint(update, 1); // one struct
	encoding.writeVarUint(update, client);
	encoding.writeVarUint(update, clock);
	encoding.writeUint8(update, 0x80 | 4); // an item with a left origin, string content
	encoding.writeVarUint(update, client);
	encoding.writeVarUint(update, clock - 1);
	encoding.writeVarString(update, text);
	encoding.writeVarUint(update, 0); // empty delete set
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, 0);
	encoding.writeVarUint(message, 2);
	encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
	return encoding.toUint8Array(message);
}

function setupMessage(setup) {
	const message = encoding.createEncoder();
	encoding.writeVarUint(message, 0);
	encoding.writeVarUint(message, 2);
	encoding.writeVarUint8Array(message, setup);
	return encoding.toUint8Array(message);
}

function connect(index) {
	const seed = seeds[index % seeds.length];
	const record = { openedAtMs: elapsed(), closedAtMs: null, code: null, reason: '', sent: 0 };
	connections.push(record);
	const ws = new WebSocket(url, { headers, perMessageDeflate: false });
	let clock = seed.clock;
	let stopped = false;
	const pump = () => {
		if (stopped || ws.readyState !== WebSocket.OPEN) return;
		if (elapsed() >= durationMs) return finish(ws);
		let n = 0;
		while (n < 500 && ws.bufferedAmount < maxBufferedBytes) {
			clock += 1;
			ws.send(charUpdateMessage(seed.client, clock, 'a'));
			n += 1;
		}
		record.sent += n;
		sent += n;
		// the socket does not take more: the server stopped reading; look again shortly
		if (ws.bufferedAmount >= maxBufferedBytes) setTimeout(pump, 2);
		else setImmediate(pump);
	};
	ws.on('open', () => {
		ws.send(setupMessage(seed.setup));
		pump();
	});
	ws.on('error', () => {});
	ws.on('close', (code, reason) => {
		stopped = true;
		record.closedAtMs = elapsed();
		record.code = code;
		record.reason = reason.toString();
		if (elapsed() < durationMs && reconnect) connect(index + 1);
		else finish(null);
	});
}

let finished = false;
function finish(ws) {
	if (ws) {
		ws.terminate();
		return; // 'close' follows and finishes
	}
	if (finished) return;
	finished = true;
	parentPort.postMessage({ type: 'done', sent, connections });
}

setTimeout(() => {
	// the duration is over while a connection is still open (or connecting)
	setTimeout(() => finish(null), 3000).unref();
}, durationMs).unref();
connect(0);
