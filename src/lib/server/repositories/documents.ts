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
