import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, BOARD_ROOT_NAMES, cardText, findCard } from '../../collab/schema';
import { STRATEGY_ROOT_NAMES, initialStrategyUpdate } from '../../collab/strategy';
import { UpdateGuard } from './update-guard';

function clientDoc(clientID: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	return doc;
}

/** Every update `doc` produces from now on. */
function record(doc: Y.Doc): Uint8Array[] {
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	return updates;
}

const card = (doc: Y.Doc, id: string, text = id) => addCard(doc, { id, text, authorId: 'u', authorName: 'n' });

/** Replaces every occurrence of the ASCII `from` in `bytes` by `to` (same length). */
function replaceAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
	const out = new Uint8Array(bytes);
	const a = new TextEncoder().encode(from);
	const b = new TextEncoder().encode(to);
	let replaced = 0;
	for (let i = 0; i + a.length <= out.length; i++) {
		if (a.every((byte, k) => out[i + k] === byte)) {
			out.set(b, i);
			replaced += 1;
		}
	}
	expect(replaced).toBeGreaterThan(0);
	return out;
}

describe('UpdateGuard', () => {
	it('accepts an edit of the schema and names the client ids it writes under', () => {
		const server = new Y.Doc();
		const a = clientDoc(101);
		card(a, 'c1');
		expect(new UpdateGuard(server, BOARD_ROOT_NAMES).check(Y.encodeStateAsUpdate(a))).toEqual({
			ok: true,
			writtenClients: [101]
		});
	});

	it('refuses roots outside the schema, like the bit-flipped `kards` of the attack', () => {
		const a = clientDoc(101);
		card(a, 'c1');
		const flipped = replaceAscii(Y.encodeStateAsUpdate(a), 'cards', 'kards');
		const result = new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(flipped);
		expect(result).toMatchObject({ ok: false, reason: 'root_outside_schema', detail: '"kards"' });
	});

	it('takes the roots of the document kind: a board root is foreign to the strategy draft', () => {
		const strategy = new UpdateGuard(new Y.Doc(), STRATEGY_ROOT_NAMES);
		expect(strategy.check(initialStrategyUpdate())).toMatchObject({ ok: true });
		const a = clientDoc(101);
		card(a, 'c1');
		expect(strategy.check(Y.encodeStateAsUpdate(a))).toMatchObject({ ok: false, reason: 'root_outside_schema' });
		expect(new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(initialStrategyUpdate())).toMatchObject({
			ok: false,
			reason: 'root_outside_schema'
		});
	});

	it('refuses structs that depend on a client nobody has written with (they would stay pending)', () => {
		const a = clientDoc(101);
		card(a, 'c1', 'あいう');
		const b = clientDoc(202);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const fromB = record(b);
		cardText(findCard(b, 'c1')!).insert(1, '追加');
		const server = new Y.Doc();
		const result = new UpdateGuard(server, BOARD_ROOT_NAMES).check(fromB[0]!);
		expect(result).toMatchObject({ ok: false, reason: 'missing_dependency' });
		// and Yjs would indeed have kept it pending
		Y.applyUpdate(server, fromB[0]!);
		expect(server.store.pendingStructs).not.toBeNull();
	});

	it('refuses a later change of a client whose earlier one the document lacks (a gap)', () => {
		const a = clientDoc(101);
		const updates = record(a);
		card(a, 'c1');
		card(a, 'c2');
		const result = new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(updates[1]!);
		expect(result).toMatchObject({ ok: false, reason: 'missing_dependency' });
	});

	it('refuses deletions of structs the document does not have (a pending delete set)', () => {
		const a = clientDoc(101);
		card(a, 'c1');
		const b = clientDoc(202);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const fromB = record(b);
		boardCards(b).delete('c1');
		const result = new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(fromB[0]!);
		expect(result).toMatchObject({ ok: false, reason: 'pending_delete' });
		// the same deletion is fine once the document holds the card
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
		expect(new UpdateGuard(server, BOARD_ROOT_NAMES).check(fromB[0]!)).toEqual({ ok: true, writtenClients: [] });
	});

	it('accepts dependencies between clients within one update, in any order of client ids', () => {
		// 900 writes first, 100 builds on it, 900 builds on that: both directions in one update
		const high = clientDoc(900);
		const low = clientDoc(100);
		card(high, 'c1', 'a');
		Y.applyUpdate(low, Y.encodeStateAsUpdate(high));
		cardText(findCard(low, 'c1')!).insert(1, 'b');
		Y.applyUpdate(high, Y.encodeStateAsUpdate(low));
		cardText(findCard(high, 'c1')!).insert(2, 'c');
		Y.applyUpdate(low, Y.encodeStateAsUpdate(high));
		const result = new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(Y.encodeStateAsUpdate(low));
		expect(result.ok).toBe(true);
		expect(result.ok && [...result.writtenClients].sort((x, y) => x - y)).toEqual([100, 900]);
	});

	it('accepts a resend of what the document already has, writing under nobody', () => {
		const a = clientDoc(101);
		card(a, 'c1');
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
		expect(new UpdateGuard(server, BOARD_ROOT_NAMES).check(Y.encodeStateAsUpdate(a))).toEqual({
			ok: true,
			writtenClients: []
		});
	});

	it('refuses subdocuments and client ids Yjs never generates', () => {
		const a = clientDoc(101);
		boardCards(a).set('c1', new Y.Doc() as unknown as Y.Map<unknown>);
		expect(new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(Y.encodeStateAsUpdate(a))).toMatchObject({
			ok: false,
			reason: 'subdocument'
		});
		const forged = clientDoc(2 ** 40);
		card(forged, 'c1');
		expect(new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES).check(Y.encodeStateAsUpdate(forged))).toMatchObject({
			ok: false,
			reason: 'client_id_out_of_range'
		});
	});

	it('refuses bytes that are not an update, without throwing', () => {
		const guard = new UpdateGuard(new Y.Doc(), BOARD_ROOT_NAMES);
		expect(guard.check(new Uint8Array([1, 1, 200, 1, 0]))).toMatchObject({ ok: false, reason: 'unreadable' });
	});

	it('never lets through an update that Yjs would leave pending or throw on (bit flips of a real edit)', () => {
		const a = clientDoc(101);
		card(a, 'c1', '施設予約が紙と電話のみ');
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
		const b = clientDoc(202);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const fromB = record(b);
		cardText(findCard(b, 'c1')!).insert(3, '土日');
		card(b, 'c2', '窓口');
		const valid = Y.mergeUpdates(fromB);
		const base = Y.encodeStateAsUpdate(server);
		let accepted = 0;
		// one bit of every byte, a different one each time (all 8 × length flips pass too, slowly)
		for (let at = 0; at < valid.length; at++) {
			const bit = at * 8 + (at % 8);
			const flipped = new Uint8Array(valid);
			flipped[at]! ^= 1 << (bit & 7);
			const scratch = new Y.Doc();
			Y.applyUpdate(scratch, base);
			if (!new UpdateGuard(scratch, BOARD_ROOT_NAMES).check(flipped).ok) continue;
			accepted += 1;
			expect(() => Y.applyUpdate(scratch, flipped), `bit ${bit}`).not.toThrow();
			expect(scratch.store.pendingStructs, `bit ${bit}`).toBeNull();
			expect(scratch.store.pendingDs, `bit ${bit}`).toBeNull();
			expect([...scratch.share.keys()].every((k) => BOARD_ROOT_NAMES.includes(k)), `bit ${bit}`).toBe(true);
		}
		// flips of the text itself stay valid updates: the check is not simply refusing everything
		expect(accepted).toBeGreaterThan(0);
	}, 30_000);
});

