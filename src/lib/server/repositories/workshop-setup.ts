/**
 * Setting a workshop up: editing its sessions (rename, reorder, add, remove), assigning the
 * participants to groups (班) automatically or by hand, and finding the group a board belongs to.
 * Functions over the database; run the changing ones inside a transaction.
 */
import type { Db } from '../db';
import type { Role, StaffRank, WorkshopSessionTable } from '../db/types';
import { newId } from '../ids';
import { addGroup } from './workshops';
import { assignGroups, rankLevel, type Participant, type RankLevel } from '$lib/domain/group-assignment';
import { nextGroupName } from '$lib/domain/workshop-template';

type Audience = WorkshopSessionTable['audience'];

export interface WorkshopRef {
	id: string;
	workspaceId: string;
	title: string;
}

/** A workshop, only if it belongs to this workspace. */
export async function findWorkshopInWorkspace(
	db: Db,
	workspaceId: string,
	workshopId: string
): Promise<WorkshopRef | undefined> {
	const row = await db
		.selectFrom('workshop')
		.select(['id', 'workspace_id', 'title'])
		.where('id', '=', workshopId)
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
	return row && { id: row.id, workspaceId: row.workspace_id, title: row.title };
}

// ─── sessions ─────────────────────────────────────────────────────────────────────────────────

async function sessionIdsInOrder(db: Db, workshopId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('workshop_session')
		.select('id')
		.where('workshop_id', '=', workshopId)
		.orderBy('ordinal')
		.orderBy('id')
		.execute();
	return rows.map((r) => r.id);
}

/** Numbers the sessions 1, 2, 3 … in the given order. */
async function renumber(db: Db, ids: readonly string[]): Promise<void> {
	for (const [i, id] of ids.entries()) {
		await db.updateTable('workshop_session').set({ ordinal: i + 1 }).where('id', '=', id).execute();
	}
}

export async function renameSession(db: Db, sessionId: string, name: string): Promise<void> {
	await db.updateTable('workshop_session').set({ name }).where('id', '=', sessionId).execute();
}

export async function setSessionAudience(db: Db, sessionId: string, audience: Audience): Promise<void> {
	await db.updateTable('workshop_session').set({ audience }).where('id', '=', sessionId).execute();
}

/** Moves a session one place earlier or later; false when it is already first or last. */
export async function moveSession(db: Db, workshopId: string, sessionId: string, direction: 'up' | 'down'): Promise<boolean> {
	const ids = await sessionIdsInOrder(db, workshopId);
	const i = ids.indexOf(sessionId);
	const j = direction === 'up' ? i - 1 : i + 1;
	if (i < 0 || j < 0 || j >= ids.length) return false;
	[ids[i], ids[j]] = [ids[j]!, ids[i]!];
	await renumber(db, ids);
	return true;
}

export async function addSession(db: Db, workshopId: string, input: { name: string; audience: Audience }): Promise<string> {
	const ids = await sessionIdsInOrder(db, workshopId);
	const id = newId();
	await db
		.insertInto('workshop_session')
		.values({ id, workshop_id: workshopId, ordinal: ids.length + 1, name: input.name, audience: input.audience })
		.execute();
	return id;
}

/**
 * Removes a session with its groups, their boards (documents, votes) and group members, and
 * numbers the remaining sessions again. Returns how many boards were deleted.
 */
export async function removeSession(db: Db, workshopId: string, sessionId: string): Promise<number> {
	const boards = await db.selectFrom('workshop_group').select('document_id').where('session_id', '=', sessionId).execute();
	if (boards.length > 0) {
		await db
			.deleteFrom('document')
			.where(
				'id',
				'in',
				boards.map((b) => b.document_id)
			)
			.execute();
	}
	await db.deleteFrom('workshop_session').where('id', '=', sessionId).execute();
	await renumber(db, await sessionIdsInOrder(db, workshopId));
	return boards.length;
}

// ─── groups and their members ─────────────────────────────────────────────────────────────────

export interface GroupMemberListing {
	userId: string;
	displayName: string;
	rank: StaffRank;
	/** 課 */
	department: string;
}

export interface SessionGroupRoster {
	groupId: string;
	name: string;
	documentId: string;
	members: GroupMemberListing[];
}

