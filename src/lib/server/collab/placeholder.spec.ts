import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, deleteCard, listCards } from '../../collab/schema';
import { placeholderFor } from './placeholder';

/** A client replica that records each update it produces. */
function client(): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	return { doc, updates };
}

const card = (doc: Y.Doc, id: string, text = id) => addCard(doc, { id, text, authorId: 'a', authorName: 'a' });

describe('placeholderFor', () => {
	it('consumes the clock range without the content', () => {
		const server = new Y.Doc();
		const a = client();
		card(a.doc, 'discarded');
		Y.applyUpdate(server, placeholderFor(a.updates[0]!)!);
		expect(listCards(server)).toEqual([]);
		expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(a.doc));
	});

	it('lets the same client’s later edits apply (they would otherwise wait forever)', () => {
		const server = new Y.Doc();
		const a = client();
		card(a.doc, 'discarded');
		const withoutPlaceholder = new Y.Doc();
		card(a.doc, 'later');
		Y.applyUpdate(withoutPlaceholder, a.updates[1]!);
		expect(listCards(withoutPlaceholder)).toEqual([]); // stuck as pending

		Y.applyUpdate(server, placeholderFor(a.updates[0]!)!);
		Y.applyUpdate(server, a.updates[1]!);
		expect(listCards(server).map((c) => c.id)).toEqual(['later']);
		expect(server.store.pendingStructs).toBeNull();
	});

	it('drops edits that build on discarded content instead of leaving them pending', () => {
		const server = new Y.Doc();
		const a = client();
		card(a.doc, 'discarded', 'abc');
		Y.applyUpdate(server, placeholderFor(a.updates[0]!)!);
		cardText(boardCards(a.doc).get('discarded')!).insert(3, 'def');
		Y.applyUpdate(server, a.updates[1]!);
		expect(listCards(server)).toEqual([]);
		expect(server.store.pendingStructs).toBeNull();
		expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(a.doc));
	});

	it('carries no deletions', () => {
		const server = new Y.Doc();
		const a = client();
		card(a.doc, 'kept');
		Y.applyUpdate(server, a.updates[0]!);
		deleteCard(a.doc, 'kept');
		Y.applyUpdate(server, placeholderFor(a.updates[1]!) ?? new Uint8Array([0, 0]));
		expect(listCards(server).map((c) => c.id)).toEqual(['kept']);
	});

	it('returns null for an update without structs and throws on garbage', () => {
		expect(placeholderFor(new Uint8Array([0, 0]))).toBeNull();
		expect(() => placeholderFor(new Uint8Array([1, 1, 200]))).toThrow();
	});

	it('covers several clients in one update', () => {
		const a = client();
		const b = client();
		card(a.doc, 'a');
		Y.applyUpdate(b.doc, a.updates[0]!);
		card(b.doc, 'b');
		const server = new Y.Doc();
		Y.applyUpdate(server, placeholderFor(Y.encodeStateAsUpdate(b.doc))!);
		expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(b.doc));
		expect(listCards(server)).toEqual([]);
	});
});
