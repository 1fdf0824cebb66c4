/**
 * GET /api/boards/[documentId]/votes/[voteId]/results — the totals per card, for any member once
 * the facilitator has revealed them; 409 `not_revealed` before (for everyone).
 */
import { json } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/db/instance';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { isRefusal, readResults } from '$lib/server/facilitation/dot-votes';
import { NO_STORE, refusalResponse, voteIdOr404 } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { board } = await requireBoardAccess(locals, params.documentId);
	const notFound = voteIdOr404(params.voteId);
	if (notFound) return notFound;
	const result = await readResults(appDatabase(), { documentId: board.id, voteId: params.voteId });
	if (isRefusal(result)) return refusalResponse(result);
	return json(result, { headers: NO_STORE });
};
