/**
 * Open websockets follow the user's role in the workspace: a role change closes the socket with
 * 4409 within seconds (the page reconnects with the new rights after a reload), an ended
 * membership closes it with 4403, and everyone else's sockets stay open.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { setMemberRole } from '../../src/lib/server/repositories/memberships';
import { CollabHarness, sleep, waitFor, type BoardClient } from '../helpers/collab-client';

/** tests/helpers/app-server.ts starts the server with SESSION_RECHECK_MS=500. */
const WITHIN_MS = 3_000;

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

function closedWith(client: BoardClient, code: number): Promise<void> {
	return waitFor(() => client.closes.some((c) => c.code === code), { timeoutMs: WITHIN_MS, what: `a ${code} close` });
}

const ids = (client: BoardClient) => listCards(client.doc).map((c) => c.id);

it('a member made observer is disconnected, and reconnecting can no longer write', async () => {
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });

	await setMemberRole(h.world.db, h.world.workspaceId, alice.userId, 'observer');
	await closedWith(a, CloseCode.RoleChanged);
	expect(a.provider.wsconnected).toBe(false);
	await h.server.waitForLog(
		(l) => l.event === 'collab.connection_closed' && l.code === CloseCode.RoleChanged && l.userId === alice.userId
	);

	const again = await h.connect({ cookie: alice.cookie });
	addCard(again.doc, { id: 'as-observer', text: '閲覧者の追加', authorId: alice.userId, authorName: 'a' });
	await h.server.waitForLog((l) => l.event === 'collab.update_discarded' && l.userId === alice.userId);
	addCard(b.doc, { id: 'bob', text: '継続', authorId: bob.userId, authorName: 'b' });
	await waitFor(() => ids(again).includes('bob'), { what: "bob's card to reach alice" });
	await sleep(200);
	expect(ids(b)).toEqual(['bob']);
	// bob's socket lived through several re-checks untouched
	expect(b.closes).toEqual([]);
});

it('an observer made member is disconnected, and reconnecting can write', async () => {
	const carol = await h.world.member('observer');
	const dave = await h.world.member('member');
	const c = await h.connect({ cookie: carol.cookie });
	const d = await h.connect({ cookie: dave.cookie });

	await setMemberRole(h.world.db, h.world.workspaceId, carol.userId, 'member');
	await closedWith(c, CloseCode.RoleChanged);
	const again = await h.connect({ cookie: carol.cookie });
	addCard(again.doc, { id: 'as-member', text: '書けるようになった', authorId: carol.userId, authorName: 'c' });
	await waitFor(() => ids(d).includes('as-member'), { what: "carol's card to reach dave" });
});

it('ending the membership closes the socket with 4403 and the upgrade is refused after', async () => {
	const erin = await h.world.member('member');
	const e = await h.connect({ cookie: erin.cookie });

	await h.world.db
		.deleteFrom('membership')
		.where('workspace_id', '=', h.world.workspaceId)
		.where('user_id', '=', erin.userId)
		.execute();
	await closedWith(e, CloseCode.Forbidden);
	const refused = await h.raw({ cookie: erin.cookie }).then(
		() => null,
		(error: Error) => error.message
	);
	expect(refused).toMatch(/403/);
});
