import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../collab/close-codes';
import { addCard, boardMeta, BOARD_ROOT_NAMES, isBoardLocked, listCards, setBoardLocked } from '../../collab/schema';
import type { Role } from '../db/types';
import type { CollabIdentity } from './identity';
import type { CompactionResult, LogEntry, UpdateAuthor, UpdateLog } from './persistence';
import { decodeMessage, type AwarenessEntry, type CollabMessage } from './protocol';
import { GroupCommit } from './group-commit';
import { Room, type Peer, type RoomOptions } from './room';
import { TurnPacer } from './turn-pacer';

class FakePeer implements Peer {
	readonly received: CollabMessage[] = [];
	closed: { code: number; reason: string } | null = null;
	edits = 0;
	constructor(
		readonly identity: CollabIdentity,
		private readonly events: string[]
	) {}
	send(message: Uint8Array): void {
		this.events.push(`send:${this.identity.userId}`);
		this.received.push(decodeMessage(message));
	}
	close(code: number, reason: string): void {
		this.closed = { code, reason };
	}
	noteEdit(): void {
		this.edits += 1;
	}
	of<T extends CollabMessage['type']>(type: T): Extract<CollabMessage, { type: T }>[] {
		return this.received.filter((m): m is Extract<CollabMessage, { type: T }> => m.type === type);
	}
}

class FakeLog implements UpdateLog {
	readonly appended: Uint8Array[] = [];
	compactions = 0;
	failAppends = false;
	constructor(private readonly events: string[]) {}
	append(_documentId: string, update: Uint8Array): void {
		if (this.failAppends) throw new Error('disk full');
		this.events.push('append');
		this.appended.push(update);
	}
	readonly authors: Array<UpdateAuthor | null> = [];
	appendAll(entries: readonly LogEntry[]): void {
		if (this.failAppends) throw new Error('disk full');
		for (const e of entries) {
			this.append(e.documentId, e.update);
			this.authors.push(e.author ?? null);
		}
	}
	readonly snapshots: Uint8Array[] = [];
	readonly folds: Uint8Array[] = [];
	compact(_documentId: string, snapshot: Uint8Array): CompactionResult {
		this.compactions += 1;
		this.snapshots.push(snapshot);
		return { lastSeq: this.appended.length, bytes: snapshot.byteLength, removedUpdates: 0 };
	}
	fold(_documentId: string, delta: Uint8Array): CompactionResult {
		this.folds.push(delta);
		return { lastSeq: this.appended.length, bytes: delta.byteLength, removedUpdates: 0 };
	}
}

let events: string[];
let log: FakeLog;
let rooms: Room[];

function identity(userId: string, role: Role = 'member'): CollabIdentity {
	return {
		userId,
		displayName: `名前-${userId}`,
		department: '総務課 企画係',
		sessionId: `session-${userId}`,
		workspaceId: 'ws1',
		documentKind: 'board',
		role,
		canWrite: role !== 'observer'
	};
}

function makeRoom(options: Partial<RoomOptions> = {}): Room {
	const room = new Room({
		documentId: 'doc1',
		doc: new Y.Doc(),
		log,
		rootNames: BOARD_ROOT_NAMES,
		compactEveryUpdates: 100,
		compactMaxWaitMs: 10_000,
		idleUnloadMs: 30_000,
		...options
	});
	rooms.push(room);
	return room;
}

function join(room: Room, userId: string, role: Role = 'member'): FakePeer {
	const peer = new FakePeer(identity(userId, role), events);
	room.join(peer);
	return peer;
}

/** An update that adds one card, as a client would produce it. */
function cardUpdate(id: string, text = id): Uint8Array {
	const doc = new Y.Doc();
	addCard(doc, { id, text, authorId: 'x', authorName: 'x' });
	return Y.encodeStateAsUpdate(doc);
}

function awareness(clientId: number, clock: number, state: AwarenessEntry['state']): CollabMessage {
	return { type: 'awareness', entries: [{ clientId, clock, state }] };
}

beforeEach(() => {
	vi.stubEnv('LOG_LEVEL', 'silent');
	events = [];
	log = new FakeLog(events);
	rooms = [];
});

afterEach(() => {
	for (const room of rooms) room.unload();
	vi.useRealTimers();
	vi.unstubAllEnvs();
});

