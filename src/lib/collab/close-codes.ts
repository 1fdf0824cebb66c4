/**
 * Websocket close codes the collaboration server uses (4000–4999 are for applications).
 * Shared by server and browser so the UI can say what happened.
 */
export const CloseCode = {
	/** The server is shutting down or restarting; reconnect later. */
	GoingAway: 1001,
	/** A message over the size limit (ws closes with this itself). */
	MessageTooBig: 1009,
	/**
	 * The client stopped reading and the server's send buffer for it would exceed
	 * `WS_MAX_BUFFERED_BYTES`. 1013 "try again later" (RFC 6455 registry), not a 44xx code:
	 * y-websocket treats 4400–4499 as terminal and live-document stops syncing for them, whereas
	 * a slow client should simply reconnect and resync, which the provider does by itself for
	 * any other code. The server cuts the socket without a close frame (a frame would queue
	 * behind the unread backlog), so in practice the browser sees 1006 and the code appears
	 * in the server log; should a close frame ever be sent, this code still means "reconnect".
	 */
	SlowConsumer: 1013,
	/** A message that could not be decoded. */
	BadMessage: 4400,
	/** No valid session (logged out, expired, or deactivated). */
	Unauthorized: 4401,
	/** Signed in, but not allowed to open this document. */
	Forbidden: 4403,
	/** The document does not exist. */
	NotFound: 4404,
	/** The user's role in the workspace changed while connected; reload to act with the new one. */
	RoleChanged: 4409,
	/**
	 * The client sent more than its budget of messages (`WS_INBOUND_RATE`, `WS_INBOUND_BURST`)
	 * without a break for `WS_INBOUND_CLOSE_AFTER_MS`: a flood. Within 4400–4499, so y-websocket
	 * does not reconnect by itself; the browser shows why and reconnects after a pause.
	 */
	RateLimited: 4429
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The websocket path of a shared document. */
export const COLLAB_PATH_PREFIX = '/yjs/';

export function collabPath(documentId: string): string {
	return COLLAB_PATH_PREFIX + encodeURIComponent(documentId);
}
