/** Presence shows who someone really is: the server stamps the authenticated user into awareness. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it('a client claiming another user’s name is shown under its own authenticated name', async () => {
	const mallory = await h.world.member('member', { displayName: '田中 一郎' });
	const boss = await h.world.member('facilitator', { displayName: '町長 本人' });
	const viewer = await h.world.member('member', { displayName: '鈴木 次郎' });
	const m = await h.connect({ cookie: mallory.cookie });
	const v = await h.connect({ cookie: viewer.cookie });

	m.awareness.setLocalState({
		user: { id: boss.userId, name: boss.displayName, department: '町長室' },
		cursor: { cardId: 'c1' }
	});
	const clientId = m.doc.clientID;
	await waitFor(() => v.awareness.getStates().has(clientId), { what: 'the viewer to see mallory' });

	expect(v.awareness.getStates().get(clientId)).toEqual({
		user: { id: mallory.userId, name: '田中 一郎', department: '' },
		cursor: { cardId: 'c1' }
	});
	const names = [...v.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
	expect(names).not.toContain(boss.displayName);
});
