/**
 * 10,000+ hostile frames against the built server: random bytes, truncated sync messages,
 * bit-flipped copies of real updates (resends of the bystander's edits, and continuations of his
 * clocks written by the attacker) and text frames, over several connections at once (each
 * refusal closes its socket, so the next frame goes out on a new one). Afterwards the process is
 * up, the bystander's document is byte-identical, the stored update rows are exactly those from
 * before, and the stored document reloads after a restart.
 *
 * Every frame is known to be processed: after it, the lane asks for presence (queryAwareness)
 * and waits for either the answer (the frame was taken, changing nothing) or the close.
 *
 * Cost: about 7 ms of CPU per frame (the server ≈ 4 ms, this process ≈ 3 ms), nearly all of it
 * the websocket opened again after each refusal; so about 35 s on an idle 2-core machine, and
 * 70–150 s when it is shared with several builds (load average 20–26). Hence the long timeout.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collabPath } from '../../src/lib/collab/close-codes';
import { addCard, cardText, findCard, listCards } from '../../src/lib/collab/schema';
import { decodeMessage, encodeSyncUpdate, ProtocolError } from '../../src/lib/server/collab/protocol';
import { CollabHarness, fetchHealth, sleep, type BoardClient, type Member } from '../helpers/collab-client';
import { prng } from '../../bench/lib/board-fixture';

const FRAMES = { random: 2_600, truncated: 2_000, flipped: 4_400, text: 1_000 };
const LANES = 10;
const QUERY_AWARENESS = new Uint8Array([3]);

let h: CollabHarness;
let bob: Member;
let mallory: Member;
let bystander: BoardClient;

beforeAll(async () => {
	h = await CollabHarness.start({
		LOG_LEVEL: 'info',
		COMPACT_EVERY_UPDATES: '100000',
		COMPACT_MAX_WAIT_MS: '3600000'
	});
	bob = await h.world.member('member');
	mallory = await h.world.member('member');
});

afterAll(async () => {
	await h?.stop();
});

async function storedRows(): Promise<string[]> {
	const rows = await h.world.db
		.selectFrom('document_update')
		.select(['seq', 'data', 'user_id'])
		.where('document_id', '=', h.world.documentId)
		.orderBy('seq')
		.execute();
	return rows.map((r) => `${r.seq}:${r.user_id}:${Buffer.from(r.data).toString('hex')}`);
}

type Frame = Uint8Array | string;

function frames(bobUpdates: Uint8Array[], bobDoc: Y.Doc): Frame[] {
	const random = prng(20261202);
	const int = (n: number) => Math.floor(random() * n);
	const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
	const flip = (source: Uint8Array) => {
		const out = new Uint8Array(source);
		for (let k = 1 + int(3); k > 0; k--) out[int(out.length)]! ^= 1 << int(8);
		return out;
	};
	// The attacker's copy continues bob's clocks under bob's client id (content "by bob").
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(bobDoc));
	forged.clientID = bobDoc.clientID;
	const sv = Y.encodeStateVector(forged);
	addCard(forged, { id: 'forged', text: '偽のカード', authorId: bob.userId, authorName: 'bob' });
	cardText(findCard(forged, 'c1')!).insert(0, '改ざん');
	const continuation = Y.encodeStateAsUpdate(forged, sv);
	// Resends of bob's later edits (not the first: its clocks start at 0 and a flipped client id
	// would be a new, well-formed client of the attacker's own).
	const bases = [...bobUpdates.slice(1), continuation];

	const out: Frame[] = [];
	for (let i = 0; i < FRAMES.random; i++) {
		const frame = bytes(1 + int(64));
		try {
			decodeMessage(frame);
			continue; // by chance a well-formed message (a presence query, a state vector): not hostile
		} catch (error) {
			if (!(error instanceof ProtocolError)) throw error;
		}
		out.push(frame);
	}
	for (let i = 0; i < FRAMES.truncated; i++) {
		const message = encodeSyncUpdate(bases[int(bases.length)]!);
		out.push(message.slice(0, 1 + int(message.length - 1)));
	}
	for (let i = 0; i < FRAMES.flipped; i++) {
		const update = flip(bases[int(bases.length)]!);
		out.push(random() < 0.5 ? encodeSyncUpdate(update) : new Uint8Array([0, 1, ...encodeSyncUpdate(update).slice(2)]));
	}
	for (let i = 0; i < FRAMES.text; i++) {
		out.push(String.fromCharCode(...Array.from({ length: 1 + int(40) }, () => 32 + int(95))));
	}
	// shuffle, so every lane meets every kind
	for (let i = out.length - 1; i > 0; i--) {
		const j = int(i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

interface LaneResult {
	processed: number;
	closes: Map<number, number>;
	taken: number;
}

function openSocket(): Promise<WebSocket> {
	const ws = new WebSocket(h.server.wsUrl + collabPath(h.world.documentId), {
		headers: { origin: h.server.url, cookie: mallory.cookie }
	});
	return new Promise((resolve, reject) => {
		// the server's greeting is its step1 (no presence: the bystander has none)
		ws.once('message', () => resolve(ws));
		ws.once('error', reject);
	});
}

/** Sends one frame and a presence query; resolves with the close code, or null if it stayed open. */
function sendOne(ws: WebSocket, frame: Frame): Promise<number | null> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
		const done = (value: number | null) => {
			clearTimeout(timer);
			ws.off('message', onMessage);
			ws.off('close', onClose);
			resolve(value);
		};
		const onMessage = (data: Buffer) => {
			if (data[0] === 1) done(null); // the presence answer
			else if (data[0] === 0 && data[1] === 2) reject(new Error('a hostile frame was relayed as an update'));
		};
		const onClose = (code: number) => done(code);
		ws.on('message', onMessage);
		ws.on('close', onClose);
		ws.send(frame, { binary: typeof frame !== 'string' });
		if (ws.readyState === ws.OPEN) ws.send(QUERY_AWARENESS);
	});
}

