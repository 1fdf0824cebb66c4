/** Workshops, their sessions, and the groups (班) of each session with their boards. */
import type { Db } from '../db';
import type { WorkshopSessionTable } from '../db/types';
import { newId } from '../ids';
import { createDocument } from './documents';
import type { SessionTemplate } from '$lib/domain/workshop-template';

export interface WorkshopGroup {
	id: string;
	sessionId: string;
	name: string;
	/** The group's board (a Yjs document). */
	documentId: string;
	sortOrder: number;
}

export interface WorkshopSession {
	id: string;
	workshopId: string;
	ordinal: number;
	name: string;
	audience: WorkshopSessionTable['audience'];
	groups: WorkshopGroup[];
}

export interface Workshop {
	id: string;
	workspaceId: string;
	title: string;
	createdAt: number;
	sessions: WorkshopSession[];
}

/** Creates a workshop with its sessions (from a template). Run inside a transaction. */
export async function createWorkshop(
	db: Db,
	input: { workspaceId: string; title: string; sessions: readonly SessionTemplate[] },
	now = Date.now()
): Promise<Workshop> {
	const workshop: Workshop = {
		id: newId(),
		workspaceId: input.workspaceId,
		title: input.title,
		createdAt: now,
		sessions: []
	};
	await db
		.insertInto('workshop')
		.values({ id: workshop.id, workspace_id: workshop.workspaceId, title: workshop.title, created_at: now })
		.execute();
	for (const s of input.sessions) {
		const session: WorkshopSession = {
			id: newId(),
			workshopId: workshop.id,
			ordinal: s.ordinal,
			name: s.name,
			audience: s.audience,
			groups: []
		};
		await db
			.insertInto('workshop_session')
			.values({
				id: session.id,
				workshop_id: session.workshopId,
				ordinal: session.ordinal,
				name: session.name,
				audience: session.audience
			})
			.execute();
		workshop.sessions.push(session);
	}
	return workshop;
}

/** Every workshop of a workspace (newest first), its sessions in order and their groups. */
export async function listWorkshops(db: Db, workspaceId: string): Promise<Workshop[]> {
	const workshops = await db
		.selectFrom('workshop')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	if (workshops.length === 0) return [];
	const sessions = await db
		.selectFrom('workshop_session as s')
		.innerJoin('workshop as w', 'w.id', 's.workshop_id')
		.selectAll('s')
		.where('w.workspace_id', '=', workspaceId)
		.orderBy('s.ordinal')
		.execute();
	const groups = await db
		.selectFrom('workshop_group as g')
		.innerJoin('workshop_session as s', 's.id', 'g.session_id')
		.innerJoin('workshop as w', 'w.id', 's.workshop_id')
		.selectAll('g')
		.where('w.workspace_id', '=', workspaceId)
		.orderBy('g.sort_order')
		.orderBy('g.name')
		.execute();

	const bySession = new Map<string, WorkshopGroup[]>();
	for (const g of groups) {
		const list = bySession.get(g.session_id) ?? [];
		list.push({
			id: g.id,
			sessionId: g.session_id,
			name: g.name,
			documentId: g.document_id,
			sortOrder: g.sort_order
		});
		bySession.set(g.session_id, list);
	}
	const byWorkshop = new Map<string, WorkshopSession[]>();
	for (const s of sessions) {
		const list = byWorkshop.get(s.workshop_id) ?? [];
		list.push({
			id: s.id,
			workshopId: s.workshop_id,
			ordinal: s.ordinal,
			name: s.name,
			audience: s.audience,
			groups: bySession.get(s.id) ?? []
		});
		byWorkshop.set(s.workshop_id, list);
	}
	return workshops.map((w) => ({
		id: w.id,
		workspaceId: w.workspace_id,
		title: w.title,
		createdAt: Number(w.created_at),
		sessions: byWorkshop.get(w.id) ?? []
	}));
}

/** A session, only if it belongs to a workshop of this workspace. */
export async function findSessionInWorkspace(
	db: Db,
	workspaceId: string,
	sessionId: string
): Promise<Omit<WorkshopSession, 'groups'> | undefined> {
	const row = await db
		.selectFrom('workshop_session as s')
		.innerJoin('workshop as w', 'w.id', 's.workshop_id')
		.selectAll('s')
		.where('s.id', '=', sessionId)
		.where('w.workspace_id', '=', workspaceId)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			workshopId: row.workshop_id,
			ordinal: row.ordinal,
			name: row.name,
			audience: row.audience
		}
	);
}

export async function groupNamesOfSession(db: Db, sessionId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('workshop_group')
		.select('name')
		.where('session_id', '=', sessionId)
		.execute();
	return rows.map((r) => r.name);
}

/**
 * Adds a group to a session with a new board document titled after the group.
 * Run inside a transaction so that a group never exists without its board.
 */
export async function addGroup(
	db: Db,
	input: { workspaceId: string; sessionId: string; name: string },
	now = Date.now()
): Promise<WorkshopGroup> {
	const document = await createDocument(
		db,
		{ workspaceId: input.workspaceId, kind: 'board', title: input.name },
		now
	);
	const last = await db
		.selectFrom('workshop_group')
		.select((eb) => eb.fn.max('sort_order').as('max'))
		.where('session_id', '=', input.sessionId)
		.executeTakeFirst();
	const group: WorkshopGroup = {
		id: newId(),
		sessionId: input.sessionId,
		name: input.name,
		documentId: document.id,
		sortOrder: (last?.max ?? -1) + 1
	};
	await db
		.insertInto('workshop_group')
		.values({
			id: group.id,
			session_id: group.sessionId,
			name: group.name,
			document_id: group.documentId,
			sort_order: group.sortOrder
		})
		.execute();
	return group;
}
