/**
 * GET /api/boards/[documentId]/votes/[voteId]/ballot — the caller's own dots and what is left.
 * PUT  …/ballot { cardId, dots } — sets how many of the caller's dots are on one card (0 removes
 * them). Members, facilitators and admins; observers get 403. Checked against the vote's rules
 * and the board's current cards; refused with 409 once the vote is revealed or closed.
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import type { Role } from '$lib/server/db/types';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { isRefusal, placeDots, readMyBallot } from '$lib/server/facilitation/dot-votes';
import { NO_STORE, parseJsonBody, refusalResponse, voteIdOr404 } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

const VOTER_ROLES: readonly Role[] = ['admin', 'facilitator', 'member'];

const PlaceDots = z.object({
	cardId: z.string().min(1).max(100),
	dots: z.number().int().min(0).max(100)
});

export const GET: RequestHandler = async ({ locals, params }) => {
	const { user, board } = await requireBoardAccess(locals, params.documentId, { roles: VOTER_ROLES });
	const notFound = voteIdOr404(params.voteId);
	if (notFound) return notFound;
	const result = await readMyBallot(appDatabase(), { documentId: board.id, voteId: params.voteId, userId: user.id });
	if (isRefusal(result)) return refusalResponse(result);
	return json(result, { headers: NO_STORE });
};

export const PUT: RequestHandler = async ({ locals, params, request }) => {
	const { user, board } = await requireBoardAccess(locals, params.documentId, { roles: VOTER_ROLES });
	const notFound = voteIdOr404(params.voteId);
	if (notFound) return notFound;
	const body = await parseJsonBody(request, PlaceDots);
	if (!body.ok) return body.response;
	const result = await placeDots(appDatabase(), {
		documentId: board.id,
		voteId: params.voteId,
		userId: user.id,
		...body.data
	});
	if (isRefusal(result)) {
		log.info('vote.ballot_refused', { documentId: board.id, voteId: params.voteId, userId: user.id, code: result.code });
		return refusalResponse(result);
	}
	return json(result, { headers: NO_STORE });
};
