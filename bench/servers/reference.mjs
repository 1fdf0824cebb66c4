/**
 * (b) The reference server: @y/websocket-server's own `setupWSConnection`, as its README runs it
 * (no auth, no persistence), on a plain HTTP server. Every document starts as the stored board
 * (applied synchronously when the document is first created).
 *
 *   BENCH_BOARD=<file with the board's full state> PORT=… node bench/servers/reference.mjs
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { setContentInitializor, setupWSConnection } from '@y/websocket-server/utils';

const board = readFileSync(process.env.BENCH_BOARD ?? '');
// The body runs synchronously inside the document's constructor, before any client is served.
setContentInitializor(async (doc) => Y.applyUpdate(doc, board));

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

const http = createServer((req, res) => {
	const body = '<!doctype html><title>reference</title><p>ok</p>';
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
	res.end(body);
});

http.on('upgrade', (req, socket, head) => {
	const docName = (req.url ?? '/').split('?')[0].slice(1);
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	console.log(JSON.stringify({ event: 'server.listening', port: /** @type {any} */ (http.address()).port }));
});
process.on('SIGTERM', () => process.exit(0));
