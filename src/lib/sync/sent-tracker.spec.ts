import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SentTracker, deleteSetRanges, mergeRanges, parseSentState, subtractRanges } from './sent-tracker';

/** A server replica that echoes every update it accepts, like the collaboration server. */
function setup() {
	const server = new Y.Doc();
	const client = new Y.Doc();
	const tracker = new SentTracker();
	const toServer: Uint8Array[] = [];
	const echoes: Uint8Array[] = [];
	client.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'server') toServer.push(u);
	});
	client.on('afterTransaction', (tr: Y.Transaction) => {
		if (tr.local) tracker.noteLocalDeletes(deleteSetRanges(tr.deleteSet));
	});
	server.on('update', (u: Uint8Array) => echoes.push(u));
	const deliver = () => {
		for (const u of toServer.splice(0)) Y.applyUpdate(server, u, 'client');
	};
	const receiveEchoes = () => {
		for (const u of echoes.splice(0)) {
			Y.applyUpdate(client, u, 'server');
			tracker.noteServerUpdate(u);
		}
	};
	const unsent = () => tracker.hasUnsent(Y.decodeStateVector(Y.encodeStateVector(client)));
	return { server, client, tracker, toServer, echoes, deliver, receiveEchoes, unsent };
}

describe('SentTracker', () => {
	it('has nothing unsent for an untouched document', () => {
		const { unsent } = setup();
		expect(unsent()).toBe(false);
	});

	it('counts a local insertion as unsent until the server echoes it', () => {
		const { client, deliver, receiveEchoes, unsent } = setup();
		client.getText('t').insert(0, 'カード');
		expect(unsent()).toBe(true);
		deliver();
		expect(unsent()).toBe(true); // accepted but not yet acknowledged
		receiveEchoes();
		expect(unsent()).toBe(false);
	});

	it('does not count changes received from the server', () => {
		const { server, client, tracker, unsent } = setup();
		const other = new Y.Doc();
		other.getText('t').insert(0, '他の職員の入力');
		const update = Y.encodeStateAsUpdate(other);
		Y.applyUpdate(server, update);
		Y.applyUpdate(client, update, 'server');
		tracker.noteServerUpdate(update);
		expect(unsent()).toBe(false);
	});

	it('counts a pure deletion as unsent until a server delete set covers it', () => {
		const { client, deliver, receiveEchoes, unsent } = setup();
		client.getText('t').insert(0, '削除するテキスト');
		deliver();
		receiveEchoes();
		expect(unsent()).toBe(false);
		client.getText('t').delete(0, 2);
		expect(unsent()).toBe(true);
		deliver();
		receiveEchoes();
		expect(unsent()).toBe(false);
	});

	it('keeps offline edits unsent across a reload and confirms them from the server state vector', () => {
		const { client, server, tracker, deliver, receiveEchoes, toServer } = setup();
		client.getText('t').insert(0, 'オンライン');
		deliver();
		receiveEchoes();
		// offline: the edit stays local
		client.getText('t').insert(5, '→オフライン');
		toServer.length = 0;
		const saved = JSON.parse(JSON.stringify(tracker.toJSON(Y.decodeStateVector(Y.encodeStateVector(client)))));
		expect(saved.unsent).toBe(true);

		// reload: a new tracker from localStorage, the document from IndexedDB (new client id)
		const restored = new SentTracker(parseSentState(JSON.stringify(saved)));
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(client), 'indexeddb');
		const sv = () => Y.decodeStateVector(Y.encodeStateVector(reloaded));
		expect(restored.hasUnsent(sv())).toBe(true);

		// reconnect: the server's sync step 1 does not yet cover the offline edit…
		restored.noteServerStateVector(Y.decodeStateVector(Y.encodeStateVector(server)));
		expect(restored.hasUnsent(sv())).toBe(true);
		// …the client sends the difference (sync step 2), the server echoes it
		const diff = Y.encodeStateAsUpdate(reloaded, Y.encodeStateVector(server));
		let echo: Uint8Array | undefined;
		server.once('update', (u: Uint8Array) => (echo = u));
		Y.applyUpdate(server, diff);
		restored.noteServerUpdate(echo!);
		expect(restored.hasUnsent(sv())).toBe(false);
		expect(server.getText('t').toString()).toBe('オンライン→オフライン');
	});

	it('confirms from a later server state vector even if an echo was missed', () => {
		const { client, server, tracker, deliver, echoes, unsent } = setup();
		client.getText('t').insert(0, 'abc');
		deliver();
		echoes.length = 0; // the connection dropped before the echo
		expect(unsent()).toBe(true);
		tracker.noteServerStateVector(Y.decodeStateVector(Y.encodeStateVector(server)));
		expect(unsent()).toBe(false);
	});

	it('does not confirm items past a gap', () => {
		const source = new Y.Doc();
		const t = source.getText('t');
		t.insert(0, 'a');
		t.insert(1, 'b');
		const sv2 = Y.encodeStateVector(source);
		t.insert(2, 'c');
		const third = Y.encodeStateAsUpdate(source, sv2);
		const tracker = new SentTracker();
		tracker.noteServerUpdate(third); // items 2.. while 1 is missing
		expect(tracker.confirmedClock(source.clientID)).toBe(0);
		tracker.noteServerUpdate(Y.encodeStateAsUpdate(source)); // everything
		expect(tracker.confirmedClock(source.clientID)).toBe(3);
	});
});

describe('delete ranges', () => {
	it('merges and subtracts ranges per client', () => {
		expect(mergeRanges([[1, 5, 2], [1, 0, 3], [1, 3, 2], [2, 0, 1]])).toEqual([[1, 0, 7], [2, 0, 1]]);
		expect(subtractRanges([[1, 0, 10]], [[1, 2, 3], [2, 0, 10]])).toEqual([[1, 0, 2], [1, 5, 5]]);
		expect(subtractRanges([[1, 0, 10]], [[1, 0, 10]])).toEqual([]);
	});

	it('reads nothing from garbage in localStorage', () => {
		expect(parseSentState('{')).toBeNull();
		expect(parseSentState(null)).toBeNull();
		expect(new SentTracker(parseSentState('{"v":1,"confirmed":{"x":"y"},"deletes":[[1]]}')).pendingDeletes).toEqual([]);
	});
});
