/**
 * Forged document content is refused whole: the bit-flipped update of the attack (roots `capds`
 * and `kards` outside the schema, structs under garbage client ids that can never integrate),
 * and content written under another user's Yjs client id. Each closes its socket with 4400,
 * nothing of it is stored, and the stored document reloads clean. Fails on the code before the
 * update guard and the client bindings (both updates were applied and stored).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../src/lib/collab/close-codes';
import { addCard, BOARD_ROOT_NAMES, cardText, findCard, listCards } from '../../src/lib/collab/schema';
import { encodeSyncUpdate } from '../../src/lib/server/collab/protocol';
import { CollabHarness, sleep, waitFor, type BoardClient, type Member } from '../helpers/collab-client';

let h: CollabHarness;
let alice: Member;
let mallory: Member;
let a: BoardClient;

beforeEach(async () => {
	h = await CollabHarness.start();
	alice = await h.world.member('member');
	mallory = await h.world.member('member');
	a = await h.connect({ cookie: alice.cookie });
	addCard(a.doc, { id: 'c-alice', text: '施設予約が紙と電話のみ', authorId: alice.userId, authorName: 'alice' });
	// stored once the server has it: alice's card is the document's first row
	for (let i = 0; i < 500 && (await h.world.countStoredUpdates()) === 0; i++) await sleep(20);
});

afterEach(async () => {
	await h.stop();
});

async function storedRows(): Promise<Array<{ seq: number; data: string; user_id: string | null }>> {
	const rows = await h.world.db
		.selectFrom('document_update')
		.select(['seq', 'data', 'user_id'])
		.where('document_id', '=', h.world.documentId)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({ seq: r.seq, data: Buffer.from(r.data).toString('hex'), user_id: r.user_id }));
}

/** Replaces every occurrence of the ASCII `from` in `bytes` by `to` (same length). */
function replaceAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
	const out = new Uint8Array(bytes);
	const [f, t] = [new TextEncoder().encode(from), new TextEncoder().encode(to)];
	for (let i = 0; i + f.length <= out.length; i++) if (f.every((b, k) => out[i + k] === b)) out.set(t, i);
	return out;
}

async function expectRefused(member: Member, update: Uint8Array, reason: string): Promise<void> {
	const raw = await h.raw({ cookie: member.cookie });
	raw.send(encodeSyncUpdate(update));
	const closed = await raw.closed;
	expect(closed).toEqual({ code: CloseCode.BadMessage, reason: `refused_update:${reason}` });
}

it('refuses the bit-flipped update of the attack: foreign roots, garbage client ids; nothing stored, the document reloads', async () => {
	const before = await storedRows();
	expect(before.length).toBeGreaterThan(0);

	// What the attacker's client had: a card of its own, and an edit of alice's card.
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(a.doc));
	const sv = Y.encodeStateVector(forged);
	addCard(forged, { id: 'c-mallory', text: '正当な内容', authorId: mallory.userId, authorName: 'm' });
	cardText(findCard(forged, 'c-alice')!).insert(2, '土日');
	const valid = Y.encodeStateAsUpdate(forged, sv);

	// 1. the roots renamed by the flipped bits
	const foreignRoots = replaceAscii(replaceAscii(valid, 'cards', 'kards'), 'meta', 'capd');
	await expectRefused(mallory, foreignRoots, 'root_outside_schema');

	// 2. structs under a garbage client id, depending on another client nobody has written with
	const ghost = new Y.Doc();
	ghost.clientID = 0x5eed_0001;
	Y.applyUpdate(ghost, Y.encodeStateAsUpdate(forged));
	ghost.clientID = 0x5eed_0001;
	const ghostBefore = Y.encodeStateVector(ghost);
	cardText(findCard(ghost, 'c-mallory')!).insert(0, '幽霊');
	const pending = Y.encodeStateAsUpdate(ghost, ghostBefore); // needs mallory's card, which the server lacks
	await expectRefused(mallory, pending, 'missing_dependency');

	// 3. both in one update, as the attack sent it
	await expectRefused(mallory, Y.mergeUpdates([foreignRoots, pending]), 'root_outside_schema');

	await h.server.waitForLog((l) => l.event === 'collab.update_refused' && l.reason === 'missing_dependency');
	expect(await storedRows()).toEqual(before);
	// alice is untouched and still syncs
	expect(a.closes).toEqual([]);
	expect(listCards(a.doc).map((c) => c.text)).toEqual(['施設予約が紙と電話のみ']);

	// the stored document reloads without foreign roots or pending structs, also after a restart
	a.destroy();
	await h.server.kill('SIGTERM');
	await h.server.restart();
	const stored = await h.world.loadStored();
	expect([...stored.share.keys()].every((k) => BOARD_ROOT_NAMES.includes(k))).toBe(true);
	expect(stored.store.pendingStructs).toBeNull();
	expect(stored.store.pendingDs).toBeNull();
	expect(listCards(stored).map((c) => c.id)).toEqual(['c-alice']);
	const fresh = await h.connect({ cookie: mallory.cookie });
	expect(listCards(fresh.doc).map((c) => c.text)).toEqual(['施設予約が紙と電話のみ']);
});

it("refuses content written under another user's client id, and records who wrote what", async () => {
	const before = await storedRows();
	expect(before.every((r) => r.user_id === alice.userId)).toBe(true);
	const binding = await h.world.db
		.selectFrom('document_client')
		.select(['client_id', 'user_id'])
		.where('document_id', '=', h.world.documentId)
		.execute();
	expect(binding).toEqual([{ client_id: a.doc.clientID, user_id: alice.userId }]);

	// Mallory's copy continues alice's clocks under alice's client id: a card "by alice"
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(a.doc));
	forged.clientID = a.doc.clientID;
	const sv = Y.encodeStateVector(forged);
	addCard(forged, { id: 'c-fake', text: 'アリスが書いたことにする', authorId: alice.userId, authorName: 'alice' });
	await expectRefused(mallory, Y.encodeStateAsUpdate(forged, sv), 'client_of_another_user');
	// also as a sync step 2 (no recovery window is open)
	const raw = await h.raw({ cookie: mallory.cookie });
	raw.send(new Uint8Array([0, 1, ...encodeSyncUpdate(Y.encodeStateAsUpdate(forged, sv)).slice(2)]));
	expect((await raw.closed).reason).toBe('refused_update:client_of_another_user');

	expect(await storedRows()).toEqual(before);
	expect(listCards(a.doc).map((c) => c.id)).toEqual(['c-alice']);

	// Mallory's own edits are accepted and recorded as hers
	const m = await h.connect({ cookie: mallory.cookie });
	addCard(m.doc, { id: 'c-mallory', text: '自分のカード', authorId: mallory.userId, authorName: 'm' });
	await waitFor(() => listCards(a.doc).some((c) => c.id === 'c-mallory'), { what: "mallory's card at alice" });
	const after = await storedRows();
	expect(after.slice(before.length).map((r) => r.user_id)).toEqual([mallory.userId]);
});
