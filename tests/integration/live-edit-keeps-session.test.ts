/** Editing over the websocket counts as activity: the session's idle timer starts again. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addCard } from '../../src/lib/collab/schema';
import { CollabHarness, sleep } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

const lastActive = async (sessionId: string) =>
	Number(
		(
			await h.world.db
				.selectFrom('session')
				.select('last_active_at')
				.where('id', '=', sessionId)
				.executeTakeFirstOrThrow()
		).last_active_at
	);

it('touches the session of a client that edits, not of one that only watches', async () => {
	const editor = await h.world.member('member');
	const watcher = await h.world.member('member');
	const e = await h.connect({ cookie: editor.cookie });
	await h.connect({ cookie: watcher.cookie });
	const earlier = Date.now() - 30 * 60_000; // half-way through the 60-minute idle timeout
	await h.world.db.updateTable('session').set({ last_active_at: earlier }).execute();

	addCard(e.doc, { id: 'c', text: '編集中', authorId: editor.userId, authorName: 'e' });
	const deadline = Date.now() + 3_000;
	while ((await lastActive(editor.sessionId)) === earlier && Date.now() < deadline) await sleep(100);

	expect(await lastActive(editor.sessionId)).toBeGreaterThan(Date.now() - 10_000);
	expect(await lastActive(watcher.sessionId)).toBe(earlier);
});
