/** A room is compacted and unloaded ROOM_IDLE_UNLOAD_MS after its last client left. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, fetchHealth, sleep, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start({ ROOM_IDLE_UNLOAD_MS: '1000', COMPACT_EVERY_UPDATES: '1000', COMPACT_MAX_WAIT_MS: '600000' });
});

afterEach(async () => {
	await h.stop();
});

async function health() {
	return (await fetchHealth(h.server)).body;
}

it('an idle room unloads, compacted, and loads again on the next connection', async () => {
	const alice = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	addCard(a.doc, { id: 'c1', text: '残るカード', authorId: alice.userId, authorName: 'a' });
	await waitFor(() => h.server.logs.some((l) => l.event === 'collab.connection_opened'));
	await sleep(100);
	expect(await health()).toMatchObject({ openDocuments: 1, connections: 1 });
	expect(await h.world.countStoredUpdates()).toBe(1);

	h.disconnectAll();
	await sleep(150);
	// Still loaded while inside the idle period.
	expect(await health()).toMatchObject({ openDocuments: 1, connections: 0 });
	const deadline = Date.now() + 5_000;
	while ((await health()).openDocuments !== 0 && Date.now() < deadline) await sleep(50);
	expect(await health()).toMatchObject({ openDocuments: 0, connections: 0 });
	expect(await h.world.countStoredUpdates()).toBe(0);

	const again = await h.connect({ cookie: alice.cookie });
	expect(listCards(again.doc).map((c) => c.text)).toEqual(['残るカード']);
	expect(await health()).toMatchObject({ openDocuments: 1, connections: 1 });
});
