/**
 * Test data written straight into a server's SQLite file (the server shares it in WAL mode).
 * Uses raw inserts and the session functions only, so tests do not depend on the UI.
 */
import { openDatabase, type Db } from '../../src/lib/server/db';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { hashPassword } from '../../src/lib/server/auth/password';
import { newId } from '../../src/lib/server/ids';
import type { DocumentKind, Role, StaffRank } from '../../src/lib/server/db/types';

export const TEST_POLICY = { idleMs: 60 * 60_000, maxMs: 12 * 3_600_000 };

export function openTestDb(path: string): { db: Db; close: () => Promise<void> } {
	const { db } = openDatabase(path);
	return { db, close: () => db.destroy() };
}

export async function createUser(
	db: Db,
	input: { loginId?: string; displayName?: string; password?: string; isAdmin?: boolean; active?: boolean } = {}
): Promise<{ id: string; loginId: string; displayName: string; password: string }> {
	const id = newId();
	const loginId = input.loginId ?? `user-${id.slice(0, 8)}`;
	const displayName = input.displayName ?? `職員 ${id.slice(0, 4)}`;
	const password = input.password ?? 'correct horse battery';
	await db
		.insertInto('user')
		.values({
			id,
			login_id: loginId,
			display_name: displayName,
			password_hash: await hashPassword(password),
			is_admin: input.isAdmin ? 1 : 0,
			active: input.active === false ? 0 : 1,
			created_at: Date.now()
		})
		.execute();
	return { id, loginId, displayName, password };
}

export async function createWorkspace(
	db: Db,
	input: { townName?: string; strategyName?: string; planStartFy?: number; planEndFy?: number } = {}
): Promise<{ id: string }> {
	const id = newId();
	await db
		.insertInto('workspace')
		.values({
			id,
			town_name: input.townName ?? 'テスト町',
			strategy_name: input.strategyName ?? 'テスト町デジタル田園都市構想総合戦略',
			plan_start_fy: input.planStartFy ?? 2025,
			plan_end_fy: input.planEndFy ?? 2029,
			created_at: Date.now()
		})
		.execute();
	return { id };
}

export async function addMember(
	db: Db,
	workspaceId: string,
	userId: string,
	role: Role,
	rank: StaffRank = 'clerk'
): Promise<void> {
	await db
		.insertInto('membership')
		.values({ workspace_id: workspaceId, user_id: userId, role, rank, org_unit_id: null, created_at: Date.now() })
		.execute();
}

export async function createDocument(
	db: Db,
	workspaceId: string,
	kind: DocumentKind,
	title: string
): Promise<{ id: string }> {
	const id = newId();
	await db.insertInto('document').values({ id, workspace_id: workspaceId, kind, title, created_at: Date.now() }).execute();
	return { id };
}

export function createBoardDocument(db: Db, workspaceId: string, title = 'テストボード'): Promise<{ id: string }> {
	return createDocument(db, workspaceId, 'board', title);
}

/** Creates a session for the user and returns the Cookie header value that carries it. */
export async function sessionCookie(db: Db, userId: string): Promise<{ cookie: string; token: string; sessionId: string }> {
	const token = generateSessionToken();
	const session = await createSession(db, token, userId, TEST_POLICY);
	return { cookie: `session=${token}`, token, sessionId: session.id };
}
