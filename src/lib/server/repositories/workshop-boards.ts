/**
 * Where a board sits in a workshop (its session and group), and the other boards of the same
 * workshop: for carrying sheets forward (転記) and for linking ideas across groups (連携).
 */
import type { Db } from '../db';
import type { WorkshopSessionTable } from '../db/types';

export interface BoardPlace {
	documentId: string;
	workshopId: string;
	workshopTitle: string;
	sessionId: string;
	sessionName: string;
	sessionOrdinal: number;
	audience: WorkshopSessionTable['audience'];
	groupName: string;
}

function boardPlaces(db: Db) {
	return db
		.selectFrom('workshop_group as g')
		.innerJoin('workshop_session as s', 's.id', 'g.session_id')
		.innerJoin('workshop as w', 'w.id', 's.workshop_id')
		.select([
			'g.document_id as documentId',
			'g.name as groupName',
			'g.sort_order as sortOrder',
			's.id as sessionId',
			's.name as sessionName',
			's.ordinal as sessionOrdinal',
			's.audience as audience',
			'w.id as workshopId',
			'w.title as workshopTitle',
			'w.workspace_id as workspaceId'
		]);
}

const toPlace = (r: {
	documentId: string;
	groupName: string;
	sessionId: string;
	sessionName: string;
	sessionOrdinal: number;
	audience: WorkshopSessionTable['audience'];
	workshopId: string;
	workshopTitle: string;
}): BoardPlace => ({
	documentId: r.documentId,
	workshopId: r.workshopId,
	workshopTitle: r.workshopTitle,
	sessionId: r.sessionId,
	sessionName: r.sessionName,
	sessionOrdinal: Number(r.sessionOrdinal),
	audience: r.audience,
	groupName: r.groupName
});

/** The session and group of a board in this workspace; undefined for a board outside any workshop. */
export async function findBoardPlace(db: Db, workspaceId: string, documentId: string): Promise<BoardPlace | undefined> {
	const row = await boardPlaces(db)
		.where('g.document_id', '=', documentId)
		.where('w.workspace_id', '=', workspaceId)
		.executeTakeFirst();
	return row && toPlace(row);
}

/** Every board of a workshop, by session then group order; optionally only sessions for `audience`. */
export async function listWorkshopBoards(
	db: Db,
	workspaceId: string,
	workshopId: string,
	audience?: WorkshopSessionTable['audience']
): Promise<BoardPlace[]> {
	let query = boardPlaces(db).where('w.id', '=', workshopId).where('w.workspace_id', '=', workspaceId);
	if (audience) query = query.where('s.audience', '=', audience);
	const rows = await query.orderBy('s.ordinal').orderBy('g.sort_order').orderBy('g.name').execute();
	return rows.map(toPlace);
}

/** How a board is named in lists and on carried sheets: 「係員 第2回 … A班」. */
export function boardLabel(place: Pick<BoardPlace, 'sessionName' | 'groupName'>): string {
	return `${place.sessionName} ${place.groupName}`;
}
