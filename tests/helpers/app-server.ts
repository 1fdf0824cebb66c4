/**
 * Starts the real, built server (build/server.js) as a child process on a loopback port with
 * a fresh SQLite database, the way production runs it. `npm test` builds before testing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const SERVER_ENTRY = resolve(process.env.BUILD_DIR ?? 'build', 'server.js');

export interface AppServer {
	url: string;
	wsUrl: string;
	port: number;
	databasePath: string;
	dataDir: string;
	/** Every JSON log line the server printed so far. */
	logs: Array<Record<string, unknown>>;
	process: ChildProcess;
	/** Sends a signal and waits for the process to exit. */
	kill(signal?: NodeJS.Signals): Promise<number | null>;
	/** Starts the server again on the same port and database. */
	restart(): Promise<void>;
	/** Stops the server and deletes its data directory. */
	stop(): Promise<void>;
	waitForLog(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export interface StartOptions {
	env?: Record<string, string>;
	dataDir?: string;
}

export async function startAppServer(options: StartOptions = {}): Promise<AppServer> {
	if (!existsSync(SERVER_ENTRY)) {
		throw new Error('build/server.js is missing: run `npm run build` first (npm test does).');
	}
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dsw-test-'));
	const databasePath = join(dataDir, 'app.db');
	const logs: Array<Record<string, unknown>> = [];
	const waiters = new Set<{ predicate: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }>();
	let port = 0;

	const launch = async (): Promise<ChildProcess> => {
		const child = spawn(process.execPath, [SERVER_ENTRY], {
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: String(port),
				DATABASE_PATH: databasePath,
				LOG_LEVEL: 'debug',
				SESSION_RECHECK_MS: '500',
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const onLine = (line: string) => {
			let parsed: Record<string, unknown>;
			try {
				parsed = JSON.parse(line);
			} catch {
				parsed = { event: 'raw', line };
			}
			logs.push(parsed);
			for (const w of waiters) {
				if (w.predicate(parsed)) {
					waiters.delete(w);
					w.resolve(parsed);
				}
			}
		};
		createInterface({ input: child.stdout! }).on('line', onLine);
		createInterface({ input: child.stderr! }).on('line', onLine);
		const listening = await waitFor(
			(l) => l.event === 'server.listening',
			30_000,
			child
		);
		port = Number(listening.port);
		return child;
	};

	const waitFor = (
		predicate: (l: Record<string, unknown>) => boolean,
		timeoutMs: number,
		child?: ChildProcess
	) =>
		new Promise<Record<string, unknown>>((resolvePromise, reject) => {
			const found = logs.find(predicate);
			if (found) return resolvePromise(found);
			const waiter = {
				predicate,
				resolve: (l: Record<string, unknown>) => {
					clearTimeout(timer);
					resolvePromise(l);
				}
			};
			const timer = setTimeout(() => {
				waiters.delete(waiter);
				reject(new Error(`timed out waiting for a log line; last lines: ${JSON.stringify(logs.slice(-5))}`));
			}, timeoutMs);
			waiters.add(waiter);
			child?.once('exit', (code) => {
				if (waiters.has(waiter)) {
					waiters.delete(waiter);
					clearTimeout(timer);
					reject(new Error(`server exited with ${code}: ${JSON.stringify(logs.slice(-10))}`));
				}
			});
		});

	let child = await launch();

	const server: AppServer = {
		get url() {
			return `http://127.0.0.1:${port}`;
		},
		get wsUrl() {
			return `ws://127.0.0.1:${port}`;
		},
		get port() {
			return port;
		},
		databasePath,
		dataDir,
		logs,
		get process() {
			return child;
		},
		async kill(signal: NodeJS.Signals = 'SIGTERM') {
			if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
			const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
			child.kill(signal);
			return exited;
		},
		async restart() {
			logs.length = 0;
			child = await launch();
		},
		async stop() {
			await server.kill('SIGTERM');
			if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
		},
		waitForLog: (predicate, timeoutMs = 10_000) => waitFor(predicate, timeoutMs)
	};
	return server;
}

/** A free loopback port. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/**
 * The server for browser tests: on a free port it knows as its public origin (ORIGIN). Without
 * it adapter-node assumes https and SvelteKit refuses the login form post as cross-site.
 */
export async function startBrowserAppServer(env: Record<string, string> = {}): Promise<AppServer> {
	const port = await freePort();
	return startAppServer({ env: { ...env, PORT: String(port), ORIGIN: `http://127.0.0.1:${port}` } });
}