describe('Room sync', () => {
	it('greets a new peer with its step1', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		expect(a.received).toEqual([{ type: 'sync-step1', stateVector: Y.encodeStateVector(room.doc) }]);
	});

	it('answers a step1 with the missing state as step2', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		room.receive(a, { type: 'sync-update', update: cardUpdate('c1', '既存') });
		const b = join(room, 'b');
		room.receive(b, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		const [step2] = b.of('sync-step2');
		const replica = new Y.Doc();
		Y.applyUpdate(replica, step2!.update);
		expect(listCards(replica).map((c) => c.text)).toEqual(['既存']);
	});

	it('stores an update before relaying it, and echoes it to its author', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		events.length = 0;
		room.receive(a, { type: 'sync-update', update: cardUpdate('c1') });
		expect(events).toEqual(['append', 'send:a', 'send:b']);
		expect(a.of('sync-update')).toHaveLength(1);
		expect(b.of('sync-update')[0]!.update).toEqual(log.appended[0]);
		expect(a.edits).toBe(1);
		expect(b.edits).toBe(0);
		expect(listCards(room.doc).map((c) => c.id)).toEqual(['c1']);
	});

	it('relays nothing for an update the document already has', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const update = cardUpdate('c1');
		room.receive(a, { type: 'sync-update', update });
		room.receive(a, { type: 'sync-update', update });
		expect(log.appended).toHaveLength(1);
		expect(a.of('sync-update')).toHaveLength(1);
	});

	it('discards updates from an observer, who still receives everyone else’s', () => {
		const room = makeRoom();
		const observer = join(room, 'o', 'observer');
		const member = join(room, 'm');
		room.receive(observer, { type: 'sync-step2', update: cardUpdate('from-observer') });
		room.receive(observer, { type: 'sync-update', update: cardUpdate('from-observer-2') });
		expect(log.appended).toHaveLength(0);
		expect(member.of('sync-update')).toHaveLength(0);
		expect(listCards(room.doc)).toEqual([]);
		room.receive(member, { type: 'sync-update', update: cardUpdate('from-member') });
		expect(observer.of('sync-update')).toHaveLength(1);
		expect(observer.closed).toBeNull();
	});

	it('on a locked board accepts updates only from facilitators and admins', () => {
		const room = makeRoom();
		const member = join(room, 'm');
		const facilitator = join(room, 'f', 'facilitator');
		const lock = new Y.Doc();
		setBoardLocked(lock, true);
		room.receive(facilitator, { type: 'sync-update', update: Y.encodeStateAsUpdate(lock) });
		expect(room.mayWrite(member)).toBe(false);
		room.receive(member, { type: 'sync-update', update: cardUpdate('blocked') });
		room.receive(facilitator, { type: 'sync-update', update: cardUpdate('allowed') });
		expect(listCards(room.doc).map((c) => c.id)).toEqual(['allowed']);
		const admin = join(room, 'admin', 'admin');
		expect(room.mayWrite(admin)).toBe(true);
	});

	it("puts back a member's change to a board's facilitation keys in the same commit and keeps the card", () => {
		const room = makeRoom({ facilitatorOnly: boardMeta, commits: new GroupCommit(log) });
		const member = join(room, 'm');
		const other = join(room, 'o');
		const forged = new Y.Doc();
		setBoardLocked(forged, true);
		addCard(forged, { id: 'mine', text: 'mine', authorId: 'm', authorName: 'm' });
		room.receive(member, { type: 'sync-update', update: Y.encodeStateAsUpdate(forged) });
		expect(isBoardLocked(room.doc)).toBe(false);
		expect(listCards(room.doc).map((c) => c.id)).toEqual(['mine']);
		room.receive(other, { type: 'sync-step1', stateVector: new Uint8Array([0]) }); // flushes the commit
		const relayed = other.of('sync-update');
		expect(relayed).toHaveLength(1);
		const seen = new Y.Doc();
		Y.applyUpdate(seen, relayed[0]!.update);
		expect(isBoardLocked(seen)).toBe(false);
		expect(listCards(seen).map((c) => c.id)).toEqual(['mine']);

		const facilitator = join(room, 'f', 'facilitator');
		const lock = new Y.Doc();
		Y.applyUpdate(lock, Y.encodeStateAsUpdate(room.doc));
		setBoardLocked(lock, true);
		room.receive(facilitator, { type: 'sync-update', update: Y.encodeStateAsUpdate(lock, Y.encodeStateVector(room.doc)) });
		expect(isBoardLocked(room.doc)).toBe(true);
	});

	it('keeps a member able to edit after unlock although an edit was discarded while locked', () => {
		const room = makeRoom();
		const member = join(room, 'm');
		const facilitator = join(room, 'f', 'facilitator');
		const admin = new Y.Doc();
		setBoardLocked(admin, true);
		room.receive(facilitator, { type: 'sync-update', update: Y.encodeStateAsUpdate(admin) });

		const replica = new Y.Doc();
		const produced: Uint8Array[] = [];
		replica.on('update', (u: Uint8Array) => produced.push(u));
		addCard(replica, { id: 'during-lock', text: 'x', authorId: 'm', authorName: 'm' });
		room.receive(member, { type: 'sync-update', update: produced[0]! });
		expect(listCards(room.doc)).toEqual([]);

		const unlock = new Y.Doc();
		Y.applyUpdate(unlock, Y.encodeStateAsUpdate(admin));
		setBoardLocked(unlock, false);
		room.receive(facilitator, { type: 'sync-update', update: Y.encodeStateAsUpdate(unlock, Y.encodeStateVector(admin)) });
		addCard(replica, { id: 'after-unlock', text: 'y', authorId: 'm', authorName: 'm' });
		room.receive(member, { type: 'sync-update', update: produced[1]! });
		expect(listCards(room.doc).map((c) => c.id)).toEqual(['after-unlock']);
		expect(member.edits).toBe(1);
	});

	it('gives an observer no placeholder: its clock ranges stay unknown', () => {
		const room = makeRoom();
		const observer = join(room, 'o', 'observer');
		const replica = new Y.Doc();
		addCard(replica, { id: 'o', text: 'x', authorId: 'o', authorName: 'o' });
		room.receive(observer, { type: 'sync-update', update: Y.encodeStateAsUpdate(replica) });
		expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
		expect(log.appended).toHaveLength(0);
	});

	it('closes only the sender of an update Yjs cannot read', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		room.receive(a, { type: 'sync-update', update: new Uint8Array([1, 1, 200, 1, 0]) });
		expect(a.closed?.code).toBe(CloseCode.BadMessage);
		expect(b.closed).toBeNull();
		room.receive(b, { type: 'sync-update', update: cardUpdate('ok') });
		expect(b.of('sync-update')).toHaveLength(1);
	});
});

