/**
 * Issue 8, DNS rebinding, against the built server with ORIGIN set: a request addressed to
 * another host — with an Origin that matches it, as a rebound page sends — is refused with 421
 * over HTTP and on the websocket upgrade, and logged; the configured host works, and /healthz
 * answers by address for load balancers.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { collabPath } from '../../src/lib/collab/close-codes';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { addMember, createBoardDocument, createUser, createWorkspace, openTestDb, sessionCookie } from '../helpers/fixtures';

const PUBLIC_HOST = 'dx.town.test';
const EVIL_HOST = 'rebound.attacker.test';

let server: AppServer;
let cookie: string;
let documentId: string;

beforeAll(async () => {
	server = await startAppServer({ env: { ORIGIN: `http://${PUBLIC_HOST}` } });
	const { db, close } = openTestDb(server.databasePath);
	const workspace = await createWorkspace(db);
	const user = await createUser(db, { loginId: 'hanako.aizu' });
	await addMember(db, workspace.id, user.id, 'member');
	documentId = (await createBoardDocument(db, workspace.id)).id;
	cookie = (await sessionCookie(db, user.id)).cookie;
	await close();
});

afterAll(async () => {
	await server?.stop();
});

/** An HTTP request to the server's loopback port with any Host header (fetch would not allow it). */
function send(
	path: string,
	headers: Record<string, string>,
	method = 'GET',
	body?: string
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A websocket upgrade with the given Host and Origin; its HTTP status (101 when accepted). */
function upgrade(host: string, origin: string): Promise<number> {
	const ws = new WebSocket(`ws://127.0.0.1:${server.port}${collabPath(documentId)}`, {
		headers: { host, origin, cookie }
	});
	return new Promise((resolve, reject) => {
		ws.once('unexpected-response', (_req, res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		ws.once('open', () => {
			ws.terminate();
			resolve(101);
		});
		ws.once('error', (error) => {
			if (!(error.message ?? '').startsWith('Unexpected server response')) reject(error);
		});
	});
}

describe('with ORIGIN set, requests for other hosts', () => {
	it('serves pages addressed to the configured host (control)', async () => {
		const page = await send('/login', { host: PUBLIC_HOST, cookie });
		expect(page.status).toBe(303); // signed in: the login page sends the user on
	});

	it('refuses a page, and a JSON post with a matching Origin, addressed to a rebound host', async () => {
		const page = await send('/login', { host: EVIL_HOST, cookie });
		expect(page.status).toBe(421);
		expect(page.body).toContain('Misdirected Request');
		expect(page.body).not.toContain('<html');

		const post = await send(
			'/logout',
			{ host: EVIL_HOST, origin: `http://${EVIL_HOST}`, cookie, 'content-type': 'application/json' },
			'POST',
			'{}'
		);
		expect(post.status).toBe(421);
		const line = await server.waitForLog(
			(l) => l.event === 'http.host_refused' && l.kind === 'http' && l.path === '/logout'
		);
		expect(line).toMatchObject({ host: EVIL_HOST, origin: `http://${EVIL_HOST}`, reason: 'unknown_host' });
		// The session survived: the refused logout never reached the app.
		expect((await send('/login', { host: PUBLIC_HOST, cookie })).status).toBe(303);
	});

	it('refuses the bare address: with ORIGIN set, the app is reached by its name only', async () => {
		expect((await send('/login', { host: `127.0.0.1:${server.port}` })).status).toBe(421);
	});

	it('refuses a websocket upgrade from a rebound page, and accepts the configured host', async () => {
		expect(await upgrade(EVIL_HOST, `http://${EVIL_HOST}`)).toBe(421);
		await server.waitForLog((l) => l.event === 'http.host_refused' && l.kind === 'websocket');
		expect(server.logs.some((l) => l.event === 'collab.connection_opened')).toBe(false);
		expect(await upgrade(PUBLIC_HOST, `http://${PUBLIC_HOST}`)).toBe(101);
	});

	it('answers /healthz by address, for load balancers', async () => {
		const health = await send('/healthz', { host: `127.0.0.1:${server.port}` });
		expect(health.status).toBe(200);
		expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
	});
});