export interface SessionRoster {
	sessionId: string;
	groups: SessionGroupRoster[];
	/** Participants of the workspace of a rank the session is for, in no group of it. */
	unassigned: GroupMemberListing[];
}

/** A workspace's participants (role member, active accounts) with rank and department. */
export async function listParticipants(
	db: Db,
	workspaceId: string,
	roles: readonly Role[] = ['member']
): Promise<Array<GroupMemberListing & { departmentId: string | null }>> {
	const rows = await db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.user_id')
		.leftJoin('org_unit as unit', 'unit.id', 'm.org_unit_id')
		.leftJoin('org_unit as parent', 'parent.id', 'unit.parent_id')
		.select([
			'm.user_id',
			'm.rank',
			'u.display_name',
			'unit.id as unitId',
			'unit.name as unitName',
			'parent.id as parentId',
			'parent.name as parentName'
		])
		.where('m.workspace_id', '=', workspaceId)
		.where('m.role', 'in', [...roles])
		.where('u.active', '=', 1)
		.orderBy('u.display_name')
		.execute();
	return rows.map((r) => ({
		userId: r.user_id,
		displayName: r.display_name,
		rank: r.rank,
		department: r.parentName ?? r.unitName ?? '',
		departmentId: r.parentId ?? r.unitId ?? null
	}));
}

/** Each group of every session of a workshop with its members, and who is in no group. */
export async function workshopRosters(db: Db, workspaceId: string, workshopId: string): Promise<SessionRoster[]> {
	const sessions = await db
		.selectFrom('workshop_session')
		.select(['id', 'audience'])
		.where('workshop_id', '=', workshopId)
		.orderBy('ordinal')
		.orderBy('id')
		.execute();
	const groups = await db
		.selectFrom('workshop_group as g')
		.innerJoin('workshop_session as s', 's.id', 'g.session_id')
		.select(['g.id', 'g.name', 'g.document_id', 'g.session_id'])
		.where('s.workshop_id', '=', workshopId)
		.orderBy('g.sort_order')
		.orderBy('g.name')
		.execute();
	const members = await db
		.selectFrom('group_member as gm')
		.innerJoin('workshop_group as g', 'g.id', 'gm.group_id')
		.innerJoin('workshop_session as s', 's.id', 'g.session_id')
		.select(['gm.group_id', 'gm.user_id'])
		.where('s.workshop_id', '=', workshopId)
		.execute();
	// everyone who could be in a group: participants and anyone already placed (e.g. a facilitator)
	const people = new Map(
		(await listParticipants(db, workspaceId, ['admin', 'facilitator', 'member'])).map((p) => [p.userId, p])
	);
	const participantIds = new Set((await listParticipants(db, workspaceId)).map((p) => p.userId));
	const byGroup = new Map<string, GroupMemberListing[]>();
	for (const row of members) {
		const person = people.get(row.user_id);
		if (!person) continue;
		const list = byGroup.get(row.group_id) ?? [];
		const { departmentId: _departmentId, ...listing } = person;
		list.push(listing);
		byGroup.set(row.group_id, list);
	}
	return sessions.map(({ id: sessionId, audience }) => {
		const own = groups.filter((g) => g.session_id === sessionId);
		const placed = new Set(own.flatMap((g) => (byGroup.get(g.id) ?? []).map((p) => p.userId)));
		return {
			sessionId,
			groups: own.map((g) => ({
				groupId: g.id,
				name: g.name,
				documentId: g.document_id,
				members: (byGroup.get(g.id) ?? []).sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja'))
			})),
			unassigned: [...participantIds]
				.filter((id) => !placed.has(id) && rankFitsAudience(people.get(id)!.rank, audience))
				.map((id) => {
					const { departmentId: _departmentId, ...listing } = people.get(id)!;
					return listing;
				})
		};
	});
}

export async function sessionHasAssignments(db: Db, sessionId: string): Promise<boolean> {
	const row = await db
		.selectFrom('group_member as gm')
		.innerJoin('workshop_group as g', 'g.id', 'gm.group_id')
		.select('gm.user_id')
		.where('g.session_id', '=', sessionId)
		.executeTakeFirst();
	return row !== undefined;
}

