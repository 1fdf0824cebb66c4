/** Two signed-in members editing one board see each other's changes, and a late joiner gets the state. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it('a client with a valid session cookie syncs a board with a second client', async () => {
	const alice = await h.world.member('member', { displayName: '山田 花子' });
	const bob = await h.world.member('member', { displayName: '佐藤 太郎' });
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });

	addCard(a.doc, { id: 'card-a', text: '移住定住の促進', authorId: alice.userId, authorName: alice.displayName });
	await waitFor(() => listCards(b.doc).length === 1, { what: 'bob to see alice’s card' });
	expect(listCards(b.doc)[0]).toMatchObject({ id: 'card-a', text: '移住定住の促進', authorId: alice.userId });

	cardText(boardCards(b.doc).get('card-a')!).insert(0, '若者の');
	addCard(b.doc, { id: 'card-b', text: '窓口のオンライン化', authorId: bob.userId, authorName: bob.displayName });
	await waitFor(() => listCards(a.doc).length === 2, { what: 'alice to see bob’s card' });
	await waitFor(() => listCards(a.doc)[0]?.text === '若者の移住定住の促進', { what: 'alice to see bob’s edit' });

	const late = await h.connect({ cookie: (await h.world.anotherSession(alice.userId)).cookie });
	expect(listCards(late.doc)).toEqual(listCards(a.doc));
	expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(b.doc));
});
