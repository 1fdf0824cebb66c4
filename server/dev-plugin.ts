/**
 * Under `vite dev`, serves the collaboration websockets (/yjs/<documentId>) and /healthz from
 * Vite's own HTTP server, so that development runs on one port like production. Vite's HMR
 * websocket is left alone: only /yjs/ upgrades are taken. Inactive for `vite build` and vitest.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin, ViteDevServer } from 'vite';

async function attachCollaboration(server: ViteDevServer): Promise<void> {
	const httpServer = server.httpServer;
	// In middleware mode another program owns the HTTP server (and must attach this itself).
	if (!httpServer) return;
	// Loaded lazily so that `vite build` and vitest never open a database.
	const [{ config }, { openDatabase, migrateToLatest }, { CollabServer }, health, closeCodes, { log }] =
		await Promise.all([
			import('../src/lib/server/config'),
			import('../src/lib/server/db'),
			import('../src/lib/server/collab/collab-server'),
			import('../src/lib/server/health'),
			import('../src/lib/collab/close-codes'),
			import('../src/lib/server/log')
		]);
	const cfg = config();
	const database = openDatabase(cfg.DATABASE_PATH);
	await migrateToLatest(database.db);
	const collab = new CollabServer({ database, config: cfg });

	server.middlewares.use((req, res, next) => {
		if (!health.isHealthRequest(req)) return next();
		health.respondHealth(req, res, database.db, collab).catch(next);
	});
	httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (req.url?.startsWith(closeCodes.COLLAB_PATH_PREFIX)) void collab.handleUpgrade(req, socket, head);
	});
	httpServer.once('close', () => {
		void collab
			.shutdown()
			.then(() => database.db.destroy())
			.catch((error: unknown) => log.error('dev.collab_shutdown_failed', { error }));
	});
	log.info('dev.collab_attached', { database: cfg.DATABASE_PATH });
}

export function collabDevPlugin(): Plugin {
	return {
		name: 'collab-dev-server',
		apply: (_config, { command }) => command === 'serve' && !process.env.VITEST,
		configureServer: attachCollaboration
	};
}
