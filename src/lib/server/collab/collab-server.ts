/**
 * The collaboration transport: authorises websocket upgrades, loads each document into one
 * `Room` (never twice, even when many clients arrive at once), wires connections to rooms,
 * re-checks the sessions behind open sockets, and shuts everything down in order.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '../../collab/close-codes';
import { boardMeta, BOARD_ROOT_NAMES } from '../../collab/schema';
import { STRATEGY_ROOT_NAMES } from '../../collab/strategy';
import type { Config } from '../config';
import type { OpenedDatabase } from '../db';
import type { DocumentKind } from '../db/types';
import {
	sessionPolicyFromConfig,
	stillValidSessionIds,
	touchSessions,
	type SessionPolicy
} from '../auth/session';
import { log } from '../log';
import { currentRoles, roleQueryKey } from '../repositories/memberships';
import { authorizeUpgrade } from './authorize';
import { Connection } from './connection';
import type { CollabIdentity } from './identity';
import { GroupCommit, type CommitTimings } from './group-commit';
import { DocumentStore, type LoadedDocument, type PersistenceStats, type UpdateLog } from './persistence';
import { recoveryWindow, type RecoveryWindow } from './recovery-window';
import { Room } from './room';
import { TurnPacer } from './turn-pacer';
import { refuseUpgrade } from './upgrade-response';

export type CollabConfig = Pick<
	Config,
	| 'WS_MAX_MESSAGE_BYTES'
	| 'WS_MAX_BUFFERED_BYTES'
	| 'WS_INBOUND_RATE'
	| 'WS_INBOUND_BURST'
	| 'WS_INBOUND_CLOSE_AFTER_MS'
	| 'COMPACT_EVERY_UPDATES'
	| 'COMPACT_MAX_WAIT_MS'
	| 'ROOM_IDLE_UNLOAD_MS'
	| 'AWARENESS_BATCH_MS'
	| 'SESSION_RECHECK_MS'
	| 'SESSION_IDLE_MINUTES'
	| 'SESSION_MAX_HOURS'
	| 'RESTORE_RECOVERY_HOURS'
	| 'allowedOrigins'
>;

/** Where rooms load from and write to (a `DocumentStore` unless a test supplies another). */
export type RoomStore = UpdateLog & {
	load(documentId: string): Promise<LoadedDocument>;
	stats(): PersistenceStats;
};

export interface CollabServerOptions {
	database: OpenedDatabase;
	config: CollabConfig;
	store?: RoomStore;
}

export interface CollabStats {
	openDocuments: number;
	loadingDocuments: number;
	connections: number;
	persistence: PersistenceStats;
	/** Duration of the recent group commits (append transactions). */
	commits: CommitTimings;
}

