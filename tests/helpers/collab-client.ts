/**
 * Collaboration clients for integration tests: real y-websocket providers in Node (with the
 * Cookie and Origin headers a browser would send), raw protocol sockets for misbehaving clients,
 * and a seeded workspace with a board and members.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_PATH_PREFIX, collabPath } from '../../src/lib/collab/close-codes';
import { openDatabase, type Db, type OpenedDatabase } from '../../src/lib/server/db';
import type { Role } from '../../src/lib/server/db/types';
import { DocumentStore } from '../../src/lib/server/collab/persistence';
import { decodeMessage, type CollabMessage } from '../../src/lib/server/collab/protocol';
import { startAppServer, type AppServer } from './app-server';
import { addMember, createBoardDocument, createUser, createWorkspace, sessionCookie } from './fixtures';

export interface Credentials {
	cookie?: string;
	/** Defaults to the server's own origin, like a page served by the app. */
	origin?: string;
}

export interface CloseInfo {
	code: number;
	reason: string;
}

/** A `ws` WebSocket class that sends the given Cookie and Origin headers. */
export function webSocketPolyfill(headers: Record<string, string>): typeof globalThis.WebSocket {
	class WebSocketPolyfill extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	return WebSocketPolyfill as unknown as typeof globalThis.WebSocket;
}

function headersFor(server: AppServer, credentials: Credentials): Record<string, string> {
	const headers: Record<string, string> = { origin: credentials.origin ?? server.url };
	if (credentials.cookie) headers.cookie = credentials.cookie;
	return headers;
}

export async function waitFor(
	predicate: () => boolean,
	{ timeoutMs = 10_000, intervalMs = 10, what = 'condition' } = {}
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A browser-like client of one board: a Y.Doc synced through y-websocket's WebsocketProvider. */
export class BoardClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly closes: CloseInfo[] = [];

	constructor(server: AppServer, documentId: string, credentials: Credentials) {
		this.provider = new WebsocketProvider(server.wsUrl + COLLAB_PATH_PREFIX.slice(0, -1), documentId, this.doc, {
			WebSocketPolyfill: webSocketPolyfill(headersFor(server, credentials)),
			// Same-process clients would otherwise sync through BroadcastChannel, bypassing the server.
			disableBc: true,
			maxBackoffTime: 500
		});
		this.provider.on('connection-close', (event) => {
			if (event) this.closes.push({ code: event.code, reason: event.reason });
		});
	}

	get awareness() {
		return this.provider.awareness;
	}

	whenSynced(timeoutMs = 10_000): Promise<void> {
		return waitFor(() => this.provider.synced, { timeoutMs, what: 'provider sync' });
	}

	destroy(): void {
		this.provider.destroy();
		this.doc.destroy();
	}
}

export async function connectBoard(
	server: AppServer,
	documentId: string,
	credentials: Credentials
): Promise<BoardClient> {
	const client = new BoardClient(server, documentId, credentials);
	await client.whenSynced();
	return client;
}

/** A socket speaking the protocol by hand, recording everything the server sends. */
export interface RawSocket {
	ws: WebSocket;
	received: CollabMessage[];
	closed: Promise<CloseInfo>;
	send(bytes: Uint8Array): void;
}

export function openRawSocket(server: AppServer, documentId: string, credentials: Credentials): Promise<RawSocket> {
	const ws = new WebSocket(server.wsUrl + collabPath(documentId), { headers: headersFor(server, credentials) });
	const received: CollabMessage[] = [];
	ws.on('message', (data: Buffer) => received.push(decodeMessage(new Uint8Array(data))));
	const closed = new Promise<CloseInfo>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve({ ws, received, closed, send: (bytes) => ws.send(bytes) }));
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
		ws.once('error', reject);
	});
}

export interface UpgradeOutcome {
	/** HTTP status of the refusal, or 101 if the socket opened. */
	status: number;
	body: string;
	/** Websocket messages received (must be none when refused). */
	messages: number;
}

