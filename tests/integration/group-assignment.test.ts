/**
 * Setting a workshop up through the workspace home's form actions on the built server: a
 * facilitator adds a session for everyone and assigns groups automatically — clerks and chiefs
 * end up in separate groups, each group with its own board; re-running asks for confirmation;
 * moving one person by hand; members may not do any of it, and see their own group highlighted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'devalue';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';
import { newId } from '../../src/lib/server/ids';
import type { Db } from '../../src/lib/server/db';
import type { StaffRank } from '../../src/lib/server/db/types';

let server: AppServer;
let db: Db;
let closeDb: () => Promise<void>;
let workspaceId: string;
let facilitatorCookie: string;
let memberCookie: string;
let memberId: string;
const ranks = new Map<string, StaffRank>();

async function staff(rank: StaffRank, departmentId: string, role: 'member' | 'facilitator' = 'member') {
	const user = await createUser(db);
	await addMember(db, workspaceId, user.id, role, rank);
	await db.updateTable('membership').set({ org_unit_id: departmentId }).where('user_id', '=', user.id).execute();
	if (role === 'member') ranks.set(user.id, rank);
	return user.id;
}

beforeAll(async () => {
	server = await startAppServer();
	({ db, close: closeDb } = openTestDb(server.databasePath));
	workspaceId = (await createWorkspace(db)).id;
	const departments: string[] = [];
	for (const [i, name] of ['総務課', '町民課', '健康福祉課', '農林課'].entries()) {
		const id = newId();
		departments.push(id);
		await db.insertInto('org_unit').values({ id, workspace_id: workspaceId, parent_id: null, name, sort_order: i }).execute();
	}
	for (let i = 0; i < 8; i++) await staff('clerk', departments[i % 4]!);
	for (let i = 0; i < 4; i++) await staff(i % 2 ? 'chief' : 'manager', departments[i]!);
	memberId = [...ranks.keys()][0]!;
	const facilitator = await staff('clerk', departments[0]!, 'facilitator');
	facilitatorCookie = (await sessionCookie(db, facilitator)).cookie;
	memberCookie = (await sessionCookie(db, memberId)).cookie;
});

afterAll(async () => {
	await closeDb?.();
	await server?.stop();
});

interface ActionAnswer {
	type: string;
	status: number;
	data: Record<string, unknown>;
}

/** Posts a form action the way `use:enhance` does, and decodes SvelteKit's JSON answer. */
async function action(cookie: string, name: string, fields: Record<string, string>): Promise<ActionAnswer> {
	const response = await fetch(`${server.url}/w/${workspaceId}?/${name}`, {
		method: 'POST',
		headers: { cookie, origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams(fields)
	});
	const result = (await response.json()) as { type: string; status: number; data?: string; error?: { message: string } };
	return {
		type: result.type,
		status: result.status ?? response.status,
		data: result.data ? (parse(result.data) as Record<string, unknown>) : { message: result.error?.message }
	};
}

async function groupsOf(sessionId: string) {
	const rows = await db
		.selectFrom('workshop_group as g')
		.leftJoin('group_member as gm', 'gm.group_id', 'g.id')
		.select(['g.id', 'g.name', 'g.document_id', 'gm.user_id'])
		.where('g.session_id', '=', sessionId)
		.orderBy('g.sort_order')
		.execute();
	const groups = new Map<string, { name: string; documentId: string; members: string[] }>();
	for (const r of rows) {
		const g = groups.get(r.id) ?? { name: r.name, documentId: r.document_id, members: [] };
		if (r.user_id) g.members.push(r.user_id);
		groups.set(r.id, g);
	}
	return [...groups.entries()].map(([id, g]) => ({ id, ...g }));
}

describe('workshop setup actions', () => {
	let sessionId: string;

	it('refuses members', async () => {
		const created = await action(memberCookie, 'createWorkshop', { title: 'WG' });
		expect(created.status).toBe(403);
	});

	it('creates the workshop and a session for all ranks', async () => {
		expect((await action(facilitatorCookie, 'createWorkshop', { title: '令和7年度 職員WG' })).type).toBe('success');
		const workshop = await db.selectFrom('workshop').select('id').where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
		const added = await action(facilitatorCookie, 'addSession', { workshopId: workshop.id, name: '合同 発表会', audience: 'all' });
		expect(added.type).toBe('success');
		const session = await db
			.selectFrom('workshop_session')
			.select(['id', 'ordinal'])
			.where('name', '=', '合同 発表会')
			.executeTakeFirstOrThrow();
		expect(session.ordinal).toBe(5);
		sessionId = session.id;
	});

	it('assigns clerks and chiefs to separate groups, each with its board', async () => {
		expect((await action(memberCookie, 'assignGroups', { sessionId, groupCount: '3' })).status).toBe(403);

		const result = await action(facilitatorCookie, 'assignGroups', { sessionId, groupCount: '3' });
		expect(result.type).toBe('success');
		expect(result.data.message).toBe('「合同 発表会」を3班に分けました（12人）。各班のボードも用意しました。');

		const groups = await groupsOf(sessionId);
		expect(groups).toHaveLength(3);
		const levels = groups.map((g) => {
			const kinds = new Set(g.members.map((id) => (ranks.get(id) === 'clerk' ? 'clerk' : 'chief')));
			expect(kinds.size).toBe(1);
			return [...kinds][0];
		});
		expect(levels.sort()).toEqual(['chief', 'clerk', 'clerk']);
		expect(groups.flatMap((g) => g.members).sort()).toEqual([...ranks.keys()].sort());
		const boards = await db
			.selectFrom('document')
			.select(['id', 'kind'])
			.where('id', 'in', groups.map((g) => g.documentId))
			.execute();
		expect(boards.map((b) => b.kind)).toEqual(['board', 'board', 'board']);
	});

	it('replaces an assignment only after confirmation', async () => {
		const before = await groupsOf(sessionId);
		const refused = await action(facilitatorCookie, 'assignGroups', { sessionId, groupCount: '2' });
		expect(refused.type).toBe('failure');
		expect(refused.status).toBe(409);
		expect(String(refused.data.message)).toContain('今の割り当てを置き換える');
		expect(await groupsOf(sessionId)).toEqual(before);

		const replaced = await action(facilitatorCookie, 'assignGroups', { sessionId, groupCount: '2', confirm: 'yes' });
		expect(replaced.type).toBe('success');
		const after = await groupsOf(sessionId);
		expect(after.map((g) => g.id)).toEqual(before.map((g) => g.id));
		expect(after.filter((g) => g.members.length > 0)).toHaveLength(2);
	});

	it('moves one person to another group by hand, and they see it highlighted', async () => {
		const groups = await groupsOf(sessionId);
		const target = groups.find((g) => !g.members.includes(memberId))!;
		const moved = await action(facilitatorCookie, 'moveMember', { sessionId, userId: memberId, groupId: target.id });
		expect(moved.type).toBe('success');
		const after = await groupsOf(sessionId);
		expect(after.filter((g) => g.members.includes(memberId)).map((g) => g.id)).toEqual([target.id]);

		const home = await fetch(`${server.url}/w/${workspaceId}`, { headers: { cookie: memberCookie } });
		const html = await home.text();
		expect(home.status).toBe(200);
		expect(html).toContain('あなたの班');
		expect(html).toMatch(new RegExp(`href="/w/${workspaceId}/boards/${target.documentId}"[^>]*class="[^"]*mine`));
	});
});
