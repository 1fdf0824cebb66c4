/** The update log is folded into a snapshot, so the number of stored updates stays bounded. */
import { afterEach, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

afterEach(async () => {
	await h.stop();
});

it('keeps the stored update count below COMPACT_EVERY_UPDATES', async () => {
	h = await CollabHarness.start({ COMPACT_EVERY_UPDATES: '5', COMPACT_MAX_WAIT_MS: '600000' });
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });

	let maxStored = 0;
	for (let i = 0; i < 23; i++) {
		addCard(a.doc, { id: `c${i}`, text: `案 ${i}`, authorId: alice.userId, authorName: 'a' });
		await waitFor(() => listCards(b.doc).length === i + 1, { what: `card ${i} to arrive` });
		maxStored = Math.max(maxStored, await h.world.countStoredUpdates());
	}
	// The update that triggers a compaction is relayed first and compacted right after, so a
	// reader may briefly see COMPACT_EVERY_UPDATES rows, never more.
	expect(maxStored).toBeLessThanOrEqual(5);
	expect(await h.world.countStoredUpdates()).toBe(23 % 5);
	expect(listCards(await h.world.loadStored())).toEqual(listCards(b.doc));
	// Log lines travel through a pipe and may trail the websocket messages a little.
	const compactions = () => h.server.logs.filter((l) => l.event === 'collab.compacted').length;
	await waitFor(() => compactions() >= 4, { what: 'the compaction log lines' });
	expect(compactions()).toBe(4);
});

it('compacts COMPACT_MAX_WAIT_MS after the first uncompacted update', async () => {
	h = await CollabHarness.start({ COMPACT_EVERY_UPDATES: '1000', COMPACT_MAX_WAIT_MS: '300' });
	const alice = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	for (let i = 0; i < 3; i++) addCard(a.doc, { id: `c${i}`, text: `${i}`, authorId: alice.userId, authorName: 'a' });
	await waitFor(() => h.server.logs.some((l) => l.event === 'collab.compacted'), { what: 'a compaction' });
	expect(await h.world.countStoredUpdates()).toBe(0);
	expect(listCards(await h.world.loadStored()).map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
});
