/**
 * One authorised websocket: decodes what arrives, sends what the room relays, keeps the socket
 * alive with pings, and logs how it ended. A message that cannot be decoded closes this
 * connection only (4400); the room and every other connection carry on. A peer that stops
 * reading is cut off once its send buffer would pass `maxBufferedBytes`. What the client sends
 * is held to its budget (see InboundThrottle): over it, the socket is not read until tokens flow
 * in again, and a client that stays over it is closed with 4429.
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode } from '../../collab/close-codes';
import { log } from '../log';
import type { CollabIdentity } from './identity';
import { decodeMessage, ProtocolError, type CollabMessage } from './protocol';
import { InboundThrottle, messageCost } from './inbound-throttle';
import type { Peer } from './room';
import { TokenBucket } from './token-bucket';

export const KEEPALIVE_INTERVAL_MS = 30_000;

export interface ConnectionHandlers {
	message(connection: Connection, message: CollabMessage): void;
	close(connection: Connection): void;
}

export interface ConnectionLimits {
	/** Most bytes queued for this socket before it is cut off (`WS_MAX_BUFFERED_BYTES`). */
	maxBufferedBytes: number;
	/** Budget for what the client sends (`WS_INBOUND_*`); absent: unlimited. */
	inbound?: { ratePerSec: number; burst: number; closeAfterMs: number };
}

/** A client over its budget gets its held messages delivered at most this often (see InboundThrottle). */
const THROTTLE_BATCH_MS = 100;

/** How long a client closed for flooding has to read our close frame before the socket is cut. */
const RATE_LIMIT_CLOSE_GRACE_MS = 1_000;

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}

/** Maps the errors ws raises on its own (before closing the socket) to the code it closes with. */
function closeCodeOfSocketError(error: Error & { code?: string }): number {
	if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return CloseCode.MessageTooBig;
	if (error.code === 'WS_ERR_INVALID_UTF8') return 1007;
	return 1002;
}

export class Connection implements Peer {
	readonly identity: CollabIdentity;
	readonly documentId: string;
	readonly openedAt = Date.now();
	readonly #ws: WebSocket;
	readonly #handlers: ConnectionHandlers;
	readonly #maxBufferedBytes: number;
	readonly #keepalive: NodeJS.Timeout;
	readonly #throttle: InboundThrottle<CollabMessage> | null;
	#alive = true;
	#editedSinceCheck = false;
	/** Why we (not the client) ended the connection, if we did. */
	#ending: { code: number; reason: string } | null = null;