describe('Room update checks', () => {
	const copies = new Map<number, Y.Doc>();
	/**
	 * The next card written by the document copy with the given Yjs client id (one copy per id,
	 * so successive cards continue its clocks, as a browser's do).
	 */
	function cardFrom(clientID: number, id: string): Uint8Array {
		let doc = copies.get(clientID);
		if (!doc) {
			copies.set(clientID, (doc = new Y.Doc()));
			doc.clientID = clientID;
		}
		const before = Y.encodeStateVector(doc);
		addCard(doc, { id, text: id, authorId: 'x', authorName: 'x' });
		return Y.encodeStateAsUpdate(doc, before);
	}
	beforeEach(() => copies.clear());

	it('refuses an update creating a root outside the schema: 4400, nothing applied, stored or relayed', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		const forged = new Y.Doc();
		forged.getMap('kards').set('x', 1);
		room.receive(a, { type: 'sync-update', update: Y.encodeStateAsUpdate(forged) });
		expect(a.closed).toEqual({ code: CloseCode.BadMessage, reason: 'refused_update:root_outside_schema' });
		expect(log.appended).toHaveLength(0);
		expect(b.of('sync-update')).toHaveLength(0);
		expect([...room.doc.share.keys()]).not.toContain('kards');
		expect(b.closed).toBeNull();
	});

	it('refuses an update that would stay pending, leaving the document without pending structs', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		cardFrom(7, 'c1');
		const second = cardFrom(7, 'c2');
		room.receive(a, { type: 'sync-update', update: second });
		expect(a.closed?.reason).toBe('refused_update:missing_dependency');
		expect(room.doc.store.pendingStructs).toBeNull();
		expect(log.appended).toHaveLength(0);
	});

	it("binds a client id to the user who first writes with it, and refuses another user's writes under it", () => {
		const room = makeRoom();
		const alice = join(room, 'alice');
		const bob = join(room, 'bob');
		room.receive(alice, { type: 'sync-update', update: cardFrom(7, 'c1') });
		expect(log.authors).toEqual([{ userId: 'alice', restored: false, newClients: [7] }]);
		// bob's copy writes under alice's client id, continuing her clocks
		const forged = cardFrom(7, 'forged');
		room.receive(bob, { type: 'sync-update', update: forged });
		expect(bob.closed).toEqual({ code: CloseCode.BadMessage, reason: 'refused_update:client_of_another_user' });
		expect(listCards(room.doc).map((c) => c.id)).toEqual(['c1']);
		expect(log.appended).toHaveLength(1);
		// alice carries on under her client id (the same clocks, her own content); bob under his own
		const aliceCopy = new Y.Doc();
		aliceCopy.clientID = 7;
		Y.applyUpdate(aliceCopy, Y.encodeStateAsUpdate(room.doc));
		aliceCopy.clientID = 7;
		const before = Y.encodeStateVector(aliceCopy);
		addCard(aliceCopy, { id: 'c2', text: 'c2', authorId: 'x', authorName: 'x' });
		room.receive(alice, { type: 'sync-update', update: Y.encodeStateAsUpdate(aliceCopy, before) });
		const bob2 = join(room, 'bob');
		room.receive(bob2, { type: 'sync-update', update: cardFrom(8, 'c3') });
		expect(listCards(room.doc).map((c) => c.id).sort()).toEqual(['c1', 'c2', 'c3']);
		expect(log.authors.slice(1)).toEqual([
			{ userId: 'alice', restored: false, newClients: [] },
			{ userId: 'bob', restored: false, newClients: [8] }
		]);
	});

	it('honours bindings loaded with the document', () => {
		const room = makeRoom({ clients: [[7, { userId: 'alice', since: 1, restored: false }]] });
		const bob = join(room, 'bob');
		room.receive(bob, { type: 'sync-step2', update: cardFrom(7, 'c1') });
		expect(bob.closed?.reason).toBe('refused_update:client_of_another_user');
		expect(log.appended).toHaveLength(0);
	});

	it("accepts another user's lost edits in a sync step 2 during a recovery window, as restored by the sender", () => {
		const room = makeRoom({
			clients: [[7, { userId: 'alice', since: 1, restored: false }]],
			recovery: () => ({ since: 10 })
		});
		const bob = join(room, 'bob');
		room.receive(bob, { type: 'sync-step2', update: cardFrom(7, 'lost') });
		expect(bob.closed).toBeNull();
		expect(listCards(room.doc).map((c) => c.id)).toEqual(['lost']);
		expect(log.authors).toEqual([{ userId: 'bob', restored: true, newClients: [] }]);
	});

	it('does not check the updates of observers, which are discarded anyway', () => {
		const room = makeRoom();
		const observer = join(room, 'o', 'observer');
		const forged = new Y.Doc();
		forged.getMap('kards').set('x', 1);
		room.receive(observer, { type: 'sync-update', update: Y.encodeStateAsUpdate(forged) });
		expect(observer.closed).toBeNull();
		expect(log.appended).toHaveLength(0);
	});
});

