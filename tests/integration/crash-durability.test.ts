/** Once an update has reached another client, killing the server with SIGKILL loses nothing. */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

afterEach(async () => {
	await h.stop();
});

async function editKillRestart(env: Record<string, string>): Promise<void> {
	h = await CollabHarness.start(env);
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });

	for (let i = 0; i < 20; i++) {
		addCard(a.doc, { id: `card-${i}`, text: `施策 ${i}`, authorId: alice.userId, authorName: 'a' });
	}
	const first = boardCards(a.doc).get('card-0')!;
	for (const ch of 'デジタル') cardText(first).insert(cardText(first).length, ch);
	await waitFor(() => listCards(b.doc).length === 20 && listCards(b.doc)[0]!.text === '施策 0デジタル', {
		what: 'bob to have every edit'
	});
	const expected = listCards(b.doc);

	const code = await h.server.kill('SIGKILL');
	expect(code).toBeNull(); // killed by the signal, no exit handler ran
	// Drop the clients first: reconnecting, they would re-send their copy and hide any loss.
	h.disconnectAll();
	await h.server.restart();

	const carol = await h.world.member('member');
	const c = await h.connect({ cookie: carol.cookie });
	expect(listCards(c.doc)).toEqual(expected);
	expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(b.doc));
}

it('loses nothing when only the update log holds the edits', async () => {
	await editKillRestart({ COMPACT_EVERY_UPDATES: '100000', COMPACT_MAX_WAIT_MS: '600000' });
});

it('loses nothing when the edits are split between a snapshot and the log', async () => {
	await editKillRestart({ COMPACT_EVERY_UPDATES: '7', COMPACT_MAX_WAIT_MS: '600000' });
	const stored = await h.world.db
		.selectFrom('document_snapshot')
		.select('last_seq')
		.where('document_id', '=', h.world.documentId)
		.executeTakeFirst();
	expect(stored?.last_seq).toBeGreaterThan(0);
});
