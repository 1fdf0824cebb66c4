/** POST /api/boards/[documentId]/votes/[voteId]/close — facilitators only: ends the vote. */
import { json } from '@sveltejs/kit';
import { FACILITATOR_ROLES } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { endVote, isRefusal } from '$lib/server/facilitation/dot-votes';
import { refusalResponse, voteIdOr404 } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
	const { user, board } = await requireBoardAccess(locals, params.documentId, { roles: FACILITATOR_ROLES });
	const notFound = voteIdOr404(params.voteId);
	if (notFound) return notFound;
	const result = await endVote(appDatabase(), { documentId: board.id, voteId: params.voteId });
	if (isRefusal(result)) return refusalResponse(result);
	log.info('vote.closed', { documentId: board.id, voteId: params.voteId, userId: user.id });
	return json({ vote: result });
};
