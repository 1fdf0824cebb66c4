/** Who belongs to which workspace, with which role, rank and org unit. */
import type { Db } from '../db';
import type { DocumentKind, Role, StaffRank } from '../db/types';

export interface Membership {
	workspaceId: string;
	userId: string;
	role: Role;
	rank: StaffRank;
	orgUnitId: string | null;
}

export async function findMembership(
	db: Db,
	workspaceId: string,
	userId: string
): Promise<Membership | undefined> {
	const row = await db
		.selectFrom('membership')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return (
		row && {
			workspaceId: row.workspace_id,
			userId: row.user_id,
			role: row.role,
			rank: row.rank,
			orgUnitId: row.org_unit_id
		}
	);
}

/** Department and section names of a member, for presence ("総務課 企画係"). */
export async function memberDepartmentLabel(
	db: Db,
	workspaceId: string,
	userId: string
): Promise<string> {
	const row = await db
		.selectFrom('membership as m')
		.leftJoin('org_unit as s', 's.id', 'm.org_unit_id')
		.leftJoin('org_unit as d', 'd.id', 's.parent_id')
		.select(['s.name as unitName', 'd.name as parentName'])
		.where('m.workspace_id', '=', workspaceId)
		.where('m.user_id', '=', userId)
		.executeTakeFirst();
	if (!row?.unitName) return '';
	return row.parentName ? `${row.parentName} ${row.unitName}` : row.unitName;
}

export async function upsertMembership(db: Db, m: Membership, now = Date.now()): Promise<void> {
	await db
		.insertInto('membership')
		.values({
			workspace_id: m.workspaceId,
			user_id: m.userId,
			role: m.role,
			rank: m.rank,
			org_unit_id: m.orgUnitId,
			created_at: now
		})
		.onConflict((oc) =>
			oc.columns(['workspace_id', 'user_id']).doUpdateSet({
				role: m.role,
				rank: m.rank,
				org_unit_id: m.orgUnitId
			})
		)
		.execute();
}

/**
 * The role a user acts with in a workspace: `admin` for an installation administrator (member or
 * not), else the membership's role; null when they have no business there. HTTP and websocket
 * alike decide by this.
 */
export function effectiveRole(user: { isAdmin: boolean }, membershipRole: Role | undefined): Role | null {
	if (user.isAdmin) return 'admin';
	return membershipRole ?? null;
}

/** A user's effective role in a workspace, as `currentRoles` answers it. */
export interface RoleQuery {
	workspaceId: string;
	userId: string;
}

export const roleQueryKey = ({ workspaceId, userId }: RoleQuery): string => `${workspaceId}/${userId}`;

/**
 * The current effective role of each (workspace, user) pair, keyed by `roleQueryKey`: what the
 * collaboration server re-checks for its open sockets. Two queries per 500 users.
 */
export async function currentRoles(db: Db, queries: readonly RoleQuery[]): Promise<Map<string, Role | null>> {
	const result = new Map<string, Role | null>();
	const userIds = [...new Set(queries.map((q) => q.userId))];
	const workspaceIds = [...new Set(queries.map((q) => q.workspaceId))];
	const admins = new Set<string>();
	const roles = new Map<string, Role>();
	for (let i = 0; i < userIds.length; i += 500) {
		const chunk = userIds.slice(i, i + 500);
		const users = await db.selectFrom('user').select(['id', 'is_admin']).where('id', 'in', chunk).execute();
		for (const u of users) if (u.is_admin) admins.add(u.id);
		const memberships = await db
			.selectFrom('membership')
			.select(['workspace_id', 'user_id', 'role'])
			.where('user_id', 'in', chunk)
			.where('workspace_id', 'in', workspaceIds)
			.execute();
		for (const r of memberships) roles.set(roleQueryKey({ workspaceId: r.workspace_id, userId: r.user_id }), r.role);
	}
	for (const q of queries) {
		const key = roleQueryKey(q);
		result.set(key, effectiveRole({ isAdmin: admins.has(q.userId) }, roles.get(key)));
	}
	return result;
}

/** Roles that may change shared documents. */
export function canEdit(role: Role): boolean {
	return role !== 'observer';
}

/** Roles that run sessions and manage staff. */
export function canFacilitate(role: Role): boolean {
	return role === 'admin' || role === 'facilitator';
}

/**
 * Who may change a shared document: a group board, everyone but observers (a facilitator's lock
 * aside); the strategy draft, only those who run the roll-up.
 */
export function canEditDocument(kind: DocumentKind, role: Role): boolean {
	return kind === 'strategy' ? canFacilitate(role) : canEdit(role);
}

/** A row of the staff list: the member with their account and org unit names. */
export interface MemberListing extends Membership {
	loginId: string;
	displayName: string;
	active: boolean;
	isAdmin: boolean;
	/** Whether the user has set a password yet. */
	hasPassword: boolean;
	/** 課 — the department, or the unit itself when it is a department. */
	department: string;
	/** 係 — the section, empty when the member belongs to a department directly. */
	section: string;
}

export async function listMembers(db: Db, workspaceId: string): Promise<MemberListing[]> {
	const rows = await db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.user_id')
		.leftJoin('org_unit as unit', 'unit.id', 'm.org_unit_id')
		.leftJoin('org_unit as parent', 'parent.id', 'unit.parent_id')
		.select([
			'm.workspace_id',
			'm.user_id',
			'm.role',
			'm.rank',
			'm.org_unit_id',
			'u.login_id',
			'u.display_name',
			'u.active',
			'u.is_admin',
			'u.password_hash',
			'unit.name as unitName',
			'unit.sort_order as unitOrder',
			'parent.name as parentName',
			'parent.sort_order as parentOrder'
		])
		.where('m.workspace_id', '=', workspaceId)
		.execute();
	const listing = rows.map((r) => ({
		workspaceId: r.workspace_id,
		userId: r.user_id,
		role: r.role,
		rank: r.rank,
		orgUnitId: r.org_unit_id,
		loginId: r.login_id,
		displayName: r.display_name,
		active: r.active === 1,
		isAdmin: r.is_admin === 1,
		hasPassword: r.password_hash !== null,
		department: r.parentName ?? r.unitName ?? '',
		section: r.parentName ? (r.unitName ?? '') : '',
		sortKey: [r.parentOrder ?? r.unitOrder ?? 1e9, r.parentName ? (r.unitOrder ?? 0) : -1] as const
	}));
	listing.sort(
		(a, b) =>
			a.sortKey[0] - b.sortKey[0] ||
			a.sortKey[1] - b.sortKey[1] ||
			a.loginId.localeCompare(b.loginId)
	);
	return listing.map(({ sortKey: _sortKey, ...rest }) => rest);
}

export async function setMemberRole(
	db: Db,
	workspaceId: string,
	userId: string,
	role: Role
): Promise<boolean> {
	const result = await db
		.updateTable('membership')
		.set({ role })
		.where('workspace_id', '=', workspaceId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Every workspace membership of a user. */
export async function membershipsOfUser(db: Db, userId: string): Promise<Membership[]> {
	const rows = await db.selectFrom('membership').selectAll().where('user_id', '=', userId).execute();
	return rows.map((row) => ({
		workspaceId: row.workspace_id,
		userId: row.user_id,
		role: row.role,
		rank: row.rank,
		orgUnitId: row.org_unit_id
	}));
}

/** How many members of the workspace have the admin role. */
export async function countWorkspaceAdmins(db: Db, workspaceId: string): Promise<number> {
	const row = await db
		.selectFrom('membership')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('workspace_id', '=', workspaceId)
		.where('role', '=', 'admin')
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}
