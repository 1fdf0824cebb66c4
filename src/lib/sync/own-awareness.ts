/**
 * Presence without echoes. y-websocket's provider sends every awareness change to the server,
 * including the states of other people it has just received from the server; in a room of N
 * people every presence change therefore comes back to the server N−1 times, and awareness
 * traffic grows with the square of the room. The server already relays each state to everyone,
 * so a client only ever needs to send its own. `sendOwnAwarenessOnly` replaces the provider's
 * awareness listener with one that does exactly that (including the "still here" answer when a
 * remote update claims this client left).
 */
import * as bc from 'lib0/broadcastchannel';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';

/** y-websocket's message type for awareness. */
const MESSAGE_AWARENESS = 1;

interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

/** Whether an awareness change concerns this client's own state. */
export function changesOwnState({ added, updated, removed }: AwarenessChanges, self: number): boolean {
	return added.includes(self) || updated.includes(self) || removed.includes(self);
}

/** Makes the provider send only this client's own awareness state; returns the undo. */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): () => void {
	const awareness = provider.awareness;
	awareness.off('update', provider._awarenessUpdateHandler);
	const onUpdate = (changes: AwarenessChanges) => {
		const self = awareness.clientID;
		if (!changesOwnState(changes, self)) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [self]));
		const message = encoding.toUint8Array(encoder);
		const ws = provider.ws;
		if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message);
		if (provider.bcconnected) bc.publish(provider.bcChannel, message, provider);
	};
	awareness.on('update', onUpdate);
	return () => awareness.off('update', onUpdate);
}
