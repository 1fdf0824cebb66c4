/** Workspaces: one municipality's strategy project. */
import type { Db } from '../db';
import type { Role, WorkspaceRow } from '../db/types';
import { newId } from '../ids';

export interface Workspace {
	id: string;
	townName: string;
	strategyName: string;
	/** Fiscal years (Western year of April) of the plan period, inclusive. */
	planStartFy: number;
	planEndFy: number;
	createdAt: number;
}

const toWorkspace = (r: WorkspaceRow): Workspace => ({
	id: r.id,
	townName: r.town_name,
	strategyName: r.strategy_name,
	planStartFy: r.plan_start_fy,
	planEndFy: r.plan_end_fy,
	createdAt: Number(r.created_at)
});

export async function createWorkspace(
	db: Db,
	input: { townName: string; strategyName: string; planStartFy: number; planEndFy: number },
	now = Date.now()
): Promise<Workspace> {
	const row: WorkspaceRow = {
		id: newId(),
		town_name: input.townName,
		strategy_name: input.strategyName,
		plan_start_fy: input.planStartFy,
		plan_end_fy: input.planEndFy,
		created_at: now
	};
	await db.insertInto('workspace').values(row).execute();
	return toWorkspace(row);
}

export async function findWorkspace(db: Db, id: string): Promise<Workspace | undefined> {
	const row = await db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toWorkspace(row);
}

export interface WorkspaceListing extends Workspace {
	/** The viewer's role there; null when an installation admin is not a member. */
	role: Role | null;
}

/** The workspaces a user belongs to, with their role, newest first. */
export async function listWorkspacesOfUser(db: Db, userId: string): Promise<WorkspaceListing[]> {
	const rows = await db
		.selectFrom('workspace as w')
		.innerJoin('membership as m', 'm.workspace_id', 'w.id')
		.selectAll('w')
		.select('m.role')
		.where('m.user_id', '=', userId)
		.orderBy('w.created_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...toWorkspace(r), role: r.role }));
}

/** Every workspace (for installation admins), with the viewer's role where a member. */
export async function listAllWorkspaces(db: Db, viewerId: string): Promise<WorkspaceListing[]> {
	const rows = await db
		.selectFrom('workspace as w')
		.leftJoin('membership as m', (j) =>
			j.onRef('m.workspace_id', '=', 'w.id').on('m.user_id', '=', viewerId)
		)
		.selectAll('w')
		.select('m.role')
		.orderBy('w.created_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...toWorkspace(r), role: r.role ?? null }));
}