describe('Room join storm', () => {
	it('encodes the document once for a storm of joiners and sends them all the same buffer', () => {
		const room = makeRoom();
		const author = join(room, 'author');
		for (let i = 0; i < 30; i++) room.receive(author, { type: 'sync-update', update: cardUpdate(`c${i}`) });
		const sent: Uint8Array[] = [];
		const joiners = Array.from({ length: 50 }, (_, i) => {
			const peer = join(room, `j${i}`);
			const send = peer.send.bind(peer);
			peer.send = (message) => {
				sent.push(message);
				send(message);
			};
			return peer;
		});
		const encodingsBefore = room.stateEncodings;
		for (const peer of joiners) room.receive(peer, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		expect(room.stateEncodings - encodingsBefore).toBe(1);
		expect(new Set(sent).size).toBe(1);
		for (const peer of joiners) {
			const replica = new Y.Doc();
			Y.applyUpdate(replica, peer.of('sync-step2')[0]!.update);
			expect(listCards(replica)).toEqual(listCards(room.doc));
		}
	});

	it('encodes again after any update, and the next joiner gets the update', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		room.receive(b, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		room.receive(a, { type: 'sync-update', update: cardUpdate('late') });
		const c = join(room, 'c');
		room.receive(c, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		const replica = new Y.Doc();
		Y.applyUpdate(replica, c.of('sync-step2')[0]!.update);
		expect(listCards(replica).map((card) => card.id)).toEqual(['late']);
		expect(room.stateEncodings).toBe(2);
	});
});

describe('Room group commit', () => {
	it('stores the updates of one turn together, then relays them as one message', async () => {
		const commits = new GroupCommit(log);
		const room = makeRoom({ commits });
		const a = join(room, 'a');
		const b = join(room, 'b');
		events.length = 0;
		room.receive(a, { type: 'sync-update', update: cardUpdate('c1') });
		room.receive(b, { type: 'sync-update', update: cardUpdate('c2') });
		expect(events).toEqual([]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(events).toEqual(['append', 'append', 'send:a', 'send:b']);
		const replica = new Y.Doc();
		Y.applyUpdate(replica, b.of('sync-update')[0]!.update);
		expect(listCards(replica).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
		expect(a.edits).toBe(1);
		expect(b.edits).toBe(1);
	});

	it('commits what is pending before a joiner gets the document', () => {
		const commits = new GroupCommit(log);
		const room = makeRoom({ commits });
		const a = join(room, 'a');
		room.receive(a, { type: 'sync-update', update: cardUpdate('c1') });
		expect(log.appended).toHaveLength(0);
		const b = join(room, 'b');
		room.receive(b, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		expect(log.appended).toHaveLength(1);
		expect(events.indexOf('append')).toBeLessThan(events.indexOf('send:b'));
	});
});

describe('Room pacing', () => {
	it('sends a large sync answer in a later turn, through the pacer', async () => {
		const room = makeRoom({ pacer: new TurnPacer() });
		const a = join(room, 'a');
		const big = new Y.Doc();
		big.transact(() => {
			for (let i = 0; i < 800; i++) addCard(big, { id: `c${i}`, text: '施設予約が紙と電話のみ', authorId: 'x', authorName: 'x' });
		});
		room.receive(a, { type: 'sync-update', update: Y.encodeStateAsUpdate(big) });
		const b = join(room, 'b');
		room.receive(b, { type: 'sync-step1', stateVector: Y.encodeStateVector(new Y.Doc()) });
		expect(b.of('sync-step2')).toHaveLength(0);
		await new Promise((resolve) => setImmediate(resolve));
		expect(b.of('sync-step2')).toHaveLength(1);
		// a small answer goes at once
		const c = join(room, 'c');
		room.receive(c, { type: 'sync-step1', stateVector: Y.encodeStateVector(room.doc) });
		expect(c.of('sync-step2')).toHaveLength(1);
	});
});

describe('Room storage failure', () => {
	it('relays nothing, closes every connection with 1011 and unloads', () => {
		const onUnload = vi.fn();
		const room = makeRoom({ onUnload });
		const a = join(room, 'a');
		const b = join(room, 'b');
		log.failAppends = true;
		room.receive(a, { type: 'sync-update', update: cardUpdate('lost') });
		expect(a.of('sync-update')).toHaveLength(0);
		expect(b.of('sync-update')).toHaveLength(0);
		expect(a.closed?.code).toBe(1011);
		expect(b.closed?.code).toBe(1011);
		expect(room.isOpen).toBe(false);
		expect(onUnload).toHaveBeenCalledWith(room);
		expect(log.compactions).toBe(0);
	});
});

describe('Room awareness', () => {
	it('stamps the authenticated user over whatever the client claimed', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		room.receive(a, awareness(11, 1, { user: { id: 'b', name: '偽物' }, cursor: 'c1' }));
		const [seen] = b.of('awareness');
		expect(seen!.entries).toEqual([
			{
				clientId: 11,
				clock: 1,
				state: { user: { id: 'a', name: '名前-a', department: '総務課 企画係' }, cursor: 'c1' }
			}
		]);
	});

	it('does not echo awareness to its sender', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		join(room, 'b');
		room.receive(a, awareness(11, 1, { cursor: null }));
		room.receive(a, awareness(11, 2, { cursor: 'x' }));
		expect(a.of('awareness')).toHaveLength(0);
	});

	it('sends current presence to a newcomer and on query', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		room.receive(a, awareness(11, 1, { cursor: null }));
		const b = join(room, 'b');
		expect(b.of('awareness')[0]!.entries.map((e) => e.clientId)).toEqual([11]);
		room.receive(b, { type: 'query-awareness' });
		expect(b.of('awareness')).toHaveLength(2);
	});

	it('ignores a client speaking for another connection’s client id', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		room.receive(a, awareness(11, 1, { cursor: null }));
		room.receive(b, awareness(11, 5, null));
		room.receive(b, awareness(11, 6, { cursor: 'hijack' }));
		expect(room.awareness.getStates().get(11)).toMatchObject({ user: { id: 'a' } });
	});

	it('removes a leaving connection’s presence and tells the others', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		const b = join(room, 'b');
		room.receive(a, awareness(11, 1, { cursor: null }));
		room.leave(a);
		expect(room.awareness.getStates().has(11)).toBe(false);
		const last = b.of('awareness').at(-1)!;
		expect(last.entries).toEqual([{ clientId: 11, clock: 1, state: null }]);
	});

	it('lets an observer share presence', () => {
		const room = makeRoom();
		const observer = join(room, 'o', 'observer');
		const b = join(room, 'b');
		room.receive(observer, awareness(12, 1, { cursor: null }));
		expect(b.of('awareness')).toHaveLength(1);
	});
});

