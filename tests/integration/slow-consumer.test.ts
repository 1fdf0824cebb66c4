/**
 * A client that stops reading is cut off once the server would buffer more than
 * WS_MAX_BUFFERED_BYTES for it, instead of buffering every update of the room until the
 * keepalive gives up; the writer and the other readers carry on syncing.
 */
import type { Socket } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { addCard, boardCards, cardText } from '../../src/lib/collab/schema';
import { CollabHarness, fetchHealth, waitFor, type BoardClient, type Member } from '../helpers/collab-client';

/** A small cap, so that a stalled socket passes it after a few MB (the kernel buffers come first). */
const CAP = 256 * 1024;
/** Text per card: each card is one update of about this size, well under WS_MAX_MESSAGE_BYTES. */
const CARD_TEXT = 'あ'.repeat(32 * 1024); // 96 KiB of UTF-8
/** Give up (and fail) after this many cards: far more than loopback's socket buffers hold. */
const MAX_CARDS = 600;

let h: CollabHarness;
let alice: Member;
let writer: BoardClient;
let reader: BoardClient;

beforeEach(async () => {
	// The writer sends 96 KiB cards as fast as they are echoed, far beyond an incoming budget
	// meant for people (flood control, tested in flood-control.test.ts): no budget here.
	h = await CollabHarness.start({ WS_MAX_BUFFERED_BYTES: String(CAP), WS_INBOUND_RATE: '0' });
	alice = await h.world.member('member');
	const bob = await h.world.member('member');
	writer = await h.connect({ cookie: alice.cookie });
	reader = await h.connect({ cookie: bob.cookie });
});

afterEach(async () => {
	await h.stop();
});

const cutForBuffer = (l: Record<string, unknown>) =>
	l.event === 'collab.connection_closed' && l.reason === 'send_buffer_full';

it('cuts a socket that stopped reading once its send buffer passes the cap; the others keep syncing', async () => {
	const carol = await h.world.member('member');
	const stalled = await h.raw({ cookie: carol.cookie });
	await waitFor(() => stalled.received.some((m) => m.type === 'sync-step1'), { what: 'the server’s greeting' });
	// stop reading: the server's writes pile up in the kernel's socket buffers, then in its own
	(stalled.ws as unknown as { _socket: Socket })._socket.pause();
	expect((await fetchHealth(h.server)).body.connections).toBe(3);

	const written: string[] = [];
	while (!h.server.logs.some(cutForBuffer)) {
		if (written.length >= MAX_CARDS) throw new Error(`no send_buffer_full after ${written.length} cards`);
		const id = `card-${written.length}`;
		addCard(writer.doc, { id, text: CARD_TEXT, authorId: alice.userId, authorName: 'a' });
		written.push(id);
		// each card reaches the reading client before the next is written
		await waitFor(() => boardCards(reader.doc).has(id), { what: `${id} to reach the reader` });
	}

	// the stalled socket was cut, once, by the server, with the slow-consumer code
	const cut = await h.server.waitForLog(cutForBuffer);
	expect(cut).toMatchObject({ code: CloseCode.SlowConsumer, initiator: 'server', userId: carol.userId });
	expect(h.server.logs.filter((l) => l.event === 'collab.connection_closed')).toHaveLength(1);
	expect((await fetchHealth(h.server)).body.connections).toBe(2);

	// the writer and the reader were never disconnected and keep syncing
	addCard(writer.doc, { id: 'after-cut', text: 'まだ同期している', authorId: alice.userId, authorName: 'a' });
	await waitFor(() => boardCards(reader.doc).has('after-cut'), { what: 'the card after the cut' });
	expect(cardText(boardCards(reader.doc).get('after-cut')!).toString()).toBe('まだ同期している');
	for (const id of written) expect(boardCards(reader.doc).has(id), id).toBe(true);
	expect(writer.closes).toEqual([]);
	expect(reader.closes).toEqual([]);

	// once it reads again, the stalled client finds its connection ended without a close frame
	// (1006, like a network loss), which y-websocket answers by reconnecting and resyncing
	(stalled.ws as unknown as { _socket: Socket })._socket.resume();
	expect((await stalled.closed).code).toBe(1006);
});
