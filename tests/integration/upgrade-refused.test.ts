/**
 * A websocket that fails authorisation is refused with a plain HTTP status before the upgrade
 * and never receives any document content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collabPath } from '../../src/lib/collab/close-codes';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { generateSessionToken } from '../../src/lib/server/auth/session';
import { newId } from '../../src/lib/server/ids';
import { attemptUpgrade, CollabHarness, waitFor, type Credentials, type Member } from '../helpers/collab-client';

const SECRET = '非公開の検討メモ';

let h: CollabHarness;
let alice: Member;

beforeAll(async () => {
	h = await CollabHarness.start();
	alice = await h.world.member('member');
	const writer = await h.connect({ cookie: alice.cookie });
	addCard(writer.doc, { id: 'secret', text: SECRET, authorId: alice.userId, authorName: 'x' });
	const check = await h.connect({ cookie: alice.cookie });
	await waitFor(() => listCards(check.doc).length === 1, { what: 'the secret card to be stored' });
	h.disconnectAll();
});

afterAll(async () => {
	await h.stop();
});

async function expectRefused(credentials: Credentials, status: number, path = collabPath(h.world.documentId)) {
	const outcome = await attemptUpgrade(h.server, path, credentials);
	expect(outcome.status).toBe(status);
	expect(outcome.messages).toBe(0);
	expect(outcome.body).not.toContain(SECRET);
	return outcome;
}

describe('the websocket upgrade', () => {
	it('is accepted for a member with a valid session and same-origin page (control)', async () => {
		const outcome = await attemptUpgrade(h.server, collabPath(h.world.documentId), { cookie: alice.cookie });
		expect(outcome.status).toBe(101);
		expect(outcome.messages).toBeGreaterThan(0);
	});

	it('is refused with 401 without a session cookie', async () => {
		await expectRefused({}, 401);
	});

	it('is refused with 401 for an expired session', async () => {
		const { cookie, sessionId } = await h.world.anotherSession(alice.userId);
		await h.world.db.updateTable('session').set({ expires_at: Date.now() - 1 }).where('id', '=', sessionId).execute();
		await expectRefused({ cookie }, 401);
	});

	it('is refused with 401 for a session idle longer than the timeout', async () => {
		const { cookie, sessionId } = await h.world.anotherSession(alice.userId);
		const longAgo = Date.now() - 2 * 3_600_000;
		await h.world.db.updateTable('session').set({ last_active_at: longAgo }).where('id', '=', sessionId).execute();
		await expectRefused({ cookie }, 401);
	});

	it('is refused with 401 for a forged token', async () => {
		await expectRefused({ cookie: `session=${generateSessionToken()}` }, 401);
		await expectRefused({ cookie: 'session=../../etc/passwd' }, 401);
	});

	it('is refused with 401 for a deactivated user', async () => {
		const carol = await h.world.member('member');
		await h.world.db.updateTable('user').set({ active: 0 }).where('id', '=', carol.userId).execute();
		await expectRefused({ cookie: carol.cookie }, 401);
	});

	it('is refused with 403 for a user who is not a member of the workspace', async () => {
		const outsider = await h.world.member(null);
		await expectRefused({ cookie: outsider.cookie }, 403);
	});

	it('is accepted for an installation administrator without membership', async () => {
		const admin = await h.world.member(null, { isAdmin: true });
		const outcome = await attemptUpgrade(h.server, collabPath(h.world.documentId), { cookie: admin.cookie });
		expect(outcome.status).toBe(101);
	});

	it('is refused with 403 from a page of another origin, or without Origin', async () => {
		await expectRefused({ cookie: alice.cookie, origin: 'https://evil.example' }, 403);
		await expectRefused({ cookie: alice.cookie, origin: `http://localhost:${h.server.port + 1}` }, 403);
		await expectRefused({ cookie: alice.cookie, origin: 'null' }, 403);
	});

	it('is refused with 404 for an unknown document or a malformed path', async () => {
		await expectRefused({ cookie: alice.cookie }, 404, collabPath(newId()));
		await expectRefused({ cookie: alice.cookie }, 404, '/yjs/not-an-id');
		await expectRefused({ cookie: alice.cookie }, 404, '/yjs/');
		await expectRefused({ cookie: alice.cookie }, 404, '/somewhere-else');
	});

	it('logs each refusal with its status and reason, never the token', async () => {
		const refusals = h.server.logs.filter((l) => l.event === 'collab.socket_refused');
		expect(refusals.map((l) => l.status)).toEqual(expect.arrayContaining([401, 403, 404]));
		expect(refusals.every((l) => typeof l.reason === 'string')).toBe(true);
		const token = alice.cookie.split('=')[1]!;
		expect(JSON.stringify(h.server.logs)).not.toContain(token);
	});
});
