/**
 * The y-websocket wire format, encoded and decoded without touching a document or the database.
 *
 *   sync (0)            varUint subtype, then varUint8Array payload
 *     step1 (0)           payload = state vector
 *     step2 (1)           payload = update (the sender's answer to a step1)
 *     update (2)          payload = update
 *   awareness (1)       varUint8Array payload = [varUint n, n × (varUint clientId, varUint clock, varString JSON)]
 *   queryAwareness (3)  no payload
 *
 * `decodeMessage` accepts exactly one well-formed message and throws a `ProtocolError` for
 * anything else (truncated varints, unknown types, trailing bytes, awareness states that are not
 * JSON objects). The Yjs update bytes inside a sync message are not interpreted here.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';

export const MessageType = { Sync: 0, Awareness: 1, QueryAwareness: 3 } as const;
export const SyncStep = {
	Step1: messageYjsSyncStep1,
	Step2: messageYjsSyncStep2,
	Update: messageYjsUpdate
} as const;

export type AwarenessState = Record<string, unknown>;

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** null means the client left. */
	state: AwarenessState | null;
}

export type CollabMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'sync-update'; update: Uint8Array }
	| { type: 'awareness'; entries: AwarenessEntry[] }
	| { type: 'query-awareness' };

export type ProtocolErrorKind =
	| 'empty'
	| 'truncated'
	| 'integer_out_of_range'
	| 'unknown_type'
	| 'unknown_sync_step'
	| 'trailing_bytes'
	| 'bad_state_vector'
	| 'bad_awareness_state';

export class ProtocolError extends Error {
	override readonly name = 'ProtocolError';
	constructor(
		readonly kind: ProtocolErrorKind,
		message: string = kind
	) {
		super(message);
	}
}

/** lib0 throws plain Errors; give them a kind so callers can log why a message was refused. */
function read<T>(fn: () => T): T {
	try {
		return fn();
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		const message = error instanceof Error ? error.message : String(error);
		throw new ProtocolError(/range/i.test(message) ? 'integer_out_of_range' : 'truncated', message);
	}
}

function readSafeVarUint(decoder: decoding.Decoder): number {
	const n = read(() => decoding.readVarUint(decoder));
	if (!Number.isSafeInteger(n)) throw new ProtocolError('integer_out_of_range');
	return n;
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
	return read(() => decoding.readVarUint8Array(decoder));
}

function expectEnd(decoder: decoding.Decoder): void {
	if (decoding.hasContent(decoder)) {
		throw new ProtocolError('trailing_bytes', `${decoder.arr.length - decoder.pos} bytes after the message`);
	}
}

/** A state vector is [varUint n, n × (varUint client, varUint clock)] and nothing more. */
function checkStateVector(bytes: Uint8Array): void {
	const decoder = decoding.createDecoder(bytes);
	try {
		const n = readSafeVarUint(decoder);
		for (let i = 0; i < n; i++) {
			readSafeVarUint(decoder);
			readSafeVarUint(decoder);
		}
		expectEnd(decoder);
	} catch (error) {
		throw new ProtocolError('bad_state_vector', error instanceof Error ? error.message : undefined);
	}
}

export function decodeAwarenessPayload(bytes: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(bytes);
	const count = readSafeVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = readSafeVarUint(decoder);
		const clock = readSafeVarUint(decoder);
		const json = read(() => decoding.readVarString(decoder));
		let state: unknown;
		try {
			state = JSON.parse(json);
		} catch {
			throw new ProtocolError('bad_awareness_state', 'awareness state is not JSON');
		}
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
			throw new ProtocolError('bad_awareness_state', 'awareness state is not an object');
		}
		entries.push({ clientId, clock, state: state as AwarenessState | null });
	}
	expectEnd(decoder);
	return entries;
}

export function encodeAwarenessPayload(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.clientId);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, JSON.stringify(e.state));
	}
	return encoding.toUint8Array(encoder);
}

export function decodeMessage(bytes: Uint8Array): CollabMessage {
	if (bytes.length === 0) throw new ProtocolError('empty');
	const decoder = decoding.createDecoder(bytes);
	const type = readSafeVarUint(decoder);
	let message: CollabMessage;
	switch (type) {
		case MessageType.Sync: {
			const step = readSafeVarUint(decoder);
			const payload = readBytes(decoder);
			if (step === SyncStep.Step1) {
				checkStateVector(payload);
				message = { type: 'sync-step1', stateVector: payload };
			} else if (step === SyncStep.Step2) {
				message = { type: 'sync-step2', update: payload };
			} else if (step === SyncStep.Update) {
				message = { type: 'sync-update', update: payload };
			} else {
				throw new ProtocolError('unknown_sync_step', `sync step ${step}`);
			}
			break;
		}
		case MessageType.Awareness:
			message = { type: 'awareness', entries: decodeAwarenessPayload(readBytes(decoder)) };
			break;
		case MessageType.QueryAwareness:
			message = { type: 'query-awareness' };
			break;
		default:
			throw new ProtocolError('unknown_type', `message type ${type}`);
	}
	expectEnd(decoder);
	return message;
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Sync);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SyncStep.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SyncStep.Step2, update);
export const encodeSyncUpdate = (update: Uint8Array) => encodeSync(SyncStep.Update, update);

/** Wraps an encoded awareness update (see `encodeAwarenessPayload` or y-protocols' encoder). */
export function encodeAwarenessMessage(payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.Awareness);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export function encodeQueryAwareness(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.QueryAwareness);
	return encoding.toUint8Array(encoder);
}

/** An update that carries no structs and no deletions (what a client with nothing new sends as step2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
