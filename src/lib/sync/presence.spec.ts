import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { Presence, PRESENCE_INTERVAL_MS, colorForUser, readPeer } from './presence.svelte';

/** A remote person's awareness state as the server relays it (with the stamped user). */
function remote(local: Awareness, user: { id: string; name: string; department: string }, focus: string | null) {
	const other = new Awareness(new Y.Doc());
	other.setLocalState({ color: '#123456', focus, user });
	applyAwarenessUpdate(local, encodeAwarenessUpdate(other, [other.clientID]), 'server');
	return other;
}

describe('readPeer', () => {
	it('needs the server-stamped user and cleans the rest', () => {
		expect(readPeer(1, { color: '#000000', focus: 'c1' })).toBeNull();
		expect(readPeer(1, { user: { id: 'u', name: '会津 花子', department: '総務課' }, color: 'red', focus: 3 })).toEqual({
			clientId: 1,
			userId: 'u',
			name: '会津 花子',
			department: '総務課',
			color: colorForUser('u'),
			focus: null
		});
	});
});

describe('Presence', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('lists others once per person, without oneself, at most twice a second', () => {
		const awareness = new Awareness(new Y.Doc());
		const presence = new Presence(awareness, 'me');
		remote(awareness, { id: 'u1', name: '会津 花子', department: '総務課 企画係' }, null);
		// the first change is shown at once
		expect(presence.peers.map((p) => p.name)).toEqual(['会津 花子']);
		remote(awareness, { id: 'u1', name: '会津 花子', department: '総務課 企画係' }, 'card-1');
		remote(awareness, { id: 'me', name: '自分の別タブ', department: '' }, null);
		remote(awareness, { id: 'u2', name: '美里 太郎', department: '' }, null);
		expect(presence.peers).toHaveLength(1);
		vi.advanceTimersByTime(PRESENCE_INTERVAL_MS);
		expect(presence.peers.map((p) => p.name).sort()).toEqual(['会津 花子', '美里 太郎'].sort());
		expect(presence.editorsOf('card-1').map((p) => p.userId)).toEqual(['u1']);
		presence.destroy();
	});

	it('throttles focus changes sent to the others', () => {
		const awareness = new Awareness(new Y.Doc());
		const presence = new Presence(awareness, 'me');
		const sent: unknown[] = [];
		awareness.on('change', () => sent.push(awareness.getLocalState()?.focus));
		for (let i = 0; i < 20; i++) presence.setFocus(`card-${i % 3}`);
		expect(sent).toEqual(['card-0']);
		vi.advanceTimersByTime(PRESENCE_INTERVAL_MS);
		expect(sent).toEqual(['card-0', 'card-1']);
		expect(awareness.getLocalState()).toMatchObject({ color: colorForUser('me'), focus: 'card-1' });
		presence.destroy();
	});
});
