import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, deleteCard } from '$lib/collab/schema';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db';
import { DocumentStore } from '../collab/persistence';
import { addMember, createBoardDocument, createUser, createWorkspace } from '../../../../tests/helpers/fixtures';
import { endVote, isRefusal, placeDots, readMyBallot, readResults, revealVote, startVote } from './dot-votes';

let database: OpenedDatabase;
let documentId: string;
let editor: Y.Doc;
let alice: string;
let bob: string;

beforeEach(async () => {
	database = openDatabase(':memory:');
	await migrateToLatest(database.db);
	const workspace = await createWorkspace(database.db);
	documentId = (await createBoardDocument(database.db, workspace.id)).id;
	alice = (await createUser(database.db, { password: 'x' })).id;
	bob = (await createUser(database.db, { password: 'x' })).id;
	await addMember(database.db, workspace.id, alice, 'member');
	await addMember(database.db, workspace.id, bob, 'member');
	// the board as the collaboration server stores it
	const store = new DocumentStore(database);
	editor = new Y.Doc();
	editor.on('update', (u: Uint8Array) => store.append(documentId, u));
	for (const id of ['c1', 'c2', 'c3']) addCard(editor, { id, text: id, authorId: alice, authorName: 'A' });
});

afterEach(async () => {
	await database.db.destroy();
});

const open = () => startVote(database, { documentId, rules: { budget: 3, capPerCard: 2 }, openedBy: alice });
const place = (voteId: string, userId: string, cardId: string, dots: number) =>
	placeDots(database, { documentId, voteId, userId, cardId, dots });

describe('dot votes', () => {
	it('keeps each person to the budget and the cap per card, with the remaining budget', async () => {
		const vote = await open();
		expect(vote).toMatchObject({ status: 'open', budget: 3, capPerCard: 2 });

		const first = await place(vote.id, alice, 'c1', 2);
		expect(isRefusal(first)).toBe(false);
		if (!isRefusal(first)) expect(first.mine).toEqual({ ballot: { c1: 2 }, used: 2, remaining: 1 });

		const overCap = await place(vote.id, alice, 'c2', 3);
		expect(overCap).toMatchObject({ refused: true, status: 400, code: 'ballot_invalid' });
		if (isRefusal(overCap)) expect(overCap.problems?.[0]).toMatchObject({ code: 'over_cap', cap: 2 });

		const overBudget = await place(vote.id, alice, 'c2', 2);
		expect(overBudget).toMatchObject({ refused: true, code: 'ballot_invalid' });
		if (isRefusal(overBudget)) {
			expect(overBudget.problems?.[0]).toMatchObject({ code: 'over_budget', used: 4, budget: 3 });
			expect(overBudget.message).toContain('3');
		}

		// taking a dot back frees it
		await place(vote.id, alice, 'c1', 1);
		const again = await place(vote.id, alice, 'c2', 2);
		expect(isRefusal(again)).toBe(false);
		if (!isRefusal(again)) expect(again.mine.remaining).toBe(0);

		// another person has their own budget and sees only their own dots
		const theirs = await readMyBallot(database, { documentId, voteId: vote.id, userId: bob });
		expect(theirs).toMatchObject({ mine: { ballot: {}, used: 0, remaining: 3 } });
	});

	it('refuses unknown cards and gives back dots on cards deleted since', async () => {
		const vote = await open();
		expect(await place(vote.id, alice, 'nope', 1)).toMatchObject({ refused: true, code: 'unknown_card' });
		await place(vote.id, alice, 'c3', 2);
		deleteCard(editor, 'c3');
		const mine = await readMyBallot(database, { documentId, voteId: vote.id, userId: alice });
		expect(mine).toMatchObject({ mine: { ballot: {}, remaining: 3 } });
		expect(isRefusal(await place(vote.id, alice, 'c1', 2))).toBe(false);
	});

	it('hides the totals until revealed, then tallies them and takes no more ballots', async () => {
		const vote = await open();
		await place(vote.id, alice, 'c1', 2);
		await place(vote.id, alice, 'c2', 1);
		await place(vote.id, bob, 'c2', 2);
		expect(await readResults(database, { documentId, voteId: vote.id })).toMatchObject({
			refused: true,
			status: 409,
			code: 'not_revealed'
		});

		const revealed = await revealVote(database, { documentId, voteId: vote.id });
		expect(revealed).toMatchObject({
			vote: { status: 'revealed' },
			voters: 2,
			totals: [
				{ cardId: 'c2', dots: 3, voters: 2 },
				{ cardId: 'c1', dots: 2, voters: 1 }
			]
		});
		expect(await readResults(database, { documentId, voteId: vote.id })).toEqual(revealed);
		expect(await place(vote.id, bob, 'c1', 1)).toMatchObject({ refused: true, status: 409, code: 'vote_not_open' });

		const closed = await endVote(database, { documentId, voteId: vote.id });
		expect(closed).toMatchObject({ status: 'closed' });
		// revealed totals stay readable after closing
		expect(await readResults(database, { documentId, voteId: vote.id })).toMatchObject({ vote: { status: 'closed' } });
	});

	it('refuses ballots after close, and a new vote closes the running one', async () => {
		const first = await open();
		await endVote(database, { documentId, voteId: first.id });
		expect(await place(first.id, alice, 'c1', 1)).toMatchObject({ refused: true, code: 'vote_not_open' });

		const second = await open();
		const third = await open();
		expect(await place(second.id, alice, 'c1', 1)).toMatchObject({ refused: true, code: 'vote_not_open' });
		expect(isRefusal(await place(third.id, alice, 'c1', 1))).toBe(false);
	});

	it('does not find a vote of another board', async () => {
		const vote = await open();
		const other = await placeDots(database, { documentId: 'x'.repeat(26), voteId: vote.id, userId: alice, cardId: 'c1', dots: 1 });
		expect(other).toMatchObject({ refused: true, status: 404, code: 'vote_not_found' });
	});
});
