/**
 * Resolving a projector's join code to a board address, among the boards the signed-in person may
 * open anyway — so a code never reveals another workspace's board (see domain/join-code.ts).
 */
import { joinCodeFor } from '$lib/domain/join-code';
import { appDb } from '../db/instance';
import { listBoardsOpenTo } from '../repositories/documents';

/** The board's address for a normalised code, or null when none of the person's boards has it. */
export async function boardAddressForCode(user: { id: string; isAdmin: boolean }, code: string): Promise<string | null> {
	const board = (await listBoardsOpenTo(appDb(), user)).find((b) => joinCodeFor(b.id) === code);
	return board ? `/w/${board.workspaceId}/boards/${board.id}` : null;
}
