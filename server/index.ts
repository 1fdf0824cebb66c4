/**
 * Production entry (bundled to build/server.js next to SvelteKit's build/handler.js): one HTTP
 * server for the app, /healthz and the collaboration websockets at /yjs/<documentId>.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { COLLAB_PATH_PREFIX } from '../src/lib/collab/close-codes';
import { CollabServer } from '../src/lib/server/collab/collab-server';
import { refuseUpgrade } from '../src/lib/server/collab/upgrade-response';
import { config } from '../src/lib/server/config';
import { migrateToLatest, openDatabase } from '../src/lib/server/db';
import { isHealthRequest, respondHealth } from '../src/lib/server/health';
import { log } from '../src/lib/server/log';

/** How long shutdown waits for in-flight HTTP requests before cutting them off. */
const HTTP_DRAIN_MS = 5_000;

/**
 * adapter-node assumes https unless ORIGIN or PROTOCOL_HEADER says otherwise, which breaks
 * same-origin checks and cookies when this server is reached directly over plain HTTP (tests, a
 * LAN install). Without either setting, we tell it the scheme we actually serve through a header
 * only this process sets. Behind a TLS proxy, set ORIGIN.
 */
const SCHEME_HEADER = 'x-dsw-scheme';
const announceScheme = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (announceScheme) process.env.PROTOCOL_HEADER = SCHEME_HEADER;

process.on('uncaughtException', (error) => {
	log.error('server.crashed', { error });
	process.exit(1);
});
process.on('unhandledRejection', (error) => {
	log.error('server.crashed', { error });
	process.exit(1);
});

const cfg = config();
const database = openDatabase(cfg.DATABASE_PATH);
await migrateToLatest(database.db);

const collab = new CollabServer({ database, config: cfg });
// the worker threads that parse uploads run build/upload-worker.js, bundled beside this file
process.env.UPLOAD_WORKER_PATH ??= fileURLToPath(new URL('./upload-worker.js', import.meta.url));
// request bodies up to 6 MB (adapter-node's default is 512 KB): idea-sheet imports may be up to 5 MB
process.env.BODY_SIZE_LIMIT ??= '6M';
const { handler } = await import('./handler.js');

const server = createServer((req, res) => {
	if (isHealthRequest(req)) {
		respondHealth(req, res, database.db, collab).catch((error) => {
			log.error('health.failed', { error });
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
		return;
	}
	if (announceScheme) req.headers[SCHEME_HEADER] = 'http';
	handler(req, res);
});

server.on('upgrade', (req, socket, head) => {
	if (req.url?.startsWith(COLLAB_PATH_PREFIX)) {
		void collab.handleUpgrade(req, socket, head);
		return;
	}
	log.info('server.upgrade_refused', { status: 404, path: req.url?.split('?')[0] });
	refuseUpgrade(socket, 404);
});

server.listen(cfg.PORT, cfg.HOST, () => {
	const { port } = server.address() as AddressInfo;
	if (announceScheme) log.warn('server.origin_unset', { assumed: 'http', hint: 'set ORIGIN to the public URL' });
	log.info('server.listening', { port, host: cfg.HOST });
});

let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
	if (stopping) return;
	stopping = true;
	log.info('server.shutdown', { signal });
	const started = performance.now();
	const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
	const drainTimer = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
	try {
		await collab.shutdown();
		await httpClosed;
		clearTimeout(drainTimer);
		await database.db.destroy();
		log.info('server.stopped', { signal, ms: Math.round(performance.now() - started) });
		process.exit(0);
	} catch (error) {
		log.error('server.shutdown_failed', { error });
		process.exit(1);
	}
}

// The collaboration counters (rooms, connections, rows and bytes written) on demand: kill -USR2.
process.on('SIGUSR2', () => log.info('collab.stats', { ...collab.stats() }));
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));
