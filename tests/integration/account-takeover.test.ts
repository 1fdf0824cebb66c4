/**
 * Issue 8, part 1, against the built server: the admin of workspace B must not be able to take
 * over an account that workspace A created and that has no password yet, by adding its login id
 * to B (one at a time or by CSV). B gets no invitation link, cannot sign in as that person, A's
 * link keeps working, and B's answers do not tell a login id taken elsewhere from any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'devalue';
import type { Db } from '../../src/lib/server/db';
import { findPendingInvitation } from '../../src/lib/server/repositories/invitations';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';

let server: AppServer;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceA: string;
let workspaceB: string;
let adminA: { id: string; cookie: string };
let adminB: { id: string; cookie: string };
/** Every invitation link that any answer to B's admin contained: what B could use to take over. */
const linksSeenByB: string[] = [];

interface ActionAnswer {
	type: 'success' | 'failure' | 'error' | 'redirect';
	status?: number;
	/** The answer's data, decoded from devalue. */
	data: Record<string, unknown>;
	/** The raw response text, to look for anything that looks like a link. */
	raw: string;
}

async function post(
	path: string,
	cookie: string,
	body: URLSearchParams | FormData
): Promise<ActionAnswer> {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'x-sveltekit-action': 'true' },
		body,
		redirect: 'manual'
	});
	expect(res.status).toBe(200);
	const raw = await res.text();
	if (cookie === adminB.cookie) linksSeenByB.push(...(raw.match(/\/invite\/[a-z2-7]{32}/g) ?? []));
	const parsed = JSON.parse(raw) as { type: ActionAnswer['type']; status?: number; data?: string };
	return { type: parsed.type, status: parsed.status, data: parsed.data ? parse(parsed.data) : {}, raw };
}

const addForm = (fields: Record<string, string>) =>
	new URLSearchParams({ department: '総務課', section: '', rank: 'clerk', role: 'member', ...fields });

const addMemberTo = (workspaceId: string, cookie: string, fields: Record<string, string>) =>
	post(`/w/${workspaceId}/members?/add`, cookie, addForm(fields));

const userByLogin = (loginId: string) =>
	db.selectFrom('user').selectAll().where('login_id', '=', loginId).executeTakeFirstOrThrow();

const invitationsOf = (userId: string) =>
	db.selectFrom('invitation').selectAll().where('user_id', '=', userId).execute();

const INVITE_LINK = /\/invite\/[a-z2-7]{32}/;
const tokenOf = (url: unknown) => String(url).match(/\/invite\/([a-z2-7]{32})$/)![1]!;

beforeAll(async () => {
	server = await startAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	workspaceA = (await createWorkspace(db, { townName: 'A町' })).id;
	workspaceB = (await createWorkspace(db, { townName: 'B町' })).id;
	const a = await createUser(db, { loginId: 'admin.a' });
	const b = await createUser(db, { loginId: 'admin.b' });
	await addMember(db, workspaceA, a.id, 'admin', 'manager');
	await addMember(db, workspaceB, b.id, 'admin', 'manager');
	adminA = { id: a.id, cookie: (await sessionCookie(db, a.id)).cookie };
	adminB = { id: b.id, cookie: (await sessionCookie(db, b.id)).cookie };
	// Taken login ids of other kinds, none of them in B: with a password in a third workspace,
	// an installation administrator in no workspace, and a deactivated account.
	const c = (await createWorkspace(db, { townName: 'C町' })).id;
	const settled = await createUser(db, { loginId: 'settled.c' });
	await addMember(db, c, settled.id, 'member');
	await createUser(db, { loginId: 'root.admin', isAdmin: true });
	const gone = await createUser(db, { loginId: 'gone.c', active: false });
	await addMember(db, c, gone.id, 'member');
});

afterAll(async () => {
	await closeDb?.();
	await server?.stop();
});

