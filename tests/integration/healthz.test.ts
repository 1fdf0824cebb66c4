/** GET /healthz answers 200 with the database state and the collaboration counters. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CollabHarness, fetchHealth } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it('/healthz answers 200 with the JSON', async () => {
	const res = await fetch(h.server.url + '/healthz');
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	expect(res.headers.get('cache-control')).toBe('no-store');
	expect(await res.json()).toEqual({ status: 'ok', database: 'ok', openDocuments: 0, connections: 0 });

	const alice = await h.world.member('member');
	await h.connect({ cookie: alice.cookie });
	await h.connect({ cookie: alice.cookie });
	expect(await fetchHealth(h.server)).toEqual({
		status: 200,
		body: { status: 'ok', database: 'ok', openDocuments: 1, connections: 2 }
	});
});
