import { describe, expect, it } from 'vitest';
import {
	OFFLINE_AFTER_MS,
	RECONNECTING_DELAY_MS,
	deriveConnectionState,
	type ConnectionFacts
} from './connection-state';

const base: ConnectionFacts = {
	online: true,
	stopped: false,
	connected: false,
	everConnected: false,
	lostAt: 0,
	previous: 'connecting'
};

describe('deriveConnectionState', () => {
	it('connects, then shows connected', () => {
		expect(deriveConnectionState(base, 100).state).toBe('connecting');
		expect(deriveConnectionState({ ...base, connected: true, lostAt: null }, 200).state).toBe('connected');
	});

	it('does not flicker on a short drop and shows reconnecting after the delay', () => {
		const dropped = { ...base, everConnected: true, previous: 'connected' as const, lostAt: 1000 };
		const early = deriveConnectionState(dropped, 1000 + RECONNECTING_DELAY_MS - 1);
		expect(early.state).toBe('connected');
		expect(early.recheckAfterMs).toBe(1);
		expect(deriveConnectionState(dropped, 1000 + RECONNECTING_DELAY_MS).state).toBe('reconnecting');
	});

	it('is offline at once when the browser is offline, and after a long outage', () => {
		expect(deriveConnectionState({ ...base, online: false, previous: 'connected' }, 0).state).toBe('offline');
		const outage = { ...base, everConnected: true, previous: 'reconnecting' as const, lostAt: 0 };
		expect(deriveConnectionState(outage, OFFLINE_AFTER_MS - 1).state).toBe('reconnecting');
		expect(deriveConnectionState(outage, OFFLINE_AFTER_MS).state).toBe('offline');
		expect(deriveConnectionState({ ...base, lostAt: 0 }, OFFLINE_AFTER_MS).state).toBe('offline');
	});

	it('stays offline while coming back until the connection is up', () => {
		const back = { ...base, everConnected: true, previous: 'offline' as const, lostAt: 0 };
		expect(deriveConnectionState(back, 5000).state).toBe('offline');
		expect(deriveConnectionState({ ...back, connected: true, lostAt: null }, 5001).state).toBe('connected');
	});

	it('is offline for good when the server refused the connection', () => {
		expect(deriveConnectionState({ ...base, stopped: true, connected: false }, 0)).toEqual({
			state: 'offline',
			recheckAfterMs: null
		});
	});
});