/** Attempts an upgrade and reports how the server answered, without any client-side retry. */
export function attemptUpgrade(server: AppServer, path: string, credentials: Credentials): Promise<UpgradeOutcome> {
	const ws = new WebSocket(server.wsUrl + path, { headers: headersFor(server, credentials) });
	let messages = 0;
	ws.on('message', () => (messages += 1));
	return new Promise((resolve, reject) => {
		ws.once('unexpected-response', (_req, res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body, messages }));
			res.on('error', reject);
		});
		ws.once('open', () => {
			// Give the server a moment to send whatever it would send, then report.
			setTimeout(() => {
				ws.terminate();
				resolve({ status: 101, body: '', messages });
			}, 300);
		});
		ws.once('error', (error) => {
			if (!(error.message ?? '').startsWith('Unexpected server response')) reject(error);
		});
	});
}

export interface Member {
	userId: string;
	displayName: string;
	cookie: string;
	sessionId: string;
}

/** A workspace with one board document, written straight into the server's database. */
export class BoardWorld {
	private constructor(
		private readonly database: OpenedDatabase,
		readonly workspaceId: string,
		readonly documentId: string
	) {}

	static async create(server: AppServer): Promise<BoardWorld> {
		const database = openDatabase(server.databasePath);
		const workspace = await createWorkspace(database.db);
		const document = await createBoardDocument(database.db, workspace.id);
		return new BoardWorld(database, workspace.id, document.id);
	}

	get db(): Db {
		return this.database.db;
	}

	/** A new user with a membership of `role` (or none, for `null`) and a live session. */
	async member(role: Role | null, input: { displayName?: string; isAdmin?: boolean } = {}): Promise<Member> {
		const user = await createUser(this.db, input);
		if (role) await addMember(this.db, this.workspaceId, user.id, role);
		const session = await sessionCookie(this.db, user.id);
		return { userId: user.id, displayName: user.displayName, cookie: session.cookie, sessionId: session.sessionId };
	}

	/** Another session for an existing user (a second tab or device). */
	async anotherSession(userId: string): Promise<{ cookie: string; sessionId: string }> {
		const { cookie, sessionId } = await sessionCookie(this.db, userId);
		return { cookie, sessionId };
	}

	async countStoredUpdates(documentId = this.documentId): Promise<number> {
		const row = await this.db
			.selectFrom('document_update')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('document_id', '=', documentId)
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	/** The document as stored on disk (snapshot plus logged updates). */
	async loadStored(documentId = this.documentId): Promise<Y.Doc> {
		const { doc } = await new DocumentStore(this.database).load(documentId);
		return doc;
	}

	close(): Promise<void> {
		return this.db.destroy();
	}
}

export async function fetchHealth(server: AppServer): Promise<{ status: number; body: Record<string, unknown> }> {
	const res = await fetch(server.url + '/healthz');
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A running server with a seeded board; closes every client it handed out on `stop`. */
export class CollabHarness {
	private readonly clients = new Set<BoardClient>();
	private readonly sockets = new Set<WebSocket>();

	private constructor(
		readonly server: AppServer,
		readonly world: BoardWorld
	) {}

	static async start(env: Record<string, string> = {}): Promise<CollabHarness> {
		const server = await startAppServer({ env });
		try {
			return new CollabHarness(server, await BoardWorld.create(server));
		} catch (error) {
			await server.stop();
			throw error;
		}
	}

	/** A synced provider client of the seeded board (or of `documentId`). */
	async connect(credentials: Credentials, documentId = this.world.documentId): Promise<BoardClient> {
		const client = new BoardClient(this.server, documentId, credentials);
		this.clients.add(client);
		await client.whenSynced();
		return client;
	}

	async raw(credentials: Credentials, documentId = this.world.documentId): Promise<RawSocket> {
		const socket = await openRawSocket(this.server, documentId, credentials);
		this.sockets.add(socket.ws);
		return socket;
	}

	/** Destroys every client (for example before a restart, so none re-sends its state). */
	disconnectAll(): void {
		for (const client of this.clients) client.destroy();
		for (const ws of this.sockets) ws.terminate();
		this.clients.clear();
		this.sockets.clear();
	}

	async stop(): Promise<void> {
		this.disconnectAll();
		await this.world.close();
		await this.server.stop();
	}
}
