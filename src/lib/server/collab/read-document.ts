/**
 * Reading a live document's stored state from the HTTP side (search, overview, carrying sheets
 * forward, exports). Every update the collaboration server accepts is in SQLite before anyone
 * sees it, so the stored state is never behind what participants have been shown.
 */
import type * as Y from 'yjs';
import type { OpenedDatabase } from '../db';
import { DocumentStore } from './persistence';

export async function readStoredDocument(database: OpenedDatabase, documentId: string): Promise<Y.Doc> {
	const { doc } = await new DocumentStore(database).load(documentId);
	return doc;
}
