/** People who can sign in: staff members and installation administrators. */
import type { Db } from '../db';
import type { UserRow } from '../db/types';
import { newId } from '../ids';

export interface User {
	id: string;
	loginId: string;
	displayName: string;
	/** argon2id hash; null until the user has set a password through an invitation. */
	passwordHash: string | null;
	isAdmin: boolean;
	active: boolean;
	createdAt: number;
}

export const toUser = (r: UserRow): User => ({
	id: r.id,
	loginId: r.login_id,
	displayName: r.display_name,
	passwordHash: r.password_hash,
	isAdmin: r.is_admin === 1,
	active: r.active === 1,
	createdAt: Number(r.created_at)
});

/** True once any account exists (the first-run setup is then closed). */
export async function hasAnyUser(db: Db): Promise<boolean> {
	const row = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
	return row !== undefined;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
	const row = await db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toUser(row);
}

/** By login id, already normalised (see normalizeLoginId). */
export async function findUserByLoginId(db: Db, loginId: string): Promise<User | undefined> {
	const row = await db
		.selectFrom('user')
		.selectAll()
		.where('login_id', '=', loginId)
		.executeTakeFirst();
	return row && toUser(row);
}

/** The users with these login ids, keyed by login id. */
export async function findUsersByLoginIds(db: Db, loginIds: string[]): Promise<Map<string, User>> {
	const out = new Map<string, User>();
	for (let i = 0; i < loginIds.length; i += 500) {
		const chunk = loginIds.slice(i, i + 500);
		if (chunk.length === 0) continue;
		const rows = await db.selectFrom('user').selectAll().where('login_id', 'in', chunk).execute();
		for (const r of rows) out.set(r.login_id, toUser(r));
	}
	return out;
}

export async function createUser(
	db: Db,
	input: { loginId: string; displayName: string; passwordHash?: string | null; isAdmin?: boolean },
	now = Date.now()
): Promise<User> {
	const row: UserRow = {
		id: newId(),
		login_id: input.loginId,
		display_name: input.displayName,
		password_hash: input.passwordHash ?? null,
		is_admin: input.isAdmin ? 1 : 0,
		active: 1,
		created_at: now
	};
	await db.insertInto('user').values(row).execute();
	return toUser(row);
}

export async function setUserPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
	await db.updateTable('user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Activates or deactivates an account. Deactivating does not end sessions: the caller does. */
export async function setUserActive(db: Db, userId: string, active: boolean): Promise<void> {
	await db
		.updateTable('user')
		.set({ active: active ? 1 : 0 })
		.where('id', '=', userId)
		.execute();
}

export async function setUserDisplayName(db: Db, userId: string, displayName: string): Promise<void> {
	await db.updateTable('user').set({ display_name: displayName }).where('id', '=', userId).execute();
}

/** Ends every session of a user except (optionally) one. */
export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string) {
	let q = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
	await q.execute();
}
