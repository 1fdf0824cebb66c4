/**
 * The honest case of other people's content: the server is restored from a backup, and an open
 * browser resends, in its sync step 2, an edit of someone else's that the server lost. Inside the
 * recovery window that the backup's stamp opens, it is accepted and stored as restored by that
 * browser's user; without the window, it is refused like any write under another user's client id.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { openDatabase } from '../../src/lib/server/db';
import { DocumentStore } from '../../src/lib/server/collab/persistence';
import { CollabHarness, sleep, waitFor } from '../helpers/collab-client';

const CLI = resolve(process.env.BUILD_DIR ?? 'build', 'cli.js');

let h: CollabHarness | undefined;

afterEach(async () => {
	await h?.stop();
	h = undefined;
});

/** Alice's edit reaches Bob's browser after the backup, then the server loses it in a restore. */
async function restoreAfterLosingAlicesEdit(env: Record<string, string>) {
	h = await CollabHarness.start(env);
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });
	addCard(a.doc, { id: 'before', text: 'バックアップ前', authorId: alice.userId, authorName: 'alice' });
	await waitFor(() => listCards(b.doc).some((c) => c.id === 'before'), { what: 'the first card at bob' });
	const backup = join(h.server.dataDir, 'backup.db');
	const run = spawnSync(process.execPath, [CLI, 'backup', backup], {
		env: { ...process.env, DATABASE_PATH: h.server.databasePath, LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
	expect(run.status, run.stderr).toBe(0);

	addCard(a.doc, { id: 'lost', text: 'バックアップ後', authorId: alice.userId, authorName: 'alice' });
	await waitFor(() => listCards(b.doc).some((c) => c.id === 'lost'), { what: 'the lost card at bob' });
	a.destroy(); // alice's laptop is closed: only bob's browser still holds her edit

	await h.server.kill('SIGTERM');
	for (const suffix of ['', '-wal', '-shm']) rmSync(h.server.databasePath + suffix, { force: true });
	copyFileSync(backup, h.server.databasePath);
	await h.server.restart();
	return { alice, bob, b };
}

async function stored() {
	const database = openDatabase(h!.server.databasePath);
	try {
		const { doc } = await new DocumentStore(database).load(h!.world.documentId);
		const rows = await database.db
			.selectFrom('document_update')
			.select(['user_id', 'restored'])
			.where('document_id', '=', h!.world.documentId)
			.orderBy('seq')
			.execute();
		return { cards: listCards(doc).map((c) => c.id).sort(), rows };
	} finally {
		await database.db.destroy();
	}
}

it("recovers another user's lost edit from a browser's resend, recorded as restored by that user", async () => {
	const { bob, b } = await restoreAfterLosingAlicesEdit({});
	await h!.server.waitForLog((l) => l.event === 'collab.recovery_window' && l.opened === true);
	await h!.server.waitForLog((l) => l.event === 'collab.update_restored' && l.userId === bob.userId, 15_000);
	let after = await stored();
	for (let i = 0; i < 100 && after.cards.length < 2; i++) {
		await sleep(50);
		after = await stored();
	}
	expect(after.cards).toEqual(['before', 'lost']);
	expect(after.rows.at(-1)).toEqual({ user_id: bob.userId, restored: 1 });
	expect(b.closes.some((c) => c.code === 4400)).toBe(false);
});

it('refuses that resend when no recovery window is open', async () => {
	const { bob, b } = await restoreAfterLosingAlicesEdit({ RESTORE_RECOVERY_HOURS: '0' });
	await h!.server.waitForLog(
		(l) => l.event === 'collab.update_refused' && l.userId === bob.userId && l.reason === 'client_of_another_user',
		15_000
	);
	await sleep(200);
	expect((await stored()).cards).toEqual(['before']);
	expect(b.closes.some((c) => c.code === 4400)).toBe(true);
});