async function lane(work: Frame[]): Promise<LaneResult> {
	const result: LaneResult = { processed: 0, closes: new Map(), taken: 0 };
	let ws: WebSocket | null = null;
	for (const frame of work) {
		ws ??= await openSocket();
		const code = await sendOne(ws, frame);
		result.processed += 1;
		if (code === null) {
			result.taken += 1;
		} else {
			result.closes.set(code, (result.closes.get(code) ?? 0) + 1);
			ws = null;
		}
	}
	ws?.close();
	return result;
}

it('survives 10,000 hostile frames: server up, bystander byte-identical, nothing stored, document reloads', async () => {
	bystander = await h.connect({ cookie: bob.cookie });
	bystander.awareness.setLocalState(null);
	const bobUpdates: Uint8Array[] = [];
	bystander.doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== bystander.provider) bobUpdates.push(u);
	});
	addCard(bystander.doc, { id: 'c1', text: '施設予約が紙と電話のみ', authorId: bob.userId, authorName: 'bob' });
	addCard(bystander.doc, { id: 'c2', text: '転入手続きで窓口を回る', authorId: bob.userId, authorName: 'bob' });
	cardText(findCard(bystander.doc, 'c1')!).insert(4, '（土日）');
	for (let i = 0; i < 500 && (await h.world.countStoredUpdates()) < bobUpdates.length; i++) await sleep(20);
	await sleep(300);
	const rowsBefore = await storedRows();
	expect(rowsBefore).toHaveLength(3);
	const stateBefore = Y.encodeStateAsUpdate(bystander.doc);

	const all = frames(bobUpdates, bystander.doc);
	expect(all.length).toBeGreaterThanOrEqual(10_000);
	const started = performance.now();
	const results = await Promise.all(
		Array.from({ length: LANES }, (_, i) => lane(all.filter((_, k) => k % LANES === i)))
	);
	const seconds = (performance.now() - started) / 1000;
	const processed = results.reduce((n, r) => n + r.processed, 0);
	const taken = results.reduce((n, r) => n + r.taken, 0);
	const closes = new Map<number, number>();
	for (const r of results) for (const [code, n] of r.closes) closes.set(code, (closes.get(code) ?? 0) + n);
	console.log(`fuzz: ${processed} frames in ${seconds.toFixed(1)} s; closes ${JSON.stringify([...closes])}; taken without change ${taken}`);

	expect(processed).toBe(all.length);
	// every refusal is a bad message (4400), or ws's own for invalid UTF-8 text (1007)
	expect([...closes.keys()].every((code) => code === 4400 || code === 1007)).toBe(true);
	expect(h.server.process.exitCode).toBeNull();
	expect((await fetchHealth(h.server)).status).toBe(200);
	await sleep(300);
	expect(Buffer.from(Y.encodeStateAsUpdate(bystander.doc))).toEqual(Buffer.from(stateBefore));
	expect(bystander.closes).toEqual([]);
	expect(await storedRows()).toEqual(rowsBefore);

	bystander.destroy();
	await h.server.kill('SIGTERM');
	await h.server.restart();
	const reloaded = await h.world.loadStored();
	expect(reloaded.store.pendingStructs).toBeNull();
	expect(listCards(reloaded).map((c) => c.text).sort()).toEqual(['施設予約（土日）が紙と電話のみ', '転入手続きで窓口を回る']);
	const again = await h.connect({ cookie: bob.cookie });
	const before = new Y.Doc();
	Y.applyUpdate(before, stateBefore);
	expect(Y.encodeStateVector(again.doc)).toEqual(Y.encodeStateVector(before));
	expect(listCards(again.doc)).toEqual(listCards(before));
}, 420_000);
