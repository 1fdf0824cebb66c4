/** Awareness updates go to everyone else in the room, never back to the connection that sent them. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { encodeAwarenessMessage, encodeAwarenessPayload } from '../../src/lib/server/collab/protocol';
import { CollabHarness, sleep, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it('awareness is not echoed back to its sender', async () => {
	const alice = await h.world.member('member');
	const bob = await h.world.member('member');
	const raw = await h.raw({ cookie: alice.cookie });
	const b = await h.connect({ cookie: bob.cookie });
	b.awareness.setLocalState({ cursor: null });

	const OWN_ID = 424242;
	for (let clock = 1; clock <= 3; clock++) {
		raw.send(encodeAwarenessMessage(encodeAwarenessPayload([{ clientId: OWN_ID, clock, state: { cursor: clock } }])));
		await waitFor(() => b.awareness.getStates().get(OWN_ID)?.cursor === clock, { what: `bob to see clock ${clock}` });
	}
	await sleep(300);

	const awareness = raw.received.filter((m) => m.type === 'awareness');
	// The raw client does hear about others (so the check below could fail)…
	expect(awareness.some((m) => m.entries.some((e) => e.clientId === b.doc.clientID))).toBe(true);
	// …but never about itself.
	expect(awareness.some((m) => m.entries.some((e) => e.clientId === OWN_ID))).toBe(false);
});
