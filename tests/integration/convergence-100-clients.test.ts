/** 100 clients editing one board at the same time all end with identical state. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor, type BoardClient } from '../helpers/collab-client';

const CLIENTS = 100;

let h: CollabHarness;

beforeAll(async () => {
	// Every provider registers a process 'exit' listener.
	process.setMaxListeners(CLIENTS + 20);
	h = await CollabHarness.start();
});

afterAll(async () => {
	await h.stop();
});

it('100 concurrent clients converge to identical state', { timeout: 60_000 }, async () => {
	const users = await Promise.all([0, 1, 2, 3].map(() => h.world.member('member')));
	const cookies = await Promise.all(
		Array.from({ length: CLIENTS }, (_, i) => h.world.anotherSession(users[i % users.length]!.userId))
	);
	// All connect at once to a board not loaded yet: it must be loaded exactly once.
	const clients: BoardClient[] = await Promise.all(cookies.map(({ cookie }) => h.connect({ cookie })));
	const loads = () =>
		h.server.logs.filter((l) => l.event === 'collab.room_loaded' && l.documentId === h.world.documentId).length;
	await waitFor(() => loads() >= 1, { what: 'the load log line' });
	expect(loads()).toBe(1);

	const seed = clients[0]!;
	addCard(seed.doc, { id: 'shared', text: '', authorId: users[0]!.userId, authorName: 'f' });
	await waitFor(() => clients.every((c) => boardCards(c.doc).has('shared')), { what: 'the shared card' });

	// Everyone edits at once: their own card, and text at a random place in one shared card.
	clients.forEach((client, i) => {
		addCard(client.doc, { id: `card-${i}`, text: `意見 ${i}`, authorId: 'u', authorName: 'u' });
		const text = cardText(boardCards(client.doc).get('shared')!);
		text.insert(Math.floor(Math.random() * (text.length + 1)), `[${i}]`);
	});

	const all = clients;
	await waitFor(() => all.every((c) => listCards(c.doc).length === CLIENTS + 1), {
		timeoutMs: 30_000,
		what: 'every card on every client'
	});
	const sharedLength = clients.reduce((n, _, i) => n + `[${i}]`.length, 0);
	await waitFor(
		() => all.every((c) => cardText(boardCards(c.doc).get('shared')!).length === sharedLength),
		{ timeoutMs: 30_000, what: 'every shared-text insertion on every client' }
	);

	const reference = listCards(seed.doc);
	const referenceVector = Y.encodeStateVector(seed.doc);
	for (const client of clients) {
		expect(listCards(client.doc)).toEqual(reference);
		expect(Y.encodeStateVector(client.doc)).toEqual(referenceVector);
	}
	const stored = await h.world.loadStored();
	expect(listCards(stored)).toEqual(reference);
});
