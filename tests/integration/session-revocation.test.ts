/**
 * Open websockets follow their session: logging out (the HTTP side deletes the session row),
 * deactivating the user and session expiry each close the socket with 4401 within seconds.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor, type BoardClient } from '../helpers/collab-client';

/** tests/helpers/app-server.ts starts the server with SESSION_RECHECK_MS=500. */
const WITHIN_MS = 3_000;

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

async function expectClosedWith4401(client: BoardClient): Promise<number> {
	const started = Date.now();
	await waitFor(() => client.closes.some((c) => c.code === CloseCode.Unauthorized), {
		timeoutMs: WITHIN_MS,
		what: 'a 4401 close'
	});
	return Date.now() - started;
}

it('deleting the session (logout) closes its websocket with 4401, and only that one', async () => {
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });

	await h.world.db.deleteFrom('session').where('id', '=', alice.sessionId).execute();
	await expectClosedWith4401(a);
	expect(a.provider.wsconnected).toBe(false);

	// Bob is untouched and keeps syncing with the server.
	addCard(b.doc, { id: 'still-here', text: '継続', authorId: bob.userId, authorName: 'b' });
	const check = await h.connect({ cookie: bob.cookie });
	await waitFor(() => listCards(check.doc).length === 1, { what: 'bob’s edit to be served' });
	expect(b.closes).toEqual([]);
	await h.server.waitForLog(
		(l) => l.event === 'collab.connection_closed' && l.code === CloseCode.Unauthorized && l.userId === alice.userId
	);
});

it('deactivating the user closes all of their websockets with 4401', async () => {
	const carol = await h.world.member('member');
	const second = await h.world.anotherSession(carol.userId);
	const c1 = await h.connect({ cookie: carol.cookie });
	const c2 = await h.connect({ cookie: second.cookie });

	await h.world.db.updateTable('user').set({ active: 0 }).where('id', '=', carol.userId).execute();
	await Promise.all([expectClosedWith4401(c1), expectClosedWith4401(c2)]);
});

it('an expired session closes its websocket with 4401', async () => {
	const dave = await h.world.member('member');
	const d = await h.connect({ cookie: dave.cookie });
	await h.world.db.updateTable('session').set({ expires_at: Date.now() }).where('id', '=', dave.sessionId).execute();
	await expectClosedWith4401(d);
});
