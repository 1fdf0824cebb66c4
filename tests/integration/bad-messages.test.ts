/**
 * An oversized message and an undecodable message each close only the connection that sent
 * them; the server and the other clients carry on syncing.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { encodeSyncUpdate } from '../../src/lib/server/collab/protocol';
import { CollabHarness, fetchHealth, waitFor, type BoardClient, type Member } from '../helpers/collab-client';

const MAX_BYTES = 64 * 1024;

let h: CollabHarness;
let alice: Member;
let a: BoardClient;
let b: BoardClient;

beforeEach(async () => {
	h = await CollabHarness.start({ WS_MAX_MESSAGE_BYTES: String(MAX_BYTES) });
	alice = await h.world.member('member');
	const bob = await h.world.member('member');
	a = await h.connect({ cookie: alice.cookie });
	b = await h.connect({ cookie: bob.cookie });
});

afterEach(async () => {
	await h.stop();
});

async function expectOthersStillSync(id: string): Promise<void> {
	addCard(a.doc, { id, text: id, authorId: alice.userId, authorName: 'a' });
	await waitFor(() => listCards(b.doc).some((c) => c.id === id), { what: `${id} to reach bob` });
	expect(a.closes).toEqual([]);
	expect(b.closes).toEqual([]);
	expect((await fetchHealth(h.server)).body.connections).toBe(2);
}

it('an oversized message closes only its own connection, with 1009', async () => {
	const raw = await h.raw({ cookie: alice.cookie });
	raw.send(encodeSyncUpdate(new Uint8Array(MAX_BYTES + 1)));
	expect((await raw.closed).code).toBe(CloseCode.MessageTooBig);
	await h.server.waitForLog(
		(l) => l.event === 'collab.connection_closed' && l.code === CloseCode.MessageTooBig
	);
	await expectOthersStillSync('after-oversized');
});

it('garbage closes only its own connection, with 4400', async () => {
	const garbage = [
		new Uint8Array([0xff, 0xff, 0xff]), // truncated varint
		new Uint8Array([7, 1, 2]), // unknown message type
		new Uint8Array([0, 2, 5, 1]), // payload shorter than declared
		new Uint8Array([3, 0, 0]), // trailing bytes
		new Uint8Array([1, 4, 1, 1, 1, 0x7b]), // awareness state that is not JSON
		encodeSyncUpdate(new Uint8Array([1, 1, 200, 1, 0])) // well framed, but not a Yjs update
	];
	for (const bytes of garbage) {
		const raw = await h.raw({ cookie: alice.cookie });
		raw.send(bytes);
		const closed = await raw.closed;
		expect(closed.code, `for ${Array.from(bytes).join(',')}`).toBe(CloseCode.BadMessage);
	}
	const badMessageCloses = () =>
		h.server.logs.filter((l) => l.event === 'collab.connection_closed' && l.code === CloseCode.BadMessage);
	await waitFor(() => badMessageCloses().length >= garbage.length, { what: 'the close log lines' });
	const closes = badMessageCloses();
	expect(closes).toHaveLength(garbage.length);
	expect(closes.every((l) => typeof l.reason === 'string' && l.reason.length > 0)).toBe(true);
	await expectOthersStillSync('after-garbage');
});