/** How long shutdown waits for clients to answer the close frame before cutting them off. */
const CLOSE_GRACE_MS = 2_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CollabServer {
	readonly #database: OpenedDatabase;
	readonly #config: CollabConfig;
	readonly #policy: SessionPolicy;
	readonly #store: RoomStore;
	/** One transaction (one fsync) per event-loop turn for the updates of every room. */
	readonly #commits: GroupCommit;
	/** Upgrades and large sync answers, one per event-loop turn (see TurnPacer). */
	readonly #pacer = new TurnPacer();
	readonly #wss: WebSocketServer;
	readonly #rooms = new Map<string, Room>();
	readonly #loading = new Map<string, Promise<Room>>();
	readonly #connections = new Set<Connection>();
	readonly #recheckTimer: NodeJS.Timeout;
	/** Open after the first start on a restored backup (see RecoveryWindow). */
	readonly #recovery: RecoveryWindow | null;
	#rechecking = false;
	#stopping = false;

	constructor({ database, config, store }: CollabServerOptions) {
		this.#database = database;
		this.#config = config;
		this.#policy = sessionPolicyFromConfig(config);
		this.#store = store ?? new DocumentStore(database);
		this.#commits = new GroupCommit(this.#store);
		this.#wss = new WebSocketServer({
			noServer: true,
			clientTracking: false,
			perMessageDeflate: false,
			// ws itself closes a socket that sends more with 1009.
			maxPayload: config.WS_MAX_MESSAGE_BYTES
		});
		this.#recovery = recoveryWindow(database.sqlite, (config.RESTORE_RECOVERY_HOURS ?? 0) * 3_600_000);
		if (this.#recovery) {
			log.warn('collab.recovery_window', {
				restoredAt: new Date(this.#recovery.since).toISOString(),
				until: new Date(this.#recovery.until).toISOString(),
				opened: this.#recovery.opened
			});
		}
		this.#recheckTimer = setInterval(() => void this.#recheckSessions(), config.SESSION_RECHECK_MS);
	}

	/** Takes over an HTTP upgrade request for `/yjs/<documentId>`. Never rejects. */
	async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		const onSocketError = (error: Error) => log.debug('collab.socket_error', { error: error.message });
		socket.on('error', onSocketError);
		const refuse = (status: number, reason: string, extra: Record<string, unknown> = {}) => {
			log.info('collab.socket_refused', { status, reason, ip: req.socket.remoteAddress, ...extra });
			refuseUpgrade(socket, status);
		};
		if (this.#stopping) return refuse(503, 'shutting_down');
		try {
			// a join storm is authorised one upgrade per turn, not all in one
			await this.#pacer.turn();
			if (this.#stopping) return refuse(503, 'shutting_down');
			const auth = await authorizeUpgrade(req, {
				db: this.#database.db,
				policy: this.#policy,
				allowedOrigins: this.#config.allowedOrigins
			});
			if (!auth.ok) {
				return refuse(auth.status, auth.reason, {
					documentId: auth.documentId,
					userId: auth.userId,
					...(auth.reason === 'origin_not_allowed' ? { origin: req.headers.origin } : {})
				});
			}
			const room = await this.openRoom(auth.documentId, auth.identity.documentKind);
			// The server may have started stopping, or the room unloaded, while we waited.
			if (this.#stopping || !room.isOpen) return refuse(503, 'unavailable', { documentId: auth.documentId });
			this.#wss.handleUpgrade(req, socket, head, (ws) => {
				socket.off('error', onSocketError);
				this.#accept(ws, room, auth.identity);
			});
		} catch (error) {
			log.error('collab.upgrade_failed', { error, path: req.url?.split('?')[0] });
			refuseUpgrade(socket, 500);
		}
	}

	stats(): CollabStats {
		return {
			openDocuments: this.#rooms.size,
			loadingDocuments: this.#loading.size,
			connections: this.#connections.size,
			persistence: this.#store.stats(),
			commits: this.#commits.timings()
		};
	}

	/** Closes every socket with 1001, compacts and unloads every document. Idempotent. */
	async shutdown(): Promise<void> {
		if (this.#stopping) return;
		this.#stopping = true;
		clearInterval(this.#recheckTimer);
		await Promise.allSettled(this.#loading.values());
		for (const room of [...this.#rooms.values()]) room.unload(CloseCode.GoingAway, 'server_shutdown');
		this.#commits.dispose();
		for (let waited = 0; this.#connections.size > 0 && waited < CLOSE_GRACE_MS; waited += 20) {
			await sleep(20);
		}
		for (const connection of this.#connections) connection.terminate('server_shutdown');
		this.#wss.close();
	}

	#accept(ws: WebSocket, room: Room, identity: CollabIdentity): void {
		const connection = new Connection(ws, identity, room.documentId, {
			message: (c, message) => room.receive(c, message),
			close: (c) => {
				this.#connections.delete(c);
				room.leave(c);
			}
		}, {
			maxBufferedBytes: this.#config.WS_MAX_BUFFERED_BYTES,
			inbound: {
				ratePerSec: this.#config.WS_INBOUND_RATE,
				burst: this.#config.WS_INBOUND_BURST,
				closeAfterMs: this.#config.WS_INBOUND_CLOSE_AFTER_MS
			}
		});
		this.#connections.add(connection);
		room.join(connection);
	}

	/** The loaded room of a document, loading it if needed; concurrent callers share one load. */
	openRoom(documentId: string, kind: DocumentKind): Promise<Room> {
		if (this.#stopping) return Promise.reject(new Error('the collaboration server is stopping'));
		const open = this.#rooms.get(documentId);
		if (open?.isOpen) return Promise.resolve(open);
		const pending = this.#loading.get(documentId);
		if (pending) return pending;
		const loading = this.#loadRoom(documentId, kind).finally(() => this.#loading.delete(documentId));
		this.#loading.set(documentId, loading);
		return loading;
	}

	async #loadRoom(documentId: string, kind: DocumentKind): Promise<Room> {
		const started = performance.now();
		const { doc, replayed, snapshotStateVector, snapshotBytes, fullState, clients } = await this.#store.load(documentId);
		const recovery = this.#recovery;
		const room = new Room({
			documentId,
			doc,
			replayed,
			snapshot: { stateVector: snapshotStateVector, bytes: snapshotBytes },
			fullState,
			log: this.#store,
			rootNames: kind === 'board' ? BOARD_ROOT_NAMES : STRATEGY_ROOT_NAMES,
			clients,
			recovery: () => (recovery && Date.now() < recovery.until ? recovery : null),
			compactEveryUpdates: this.#config.COMPACT_EVERY_UPDATES,
			compactMaxWaitMs: this.#config.COMPACT_MAX_WAIT_MS,
			idleUnloadMs: this.#config.ROOM_IDLE_UNLOAD_MS,
			awarenessBatchMs: this.#config.AWARENESS_BATCH_MS,
			commits: this.#commits,
			pacer: this.#pacer,
			facilitatorOnly: kind === 'board' ? boardMeta : undefined,
			onUnload: (r) => {
				if (this.#rooms.get(documentId) === r) this.#rooms.delete(documentId);
			}
		});
		this.#rooms.set(documentId, room);
		log.info('collab.room_loaded', {
			documentId,
			replayed,
			snapshotBytes,
			ms: Math.round(performance.now() - started)
		});
		return room;
	}

	/**
	 * Closes sockets whose session ended (logout deletes the row; expiry; deactivated user) or
	 * whose user's role in the workspace changed or ended (an observer made member reconnects
	 * with write access, a member made observer loses it), and records activity for sessions
	 * that edited since the last check: live editing counts as use.
	 */
	async #recheckSessions(): Promise<void> {
		if (this.#rechecking || this.#connections.size === 0) return;
		this.#rechecking = true;
		try {
			const connections = [...this.#connections];
			const edited = new Set<string>();
			for (const c of connections) if (c.takeEditedFlag()) edited.add(c.identity.sessionId);
			const now = Date.now();
			const sessionIds = [...new Set(connections.map((c) => c.identity.sessionId))];
			const valid = await stillValidSessionIds(this.#database.db, sessionIds, this.#policy, now);
			const live = connections.filter((c) => valid.has(c.identity.sessionId));
			for (const c of connections) {
				if (!valid.has(c.identity.sessionId)) c.close(CloseCode.Unauthorized, 'session_ended');
			}
			const roles = await currentRoles(this.#database.db, live.map((c) => c.identity));
			for (const c of live) {
				const role = roles.get(roleQueryKey(c.identity)) ?? null;
				if (role === null) c.close(CloseCode.Forbidden, 'membership_ended');
				else if (role !== c.identity.role) c.close(CloseCode.RoleChanged, 'role_changed');
			}
			const touch = [...edited].filter((id) => valid.has(id));
			// One statement, not a transaction held open across awaits: the update log shares this
			// SQLite connection, and an append made while such a transaction is open would only be
			// durable once that transaction commits — after the room has relayed it.
			if (touch.length > 0) await touchSessions(this.#database.db, touch, now);
		} catch (error) {
			log.error('collab.session_recheck_failed', { error });
		} finally {
			this.#rechecking = false;
		}
	}
}
