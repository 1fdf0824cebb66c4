/**
 * GET …/boards/[documentId]/workshop-sheets — the idea sheets of every board in this board's
 * workshop (any member; observers too, they may read every board). `audience=clerk|chief|all`
 * keeps the sessions for that audience only; `carried=1` adds each sheet's ★ fields, to carry
 * one forward (転記). A board outside any workshop answers an empty list.
 */
import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireBoard } from '$lib/server/boards/require-board';
import { listWorkshopSheets } from '$lib/server/boards/workshop-sheets';
import { appDatabase } from '$lib/server/db/instance';
import { findBoardPlace } from '$lib/server/repositories/workshop-boards';
import type { SessionAudience } from '$lib/domain/workshop-template';
import type { RequestHandler } from './$types';

const AUDIENCES: readonly SessionAudience[] = ['clerk', 'chief', 'all'];

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { workspace, board } = await requireBoard(locals, params);
	const audienceParam = url.searchParams.get('audience');
	const audience = AUDIENCES.find((a) => a === audienceParam);
	if (audienceParam !== null && !audience) error(400, { message: m.error_bad_request() });
	const database = appDatabase();
	const place = await findBoardPlace(database.db, workspace.id, board.id);
	const sheets = place
		? await listWorkshopSheets(database, workspace.id, place, {
				audience,
				carried: url.searchParams.get('carried') === '1'
			})
		: [];
	return json({ sheets }, { headers: { 'Cache-Control': 'private, no-store' } });
};
