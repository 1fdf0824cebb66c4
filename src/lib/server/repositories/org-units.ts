/** A town's departments (課) and their sections (係), per workspace. */
import type { Db } from '../db';
import type { OrgUnitRow } from '../db/types';
import { newId } from '../ids';

export interface OrgUnit {
	id: string;
	workspaceId: string;
	/** null for a department; the department's id for a section. */
	parentId: string | null;
	name: string;
	sortOrder: number;
}

const toOrgUnit = (r: OrgUnitRow): OrgUnit => ({
	id: r.id,
	workspaceId: r.workspace_id,
	parentId: r.parent_id,
	name: r.name,
	sortOrder: r.sort_order
});

export async function listOrgUnits(db: Db, workspaceId: string): Promise<OrgUnit[]> {
	const rows = await db
		.selectFrom('org_unit')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
	return rows.map(toOrgUnit);
}

async function findOrCreate(
	db: Db,
	workspaceId: string,
	parentId: string | null,
	name: string
): Promise<OrgUnit> {
	let q = db
		.selectFrom('org_unit')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.where('name', '=', name);
	q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
	const existing = await q.executeTakeFirst();
	if (existing) return toOrgUnit(existing);

	let last = db
		.selectFrom('org_unit')
		.select((eb) => eb.fn.max('sort_order').as('max'))
		.where('workspace_id', '=', workspaceId);
	last = parentId === null ? last.where('parent_id', 'is', null) : last.where('parent_id', '=', parentId);
	const max = (await last.executeTakeFirst())?.max;
	const row: OrgUnitRow = {
		id: newId(),
		workspace_id: workspaceId,
		parent_id: parentId,
		name,
		sort_order: (max ?? -1) + 1
	};
	await db.insertInto('org_unit').values(row).execute();
	return toOrgUnit(row);
}

/** The department (課) of this name, created when missing. */
export function ensureDepartment(db: Db, workspaceId: string, name: string): Promise<OrgUnit> {
	return findOrCreate(db, workspaceId, null, name);
}

/** The section (係) of this name under the department, created when missing. */
export function ensureSection(
	db: Db,
	workspaceId: string,
	departmentId: string,
	name: string
): Promise<OrgUnit> {
	return findOrCreate(db, workspaceId, departmentId, name);
}

/**
 * The org unit a staff member belongs to: the section when one is named, else the department.
 * Both are created when missing.
 */
export async function ensureOrgUnitFor(
	db: Db,
	workspaceId: string,
	department: string,
	section: string
): Promise<OrgUnit> {
	const dept = await ensureDepartment(db, workspaceId, department);
	return section ? ensureSection(db, workspaceId, dept.id, section) : dept;
}
