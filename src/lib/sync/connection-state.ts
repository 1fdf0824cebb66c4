/**
 * The connection state shown to people, derived from what the provider and the browser report.
 * Pure (time is passed in) so that the debouncing is unit-tested; no DOM.
 *
 *   connecting    opening the first connection of this page
 *   connected     the websocket is open and the first sync with the server is done
 *   reconnecting  the connection dropped and is being re-established (shown after ~1 s, so a
 *                 short drop does not flicker)
 *   offline       the browser has no network, the server has been unreachable for a while, or
 *                 the server refused the connection for good; edits stay on this device
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** A drop shorter than this keeps the previous state on screen. */
export const RECONNECTING_DELAY_MS = 1000;
/** After this long without a connection the state becomes offline. */
export const OFFLINE_AFTER_MS = 15_000;

export interface ConnectionFacts {
	/** `navigator.onLine`. */
	online: boolean;
	/** The server refused the connection for good (session ended, no access, no document). */
	stopped: boolean;
	/** The websocket is open and synced. */
	connected: boolean;
	/** Whether this page was ever connected. */
	everConnected: boolean;
	/** When the connection was lost (or first attempted); null while connected. */
	lostAt: number | null;
	/** The state currently shown. */
	previous: ConnectionState;
}

export interface DerivedState {
	state: ConnectionState;
	/** Derive again after this many ms (a debounce deadline), or null if nothing is due. */
	recheckAfterMs: number | null;
}

export function deriveConnectionState(f: ConnectionFacts, now: number): DerivedState {
	if (f.stopped || !f.online) return { state: 'offline', recheckAfterMs: null };
	if (f.connected) return { state: 'connected', recheckAfterMs: null };
	const elapsed = now - (f.lostAt ?? now);
	if (elapsed >= OFFLINE_AFTER_MS) return { state: 'offline', recheckAfterMs: null };
	const untilOffline = OFFLINE_AFTER_MS - elapsed;
	if (!f.everConnected) {
		// keep "offline" if that is what is shown (e.g. the network just came back)
		return { state: f.previous === 'offline' ? 'offline' : 'connecting', recheckAfterMs: untilOffline };
	}
	if (elapsed < RECONNECTING_DELAY_MS) {
		return { state: f.previous, recheckAfterMs: RECONNECTING_DELAY_MS - elapsed };
	}
	return {
		state: f.previous === 'offline' ? 'offline' : 'reconnecting',
		recheckAfterMs: untilOffline
	};
}
