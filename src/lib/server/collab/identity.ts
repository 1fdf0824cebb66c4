/** Who is on the other end of a collaboration socket, as established at the upgrade. */
import type { DocumentKind, Role } from '../db/types';

export interface CollabIdentity {
	userId: string;
	displayName: string;
	/** Department and section label for presence, e.g. "総務課 企画係" ('' when unknown). */
	department: string;
	/** The session row id (a hash), re-checked while the socket is open. Never the token. */
	sessionId: string;
	/** The document's workspace and kind, for re-checking the role while the socket is open. */
	workspaceId: string;
	documentKind: DocumentKind;
	role: Role;
	/** The role may edit this document at all (see canEditDocument). */
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