export interface AssignmentResult {
	groups: Array<{ groupId: string; name: string; documentId: string; level: RankLevel; userIds: string[] }>;
	/** Groups (and boards) created for this assignment. */
	created: number;
	/** Participants of a rank this session is not for. */
	left: number;
}

/**
 * Assigns the workspace's participants to `groupCount` groups of a session (assignGroups:
 * clerks and chiefs apart, departments mixed). The session's existing groups are reused in
 * order, missing ones are created with their boards, and every earlier assignment in the
 * session is replaced. Extra groups are kept (with their boards) but left empty.
 */
export async function assignSessionGroups(
	db: Db,
	input: { workspaceId: string; sessionId: string; audience: Audience; groupCount: number },
	now = Date.now()
): Promise<AssignmentResult> {
	const participants = await listParticipants(db, input.workspaceId);
	const people: Participant[] = participants.map((p) => ({
		userId: p.userId,
		rank: p.rank,
		departmentId: p.departmentId
	}));
	const assigned = assignGroups(people, input.audience, input.groupCount);
	const existing = await db
		.selectFrom('workshop_group')
		.select(['id', 'name', 'document_id'])
		.where('session_id', '=', input.sessionId)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
	await db
		.deleteFrom('group_member')
		.where(
			'group_id',
			'in',
			db.selectFrom('workshop_group').select('id').where('session_id', '=', input.sessionId)
		)
		.execute();

	const names = existing.map((g) => g.name);
	const result: AssignmentResult = { groups: [], created: 0, left: 0 };
	for (const [i, a] of assigned.entries()) {
		let group = existing[i] && { id: existing[i]!.id, name: existing[i]!.name, documentId: existing[i]!.document_id };
		if (!group) {
			const name = nextGroupName(names);
			names.push(name);
			const created = await addGroup(db, { workspaceId: input.workspaceId, sessionId: input.sessionId, name }, now);
			group = { id: created.id, name: created.name, documentId: created.documentId };
			result.created++;
		}
		if (a.userIds.length > 0) {
			await db
				.insertInto('group_member')
				.values(a.userIds.map((userId) => ({ group_id: group.id, user_id: userId })))
				.execute();
		}
		result.groups.push({ groupId: group.id, name: group.name, documentId: group.documentId, level: a.level, userIds: a.userIds });
	}
	const placed = new Set(assigned.flatMap((a) => a.userIds));
	result.left = people.filter((p) => !placed.has(p.userId)).length;
	return result;
}

/** A group, only if it belongs to this session. */
export async function findGroupInSession(db: Db, sessionId: string, groupId: string) {
	return db
		.selectFrom('workshop_group')
		.select(['id', 'name', 'document_id'])
		.where('id', '=', groupId)
		.where('session_id', '=', sessionId)
		.executeTakeFirst();
}

/** Puts a person into one group of a session (out of any other there), or into none (null). */
export async function moveMember(db: Db, input: { sessionId: string; userId: string; groupId: string | null }): Promise<void> {
	await db
		.deleteFrom('group_member')
		.where('user_id', '=', input.userId)
		.where('group_id', 'in', db.selectFrom('workshop_group').select('id').where('session_id', '=', input.sessionId))
		.execute();
	if (input.groupId) await db.insertInto('group_member').values({ group_id: input.groupId, user_id: input.userId }).execute();
}

/** The groups a person belongs to in a workspace (to highlight their boards). */
export async function groupIdsOfUser(db: Db, workspaceId: string, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('group_member as gm')
		.innerJoin('workshop_group as g', 'g.id', 'gm.group_id')
		.innerJoin('workshop_session as s', 's.id', 'g.session_id')
		.innerJoin('workshop as w', 'w.id', 's.workshop_id')
		.select('gm.group_id')
		.where('gm.user_id', '=', userId)
		.where('w.workspace_id', '=', workspaceId)
		.execute();
	return rows.map((r) => r.group_id);
}

/** Whether this rank takes part in a session for `audience`. */
export function rankFitsAudience(rank: StaffRank, audience: Audience): boolean {
	return audience === 'all' || rankLevel(rank) === audience;
}
