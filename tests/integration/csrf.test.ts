/**
 * Cross-site request forgery against the built server: state-changing requests from another
 * origin are refused with 403 — form posts by SvelteKit's own check, JSON and other non-form
 * requests by the origin check in hooks.server.ts — while a same-origin form post gets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { createUser, openTestDb } from '../helpers/fixtures';

let server: AppServer;

beforeAll(async () => {
	server = await startAppServer();
	const { db, close } = openTestDb(server.databasePath);
	// An account exists, so that /login is not redirected to the first-run setup.
	await createUser(db, { loginId: 'hanako.aizu', password: 'hanako-pass-2025' });
	await close();
});

afterAll(async () => {
	await server?.stop();
});

const loginForm = () => new URLSearchParams({ loginId: 'hanako.aizu', password: 'wrong-password' });

describe('origin checks', () => {
	it('refuses a cross-origin form post', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: 'http://evil.example', accept: 'text/html' },
			body: loginForm(),
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
		await response.arrayBuffer();
		expect(server.logs.some((l) => l.event === 'auth.login_failed')).toBe(false);
	});

	it('refuses a cross-origin JSON post with a JSON answer', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
			body: JSON.stringify({ loginId: 'hanako.aizu', password: 'x' }),
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toContain('application/json');
		const body = (await response.json()) as { message: string };
		expect(body.message).toContain('このサイト以外から送られた要求は受け付けられません');
		await server.waitForLog((l) => l.event === 'http.origin_refused' && l.origin === 'http://evil.example');
	});

	it('refuses a JSON post, or a bodiless DELETE, that carries no Origin at all', async () => {
		const json = await fetch(`${server.url}/logout`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
			redirect: 'manual'
		});
		expect(json.status).toBe(403);
		await json.arrayBuffer();
		const del = await fetch(`${server.url}/account`, { method: 'DELETE', redirect: 'manual' });
		expect(del.status).toBe(403);
		await del.arrayBuffer();
	});

	it('lets a same-origin form post through to the action', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: server.url, accept: 'text/html' },
			body: loginForm(),
			redirect: 'manual'
		});
		// The action ran and answered "wrong password" (400), rather than the origin check's 403.
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('ログインIDまたはパスワードが正しくありません');
		await server.waitForLog((l) => l.event === 'auth.login_failed' && l.reason === 'wrong_password');
	});

	it('lets a same-origin JSON request through the origin check', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/json' },
			body: '{}',
			redirect: 'manual'
		});
		// SvelteKit answers a non-form post to a form action itself (415), not the origin check.
		expect(response.status).not.toBe(403);
		await response.arrayBuffer();
	});

	it('sets the security headers on every page', async () => {
		const response = await fetch(`${server.url}/login`);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		expect(response.headers.get('permissions-policy')).toContain('camera=()');
		expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
		await response.arrayBuffer();
	});
});
