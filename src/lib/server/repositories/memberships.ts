/** Who belongs to which workspace, with which role, rank and org unit. */
import type { Db } from '../db';
import type { Role, StaffRank } from '../db/types';

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

/** Roles that may change shared documents. */
export function canEdit(role: Role): boolean {
	return role !== 'observer';
}

/** Roles that run sessions and manage staff. */
export function canFacilitate(role: Role): boolean {
	return role === 'admin' || role === 'facilitator';
}
