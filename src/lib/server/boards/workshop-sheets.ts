/**
 * The idea sheets of every board of a workshop, read from the stored documents (the same state
 * participants have been shown: the collaboration server stores each update before relaying it).
 * Used to pick partner ideas of other departments (連携) and to carry sheets from the clerk-level
 * sessions into a chief-level board (転記).
 */
import type { OpenedDatabase } from '../db';
import { readStoredDocument } from '../collab/read-document';
import { boardLabel, listWorkshopBoards, type BoardPlace } from '../repositories/workshop-boards';
import { carriedFields, listSheets, type CarriedFields } from '$lib/collab/schema';
import type { SessionAudience } from '$lib/domain/workshop-template';

export interface WorkshopSheet {
	documentId: string;
	/** Session and group: 「係員 第2回 デジタルによる課題解決アイデア A班」. */
	boardTitle: string;
	sessionName: string;
	sessionOrdinal: number;
	audience: SessionAudience;
	groupName: string;
	sheetId: string;
	title: string;
	departmentName: string;
	/** Who wrote the idea: a carried copy stays theirs. */
	authorId: string;
	authorName: string;
	problem: string;
	/** The sheet's content, when asked for (carrying forward). */
	carried?: CarriedFields;
}

export async function listWorkshopSheets(
	database: OpenedDatabase,
	workspaceId: string,
	place: Pick<BoardPlace, 'workshopId'>,
	options: { audience?: SessionAudience; carried?: boolean } = {}
): Promise<WorkshopSheet[]> {
	const boards = await listWorkshopBoards(database.db, workspaceId, place.workshopId, options.audience);
	const out: WorkshopSheet[] = [];
	for (const board of boards) {
		const doc = await readStoredDocument(database, board.documentId);
		try {
			for (const sheet of listSheets(doc)) {
				out.push({
					documentId: board.documentId,
					boardTitle: boardLabel(board),
					sessionName: board.sessionName,
					sessionOrdinal: board.sessionOrdinal,
					audience: board.audience,
					groupName: board.groupName,
					sheetId: sheet.id,
					title: sheet.title,
					departmentName: sheet.departmentName,
					authorId: sheet.authorId,
					authorName: sheet.authorName,
					problem: sheet.problem,
					...(options.carried ? { carried: carriedFields(sheet) } : {})
				});
			}
		} finally {
			doc.destroy();
		}
	}
	return out;
}