	constructor(
		ws: WebSocket,
		identity: CollabIdentity,
		documentId: string,
		handlers: ConnectionHandlers,
		limits: ConnectionLimits
	) {
		this.#ws = ws;
		this.identity = identity;
		this.documentId = documentId;
		this.#handlers = handlers;
		this.#maxBufferedBytes = limits.maxBufferedBytes;
		this.#throttle = limits.inbound && limits.inbound.ratePerSec > 0 ? this.#throttleFor(limits.inbound) : null;
		ws.on('message', this.#onMessage);
		ws.on('pong', () => (this.#alive = true));
		ws.on('error', this.#onError);
		ws.once('close', this.#onClose);
		this.#keepalive = setInterval(this.#ping, KEEPALIVE_INTERVAL_MS);
		log.info('collab.connection_opened', {
			documentId,
			userId: identity.userId,
			role: identity.role,
			canWrite: identity.canWrite
		});
	}

	send(message: Uint8Array): void {
		if (this.#ws.readyState !== this.#ws.OPEN) return;
		// What ws and the socket still hold for this peer, not yet handed to the kernel. A peer
		// that keeps up drains it within a turn or two; one that stopped reading lets it grow
		// with every relayed update. On an empty buffer a message always goes out, so that a
		// document whose full state alone is larger than the cap still syncs.
		const buffered = this.#ws.bufferedAmount;
		if (buffered > 0 && buffered + message.byteLength > this.#maxBufferedBytes) {
			// Cut, not close: a close frame would queue behind the backlog the peer is not
			// reading, so it would arrive late or never, and ws.close() keeps the socket and
			// everything buffered for it until the peer answers or ws's 30 s close timer
			// fires — the memory this cap is meant to free. terminate() drops it at once. The
			// browser sees 1006 like a network loss and reconnects and resyncs by itself; the
			// log records our own code and reason.
			this.terminate('send_buffer_full', CloseCode.SlowConsumer);
			return;
		}
		// One bound callback, not a closure per message: a broadcast calls this for every peer.
		this.#ws.send(message, this.#afterSend);
	}

	close(code: number, reason: string): void {
		if (this.#ending) return;
		this.#ending = { code, reason };
		this.#ws.close(code, reason);
		// A socket paused for its budget would never read the client's answer to the close frame
		// (ws would keep it for 30 s): read again, dropping what was held. A flood stays paused
		// and is cut instead (see abuse below).
		if (this.#throttle?.paused && code !== CloseCode.RateLimited) {
			this.#throttle.dispose();
			this.#ws.resume();
		}
	}

	/**
	 * Ends the connection without a closing handshake (for peers that no longer answer or
	 * read). `code` is only logged: the peer sees 1006.
	 */
	terminate(reason: string, code = 1006): void {
		this.#ending ??= { code, reason };
		this.#ws.terminate();
	}

	noteEdit(): void {
		this.#editedSinceCheck = true;
	}

	/** Whether an edit was stored since the last call (and resets the flag). */
	takeEditedFlag(): boolean {
		const edited = this.#editedSinceCheck;
		this.#editedSinceCheck = false;
		return edited;
	}

	readonly #afterSend = (error?: Error): void => {
		if (error) this.close(1011, 'send_failed');
	};

	readonly #onMessage = (data: RawData, isBinary: boolean): void => {
		if (this.#ending) return;
		let message: CollabMessage;
		let bytes = 0;
		try {
			if (!isBinary) throw new ProtocolError('unknown_type', 'text frame');
			const received = toBytes(data);
			bytes = received.byteLength;
			message = decodeMessage(received);
		} catch (error) {
			const kind = error instanceof ProtocolError ? error.kind : 'decode_failed';
			this.close(CloseCode.BadMessage, `bad_message:${kind}`);
			return;
		}
		if (this.#throttle) this.#throttle.offer(message, messageCost(bytes));
		else this.#handlers.message(this, message);
	};

	#throttleFor(inbound: NonNullable<ConnectionLimits['inbound']>): InboundThrottle<CollabMessage> {
		return new InboundThrottle<CollabMessage>({
			bucket: new TokenBucket({ ratePerSec: inbound.ratePerSec, burst: inbound.burst }),
			closeAfterMs: inbound.closeAfterMs,
			batchMs: THROTTLE_BATCH_MS,
			deliver: (message) => {
				if (!this.#ending) this.#handlers.message(this, message);
			},
			pause: () => this.#ws.pause(),
			resume: () => this.#ws.resume(),
			abuse: () => {
				log.warn('collab.rate_limited', {
					documentId: this.documentId,
					userId: this.identity.userId,
					ratePerSec: inbound.ratePerSec,
					burst: inbound.burst,
					closeAfterMs: inbound.closeAfterMs
				});
				this.close(CloseCode.RateLimited, 'rate_limited');
				// The socket stays paused: reading on would only parse more of the flood. The
				// close frame goes out now; the client's answer is never read, so cut the socket
				// once the frame has had time to arrive (ws itself would wait 30 s).
				setTimeout(() => this.terminate('rate_limited', CloseCode.RateLimited), RATE_LIMIT_CLOSE_GRACE_MS).unref();
			}
		});
	}

	readonly #onError = (error: Error & { code?: string }): void => {
		// ws closes the socket itself after a protocol error; remember the code it used.
		this.#ending ??= { code: closeCodeOfSocketError(error), reason: error.code ?? error.message };
	};

	readonly #onClose = (code: number, reason: Buffer): void => {
		clearInterval(this.#keepalive);
		this.#throttle?.dispose();
		const ending = this.#ending ?? { code, reason: reason.toString() || 'client_closed' };
		log.info('collab.connection_closed', {
			code: ending.code,
			reason: ending.reason,
			documentId: this.documentId,
			userId: this.identity.userId,
			initiator: this.#ending ? 'server' : 'client',
			durationMs: Date.now() - this.openedAt
		});
		this.#handlers.close(this);
	};

	readonly #ping = (): void => {
		if (!this.#alive) {
			this.terminate('keepalive_timeout');
			return;
		}
		this.#alive = false;
		this.#ws.ping();
	};
}
