/**
 * Seeds the SQLite database of the server under test the way the app would have: migrated with
 * the app's migrations, one workspace, board documents with a stored snapshot (and optionally a
 * tail of logged updates), and members with live sessions whose cookies the clients present.
 * Bundled by bench/run.mjs with esbuild.
 */
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { migrateToLatest, openDatabase } from '../../src/lib/server/db';
import { newId } from '../../src/lib/server/ids';

export interface SeedInput {
	databasePath: string;
	/** The full state every board starts from. */
	board: Uint8Array;
	rooms: number;
	members: number;
	/** Updates to leave in the log after the snapshot (a crash just before a compaction)… */
	logTail?: Uint8Array[];
	/** …of the first this many boards (default: all). */
	logTailRooms?: number;
	/** A member who can log in through the form (for the browser measurement). */
	loginPasswordHash?: string;
}

export interface SeedOutput {
	workspaceId: string;
	documentIds: string[];
	/** One Cookie header value per member, in order. */
	cookies: string[];
	/** Session tokens (the cookie values), for a browser context. */
	tokens: string[];
	userIds: string[];
}

const POLICY = { idleMs: 60 * 60_000, maxMs: 12 * 3_600_000 };

export async function seedDatabase(input: SeedInput): Promise<SeedOutput> {
	const { db } = openDatabase(input.databasePath);
	try {
		await migrateToLatest(db);
		const now = Date.now();
		const workspaceId = newId();
		await db
			.insertInto('workspace')
			.values({
				id: workspaceId,
				town_name: 'ベンチ町',
				strategy_name: 'ベンチ町デジタル田園都市構想総合戦略',
				plan_start_fy: 2025,
				plan_end_fy: 2029,
				created_at: now
			})
			.execute();
		const documentIds: string[] = [];
		for (let r = 0; r < input.rooms; r++) {
			const id = newId();
			documentIds.push(id);
			await db
				.insertInto('document')
				.values({ id, workspace_id: workspaceId, kind: 'board', title: `ベンチ ${r + 1}`, created_at: now })
				.execute();
			await db
				.insertInto('document_snapshot')
				.values({ document_id: id, data: input.board, last_seq: 0, updated_at: now })
				.execute();
			const tail = r < (input.logTailRooms ?? input.rooms) ? (input.logTail ?? []) : [];
			for (const update of tail) {
				await db.insertInto('document_update').values({ document_id: id, data: update, created_at: now }).execute();
			}
		}
		const cookies: string[] = [];
		const tokens: string[] = [];
		const userIds: string[] = [];
		await db.transaction().execute(async (trx) => {
			for (let i = 0; i < input.members; i++) {
				const id = newId();
				await trx
					.insertInto('user')
					.values({
						id,
						login_id: `bench-${i}`,
						display_name: `職員 ${i + 1}`,
						password_hash: i === 0 && input.loginPasswordHash ? input.loginPasswordHash : null,
						is_admin: 0,
						active: 1,
						created_at: now
					})
					.execute();
				await trx
					.insertInto('membership')
					.values({ workspace_id: workspaceId, user_id: id, role: i === 0 ? 'facilitator' : 'member', rank: 'clerk', org_unit_id: null, created_at: now })
					.execute();
				const token = generateSessionToken();
				await createSession(trx, token, id, POLICY, now);
				cookies.push(`session=${token}`);
				tokens.push(token);
				userIds.push(id);
			}
		});
		return { workspaceId, documentIds, cookies, tokens, userIds };
	} finally {
		await db.destroy();
	}
}
