/** SIGTERM closes sockets with 1001, compacts open documents into snapshots and exits 0. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start({ COMPACT_EVERY_UPDATES: '1000', COMPACT_MAX_WAIT_MS: '600000' });
});

afterEach(async () => {
	await h.stop();
});

it('closes sockets with 1001, flushes documents and exits 0', async () => {
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });
	for (let i = 0; i < 5; i++) addCard(a.doc, { id: `c${i}`, text: `${i}`, authorId: alice.userId, authorName: 'a' });
	await waitFor(() => listCards(b.doc).length === 5, { what: 'bob to have every card' });
	expect(await h.world.countStoredUpdates()).toBe(5);

	const exitCode = await h.server.kill('SIGTERM');
	expect(exitCode).toBe(0);
	expect(a.closes[0]?.code).toBe(CloseCode.GoingAway);
	expect(b.closes[0]?.code).toBe(CloseCode.GoingAway);
	await waitFor(() => h.server.logs.some((l) => l.event === 'server.stopped'), { what: 'the last log line' });
	expect(h.server.logs.some((l) => l.event === 'server.shutdown')).toBe(true);
	expect(await h.world.countStoredUpdates()).toBe(0);
	expect(listCards(await h.world.loadStored())).toEqual(listCards(b.doc));
});
