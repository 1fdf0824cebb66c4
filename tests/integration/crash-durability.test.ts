/** Once an update has reached another client, killing the server with SIGKILL loses nothing. */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardCards, cardText, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, sleep, waitFor, type BoardClient } from '../helpers/collab-client';

const CARDS = 20;
const TYPED = 'デジタル';

let h: CollabHarness;

afterEach(async () => {
	await h.stop();
});

/** What the database holds for the board: its snapshot's last seq (if any) and the log after it. */
async function stored(): Promise<{ snapshotSeq: number | null; logEntries: number }> {
	const snapshot = await h.world.db
		.selectFrom('document_snapshot')
		.select('last_seq')
		.where('document_id', '=', h.world.documentId)
		.executeTakeFirst();
	const log = await h.world.db
		.selectFrom('document_update')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('document_id', '=', h.world.documentId)
		.where('seq', '>', snapshot?.last_seq ?? 0)
		.executeTakeFirstOrThrow();
	return { snapshotSeq: snapshot?.last_seq ?? null, logEntries: Number(log.n) };
}

function writeCards(a: BoardClient, authorId: string): void {
	for (let i = 0; i < CARDS; i++) {
		addCard(a.doc, { id: `card-${i}`, text: `施策 ${i}`, authorId, authorName: 'a' });
	}
}

/** One update per character, each its own log entry. */
function typeIntoFirstCard(a: BoardClient): void {
	const first = boardCards(a.doc).get('card-0')!;
	for (const ch of TYPED) cardText(first).insert(cardText(first).length, ch);
}

/**
 * Edits through one client until another has seen everything, kills the server, checks what is
 * on disk with `onDisk`, restarts it and checks that a new client gets exactly what was seen.
 * `betweenSteps` runs after the cards are written and before the typing.
 */
async function editKillRestart(
	env: Record<string, string>,
	{ betweenSteps, onDisk }: { betweenSteps?: () => Promise<void>; onDisk: () => Promise<void> }
): Promise<void> {
	h = await CollabHarness.start(env);
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const a = await h.connect({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });

	writeCards(a, alice.userId);
	await betweenSteps?.();
	typeIntoFirstCard(a);
	await waitFor(() => listCards(b.doc).length === CARDS && listCards(b.doc)[0]!.text === `施策 0${TYPED}`, {
		what: 'bob to have every edit'
	});
	const expected = listCards(b.doc);

	const code = await h.server.kill('SIGKILL');
	expect(code).toBeNull(); // killed by the signal, no exit handler ran
	// Drop the clients first: reconnecting, they would re-send their copy and hide any loss.
	h.disconnectAll();
	await onDisk();
	await h.server.restart();

	const carol = await h.world.member('member');
	const c = await h.connect({ cookie: carol.cookie });
	expect(listCards(c.doc)).toEqual(expected);
	expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(b.doc));
}

it('loses nothing when only the update log holds the edits', async () => {
	await editKillRestart(
		{ COMPACT_EVERY_UPDATES: '100000', COMPACT_MAX_WAIT_MS: '600000' },
		{
			onDisk: async () => {
				expect(await stored()).toEqual({ snapshotSeq: null, logEntries: CARDS + TYPED.length });
			}
		}
	);
});

it('loses nothing when the edits are split between a snapshot and the log', async () => {
	// The cards fill the log exactly to the threshold, so they end up in a snapshot; the typing
	// that follows stays below it and lives only in the log when the server dies.
	await editKillRestart(
		{ COMPACT_EVERY_UPDATES: String(CARDS), COMPACT_MAX_WAIT_MS: '600000' },
		{
			betweenSteps: async () => {
				const deadline = Date.now() + 10_000;
				let disk = await stored();
				while (!(disk.snapshotSeq !== null && disk.logEntries === 0)) {
					if (Date.now() > deadline) throw new Error(`the cards were not compacted: ${JSON.stringify(disk)}`);
					await sleep(10);
					disk = await stored();
				}
			},
			onDisk: async () => {
				const disk = await stored();
				expect(disk.snapshotSeq).toBeGreaterThan(0);
				expect(disk.logEntries).toBe(TYPED.length);
			}
		}
	);
});