describe('adding a login id that another workspace created', () => {
	let linkA = '';
	let newbieId = '';

	it("A's admin adds newbie and gets the invitation link (control)", async () => {
		const answer = await addMemberTo(workspaceA, adminA.cookie, {
			name: '新人 花子',
			loginId: 'newbie',
			role: 'facilitator'
		});
		expect(answer.type).toBe('success');
		linkA = String((answer.data.invitation as { url: string }).url);
		expect(linkA).toMatch(INVITE_LINK);
		newbieId = (await userByLogin('newbie')).id;
	});

	it("B's admin adding newbie without confirming is refused with the one message for any taken id", async () => {
		const answer = await addMemberTo(workspaceB, adminB.cookie, { name: '乗っ取り', loginId: 'newbie' });
		expect(answer.type).toBe('failure');
		expect(answer.status).toBe(400);
		expect(answer.raw).not.toMatch(INVITE_LINK);
		expect(answer.raw).not.toContain('新人 花子');
		const message = answer.data.message;
		expect(message).toContain('このログインIDはすでに使われています');

		// No existence oracle: every other kind of taken id gets exactly the same answer.
		for (const loginId of ['settled.c', 'root.admin', 'gone.c']) {
			const other = await addMemberTo(workspaceB, adminB.cookie, { name: '乗っ取り', loginId });
			expect(other.type, loginId).toBe('failure');
			expect(other.status, loginId).toBe(400);
			expect(other.data.message, loginId).toBe(message);
			expect(other.data.fieldErrors, loginId).toEqual(answer.data.fieldErrors);
		}
		expect(await db.selectFrom('membership').select('user_id').where('workspace_id', '=', workspaceB).execute()).toHaveLength(1);
	});

	it('with confirmation adds the membership only: no link, no new invitation, nothing about A', async () => {
		const answer = await addMemberTo(workspaceB, adminB.cookie, {
			name: '乗っ取り',
			loginId: 'newbie',
			existingAccount: '1'
		});
		expect(answer.type).toBe('success');
		expect(answer.data.invitation).toBeNull();
		expect(answer.raw).not.toMatch(INVITE_LINK);
		expect(answer.raw).not.toContain('新人 花子');
		const membership = await db
			.selectFrom('membership')
			.selectAll()
			.where('workspace_id', '=', workspaceB)
			.where('user_id', '=', newbieId)
			.executeTakeFirst();
		expect(membership?.role).toBe('member');
		const invitations = await invitationsOf(newbieId);
		expect(invitations).toHaveLength(1);
		expect(invitations[0]!.created_by).toBe(adminA.id);
		expect(invitations[0]!.used_at).toBeNull();
		const user = await userByLogin('newbie');
		expect(user.password_hash).toBeNull();
		expect(user.display_name).toBe('新人 花子');
	});

	it("B's admin cannot issue a link for, deactivate or reactivate newbie now that B has them", async () => {
		for (const action of ['reissueInvitation', 'deactivate', 'reactivate']) {
			const answer = await post(
				`/w/${workspaceB}/members?/${action}`,
				adminB.cookie,
				new URLSearchParams({ userId: newbieId })
			);
			expect(answer.type, action).toBe('failure');
			expect(answer.status, action).toBe(403);
			expect(answer.raw, action).not.toMatch(INVITE_LINK);
		}
		await server.waitForLog((l) => l.event === 'member.credentials_refused' && l.action === 'reissueInvitation');
		expect((await userByLogin('newbie')).active).toBe(1);
		expect(await invitationsOf(newbieId)).toHaveLength(1);
	});

	it("B's admin cannot sign in as newbie, with any link B was given or without", async () => {
		// The attack: set a password through whatever link B's answers contained…
		for (const link of new Set(linksSeenByB)) {
			const taken = await fetch(`${server.url}${link}`, {
				method: 'POST',
				headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ password: 'takeover-pass-1', passwordConfirm: 'takeover-pass-1' }),
				redirect: 'manual'
			});
			await taken.arrayBuffer();
		}
		// …then sign in as newbie.
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ loginId: 'newbie', password: 'takeover-pass-1' }),
			redirect: 'manual'
		});
		expect(res.status).toBe(400);
		expect(res.headers.get('set-cookie') ?? '').not.toMatch(/session=[a-z2-7]/);
		await res.arrayBuffer();
		expect(await db.selectFrom('session').select('id').where('user_id', '=', newbieId).execute()).toHaveLength(0);
		expect(linksSeenByB).toEqual([]);
	});

	it("A's link still works: newbie sets a password and is signed in with A's role", async () => {
		const token = tokenOf(linkA);
		expect(await findPendingInvitation(db, token)).toBeDefined();
		const res = await fetch(`${server.url}/invite/${token}`, {
			method: 'POST',
			headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ password: 'newbie-own-pass', passwordConfirm: 'newbie-own-pass' }),
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('set-cookie')).toMatch(/session=/);
		await res.arrayBuffer();
		const roleInA = await db
			.selectFrom('membership')
			.select('role')
			.where('workspace_id', '=', workspaceA)
			.where('user_id', '=', newbieId)
			.executeTakeFirstOrThrow();
		expect(roleInA.role).toBe('facilitator');
	});
});

