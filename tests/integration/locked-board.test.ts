/** On a locked board only facilitators and admins may edit; members become read-only until unlocked. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addCard, isBoardLocked, listCards, setBoardLocked } from '../../src/lib/collab/schema';
import { CollabHarness, sleep, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

const ids = (doc: Parameters<typeof listCards>[0]) => listCards(doc).map((c) => c.id);

it('discards member edits while the board is locked and accepts them again after unlocking', async () => {
	const facilitator = await h.world.member('facilitator');
	const member = await h.world.member('member');
	const f = await h.connect({ cookie: facilitator.cookie });
	const m = await h.connect({ cookie: member.cookie });

	setBoardLocked(f.doc, true);
	await waitFor(() => isBoardLocked(m.doc), { what: 'the lock to reach the member' });

	addCard(m.doc, { id: 'while-locked', text: '締切後の追加', authorId: member.userId, authorName: 'm' });
	await h.server.waitForLog((l) => l.event === 'collab.update_discarded' && l.userId === member.userId && l.locked === true);
	addCard(f.doc, { id: 'facilitator', text: 'まとめ', authorId: facilitator.userId, authorName: 'f' });
	await waitFor(() => ids(m.doc).includes('facilitator'), { what: 'facilitator edit to arrive' });
	await sleep(200);
	expect(ids(f.doc)).toEqual(['facilitator']);

	setBoardLocked(f.doc, false);
	await waitFor(() => !isBoardLocked(m.doc), { what: 'the unlock to reach the member' });
	addCard(m.doc, { id: 'after-unlock', text: '再開後の案', authorId: member.userId, authorName: 'm' });
	await waitFor(() => ids(f.doc).includes('after-unlock'), { what: 'member edit after unlock' });
	expect(ids(await h.world.loadStored())).not.toContain('while-locked');
});
