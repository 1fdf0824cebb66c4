/**
 * Reading every board of a workshop from storage (readStoredDocument: never behind what
 * participants saw), one at a time, for the overview and the search.
 */
import type * as Y from 'yjs';
import type { OpenedDatabase } from '../db';
import { readStoredDocument } from '../collab/read-document';
import { listWorkshopBoards, type BoardPlace } from '../repositories/workshop-boards';

export interface WorkshopSessionRef {
	id: string;
	ordinal: number;
	name: string;
	audience: 'clerk' | 'chief' | 'all';
}

export async function workshopSessions(database: OpenedDatabase, workshopId: string): Promise<WorkshopSessionRef[]> {
	const rows = await database.db
		.selectFrom('workshop_session')
		.select(['id', 'ordinal', 'name', 'audience'])
		.where('workshop_id', '=', workshopId)
		.orderBy('ordinal')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: r.id, ordinal: Number(r.ordinal), name: r.name, audience: r.audience }));
}

/** Calls `visit` with each board of the workshop and its stored document (destroyed afterwards). */
export async function forEachWorkshopBoard<T>(
	database: OpenedDatabase,
	workspaceId: string,
	workshopId: string,
	visit: (place: BoardPlace, doc: Y.Doc) => T
): Promise<T[]> {
	const out: T[] = [];
	for (const place of await listWorkshopBoards(database.db, workspaceId, workshopId)) {
		const doc = await readStoredDocument(database, place.documentId);
		try {
			out.push(visit(place, doc));
		} finally {
			doc.destroy();
		}
	}
	return out;
}
