/** Who is on the other end of a collaboration socket, as established at the upgrade. */
import type { Role } from '../db/types';

export interface CollabIdentity {
	userId: string;
	displayName: string;
	/** Department and section label for presence, e.g. "総務課 企画係" ('' when unknown). */
	department: string;
	/** The session row id (a hash), re-checked while the socket is open. Never the token. */
	sessionId: string;
	role: Role;
	/** The role may edit shared documents at all (observers may not). */
	canWrite: boolean;
}

/** The `user` field the server writes into every awareness state a client sends. */
export interface PresenceUser {
	id: string;
	name: string;
	department: string;
}

export function presenceUser(identity: CollabIdentity): PresenceUser {
	return { id: identity.userId, name: identity.displayName, department: identity.department };
}
