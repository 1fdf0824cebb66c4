/** Yjs documents (boards, strategy drafts): the catalogue row, not the content. */
import type { Db } from '../db';
import type { DocumentRow, DocumentTable } from '../db/types';
import { newId } from '../ids';

export interface DocumentRecord {
	id: string;
	workspaceId: string;
	kind: DocumentTable['kind'];
	title: string;
}

const toRecord = (r: DocumentRow): DocumentRecord => ({
	id: r.id,
	workspaceId: r.workspace_id,
	kind: r.kind,
	title: r.title
});

export async function findDocument(db: Db, id: string): Promise<DocumentRecord | undefined> {
	const row = await db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toRecord(row);
}

export async function createDocument(
	db: Db,
	input: { workspaceId: string; kind: DocumentTable['kind']; title: string },
	now = Date.now()
): Promise<DocumentRecord> {
	const row: DocumentRow = {
		id: newId(),
		workspace_id: input.workspaceId,
		kind: input.kind,
		title: input.title,
		created_at: now
	};
	await db.insertInto('document').values(row).execute();
	return toRecord(row);
}

/**
 * The boards a person may open: those of their workspaces, or every board for an installation
 * administrator. Used to resolve a projector's join code (few boards per town, so the codes are
 * computed here rather than stored).
 */
export async function listBoardsOpenTo(
	db: Db,
	user: { id: string; isAdmin: boolean }
): Promise<DocumentRecord[]> {
	let query = db.selectFrom('document').selectAll('document').where('document.kind', '=', 'board');
	if (!user.isAdmin) {
		query = query
			.innerJoin('membership', 'membership.workspace_id', 'document.workspace_id')
			.where('membership.user_id', '=', user.id);
	}
	const rows = await query.orderBy('document.created_at', 'desc').execute();
	return rows.map(toRecord);
}
