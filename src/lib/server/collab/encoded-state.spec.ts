import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardText, findCard, listCards } from '../../collab/schema';
import { EncodedState } from './encoded-state';
import { decodeMessage } from './protocol';

const EMPTY_VECTOR = Y.encodeStateVector(new Y.Doc());

function boardWith(cards: number): Y.Doc {
	const doc = new Y.Doc();
	for (let i = 0; i < cards; i++) addCard(doc, { id: `c${i}`, text: `案${i}`, authorId: 'u', authorName: 'n' });
	return doc;
}

/** What a client would have after applying a step2 message. */
function replicaFrom(step2: Uint8Array): Y.Doc {
	const message = decodeMessage(step2);
	if (message.type !== 'sync-step2') throw new Error(`expected step2, got ${message.type}`);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, message.update);
	return doc;
}

describe('EncodedState', () => {
	it('encodes the full state once and hands every joiner the same buffer', () => {
		const doc = boardWith(20);
		const state = new EncodedState(doc);
		const answers = Array.from({ length: 50 }, () => state.step2For(EMPTY_VECTOR));
		expect(new Set(answers).size).toBe(1);
		expect(state.encodings).toBe(1);
		expect(listCards(replicaFrom(answers[0]!))).toEqual(listCards(doc));
		expect(state.fullUpdate()).toEqual(Y.encodeStateAsUpdate(doc));
	});

	it('is invalidated by any new update, local or remote', () => {
		const doc = boardWith(3);
		const state = new EncodedState(doc);
		const before = state.step2For(EMPTY_VECTOR);
		const step1Before = state.step1Message();

		cardText(findCard(doc, 'c0')!).insert(0, '新しい');
		const afterLocal = state.step2For(EMPTY_VECTOR);
		expect(afterLocal).not.toBe(before);
		expect(listCards(replicaFrom(afterLocal))[0]!.text).toBe('新しい案0');
		expect(state.step1Message()).not.toEqual(step1Before);

		const remote = new Y.Doc();
		addCard(remote, { id: 'remote', text: 'よそ', authorId: 'v', authorName: 'm' });
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'a peer');
		expect(listCards(replicaFrom(state.step2For(EMPTY_VECTOR))).map((c) => c.id)).toContain('remote');
		expect(state.fullUpdate()).toEqual(Y.encodeStateAsUpdate(doc));
		expect(state.encodings).toBe(3);
	});

	it('is not invalidated by an update that changes nothing', () => {
		const doc = boardWith(3);
		const state = new EncodedState(doc);
		const before = state.step2For(EMPTY_VECTOR);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(doc));
		expect(state.step2For(EMPTY_VECTOR)).toBe(before);
		expect(state.encodings).toBe(1);
	});

	it('answers a client that already has part of the document with only the rest, shared by equal vectors', () => {
		const doc = boardWith(5);
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
		addCard(doc, { id: 'new', text: '追加', authorId: 'u', authorName: 'n' });
		const state = new EncodedState(doc);
		const vector = Y.encodeStateVector(client);
		const answer = state.step2For(vector);
		expect(state.step2For(Uint8Array.from(vector))).toBe(answer);
		expect(state.encodings).toBe(1);
		const message = decodeMessage(answer);
		if (message.type !== 'sync-step2') throw new Error('expected step2');
		expect(message.update.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
		Y.applyUpdate(client, message.update);
		expect(listCards(client)).toEqual(listCards(doc));

		addCard(doc, { id: 'newer', text: 'さらに', authorId: 'u', authorName: 'n' });
		expect(state.step2For(vector)).not.toBe(answer);
	});

	it('starts from a full state it is given (a room loaded from its snapshot) without encoding', () => {
		const doc = boardWith(4);
		const snapshot = Y.encodeStateAsUpdate(doc);
		const state = new EncodedState(doc, snapshot);
		expect(state.fullUpdate()).toEqual(snapshot);
		expect(listCards(replicaFrom(state.step2For(EMPTY_VECTOR)))).toEqual(listCards(doc));
		expect(state.encodings).toBe(0);
		addCard(doc, { id: 'after', text: '後', authorId: 'u', authorName: 'n' });
		expect(listCards(replicaFrom(state.step2For(EMPTY_VECTOR))).map((c) => c.id)).toContain('after');
	});

	it('greets with the current state vector', () => {
		const doc = boardWith(2);
		const state = new EncodedState(doc);
		expect(decodeMessage(state.step1Message())).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
	});
});