describe('UpdateGuard and documents stored before the check', () => {
	it('passes over structs and deletions the document already holds pending, so polluted browsers still sync', () => {
		// the garbage of the attack: an edit that depends on a client nobody has written with
		const ghost = clientDoc(666);
		card(ghost, 'ghost', 'あ');
		const dependent = clientDoc(667);
		Y.applyUpdate(dependent, Y.encodeStateAsUpdate(ghost));
		const garbage = record(dependent);
		cardText(findCard(dependent, 'ghost')!).insert(1, 'い');
		boardCards(dependent).delete('ghost');
		const [insert, removal] = garbage;

		// stored and loaded before the check existed: the server holds it pending
		const server = new Y.Doc();
		const a = clientDoc(101);
		card(a, 'c1');
		Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(server, insert!);
		Y.applyUpdate(server, removal!);
		expect(server.store.pendingStructs).not.toBeNull();
		expect(server.store.pendingDs).not.toBeNull();

		// a browser that loaded it holds the same pending structs and resends them in its step 2
		const browser = clientDoc(202);
		Y.applyUpdate(browser, Y.encodeStateAsUpdate(server));
		card(browser, 'c2');
		const step2 = Y.encodeStateAsUpdate(browser, Y.encodeStateVector(server));
		const guard = new UpdateGuard(server, BOARD_ROOT_NAMES);
		expect(guard.check(step2)).toEqual({ ok: true, writtenClients: [202] });
		// new content depending on the garbage is still refused
		const more = record(dependent);
		card(dependent, 'ghost2');
		expect(guard.check(more[0]!)).toMatchObject({ ok: false, reason: 'missing_dependency' });
	});
});
