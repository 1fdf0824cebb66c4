import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { migrateToLatest, openDatabase, type Db } from './db';
import type { Role } from './db/types';
import type { SessionUser } from './auth/session';
import { canManageAccount, requireMembership } from './authz';
import { createUser } from './repositories/users';
import { createWorkspace } from './repositories/workspaces';
import { canEditDocument, currentRoles, roleQueryKey, upsertMembership } from './repositories/memberships';

let db: Db;
let wsA: string;
let wsB: string;

const asUser = (u: { id: string; loginId: string; displayName: string; isAdmin: boolean }): SessionUser => ({
	id: u.id,
	loginId: u.loginId,
	displayName: u.displayName,
	isAdmin: u.isAdmin
});

async function person(loginId: string, memberships: Array<[string, Role]> = [], isAdmin = false) {
	const user = await createUser(db, { loginId, displayName: loginId, isAdmin });
	for (const [workspaceId, role] of memberships) {
		await upsertMembership(db, { workspaceId, userId: user.id, role, rank: 'clerk', orgUnitId: null });
	}
	return asUser(user);
}

async function status(promise: Promise<unknown>): Promise<number | 'ok'> {
	try {
		await promise;
		return 'ok';
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

beforeEach(async () => {
	db = openDatabase(':memory:').db;
	await migrateToLatest(db);
	const plan = { strategyName: '総合戦略', planStartFy: 2025, planEndFy: 2029 };
	wsA = (await createWorkspace(db, { townName: 'A町', ...plan })).id;
	wsB = (await createWorkspace(db, { townName: 'B町', ...plan })).id;
});
afterEach(async () => {
	await db.destroy();
});

describe('requireMembership', () => {
	it('gives a member their role', async () => {
		const user = await person('member', [[wsA, 'member']]);
		const access = await requireMembership({ user }, wsA, undefined, db);
		expect(access.role).toBe('member');
		expect(access.workspace.townName).toBe('A町');
	});

	it('treats an installation admin as admin everywhere, member or not', async () => {
		const user = await person('root', [], true);
		const access = await requireMembership({ user }, wsB, ['admin'], db);
		expect(access.role).toBe('admin');
		expect(access.membership).toBeNull();
	});

	it('answers 401 signed out, 404 for unknown workspaces, 403 for non-members and wrong roles', async () => {
		const user = await person('member', [[wsA, 'member']]);
		expect(await status(requireMembership({ user: null }, wsA, undefined, db))).toBe(401);
		expect(await status(requireMembership({ user }, 'a'.repeat(26), undefined, db))).toBe(404);
		expect(await status(requireMembership({ user }, '../etc', undefined, db))).toBe(404);
		expect(await status(requireMembership({ user }, wsB, undefined, db))).toBe(403);
		expect(await status(requireMembership({ user }, wsA, ['admin', 'facilitator'], db))).toBe(403);
	});
});

describe('canManageAccount', () => {
	it('lets a workspace admin manage users who belong only to workspaces they administer', async () => {
		const admin = await person('admin-a', [
			[wsA, 'admin'],
			[wsB, 'member']
		]);
		const onlyA = await person('only-a', [[wsA, 'member']]);
		const alsoB = await person('also-b', [
			[wsA, 'member'],
			[wsB, 'member']
		]);
		const root = await person('root', [[wsA, 'member']], true);
		expect(await canManageAccount(db, admin, onlyA)).toBe(true);
		expect(await canManageAccount(db, admin, alsoB)).toBe(false);
		expect(await canManageAccount(db, admin, root)).toBe(false);
		expect(await canManageAccount(db, admin, admin)).toBe(false);
	});

	it('lets an installation admin manage anyone but themselves', async () => {
		const root = await person('root', [], true);
		const other = await person('other', [[wsB, 'admin']]);
		expect(await canManageAccount(db, root, other)).toBe(true);
		expect(await canManageAccount(db, root, root)).toBe(false);
	});
});

describe('currentRoles (what the websocket server re-checks)', () => {
	it('answers each workspace and user pair with the same role requireMembership gives', async () => {
		const member = await person('member2', [[wsA, 'member'], [wsB, 'observer']]);
		const root = await person('root2', [[wsA, 'member']], true);
		const outsider = await person('outsider2', [[wsB, 'facilitator']]);
		const pairs = [
			{ workspaceId: wsA, userId: member.id },
			{ workspaceId: wsB, userId: member.id },
			{ workspaceId: wsA, userId: root.id },
			{ workspaceId: wsA, userId: outsider.id }
		];
		const roles = await currentRoles(db, pairs);
		expect(pairs.map((p) => roles.get(roleQueryKey(p)))).toEqual(['member', 'observer', 'admin', null]);
		// the HTTP side agrees on every pair it lets in
		expect((await requireMembership({ user: root }, wsA, undefined, db)).role).toBe('admin');
		expect(await status(requireMembership({ user: outsider }, wsA, undefined, db))).toBe(403);
	});
});

describe('canEditDocument', () => {
	it('lets members edit boards but only facilitators and admins the strategy draft', () => {
		const roles: Role[] = ['admin', 'facilitator', 'member', 'observer'];
		expect(roles.map((r) => canEditDocument('board', r))).toEqual([true, true, true, false]);
		expect(roles.map((r) => canEditDocument('strategy', r))).toEqual([true, true, false, false]);
	});
});
