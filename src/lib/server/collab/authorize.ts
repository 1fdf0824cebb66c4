/**
 * The decision taken before a websocket is accepted: which document, from which page (Origin),
 * by whom (session cookie), and with which role. Nothing here touches the socket; the caller
 * answers a refusal with a plain HTTP status so that no document data is ever sent.
 */
import type { IncomingMessage } from 'node:http';
import { COLLAB_PATH_PREFIX } from '../../collab/close-codes';
import type { Db } from '../db';
import type { Role } from '../db/types';
import { ID_PATTERN } from '../ids';
import {
	sessionTokenFromCookieHeader,
	validateSessionToken,
	type SessionPolicy
} from '../auth/session';
import { findDocument } from '../repositories/documents';
import { canEditDocument, effectiveRole, findMembership, memberDepartmentLabel } from '../repositories/memberships';
import type { CollabIdentity } from './identity';

export interface AuthorizeDeps {
	db: Db;
	policy: SessionPolicy;
	/** Origins allowed besides the request's own host (config ORIGIN). */
	allowedOrigins: readonly string[];
}

export type RefusalStatus = 401 | 403 | 404;

export type AuthorizationResult =
	| { ok: true; documentId: string; identity: CollabIdentity }
	| { ok: false; status: RefusalStatus; reason: string; documentId?: string; userId?: string };

/** The document id of a `/yjs/<id>` request path (query ignored), or null. */
export function documentIdFromPath(url: string | undefined): string | null {
	if (!url) return null;
	const path = url.split('?')[0] ?? '';
	if (!path.startsWith(COLLAB_PATH_PREFIX)) return null;
	let id: string;
	try {
		id = decodeURIComponent(path.slice(COLLAB_PATH_PREFIX.length));
	} catch {
		return null;
	}
	return ID_PATTERN.test(id) ? id : null;
}

/**
 * Browsers always send Origin on websocket handshakes; it must be this site (same host as the
 * Host header) or one of the configured public origins. Blocks cross-site websocket hijacking.
 */
export function isOriginAllowed(
	origin: string | undefined,
	host: string | undefined,
	allowedOrigins: readonly string[]
): boolean {
	if (!origin) return false;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
	if (allowedOrigins.includes(url.origin)) return true;
	if (!host) return false;
	try {
		// Parsing the Host header with the origin's scheme drops a default port (":443") alike.
		return new URL(`${url.protocol}//${host}`).host === url.host;
	} catch {
		return false;
	}
}

export async function authorizeUpgrade(
	req: IncomingMessage,
	deps: AuthorizeDeps
): Promise<AuthorizationResult> {
	const documentId = documentIdFromPath(req.url);
	if (!documentId) return { ok: false, status: 404, reason: 'bad_path' };

	if (!isOriginAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
		return { ok: false, status: 403, reason: 'origin_not_allowed', documentId };
	}

	const token = sessionTokenFromCookieHeader(req.headers.cookie);
	if (!token) return { ok: false, status: 401, reason: 'no_session_cookie', documentId };
	const { session, user } = await validateSessionToken(deps.db, token, deps.policy);
	if (!session) return { ok: false, status: 401, reason: 'invalid_session', documentId };

	const document = await findDocument(deps.db, documentId);
	if (!document) return { ok: false, status: 404, reason: 'no_document', documentId, userId: user.id };

	const membership = await findMembership(deps.db, document.workspaceId, user.id);
	const role = effectiveRole(user, membership?.role);
	if (!role) return { ok: false, status: 403, reason: 'not_a_member', documentId, userId: user.id };

	const department = membership
		? await memberDepartmentLabel(deps.db, document.workspaceId, user.id)
		: '';
	return {
		ok: true,
		documentId,
		identity: {
			userId: user.id,
			displayName: user.displayName,
			department,
			sessionId: session.id,
			workspaceId: document.workspaceId,
			documentKind: document.kind,
			role,
			canWrite: canEditDocument(document.kind, role)
		}
	};
}
