/**
 * What only facilitators may change, enforced by the server whatever a client sends: a board's
 * facilitation state (lock, phase, vote totals) and the whole strategy draft.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	boardPhase,
	boardVote,
	isBoardLocked,
	listCards,
	setBoardLocked,
	setBoardPhase,
	setBoardVote
} from '../../src/lib/collab/schema';
import { addDirection, directionText, findItem, initialStrategyUpdate } from '../../src/lib/collab/strategy';
import { CollabHarness, sleep, waitFor } from '../helpers/collab-client';
import { createDocument } from '../helpers/fixtures';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it("puts a board's facilitation state back when a member's client forges it, and keeps the member's card", async () => {
	const facilitator = await h.world.member('facilitator');
	const member = await h.world.member('member');
	const f = await h.connect({ cookie: facilitator.cookie });
	const m = await h.connect({ cookie: member.cookie });
	setBoardPhase(f.doc, 'グループ討議');
	await waitFor(() => boardPhase(m.doc) === 'グループ討議', { what: 'the phase to reach the member' });

	// What a tampered client could send: the UI offers none of this to a member.
	m.doc.transact(() => {
		setBoardLocked(m.doc, true);
		setBoardPhase(m.doc, '終了');
		setBoardVote(m.doc, { id: 'fake', status: 'revealed', budget: 3, capPerCard: 3, results: { c1: { dots: 50, voters: 1 } } });
		addCard(m.doc, { id: 'c1', text: '申請書の二重記入', authorId: member.userId, authorName: 'm' });
	});

	await waitFor(() => listCards(f.doc).some((c) => c.id === 'c1'), { what: "the member's card to reach the facilitator" });
	const restored = await h.server.waitForLog((l) => l.event === 'collab.facilitator_keys_restored' && l.userId === member.userId);
	expect((restored.keys as string[]).sort()).toEqual(['locked', 'phase', 'vote']);
	// the member's own copy converges back too
	await waitFor(() => boardPhase(m.doc) === 'グループ討議' && !isBoardLocked(m.doc) && boardVote(m.doc) === null, {
		what: "the member's copy to be put back"
	});
	for (const doc of [f.doc, await h.world.loadStored()]) {
		expect(isBoardLocked(doc)).toBe(false);
		expect(boardPhase(doc)).toBe('グループ討議');
		expect(boardVote(doc)).toBeNull();
	}

	// and a facilitator's change of the same keys stands
	setBoardLocked(f.doc, true);
	await waitFor(() => isBoardLocked(m.doc), { what: 'the lock to reach the member' });
});

it('lets members read the strategy draft but discards their writes to it', async () => {
	const strategy = await createDocument(h.world.db, h.world.workspaceId, 'strategy', 'デジタル戦略');
	const facilitator = await h.world.member('facilitator');
	const member = await h.world.member('member');
	const f = await h.connect({ cookie: facilitator.cookie }, strategy.id);
	Y.applyUpdate(f.doc, initialStrategyUpdate());
	addDirection(f.doc, 1, 'd1', '窓口のデジタル化');
	const m = await h.connect({ cookie: member.cookie }, strategy.id);
	await waitFor(() => findItem(m.doc, 'direction', 'd1') !== undefined, { what: 'the member to read the draft' });

	directionText(findItem(m.doc, 'direction', 'd1')!, 'title').insert(0, '【改】');
	addDirection(m.doc, 2, 'd2', '勝手な方向');
	await h.server.waitForLog((l) => l.event === 'collab.update_discarded' && l.userId === member.userId);

	directionText(findItem(f.doc, 'direction', 'd1')!, 'body').insert(0, '本文');
	await waitFor(() => directionText(findItem(m.doc, 'direction', 'd1')!, 'body').toString() === '本文', {
		what: "the facilitator's later edit to reach the member"
	});
	await sleep(200);
	const stored = await h.world.loadStored(strategy.id);
	for (const doc of [f.doc, stored]) {
		expect(directionText(findItem(doc, 'direction', 'd1')!, 'title').toString()).toBe('窓口のデジタル化');
		expect(findItem(doc, 'direction', 'd2')).toBeUndefined();
	}
});
