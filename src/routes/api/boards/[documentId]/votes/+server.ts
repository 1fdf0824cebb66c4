/** POST /api/boards/[documentId]/votes — the facilitator opens a dot vote (any running one closes). */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkVoteRules } from '$lib/domain/dot-vote';
import { FACILITATOR_ROLES } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { startVote } from '$lib/server/facilitation/dot-votes';
import { parseJsonBody } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

const OpenVote = z.object({
	budget: z.number().int().min(1).max(100),
	capPerCard: z.number().int().min(1).max(100)
});

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { user, board } = await requireBoardAccess(locals, params.documentId, { roles: FACILITATOR_ROLES });
	const body = await parseJsonBody(request, OpenVote);
	if (!body.ok) return body.response;
	const problem = checkVoteRules(body.data);
	if (problem) {
		return json(
			{
				code: 'rules_invalid',
				message: problem === 'budget' ? m.fac_vote_rules_budget() : m.fac_vote_rules_cap()
			},
			{ status: 400 }
		);
	}
	const vote = await startVote(appDatabase(), { documentId: board.id, rules: body.data, openedBy: user.id });
	log.info('vote.opened', { documentId: board.id, voteId: vote.id, userId: user.id, ...body.data });
	return json({ vote }, { status: 201 });
};
