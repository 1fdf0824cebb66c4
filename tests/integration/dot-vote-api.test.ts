/**
 * The dot-vote JSON API against the built server: a facilitator opens a vote; members place
 * dots within the budget and the cap per card (clear Japanese errors otherwise) and see only
 * their own; nobody reads totals before the reveal; members cannot reveal; observers cannot
 * vote; ballots are refused once the vote is closed; requests from other origins are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor, type Member } from '../helpers/collab-client';

let h: CollabHarness;
let facilitator: Member;
let hanako: Member;
let taro: Member;
let observer: Member;
let outsider: Member;
let base: string;

beforeAll(async () => {
	h = await CollabHarness.start();
	facilitator = await h.world.member('facilitator');
	hanako = await h.world.member('member');
	taro = await h.world.member('member');
	observer = await h.world.member('observer');
	outsider = await h.world.member(null);
	const client = await h.connect({ cookie: hanako.cookie });
	for (const id of ['card-a', 'card-b', 'card-c']) {
		addCard(client.doc, { id, text: `課題 ${id}`, authorId: hanako.userId, authorName: '花子' });
	}
	// another client seeing the cards means the server stored them
	const other = await h.connect({ cookie: taro.cookie });
	await waitFor(() => listCards(other.doc).length === 3, { what: 'cards to be stored' });
	base = `${h.server.url}/api/boards/${h.world.documentId}/votes`;
});

afterAll(async () => {
	await h?.stop();
});

interface Answer {
	status: number;
	body: Record<string, unknown>;
}

async function api(who: Member | null, method: string, path: string, body?: unknown, origin = h.server.url): Promise<Answer> {
	const headers: Record<string, string> = { origin, accept: 'application/json' };
	if (who) headers.cookie = who.cookie;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	let parsed: Record<string, unknown> = {};
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		parsed = { text };
	}
	return { status: response.status, body: parsed };
}

const place = (who: Member, voteId: string, cardId: string, dots: number) =>
	api(who, 'PUT', `/${voteId}/ballot`, { cardId, dots });

describe('dot vote API', () => {
	let voteId: string;

	it('lets only facilitators open a vote, with valid rules', async () => {
		expect((await api(hanako, 'POST', '', { budget: 3, capPerCard: 2 })).status).toBe(403);
		const bad = await api(facilitator, 'POST', '', { budget: 3, capPerCard: 5 });
		expect(bad.status).toBe(400);
		expect(bad.body.code).toBe('rules_invalid');
		const opened = await api(facilitator, 'POST', '', { budget: 3, capPerCard: 2 });
		expect(opened.status).toBe(201);
		const vote = opened.body.vote as { id: string; status: string; budget: number };
		expect(vote).toMatchObject({ status: 'open', budget: 3, capPerCard: 2 });
		voteId = vote.id;
	});

	it('keeps a member within the budget and the cap, with their remaining dots', async () => {
		const first = await place(hanako, voteId, 'card-a', 2);
		expect(first.status).toBe(200);
		expect(first.body.mine).toEqual({ ballot: { 'card-a': 2 }, used: 2, remaining: 1 });

		const overBudget = await place(hanako, voteId, 'card-b', 2);
		expect(overBudget.status).toBe(400);
		expect(overBudget.body.code).toBe('ballot_invalid');
		expect(overBudget.body.message).toBe('持ち点は3点までです。ほかのカードのドットを外してから置いてください。');
		expect(overBudget.body.problems).toEqual([{ code: 'over_budget', used: 4, budget: 3 }]);

		const overCap = await place(hanako, voteId, 'card-a', 3);
		expect(overCap.status).toBe(400);
		expect(overCap.body.message).toBe('1枚のカードに置けるのは2点までです。ほかのカードに置いてください。');

		const unknown = await place(hanako, voteId, 'no-such-card', 1);
		expect(unknown.status).toBe(400);
		expect(unknown.body.code).toBe('unknown_card');

		const malformed = await api(hanako, 'PUT', `/${voteId}/ballot`, { cardId: 'card-a', dots: 1.5 });
		expect(malformed.status).toBe(400);

		expect((await place(taro, voteId, 'card-b', 2)).status).toBe(200);
		expect((await place(taro, voteId, 'card-a', 1)).status).toBe(200);
		expect((await place(hanako, voteId, 'card-b', 1)).body.mine).toEqual({
			ballot: { 'card-a': 2, 'card-b': 1 },
			used: 3,
			remaining: 0
		});
	});

	it('shows each person only their own dots', async () => {
		const mine = await api(taro, 'GET', '/current');
		expect(mine.status).toBe(200);
		expect(mine.body).toEqual({
			vote: { id: voteId, status: 'open', budget: 3, capPerCard: 2 },
			mine: { ballot: { 'card-a': 1, 'card-b': 2 }, used: 3, remaining: 0 }
		});
		expect(JSON.stringify(mine.body)).not.toContain('totals');
	});

	it('refuses observers, non-members and signed-out callers', async () => {
		const byObserver = await place(observer, voteId, 'card-a', 1);
		expect(byObserver.status).toBe(403);
		expect((await api(observer, 'GET', '/current')).body.mine).toBeNull();
		expect((await place(outsider, voteId, 'card-a', 1)).status).toBe(403);
		const anonymous = await api(null, 'PUT', `/${voteId}/ballot`, { cardId: 'card-a', dots: 1 });
		expect(anonymous.status).toBe(401);
	});

	it('refuses state changes from another origin', async () => {
		const forged = await api(hanako, 'PUT', `/${voteId}/ballot`, { cardId: 'card-c', dots: 1 }, 'http://evil.example');
		expect(forged.status).toBe(403);
		expect((await api(taro, 'GET', '/current')).body.mine).toMatchObject({ used: 3 });
	});

	it('hides the totals until the facilitator reveals them; a member cannot reveal', async () => {
		for (const who of [hanako, facilitator, observer]) {
			const early = await api(who, 'GET', `/${voteId}/results`);
			expect(early.status).toBe(409);
			expect(early.body.code).toBe('not_revealed');
			expect(early.body).not.toHaveProperty('totals');
		}
		expect((await api(hanako, 'POST', `/${voteId}/reveal`)).status).toBe(403);

		const revealed = await api(facilitator, 'POST', `/${voteId}/reveal`);
		expect(revealed.status).toBe(200);
		expect(revealed.body).toMatchObject({
			vote: { id: voteId, status: 'revealed' },
			voters: 2,
			totals: [
				{ cardId: 'card-a', dots: 3, voters: 2 },
				{ cardId: 'card-b', dots: 3, voters: 2 }
			]
		});
		const read = await api(hanako, 'GET', `/${voteId}/results`);
		expect(read.status).toBe(200);
		expect(read.body.totals).toEqual(revealed.body.totals);
		// no more ballots once the totals are out
		expect((await place(taro, voteId, 'card-c', 0)).status).toBe(409);
	});

	it('refuses ballots after the vote is closed', async () => {
		expect((await api(hanako, 'POST', `/${voteId}/close`)).status).toBe(403);
		const closed = await api(facilitator, 'POST', `/${voteId}/close`);
		expect(closed.status).toBe(200);
		expect(closed.body.vote).toMatchObject({ status: 'closed' });

		const second = (await api(facilitator, 'POST', '', { budget: 5, capPerCard: 5 })).body.vote as { id: string };
		expect((await place(hanako, second.id, 'card-c', 4)).status).toBe(200);
		expect((await api(facilitator, 'POST', `/${second.id}/close`)).status).toBe(200);
		const late = await place(hanako, second.id, 'card-c', 5);
		expect(late.status).toBe(409);
		expect(late.body.code).toBe('vote_not_open');
		expect(late.body.message).toBe('この投票は締め切られました。ドットは置けません。');
		// closed without a reveal: the totals stay hidden
		expect((await api(facilitator, 'GET', `/${second.id}/results`)).status).toBe(409);
	});

	it('answers 404 for a vote of another board or a malformed id', async () => {
		expect((await place(hanako, 'not-an-id', 'card-a', 1)).status).toBe(404);
		const otherBoard = `${h.server.url}/api/boards/${'a'.repeat(26)}/votes/current`;
		const response = await fetch(otherBoard, { headers: { cookie: hanako.cookie } });
		expect(response.status).toBe(404);
	});
});

describe('GET /api/time', () => {
	it('answers the server clock, uncached', async () => {
		const before = Date.now();
		const response = await fetch(`${h.server.url}/api/time`);
		const body = (await response.json()) as { now: number };
		expect(response.headers.get('cache-control')).toContain('no-store');
		expect(body.now).toBeGreaterThanOrEqual(before - 1000);
		expect(body.now).toBeLessThanOrEqual(Date.now() + 1000);
	});
});
