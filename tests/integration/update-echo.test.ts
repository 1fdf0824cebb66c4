/**
 * The wire protocol as a client sees it: the server greets with step1, answers step1 with step2,
 * and echoes every stored update to all clients including its author (the author's acknowledgement).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { encodeSyncStep1, encodeSyncUpdate } from '../../src/lib/server/collab/protocol';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it('greets with step1, answers step1 with step2 and echoes an update to its author after storing it', async () => {
	const alice = await h.world.member('member');
	const raw = await h.raw({ cookie: alice.cookie });
	await waitFor(() => raw.received.length > 0, { what: 'the greeting' });
	expect(raw.received[0]?.type).toBe('sync-step1');

	const local = new Y.Doc();
	addCard(local, { id: 'mine', text: '自分の案', authorId: alice.userId, authorName: 'a' });
	raw.send(encodeSyncUpdate(Y.encodeStateAsUpdate(local)));
	await waitFor(() => raw.received.some((m) => m.type === 'sync-update'), { what: 'the echo' });
	const echo = raw.received.find((m) => m.type === 'sync-update');
	const fromEcho = new Y.Doc();
	if (echo?.type === 'sync-update') Y.applyUpdate(fromEcho, echo.update);
	expect(listCards(fromEcho).map((c) => c.id)).toEqual(['mine']);
	expect(await h.world.countStoredUpdates()).toBe(1);

	raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
	await waitFor(() => raw.received.some((m) => m.type === 'sync-step2'), { what: 'step2' });
	const step2 = raw.received.find((m) => m.type === 'sync-step2');
	const fromStep2 = new Y.Doc();
	if (step2?.type === 'sync-step2') Y.applyUpdate(fromStep2, step2.update);
	expect(listCards(fromStep2).map((c) => c.id)).toEqual(['mine']);
});
