/**
 * GET …/boards/[documentId]/sheets/[sheetId]/print — one idea sheet in the layout of the town's
 * template, on one A4 portrait page. Rendered on the server from the stored document (what every
 * participant has been shown), for any member of the workspace.
 */
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { findSheet, listCards, readSheet } from '$lib/collab/schema';
import { fiscalYearOf } from '$lib/domain/fiscal-year';
import { requireBoard } from '$lib/server/boards/require-board';
import { readStoredDocument } from '$lib/server/collab/read-document';
import { appDatabase } from '$lib/server/db/instance';
import { boardLabel, findBoardPlace } from '$lib/server/repositories/workshop-boards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { workspace, board } = await requireBoard(locals, params);
	const database = appDatabase();
	const doc = await readStoredDocument(database, board.id);
	try {
		const map = findSheet(doc, params.sheetId);
		if (!map) error(404, { message: m.idea_print_not_found() });
		const sheet = readSheet(map);
		const linked = new Set(sheet.issueCardIds);
		const cards = listCards(doc)
			.filter((c) => linked.has(c.id))
			.map((c) => ({ id: c.id, text: c.text }));
		const place = await findBoardPlace(database.db, workspace.id, board.id);
		return {
			sheet,
			cards,
			boardTitle: place ? boardLabel(place) : board.title,
			boardUrl: `/w/${workspace.id}/boards/${board.id}?sheet=${encodeURIComponent(sheet.id)}`,
			townName: workspace.townName,
			plan: { startFy: workspace.planStartFy, endFy: workspace.planEndFy, currentFy: fiscalYearOf() }
		};
	} finally {
		doc.destroy();
	}
};
