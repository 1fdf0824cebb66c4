/** Repositories behind staff management and workshops, against a fresh migrated database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db';
import { DEFAULT_WORKSHOP_SESSIONS } from '$lib/domain/workshop-template';
import { createUser, findUserByLoginId } from './users';
import { createWorkspace } from './workspaces';
import { ensureOrgUnitFor, listOrgUnits } from './org-units';
import { listMembers, upsertMembership } from './memberships';
import {
	findPendingInvitation,
	INVITATION_TTL_MS,
	issueInvitation,
	markInvitationUsed
} from './invitations';
import { addGroup, createWorkshop, findSessionInWorkspace, listWorkshops } from './workshops';

let db: Db;
let workspaceId: string;
const T0 = Date.UTC(2025, 3, 1);

beforeEach(async () => {
	db = openDatabase(':memory:').db;
	await migrateToLatest(db);
	workspaceId = (
		await createWorkspace(db, {
			townName: '会津美里町',
			strategyName: '総合戦略',
			planStartFy: 2025,
			planEndFy: 2029
		})
	).id;
});
afterEach(async () => {
	await db.destroy();
});

describe('org units', () => {
	it('creates a department and a section under it once, and finds them afterwards', async () => {
		const a = await ensureOrgUnitFor(db, workspaceId, '総務課', '企画係');
		const b = await ensureOrgUnitFor(db, workspaceId, '総務課', '企画係');
		const dept = await ensureOrgUnitFor(db, workspaceId, '総務課', '');
		expect(b.id).toBe(a.id);
		expect(a.parentId).toBe(dept.id);
		expect(dept.parentId).toBeNull();
		// The same section name under another department is another unit.
		const other = await ensureOrgUnitFor(db, workspaceId, '税務課', '企画係');
		expect(other.id).not.toBe(a.id);
		expect(await listOrgUnits(db, workspaceId)).toHaveLength(4);
	});
});

describe('members', () => {
	it('lists members with department and section names', async () => {
		const user = await createUser(db, { loginId: 'hanako.aizu', displayName: '会津 花子' });
		const unit = await ensureOrgUnitFor(db, workspaceId, '総務課', '企画係');
		await upsertMembership(db, { workspaceId, userId: user.id, role: 'member', rank: 'clerk', orgUnitId: unit.id });
		const [member] = await listMembers(db, workspaceId);
		expect(member).toMatchObject({
			loginId: 'hanako.aizu',
			displayName: '会津 花子',
			department: '総務課',
			section: '企画係',
			rank: 'clerk',
			role: 'member',
			active: true,
			hasPassword: false
		});
	});
});

describe('invitations', () => {
	it('finds a pending invitation by its token only, until used or expired', async () => {
		const user = await createUser(db, { loginId: 'taro', displayName: '美里 太郎' });
		const issued = await issueInvitation(db, user.id, null, T0);
		const stored = await db.selectFrom('invitation').select('id').execute();
		expect(stored.map((r) => r.id)).not.toContain(issued.token); // only the hash is stored

		const found = await findPendingInvitation(db, issued.token, T0 + 1000);
		expect(found?.loginId).toBe('taro');
		expect(await findPendingInvitation(db, issued.token, T0 + INVITATION_TTL_MS)).toBeUndefined();
		expect(await findPendingInvitation(db, 'x'.repeat(32), T0)).toBeUndefined();

		expect(await markInvitationUsed(db, found!.id, T0 + 2000)).toBe(true);
		expect(await markInvitationUsed(db, found!.id, T0 + 3000)).toBe(false);
		expect(await findPendingInvitation(db, issued.token, T0 + 4000)).toBeUndefined();
	});

	it('makes earlier links stop working when a new one is issued', async () => {
		const user = await createUser(db, { loginId: 'jiro', displayName: '高田 次郎' });
		const first = await issueInvitation(db, user.id, null, T0);
		const second = await issueInvitation(db, user.id, null, T0 + 1000);
		expect(await findPendingInvitation(db, first.token, T0 + 2000)).toBeUndefined();
		expect(await findPendingInvitation(db, second.token, T0 + 2000)).toBeDefined();
	});

	it('does not work for a deactivated user', async () => {
		const user = await createUser(db, { loginId: 'saburo', displayName: '三郎' });
		const issued = await issueInvitation(db, user.id, null, T0);
		await db.updateTable('user').set({ active: 0 }).where('id', '=', user.id).execute();
		expect(await findPendingInvitation(db, issued.token, T0 + 1000)).toBeUndefined();
		expect((await findUserByLoginId(db, 'saburo'))?.active).toBe(false);
	});
});

describe('workshops', () => {
	it('creates the four sessions and groups with their own board documents', async () => {
		const workshop = await createWorkshop(db, {
			workspaceId,
			title: '令和7年度 職員ワーキンググループ',
			sessions: DEFAULT_WORKSHOP_SESSIONS
		});
		const first = workshop.sessions[0]!;
		const a = await addGroup(db, { workspaceId, sessionId: first.id, name: 'A班' });
		const b = await addGroup(db, { workspaceId, sessionId: first.id, name: 'B班' });
		expect(a.documentId).not.toBe(b.documentId);
		const doc = await db.selectFrom('document').selectAll().where('id', '=', a.documentId).executeTakeFirst();
		expect(doc).toMatchObject({ kind: 'board', title: 'A班', workspace_id: workspaceId });

		const [listed] = await listWorkshops(db, workspaceId);
		expect(listed?.sessions.map((s) => [s.ordinal, s.audience, s.groups.map((g) => g.name)])).toEqual([
			[1, 'clerk', ['A班', 'B班']],
			[2, 'clerk', []],
			[3, 'chief', []],
			[4, 'chief', []]
		]);
	});

	it('does not find a session through another workspace', async () => {
		const other = await createWorkspace(db, {
			townName: '他町',
			strategyName: '戦略',
			planStartFy: 2025,
			planEndFy: 2029
		});
		const workshop = await createWorkshop(db, { workspaceId, title: 'WS', sessions: DEFAULT_WORKSHOP_SESSIONS });
		const sessionId = workshop.sessions[0]!.id;
		expect(await findSessionInWorkspace(db, workspaceId, sessionId)).toBeDefined();
		expect(await findSessionInWorkspace(db, other.id, sessionId)).toBeUndefined();
	});
});
