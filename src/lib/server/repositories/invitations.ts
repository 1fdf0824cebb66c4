/**
 * One-time invitation links (/invite/<token>) with which a new user sets a password.
 * Only the SHA-256 of the token is stored; the link is shown once, to the administrator.
 */
import type { Db } from '../db';
import { generateSessionToken, hashToken } from '../auth/session';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
export const INVITATION_TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export interface IssuedInvitation {
	/** The secret for the link; never stored. */
	token: string;
	userId: string;
	expiresAt: number;
}

export interface PendingInvitation {
	id: string;
	userId: string;
	loginId: string;
	displayName: string;
	expiresAt: number;
}

/**
 * Issues a new invitation for the user. Earlier unused invitations of the same user stop
 * working, so only the latest link is valid.
 */
export async function issueInvitation(
	db: Db,
	userId: string,
	createdBy: string | null,
	now = Date.now()
): Promise<IssuedInvitation> {
	await db
		.updateTable('invitation')
		.set({ used_at: now })
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.execute();
	const token = generateSessionToken();
	const expiresAt = now + INVITATION_TTL_MS;
	await db
		.insertInto('invitation')
		.values({
			id: hashToken(token),
			user_id: userId,
			created_by: createdBy,
			created_at: now,
			expires_at: expiresAt,
			used_at: null
		})
		.execute();
	return { token, userId, expiresAt };
}

/** The invitation for this token if it is unused, unexpired, and its user is active. */
export async function findPendingInvitation(
	db: Db,
	token: string,
	now = Date.now()
): Promise<PendingInvitation | undefined> {
	if (!INVITATION_TOKEN_PATTERN.test(token)) return undefined;
	const row = await db
		.selectFrom('invitation as i')
		.innerJoin('user as u', 'u.id', 'i.user_id')
		.select(['i.id', 'i.user_id', 'i.expires_at', 'u.login_id', 'u.display_name'])
		.where('i.id', '=', hashToken(token))
		.where('i.used_at', 'is', null)
		.where('i.expires_at', '>', now)
		.where('u.active', '=', 1)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			userId: row.user_id,
			loginId: row.login_id,
			displayName: row.display_name,
			expiresAt: Number(row.expires_at)
		}
	);
}

/** Marks the invitation used; false when it was used meanwhile (a double submit). */
export async function markInvitationUsed(db: Db, id: string, now = Date.now()): Promise<boolean> {
	const result = await db
		.updateTable('invitation')
		.set({ used_at: now })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** User ids (of those given) that have an invitation still waiting to be used. */
export async function usersWithPendingInvitation(
	db: Db,
	userIds: string[],
	now = Date.now()
): Promise<Set<string>> {
	const out = new Set<string>();
	for (let i = 0; i < userIds.length; i += 500) {
		const chunk = userIds.slice(i, i + 500);
		if (chunk.length === 0) continue;
		const rows = await db
			.selectFrom('invitation')
			.select('user_id')
			.where('user_id', 'in', chunk)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.execute();
		for (const r of rows) out.add(r.user_id);
	}
	return out;
}
