/**
 * What the workspace home needs beyond the workshop list: the groups the signed-in person is in
 * (their boards are highlighted) and, for facilitators, each session's groups with members.
 */
import type { Db } from '../db';
import { groupIdsOfUser, workshopRosters, type SessionRoster } from '../repositories/workshop-setup';

export interface WorkshopSetupData {
	myGroupIds: string[];
	/** Per workshop id; empty for members. */
	rosters: Record<string, SessionRoster[]>;
}

export async function workshopSetupData(
	db: Db,
	input: { workspaceId: string; userId: string; canFacilitate: boolean; workshopIds: readonly string[] }
): Promise<WorkshopSetupData> {
	const myGroupIds = await groupIdsOfUser(db, input.workspaceId, input.userId);
	const rosters: Record<string, SessionRoster[]> = {};
	if (input.canFacilitate) {
		for (const id of input.workshopIds) rosters[id] = await workshopRosters(db, input.workspaceId, id);
	}
	return { myGroupIds, rosters };
}
