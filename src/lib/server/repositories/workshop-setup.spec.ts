import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db';
import type { StaffRank } from '../db/types';
import { newId } from '../ids';
import { createUser, createWorkspace } from '../../../../tests/helpers/fixtures';
import { createWorkshop, listWorkshops } from './workshops';
import {
	addSession,
	assignSessionGroups,
	groupIdsOfUser,
	moveMember,
	moveSession,
	removeSession,
	renameSession,
	sessionHasAssignments,
	workshopRosters
} from './workshop-setup';
import { DEFAULT_WORKSHOP_SESSIONS } from '$lib/domain/workshop-template';

let db: Db;
let workspaceId: string;
let departments: string[];

beforeEach(async () => {
	db = openDatabase(':memory:').db;
	await migrateToLatest(db);
	workspaceId = (await createWorkspace(db)).id;
	departments = [];
	for (const [i, name] of ['総務課', '町民課', '農林課'].entries()) {
		const id = newId();
		departments.push(id);
		await db.insertInto('org_unit').values({ id, workspace_id: workspaceId, parent_id: null, name, sort_order: i }).execute();
	}
});

afterEach(async () => {
	await db.destroy();
});

async function person(rank: StaffRank, department: number, role: 'member' | 'observer' | 'facilitator' = 'member') {
	const user = await createUser(db, { password: 'x' });
	await db
		.insertInto('membership')
		.values({ workspace_id: workspaceId, user_id: user.id, role, rank, org_unit_id: departments[department]!, created_at: 0 })
		.execute();
	return user.id;
}

async function workshop() {
	return db.transaction().execute((trx) => createWorkshop(trx, { workspaceId, title: 'WG', sessions: DEFAULT_WORKSHOP_SESSIONS }));
}

describe('sessions', () => {
	it('renames, reorders, adds and removes sessions, keeping ordinals 1…n', async () => {
		const w = await workshop();
		const [s1, s2] = w.sessions;
		await renameSession(db, s1!.id, '係員 第1回 課題の洗い出し（改）');
		expect(await moveSession(db, w.id, s2!.id, 'up')).toBe(true);
		expect(await moveSession(db, w.id, s2!.id, 'up')).toBe(false);
		const added = await addSession(db, w.id, { name: '全体 発表会', audience: 'all' });
		let sessions = (await listWorkshops(db, workspaceId))[0]!.sessions;
		expect(sessions.map((s) => [s.ordinal, s.id])).toEqual([
			[1, s2!.id],
			[2, s1!.id],
			[3, w.sessions[2]!.id],
			[4, w.sessions[3]!.id],
			[5, added]
		]);
		expect(sessions[1]!.name).toBe('係員 第1回 課題の洗い出し（改）');

		await assignSessionGroups(db, { workspaceId, sessionId: s1!.id, audience: 'clerk', groupCount: 2 });
		const boards = await removeSession(db, w.id, s1!.id);
		expect(boards).toBe(2);
		sessions = (await listWorkshops(db, workspaceId))[0]!.sessions;
		expect(sessions.map((s) => s.ordinal)).toEqual([1, 2, 3, 4]);
		expect(sessions.some((s) => s.id === s1!.id)).toBe(false);
		const left = await db.selectFrom('document').select('id').execute();
		expect(left).toHaveLength(0);
	});
});

describe('group assignment', () => {
	it('creates clerk-only and chief-only groups with their boards, mixing departments', async () => {
		const clerks = [await person('clerk', 0), await person('clerk', 0), await person('clerk', 1), await person('other', 2)];
		const chiefs = [await person('chief', 0), await person('manager', 1)];
		await person('clerk', 2, 'observer');
		const w = await workshop();
		const mixed = await addSession(db, w.id, { name: '合同', audience: 'all' });

		const result = await assignSessionGroups(db, { workspaceId, sessionId: mixed, audience: 'all', groupCount: 3 });
		expect(result.created).toBe(3);
		const levels = result.groups.map((g) => g.level).sort();
		expect(levels).toEqual(['chief', 'clerk', 'clerk']);
		for (const g of result.groups) {
			const set = g.level === 'clerk' ? clerks : chiefs;
			expect(g.userIds.every((id) => set.includes(id))).toBe(true);
		}
		expect(result.groups.flatMap((g) => g.userIds).sort()).toEqual([...clerks, ...chiefs].sort());
		// the two clerks of 総務課 are in different groups
		const clerkGroups = result.groups.filter((g) => g.level === 'clerk');
		expect(clerkGroups.every((g) => !(g.userIds.includes(clerks[0]!) && g.userIds.includes(clerks[1]!)))).toBe(true);
		const boards = await db.selectFrom('document').select('id').where('kind', '=', 'board').execute();
		expect(boards).toHaveLength(3);
		expect(await sessionHasAssignments(db, mixed)).toBe(true);

		// re-running reuses the groups (no new boards) and replaces the assignment
		const again = await assignSessionGroups(db, { workspaceId, sessionId: mixed, audience: 'all', groupCount: 2 });
		expect(again.created).toBe(0);
		expect(again.groups.map((g) => g.groupId)).toEqual(result.groups.slice(0, 2).map((g) => g.groupId));
		const rosters = await workshopRosters(db, workspaceId, w.id);
		const roster = rosters.find((r) => r.sessionId === mixed)!;
		expect(roster.groups).toHaveLength(3);
		expect(roster.groups[2]!.members).toEqual([]);
		expect(roster.unassigned).toEqual([]);
	});

	it('leaves chiefs out of a clerk session, and moves one person by hand', async () => {
		const a = await person('clerk', 0);
		const b = await person('clerk', 1);
		const chief = await person('chief', 2);
		const w = await workshop();
		const session = w.sessions[0]!;
		const result = await assignSessionGroups(db, { workspaceId, sessionId: session.id, audience: 'clerk', groupCount: 2 });
		expect(result.left).toBe(1);
		expect(result.groups.flatMap((g) => g.userIds).sort()).toEqual([a, b].sort());

		// the chief is not offered as unassigned in a clerk-level session
		expect((await workshopRosters(db, workspaceId, w.id))[0]!.unassigned).toEqual([]);
		expect((await workshopRosters(db, workspaceId, w.id))[2]!.unassigned.map((p) => p.userId)).toEqual([chief]);
		const [g1, g2] = result.groups;
		const mover = g1!.userIds[0]!;
		await moveMember(db, { sessionId: session.id, userId: mover, groupId: g2!.groupId });
		expect(await groupIdsOfUser(db, workspaceId, mover)).toEqual([g2!.groupId]);
		await moveMember(db, { sessionId: session.id, userId: chief, groupId: g1!.groupId });
		const roster = (await workshopRosters(db, workspaceId, w.id))[0]!;
		expect(roster.groups[0]!.members.map((p) => p.userId)).toEqual([chief]);
		await moveMember(db, { sessionId: session.id, userId: mover, groupId: null });
		expect(await groupIdsOfUser(db, workspaceId, mover)).toEqual([]);
		expect((await workshopRosters(db, workspaceId, w.id))[0]!.unassigned.map((p) => p.userId)).toContain(mover);
	});
});
