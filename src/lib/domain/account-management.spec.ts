import { describe, expect, it } from 'vitest';
import {
	decideAddMember,
	mayChangeRole,
	mayManageCredentials,
	type CredentialActor
} from './account-management';

const adminOf = (...ids: string[]): CredentialActor => ({
	userId: 'actor',
	isInstallationAdmin: false,
	adminOf: new Set(ids)
});
const target = (workspaceIds: string[], isInstallationAdmin = false) => ({
	userId: 'target',
	isInstallationAdmin,
	workspaceIds
});

describe('mayManageCredentials', () => {
	it('lets a workspace admin manage an account whose every membership is in workspaces they administer', () => {
		expect(mayManageCredentials(adminOf('b'), target(['b']))).toEqual({ ok: true });
		expect(mayManageCredentials(adminOf('a', 'b', 'c'), target(['a', 'b']))).toEqual({ ok: true });
	});

	it("refuses the issue's attack: the account also belongs to a workspace the admin does not run", () => {
		// Admin of B only; newbie was added by A first, then by B.
		expect(mayManageCredentials(adminOf('b'), target(['a', 'b']))).toEqual({
			ok: false,
			reason: 'outside_actor_workspaces'
		});
		expect(mayManageCredentials(adminOf('b'), target(['a']))).toEqual({
			ok: false,
			reason: 'outside_actor_workspaces'
		});
	});

	it('refuses accounts in no workspace, installation administrators, and oneself', () => {
		expect(mayManageCredentials(adminOf('b'), target([]))).toEqual({ ok: false, reason: 'no_membership' });
		expect(mayManageCredentials(adminOf('b'), target(['b'], true))).toEqual({
			ok: false,
			reason: 'installation_admin'
		});
		expect(mayManageCredentials(adminOf('b'), { ...target(['b']), userId: 'actor' })).toEqual({
			ok: false,
			reason: 'self'
		});
	});

	it('lets the installation administrator manage anyone but themselves', () => {
		const root: CredentialActor = { userId: 'root', isInstallationAdmin: true, adminOf: new Set() };
		expect(mayManageCredentials(root, target(['a', 'b']))).toEqual({ ok: true });
		expect(mayManageCredentials(root, target([]))).toEqual({ ok: true });
		expect(mayManageCredentials(root, target(['a'], true))).toEqual({ ok: true });
		expect(mayManageCredentials(root, { ...target([]), userId: 'root' })).toEqual({ ok: false, reason: 'self' });
	});
});

describe('decideAddMember', () => {
	it('creates a free login id (the only case that issues an invitation)', () => {
		expect(decideAddMember('free', false)).toEqual({ kind: 'create' });
		expect(decideAddMember('free', true)).toEqual({ kind: 'create' });
	});

	it('adds a taken login id as it is only after confirmation, and refuses it otherwise', () => {
		expect(decideAddMember('taken', true)).toEqual({ kind: 'add_existing' });
		expect(decideAddMember('taken', false)).toEqual({ kind: 'refuse', reason: 'unavailable' });
	});

	it('refuses someone who is already a member here, confirmed or not', () => {
		expect(decideAddMember('member_here', false)).toEqual({ kind: 'refuse', reason: 'already_member' });
		expect(decideAddMember('member_here', true)).toEqual({ kind: 'refuse', reason: 'already_member' });
	});
});

describe('mayChangeRole', () => {
	it('is a matter of this workspace: its admin may, for anyone there but themselves', () => {
		expect(mayChangeRole({ userId: 'a', role: 'admin' }, { userId: 'b', isMemberHere: true })).toEqual({ ok: true });
		expect(mayChangeRole({ userId: 'a', role: 'admin' }, { userId: 'a', isMemberHere: true })).toEqual({
			ok: false,
			reason: 'self'
		});
		expect(mayChangeRole({ userId: 'a', role: 'admin' }, { userId: 'b', isMemberHere: false })).toEqual({
			ok: false,
			reason: 'not_member'
		});
		expect(mayChangeRole({ userId: 'a', role: 'facilitator' }, { userId: 'b', isMemberHere: true })).toEqual({
			ok: false,
			reason: 'not_admin'
		});
	});
});
