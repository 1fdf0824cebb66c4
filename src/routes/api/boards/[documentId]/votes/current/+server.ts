/**
 * GET /api/boards/[documentId]/votes/current — the board's latest vote and the caller's own dots
 * (`mine` is null for observers, who do not vote). Never anyone else's dots.
 */
import { json } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/db/instance';
import { canEdit } from '$lib/server/repositories/memberships';
import { latestVote } from '$lib/server/repositories/votes';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { isRefusal, readMyBallot, voteState } from '$lib/server/facilitation/dot-votes';
import { NO_STORE, refusalResponse } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { user, role, board } = await requireBoardAccess(locals, params.documentId);
	const database = appDatabase();
	const vote = await latestVote(database.db, board.id);
	if (!vote) return json({ vote: null, mine: null }, { headers: NO_STORE });
	if (!canEdit(role)) return json({ vote: voteState(vote), mine: null }, { headers: NO_STORE });
	const result = await readMyBallot(database, { documentId: board.id, voteId: vote.id, userId: user.id });
	if (isRefusal(result)) return refusalResponse(result);
	return json(result, { headers: NO_STORE });
};
