/** An observer receives the board but its updates reach neither other clients nor the disk. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, sleep, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it("an observer's update never reaches other clients or disk", async () => {
	const member = await h.world.member('member');
	const observer = await h.world.member('observer');
	const m = await h.connect({ cookie: member.cookie });
	const o = await h.connect({ cookie: observer.cookie });

	addCard(o.doc, { id: 'from-observer', text: '見学者のメモ', authorId: observer.userId, authorName: 'o' });
	await h.server.waitForLog(
		(l) => l.event === 'collab.update_discarded' && l.userId === observer.userId,
		5_000
	);
	addCard(m.doc, { id: 'from-member', text: '職員の案', authorId: member.userId, authorName: 'm' });

	// The observer still receives the member's edits…
	await waitFor(() => listCards(o.doc).some((c) => c.id === 'from-member'), { what: 'observer to receive' });
	await sleep(300);
	// …but nobody receives the observer's.
	expect(listCards(m.doc).map((c) => c.id)).toEqual(['from-member']);
	expect(listCards(await h.world.loadStored()).map((c) => c.id)).toEqual(['from-member']);

	// After a restart, the stored board still has only the member's card.
	h.disconnectAll();
	await h.server.kill('SIGTERM');
	await h.server.restart();
	const fresh = await h.connect({ cookie: member.cookie });
	expect(listCards(fresh.doc).map((c) => c.id)).toEqual(['from-member']);
});
