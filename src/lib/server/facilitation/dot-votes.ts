/**
 * The dot vote behind the JSON API: opening a vote, placing and removing one's own dots, and
 * revealing and closing. Ballots are checked against the rules (domain/dot-vote.ts) and against
 * the board's current cards, read from the stored document (never behind what people saw).
 * Expected refusals are values (`VoteRefusal`); the route turns them into JSON answers.
 */
import type * as Y from 'yjs';
import { m } from '$lib/paraglide/messages';
import { boardCards } from '$lib/collab/schema';
import { checkBallot, tally, type Ballot, type BallotProblem, type VoteRules } from '$lib/domain/dot-vote';
import type { MyBallot, VoteResults, VoteState } from '$lib/collab/facilitation';
import type { OpenedDatabase } from '../db';
import { readStoredDocument } from '../collab/read-document';
import {
	allBallots,
	ballotOf,
	closeVote,
	findVote,
	markRevealed,
	openVote,
	replaceBallot,
	type DotVote
} from '../repositories/votes';

export type { MyBallot, VoteResults, VoteState };

export type VoteRefusalCode =
	| 'vote_not_found'
	| 'vote_not_open'
	| 'not_revealed'
	| 'unknown_card'
	| 'ballot_invalid'
	| 'rules_invalid';

export interface VoteRefusal {
	refused: true;
	status: number;
	code: VoteRefusalCode;
	message: string;
	problems?: BallotProblem[];
}

const refuse = (status: number, code: VoteRefusalCode, message: string, problems?: BallotProblem[]): VoteRefusal => ({
	refused: true,
	status,
	code,
	message,
	...(problems ? { problems } : {})
});

export function isRefusal(value: unknown): value is VoteRefusal {
	return typeof value === 'object' && value !== null && (value as VoteRefusal).refused === true;
}

export function voteState(vote: DotVote): VoteState {
	return { id: vote.id, status: vote.status, budget: vote.budget, capPerCard: vote.capPerCard };
}

function myBallot(ballot: Ballot, budget: number): MyBallot {
	const used = Object.values(ballot).reduce((sum, n) => sum + n, 0);
	return { ballot, used, remaining: Math.max(0, budget - used) };
}

function cardIdsOf(doc: Y.Doc): Set<string> {
	return new Set(boardCards(doc).keys());
}

/** Only the dots on cards that are still on the board. */
function onBoard(ballot: Ballot, cardIds: ReadonlySet<string>): Ballot {
	return Object.fromEntries(Object.entries(ballot).filter(([cardId, dots]) => cardIds.has(cardId) && dots > 0));
}

/** The words for a ballot's first problem, saying what to do next. */
export function ballotProblemMessage(problem: BallotProblem): string {
	switch (problem.code) {
		case 'over_budget':
			return m.fac_vote_over_budget({ budget: problem.budget });
		case 'over_cap':
			return m.fac_vote_over_cap({ cap: problem.cap });
		case 'unknown_card':
			return m.fac_vote_unknown_card();
		case 'not_whole_number':
			return m.fac_vote_not_whole_number();
	}
}

export async function startVote(
	database: OpenedDatabase,
	input: { documentId: string; rules: VoteRules; openedBy: string }
): Promise<VoteState> {
	const vote = await database.db
		.transaction()
		.execute((trx) => openVote(trx, { documentId: input.documentId, ...input.rules, openedBy: input.openedBy }));
	return voteState(vote);
}

async function voteOf(database: OpenedDatabase, documentId: string, voteId: string): Promise<DotVote | VoteRefusal> {
	const vote = await findVote(database.db, documentId, voteId);
	return vote ?? refuse(404, 'vote_not_found', m.fac_vote_not_found());
}

export async function readMyBallot(
	database: OpenedDatabase,
	input: { documentId: string; voteId: string; userId: string }
): Promise<{ vote: VoteState; mine: MyBallot } | VoteRefusal> {
	const vote = await voteOf(database, input.documentId, input.voteId);
	if (isRefusal(vote)) return vote;
	const cardIds = cardIdsOf(await readStoredDocument(database, input.documentId));
	const ballot = onBoard(await ballotOf(database.db, vote.id, input.userId), cardIds);
	return { vote: voteState(vote), mine: myBallot(ballot, vote.budget) };
}

/**
 * Sets how many of the user's dots are on one card (0 removes them). The whole ballot is checked
 * against the rules; dots on cards deleted since are dropped (and so given back).
 */
export async function placeDots(
	database: OpenedDatabase,
	input: { documentId: string; voteId: string; userId: string; cardId: string; dots: number }
): Promise<{ vote: VoteState; mine: MyBallot } | VoteRefusal> {
	const found = await voteOf(database, input.documentId, input.voteId);
	if (isRefusal(found)) return found;
	if (found.status !== 'open') return refuse(409, 'vote_not_open', m.fac_vote_not_open());
	const cardIds = cardIdsOf(await readStoredDocument(database, input.documentId));
	if (!cardIds.has(input.cardId)) return refuse(400, 'unknown_card', m.fac_vote_unknown_card());

	return database.db.transaction().execute(async (trx) => {
		// re-read inside the transaction: a close or reveal may have come in meanwhile
		const vote = await findVote(trx, input.documentId, input.voteId);
		if (!vote || vote.status !== 'open') return refuse(409, 'vote_not_open', m.fac_vote_not_open());
		const next = onBoard(await ballotOf(trx, vote.id, input.userId), cardIds);
		if (input.dots > 0) next[input.cardId] = input.dots;
		else delete next[input.cardId];
		const problems = checkBallot(next, vote, cardIds);
		if (problems.length > 0) {
			return refuse(400, 'ballot_invalid', ballotProblemMessage(problems[0]!), problems);
		}
		await replaceBallot(trx, vote.id, input.userId, next);
		return { vote: voteState(vote), mine: myBallot(next, vote.budget) };
	});
}

async function totalsOf(database: OpenedDatabase, vote: DotVote): Promise<VoteResults> {
	const cardIds = cardIdsOf(await readStoredDocument(database, vote.documentId));
	const ballots = (await allBallots(database.db, vote.id))
		.map((b) => onBoard(b, cardIds))
		.filter((b) => Object.keys(b).length > 0);
	return { vote: voteState(vote), totals: tally(ballots), voters: ballots.length };
}

/** The totals: refused until the facilitator has revealed them. */
export async function readResults(
	database: OpenedDatabase,
	input: { documentId: string; voteId: string }
): Promise<VoteResults | VoteRefusal> {
	const vote = await voteOf(database, input.documentId, input.voteId);
	if (isRefusal(vote)) return vote;
	if (!vote.revealed) return refuse(409, 'not_revealed', m.fac_vote_not_revealed());
	return totalsOf(database, vote);
}

/** Stops accepting ballots, makes the totals readable and returns them. */
export async function revealVote(
	database: OpenedDatabase,
	input: { documentId: string; voteId: string }
): Promise<VoteResults | VoteRefusal> {
	const found = await voteOf(database, input.documentId, input.voteId);
	if (isRefusal(found)) return found;
	await markRevealed(database.db, found.id);
	const vote = (await findVote(database.db, input.documentId, input.voteId))!;
	return totalsOf(database, vote);
}

export async function endVote(
	database: OpenedDatabase,
	input: { documentId: string; voteId: string }
): Promise<VoteState | VoteRefusal> {
	const found = await voteOf(database, input.documentId, input.voteId);
	if (isRefusal(found)) return found;
	await closeVote(database.db, found.id);
	return voteState((await findVote(database.db, input.documentId, input.voteId))!);
}