describe('Room awareness batches', () => {
	it('relays the presence changes of a window together, never back to their senders', () => {
		vi.useFakeTimers();
		const room = makeRoom({ awarenessBatchMs: 50 });
		const a = join(room, 'a');
		const b = join(room, 'b');
		const c = join(room, 'c');
		room.receive(a, awareness(11, 1, { cursor: 'x' }));
		room.receive(b, awareness(12, 1, { cursor: 'y' }));
		room.receive(a, awareness(11, 2, { cursor: 'z' }));
		expect(c.of('awareness')).toHaveLength(0);
		vi.advanceTimersByTime(50);
		expect(c.of('awareness')).toHaveLength(1);
		expect(c.of('awareness')[0]!.entries.map((e) => [e.clientId, e.clock])).toEqual([
			[11, 2],
			[12, 1]
		]);
		expect(a.of('awareness')[0]!.entries.map((e) => e.clientId)).toEqual([12]);
		expect(b.of('awareness')[0]!.entries.map((e) => e.clientId)).toEqual([11]);
	});
});

describe('Room lifecycle', () => {
	it('compacts after COMPACT_EVERY_UPDATES updates', () => {
		const room = makeRoom({ compactEveryUpdates: 3 });
		const a = join(room, 'a');
		for (let i = 0; i < 7; i++) room.receive(a, { type: 'sync-update', update: cardUpdate(`c${i}`) });
		expect(log.compactions).toBe(2);
		expect(room.uncompactedUpdates).toBe(1);
	});

	it('compacts COMPACT_MAX_WAIT_MS after the first uncompacted update', () => {
		vi.useFakeTimers();
		const room = makeRoom({ compactMaxWaitMs: 1_000 });
		const a = join(room, 'a');
		room.receive(a, { type: 'sync-update', update: cardUpdate('c1') });
		vi.advanceTimersByTime(600);
		room.receive(a, { type: 'sync-update', update: cardUpdate('c2') });
		vi.advanceTimersByTime(399);
		expect(log.compactions).toBe(0);
		vi.advanceTimersByTime(1);
		expect(log.compactions).toBe(1);
	});

	it('counts replayed updates towards the next compaction', () => {
		vi.useFakeTimers();
		makeRoom({ replayed: 4, compactMaxWaitMs: 500 });
		vi.advanceTimersByTime(500);
		expect(log.compactions).toBe(1);
	});

	it('unloads ROOM_IDLE_UNLOAD_MS after the last connection leaves, compacting first', () => {
		vi.useFakeTimers();
		const onUnload = vi.fn();
		const room = makeRoom({ idleUnloadMs: 1_000, onUnload });
		const a = join(room, 'a');
		room.receive(a, { type: 'sync-update', update: cardUpdate('c1') });
		room.leave(a);
		vi.advanceTimersByTime(500);
		const b = join(room, 'b');
		room.leave(b);
		vi.advanceTimersByTime(999);
		expect(onUnload).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(onUnload).toHaveBeenCalledOnce();
		expect(log.compactions).toBe(1);
		expect(room.isOpen).toBe(false);
	});

	it('unloads a room nobody joined', () => {
		vi.useFakeTimers();
		const room = makeRoom({ idleUnloadMs: 100 });
		vi.advanceTimersByTime(100);
		expect(room.isOpen).toBe(false);
	});

	it('closes remaining connections with the given code on unload', () => {
		const room = makeRoom();
		const a = join(room, 'a');
		room.unload(CloseCode.GoingAway, 'server_shutdown');
		expect(a.closed).toEqual({ code: CloseCode.GoingAway, reason: 'server_shutdown' });
		expect(() => join(room, 'late')).toThrow();
	});
});