describe('the staff CSV import', () => {
	let linkA = '';
	let pendingId = '';
	const csv = (rows: string[]) =>
		['氏名,ログインID,課,係,職位,権限', ...rows].join('\r\n') + '\r\n';
	const FILE = csv(['新人 次郎,newbie2,総務課,,係員,メンバー', '別人 三郎,fresh.b,総務課,,係員,メンバー']);

	const preview = (text: string) => {
		const form = new FormData();
		form.set('file', new File([text], 'staff.csv', { type: 'text/csv' }));
		return post(`/w/${workspaceB}/members/import?/preview`, adminB.cookie, form);
	};
	const commit = (text: string, confirm: boolean) => {
		const form = new FormData();
		form.set('text', text);
		form.set('fileName', 'staff.csv');
		if (confirm) form.set('existingAccounts', '1');
		return post(`/w/${workspaceB}/members/import?/import`, adminB.cookie, form);
	};

	beforeAll(async () => {
		const answer = await addMemberTo(workspaceA, adminA.cookie, {
			name: '新人 次郎',
			loginId: 'newbie2',
			role: 'facilitator'
		});
		linkA = String((answer.data.invitation as { url: string }).url);
		pendingId = (await userByLogin('newbie2')).id;
	});

	it('the preview does not tell the pending account of A from a login id nobody has', async () => {
		const answer = await preview(FILE);
		expect(answer.type).toBe('success');
		const rows = answer.data.rows as Array<Record<string, unknown>>;
		expect(rows).toHaveLength(2);
		const shape = ({ plan, existingName }: Record<string, unknown>) => ({ plan, existingName });
		expect(shape(rows[0]!)).toEqual({ plan: 'add', existingName: null });
		expect(shape(rows[1]!)).toEqual(shape(rows[0]!));
	});

	it('refuses to import without the confirmation, whatever the file holds, and writes nothing', async () => {
		for (const text of [FILE, csv(['別人 四郎,fresh.c,総務課,,係員,メンバー'])]) {
			const answer = await commit(text, false);
			expect(answer.type).toBe('failure');
			expect(answer.data.message).toContain('チェックを入れて');
			expect(answer.raw).not.toMatch(INVITE_LINK);
		}
		expect(await db.selectFrom('user').select('id').where('login_id', 'in', ['fresh.b', 'fresh.c']).execute()).toHaveLength(0);
	});

	it('with confirmation adds the pending account without a link and links only the new one', async () => {
		const answer = await commit(FILE, true);
		expect(answer.type).toBe('success');
		const links = answer.data.links as Array<{ loginId: string; url: string }>;
		expect(links.map((l) => l.loginId)).toEqual(['fresh.b']);
		expect(answer.data.counts).toEqual({ create: 1, add_existing: 1, update: 0 });
		expect(answer.raw.match(/\/invite\/[a-z2-7]{32}/g)?.every((u) => links.some((l) => l.url.endsWith(u)))).toBe(true);

		const invitations = await invitationsOf(pendingId);
		expect(invitations).toHaveLength(1);
		expect(invitations[0]!.created_by).toBe(adminA.id);
		expect(await findPendingInvitation(db, tokenOf(linkA))).toBeDefined();
		expect((await userByLogin('newbie2')).display_name).toBe('新人 次郎');

		// …and B still may not issue one afterwards.
		const reissue = await post(
			`/w/${workspaceB}/members?/reissueInvitation`,
			adminB.cookie,
			new URLSearchParams({ userId: pendingId })
		);
		expect(reissue.status).toBe(403);
		expect(reissue.raw).not.toMatch(INVITE_LINK);
	});
});
