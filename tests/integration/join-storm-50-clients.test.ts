/**
 * A join storm: 50 browsers open a board with content at the same moment (the server answers
 * them all from one encoding of the document), every one of them gets the whole board, and
 * what they then edit at once converges everywhere and on disk.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, sleep, waitFor, type BoardClient } from '../helpers/collab-client';

const CLIENTS = 50;
const EXISTING_CARDS = 300;

let h: CollabHarness;

beforeAll(async () => {
	// Every provider registers a process 'exit' listener.
	process.setMaxListeners(CLIENTS + 20);
	h = await CollabHarness.start();
});

afterAll(async () => {
	await h.stop();
});

it('50 clients joining at once all get the board and converge', { timeout: 60_000 }, async () => {
	const facilitator = await h.world.member('facilitator');
	const seed = await h.connect({ cookie: facilitator.cookie });
	seed.doc.transact(() => {
		for (let i = 0; i < EXISTING_CARDS; i++) {
			addCard(seed.doc, { id: `existing-${i}`, text: `既存の課題 ${i}`, authorId: facilitator.userId, authorName: 'f' });
		}
	});
	const expected = listCards(seed.doc);
	// the server has the board once it is stored (stored before relayed)
	for (let tries = 0; listCards(await h.world.loadStored()).length < EXISTING_CARDS; tries++) {
		if (tries > 200) throw new Error('the board was never stored');
		await sleep(25);
	}

	const users = await Promise.all([0, 1, 2, 3, 4].map(() => h.world.member('member')));
	const sessions = await Promise.all(
		Array.from({ length: CLIENTS }, (_, i) => h.world.anotherSession(users[i % users.length]!.userId))
	);
	// all at once: no client waits for another
	const clients: BoardClient[] = await Promise.all(sessions.map(({ cookie }) => h.connect({ cookie })));
	for (const client of clients) expect(listCards(client.doc)).toEqual(expected);

	clients.forEach((client, i) => {
		addCard(client.doc, { id: `new-${i}`, text: `意見 ${i}`, authorId: 'u', authorName: 'u' });
		const text = cardText(boardCards(client.doc).get('existing-0')!);
		text.insert(text.length, `[${i}]`);
	});
	const everyone = [seed, ...clients];
	await waitFor(() => everyone.every((c) => listCards(c.doc).length === EXISTING_CARDS + CLIENTS), {
		timeoutMs: 30_000,
		what: 'every new card on every client'
	});
	const sharedLength = `既存の課題 0`.length + clients.reduce((n, _, i) => n + `[${i}]`.length, 0);
	await waitFor(() => everyone.every((c) => cardText(boardCards(c.doc).get('existing-0')!).length === sharedLength), {
		timeoutMs: 30_000,
		what: 'every insertion on every client'
	});
	const reference = listCards(seed.doc);
	const vector = Y.encodeStateVector(seed.doc);
	for (const client of clients) {
		expect(listCards(client.doc)).toEqual(reference);
		expect(Y.encodeStateVector(client.doc)).toEqual(vector);
	}
	expect(listCards(await h.world.loadStored())).toEqual(reference);
});
