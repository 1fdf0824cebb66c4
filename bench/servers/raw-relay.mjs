/**
 * (a) The transport floor: a binary relay over `ws` that knows nothing about Yjs. Every frame a
 * client sends is relayed to every other client of the same path, except the handshake: a
 * client's sync step1 is answered with the stored board as a step2 (one buffer, encoded once at
 * start), its step2 is dropped. No auth, no storage, no document. Whatever a real server does
 * beyond this is its own cost.
 *
 *   BENCH_BOARD=<file with the board's full state> PORT=… node bench/servers/raw-relay.mjs
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import * as encoding from 'lib0/encoding';
import { WebSocketServer } from 'ws';

const board = readFileSync(process.env.BENCH_BOARD ?? '');
const greeting = Buffer.from([0, 0, 1, 0]); // sync step1 with an empty state vector
const stateAnswer = (() => {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, board);
	return Buffer.from(encoding.toUint8Array(encoder));
})();

/** @type {Map<string, Set<import('ws').WebSocket>>} */
const rooms = new Map();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });

const http = createServer((req, res) => {
	const body = '<!doctype html><title>raw relay</title><p>ok</p>';
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
	res.end(body);
});

http.on('upgrade', (req, socket, head) => {
	const path = (req.url ?? '/').split('?')[0];
	wss.handleUpgrade(req, socket, head, (ws) => {
		let room = rooms.get(path);
		if (!room) rooms.set(path, (room = new Set()));
		room.add(ws);
		ws.on('message', (data, isBinary) => {
			if (!isBinary || !(data instanceof Buffer) || data.length < 1) return;
			if (data[0] === 0 && data[1] === 0) return ws.send(stateAnswer);
			if (data[0] === 0 && data[1] === 1) return;
			if (data[0] === 3) return;
			for (const peer of room) if (peer !== ws) peer.send(data);
		});
		ws.on('close', () => {
			room.delete(ws);
			if (room.size === 0) rooms.delete(path);
		});
		ws.on('error', () => ws.terminate());
		ws.send(greeting);
	});
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	console.log(JSON.stringify({ event: 'server.listening', port: /** @type {any} */ (http.address()).port }));
});
process.on('SIGTERM', () => process.exit(0));
