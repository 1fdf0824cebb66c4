/**
 * Dot votes on a board's issue cards and each person's dots. Ballots never leave the server
 * except to their owner, and as totals once the facilitator reveals them.
 */
import type { Db } from '../db';
import type { VoteRow } from '../db/types';
import { newId } from '../ids';
import type { Ballot } from '$lib/domain/dot-vote';

/** The public state of a vote: `open` (ballots accepted), `revealed` (totals visible), `closed`. */
export type VoteStatus = 'open' | 'revealed' | 'closed';

export interface DotVote {
	id: string;
	documentId: string;
	budget: number;
	capPerCard: number;
	status: VoteStatus;
	/** Whether the totals may be read (revealed, possibly closed since). */
	revealed: boolean;
	openedBy: string | null;
	createdAt: number;
}

function toVote(row: VoteRow): DotVote {
	const revealed = row.revealed_at !== null;
	return {
		id: row.id,
		documentId: row.document_id,
		budget: row.budget,
		capPerCard: row.cap_per_card,
		status: row.status === 'closed' ? 'closed' : revealed ? 'revealed' : 'open',
		revealed,
		openedBy: row.opened_by,
		createdAt: Number(row.created_at)
	};
}

/** Opens a vote on a board; any vote still running there is closed first. Run in a transaction. */
export async function openVote(
	db: Db,
	input: { documentId: string; budget: number; capPerCard: number; openedBy: string },
	now = Date.now()
): Promise<DotVote> {
	await db
		.updateTable('vote')
		.set({ status: 'closed', closed_at: now })
		.where('document_id', '=', input.documentId)
		.where('status', '=', 'open')
		.execute();
	const row: VoteRow = {
		id: newId(),
		document_id: input.documentId,
		budget: input.budget,
		cap_per_card: input.capPerCard,
		status: 'open',
		opened_by: input.openedBy,
		created_at: now,
		revealed_at: null,
		closed_at: null
	};
	await db.insertInto('vote').values(row).execute();
	return toVote(row);
}

/** The board's latest vote, if any. */
export async function latestVote(db: Db, documentId: string): Promise<DotVote | undefined> {
	const row = await db
		.selectFrom('vote')
		.selectAll()
		.where('document_id', '=', documentId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row && toVote(row);
}

/** A vote, only if it belongs to this board. */
export async function findVote(db: Db, documentId: string, voteId: string): Promise<DotVote | undefined> {
	const row = await db
		.selectFrom('vote')
		.selectAll()
		.where('id', '=', voteId)
		.where('document_id', '=', documentId)
		.executeTakeFirst();
	return row && toVote(row);
}

/** One person's dots per card (cards without dots are absent). */
export async function ballotOf(db: Db, voteId: string, userId: string): Promise<Ballot> {
	const rows = await db
		.selectFrom('vote_ballot')
		.select(['card_id', 'dots'])
		.where('vote_id', '=', voteId)
		.where('user_id', '=', userId)
		.where('dots', '>', 0)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.card_id, r.dots]));
}

/** Replaces a person's whole ballot (cards at 0 are removed). Run in a transaction. */
export async function replaceBallot(
	db: Db,
	voteId: string,
	userId: string,
	ballot: Ballot,
	now = Date.now()
): Promise<void> {
	await db.deleteFrom('vote_ballot').where('vote_id', '=', voteId).where('user_id', '=', userId).execute();
	const rows = Object.entries(ballot)
		.filter(([, dots]) => dots > 0)
		.map(([cardId, dots]) => ({ vote_id: voteId, user_id: userId, card_id: cardId, dots, updated_at: now }));
	if (rows.length > 0) await db.insertInto('vote_ballot').values(rows).execute();
}

/** Every ballot of a vote, one per person. */
export async function allBallots(db: Db, voteId: string): Promise<Ballot[]> {
	const rows = await db
		.selectFrom('vote_ballot')
		.select(['user_id', 'card_id', 'dots'])
		.where('vote_id', '=', voteId)
		.where('dots', '>', 0)
		.execute();
	const byUser = new Map<string, Ballot>();
	for (const r of rows) {
		const ballot = byUser.get(r.user_id) ?? {};
		ballot[r.card_id] = r.dots;
		byUser.set(r.user_id, ballot);
	}
	return [...byUser.values()];
}

/** How many people have put at least one dot. */
export async function voterCount(db: Db, voteId: string): Promise<number> {
	const row = await db
		.selectFrom('vote_ballot')
		.select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
		.where('vote_id', '=', voteId)
		.where('dots', '>', 0)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Makes the totals readable; ballots are no longer accepted. Idempotent. */
export async function markRevealed(db: Db, voteId: string, now = Date.now()): Promise<void> {
	await db.updateTable('vote').set({ revealed_at: now }).where('id', '=', voteId).where('revealed_at', 'is', null).execute();
}

/** Ends the vote. Idempotent. */
export async function closeVote(db: Db, voteId: string, now = Date.now()): Promise<void> {
	await db
		.updateTable('vote')
		.set({ status: 'closed', closed_at: now })
		.where('id', '=', voteId)
		.where('status', '=', 'open')
		.execute();
}
