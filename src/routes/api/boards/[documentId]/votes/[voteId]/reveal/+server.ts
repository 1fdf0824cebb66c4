/**
 * POST /api/boards/[documentId]/votes/[voteId]/reveal — facilitators only: stops accepting
 * ballots, tallies them and returns the totals. The facilitator's page then writes them into
 * the board (`meta.vote`) so that everyone sees them live.
 */
import { json } from '@sveltejs/kit';
import { FACILITATOR_ROLES } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { isRefusal, revealVote } from '$lib/server/facilitation/dot-votes';
import { refusalResponse, voteIdOr404 } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
	const { user, board } = await requireBoardAccess(locals, params.documentId, { roles: FACILITATOR_ROLES });
	const notFound = voteIdOr404(params.voteId);
	if (notFound) return notFound;
	const result = await revealVote(appDatabase(), { documentId: board.id, voteId: params.voteId });
	if (isRefusal(result)) return refusalResponse(result);
	log.info('vote.revealed', { documentId: board.id, voteId: params.voteId, userId: user.id, voters: result.voters });
	return json(result);
};
