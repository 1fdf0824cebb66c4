/** Refusing a websocket upgrade: a plain HTTP response on the raw socket, then close it. */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export function refuseUpgrade(socket: Duplex, status: number): void {
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	const body = STATUS_CODES[status] ?? 'Error';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${body}\r\n` +
			'Connection: close\r\n' +
			'Content-Type: text/plain; charset=utf-8\r\n' +
			'Cache-Control: no-store\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
			body
	);
}
