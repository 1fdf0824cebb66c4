import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { addCard, listCards } from '../../collab/schema';
import {
	decodeAwarenessPayload,
	decodeMessage,
	encodeAwarenessMessage,
	encodeAwarenessPayload,
	encodeQueryAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	isEmptyUpdate,
	ProtocolError,
	type ProtocolErrorKind
} from './protocol';

function docWithText(text: string): Y.Doc {
	const doc = new Y.Doc();
	addCard(doc, { id: 'c1', text, authorId: 'u1', authorName: '山田' });
	return doc;
}

function expectProtocolError(bytes: Uint8Array, kind: ProtocolErrorKind): void {
	let caught: unknown;
	try {
		decodeMessage(bytes);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(ProtocolError);
	expect((caught as ProtocolError).kind).toBe(kind);
	expect((caught as ProtocolError).name).toBe('ProtocolError');
}

describe('decodeMessage', () => {
	it('reads what the y-protocols encoder writes (step1, step2, update)', () => {
		const doc = docWithText('総合戦略');
		const e1 = encoding.createEncoder();
		encoding.writeVarUint(e1, 0);
		syncProtocol.writeSyncStep1(e1, doc);
		const step1 = decodeMessage(encoding.toUint8Array(e1));
		expect(step1).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });

		const e2 = encoding.createEncoder();
		encoding.writeVarUint(e2, 0);
		syncProtocol.writeSyncStep2(e2, doc);
		const step2 = decodeMessage(encoding.toUint8Array(e2));
		expect(step2.type).toBe('sync-step2');
		const copy = new Y.Doc();
		if (step2.type === 'sync-step2') Y.applyUpdate(copy, step2.update);
		expect(listCards(copy).map((c) => c.text)).toEqual(['総合戦略']);

		const e3 = encoding.createEncoder();
		encoding.writeVarUint(e3, 0);
		syncProtocol.writeUpdate(e3, Y.encodeStateAsUpdate(doc));
		expect(decodeMessage(encoding.toUint8Array(e3)).type).toBe('sync-update');
	});

	it('round-trips its own encoders', () => {
		const update = Y.encodeStateAsUpdate(docWithText('a'));
		const sv = Y.encodeStateVector(docWithText('b'));
		expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ type: 'sync-step1', stateVector: sv });
		expect(decodeMessage(encodeSyncStep2(update))).toEqual({ type: 'sync-step2', update });
		expect(decodeMessage(encodeSyncUpdate(update))).toEqual({ type: 'sync-update', update });
		expect(decodeMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' });
		const entries = [
			{ clientId: 7, clock: 3, state: { cursor: 1, user: { name: 'x' } } },
			{ clientId: 9, clock: 1, state: null }
		];
		expect(decodeMessage(encodeAwarenessMessage(encodeAwarenessPayload(entries)))).toEqual({
			type: 'awareness',
			entries
		});
	});

	it('reads awareness written by y-protocols', () => {
		const awareness = new Awareness(new Y.Doc());
		awareness.setLocalState({ user: { name: '山田' }, cursor: null });
		const message = decodeMessage(
			encodeAwarenessMessage(encodeAwarenessUpdate(awareness, [awareness.clientID]))
		);
		expect(message).toEqual({
			type: 'awareness',
			entries: [{ clientId: awareness.clientID, clock: 1, state: { user: { name: '山田' }, cursor: null } }]
		});
		awareness.destroy();
	});

	it('refuses an empty message', () => {
		expectProtocolError(new Uint8Array(), 'empty');
	});

	it('refuses a truncated varint', () => {
		expectProtocolError(new Uint8Array([0x80]), 'truncated');
		expectProtocolError(new Uint8Array([0, 2, 0xff]), 'truncated');
	});

	it('refuses a payload shorter than its declared length', () => {
		const full = encodeSyncUpdate(Y.encodeStateAsUpdate(docWithText('hello')));
		expectProtocolError(full.subarray(0, full.length - 1), 'truncated');
	});

	it('does not read past the message even when the underlying buffer is larger', () => {
		const pool = new Uint8Array(64).fill(1);
		pool.set([0, 2, 10], 0); // declares 10 payload bytes, the view holds none
		expectProtocolError(pool.subarray(0, 3), 'truncated');
	});

	it('refuses unknown message types and sync steps', () => {
		expectProtocolError(new Uint8Array([2, 0]), 'unknown_type'); // auth is server → client only
		expectProtocolError(new Uint8Array([9]), 'unknown_type');
		expectProtocolError(new Uint8Array([0, 3, 0]), 'unknown_sync_step');
	});

	it('refuses trailing bytes', () => {
		const update = encodeSyncUpdate(Y.encodeStateAsUpdate(docWithText('x')));
		expectProtocolError(new Uint8Array([...update, 0]), 'trailing_bytes');
		expectProtocolError(new Uint8Array([3, 0]), 'trailing_bytes');
	});

	it('refuses a malformed state vector in step1', () => {
		expectProtocolError(encodeSyncStep1(new Uint8Array([2, 1])), 'bad_state_vector');
		expectProtocolError(encodeSyncStep1(new Uint8Array([0, 0])), 'bad_state_vector');
	});

	it('refuses awareness states that are not JSON objects', () => {
		const bad = (json: string) => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, 5);
			encoding.writeVarUint(e, 1);
			encoding.writeVarString(e, json);
			return encodeAwarenessMessage(encoding.toUint8Array(e));
		};
		expectProtocolError(bad('{not json'), 'bad_awareness_state');
		expectProtocolError(bad('42'), 'bad_awareness_state');
		expectProtocolError(bad('[1,2]'), 'bad_awareness_state');
		expect(decodeMessage(bad('null'))).toEqual({
			type: 'awareness',
			entries: [{ clientId: 5, clock: 1, state: null }]
		});
	});

	it('refuses an awareness payload with fewer entries than declared', () => {
		expect(() => decodeAwarenessPayload(new Uint8Array([2, 1, 1]))).toThrow(ProtocolError);
	});
});

describe('isEmptyUpdate', () => {
	it('recognises the update of a document with nothing new', () => {
		const doc = docWithText('abc');
		expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBe(true);
		expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
	});
});
