#!/usr/bin/env node
/**
 * npm run bench — the collaboration server against the reference server and the transport floor,
 * side by side with the same clients, rate and document. See docs/performance.md.
 *
 *   npm run bench                      the standard set (3 alternating runs, 2-minute soak, browser)
 *   npm run bench -- --quick           one run, short windows, no soak, no browser (a smoke test)
 *   npm run bench -- --soak-only --soak 30     the 30-minute soak of our server alone
 *
 *   npm run bench -- --flood-only      the flood scenario alone (ours and the reference server)
 *
 * Options: --runs N, --window SECONDS, --flood SECONDS (10; 0: no flood scenario), --servers raw,reference,ours, --soak MINUTES (0: none),
 * --soak-only, --no-browser, --browser-only, --json FILE, --profile DIR (a V8 CPU profile of every
 * server process, for chrome://inspect or speedscope). BUILD_DIR selects the build (default build/);
 * it is built first when missing.
 */
import { execSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureBrowser } from './lib/browser.mjs';
import { printReport } from './lib/report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = resolve(ROOT, process.env.BUILD_DIR ?? 'build');
const CACHE = join(ROOT, 'node_modules', '.cache', 'machi-bench');
const SERVERS = {
	raw: join(ROOT, 'bench/servers/raw-relay.mjs'),
	reference: join(ROOT, 'bench/servers/reference.mjs'),
	ours: join(BUILD_DIR, 'server.js')
};

// ─── options ─────────────────────────────────────────────────────────────────────────────────

function parseOptions(argv) {
	const o = {
		runs: 3,
		window: 6,
		warmup: 1.5,
		servers: ['raw', 'reference', 'ours'],
		soak: 2,
		soakOnly: false,
		browser: true,
		browserOnly: false,
		cards: 2000,
		clients: 80,
		bigRoom: 200,
		json: null,
		profile: null,
		flood: 10,
		floodOnly: false
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => argv[++i];
		if (a === '--runs') o.runs = Number(next());
		else if (a === '--window') o.window = Number(next());
		else if (a === '--servers') o.servers = next().split(',');
		else if (a === '--soak') o.soak = Number(next());
		else if (a === '--soak-only') o.soakOnly = true;
		else if (a === '--no-browser') o.browser = false;
		else if (a === '--browser-only') o.browserOnly = true;
		else if (a === '--cards') o.cards = Number(next());
		else if (a === '--clients') o.clients = Number(next());
		else if (a === '--big-room') o.bigRoom = Number(next());
		else if (a === '--json') o.json = next();
		else if (a === '--profile') o.profile = resolve(next());
		else if (a === '--flood') o.flood = Number(next());
		else if (a === '--flood-only') Object.assign(o, { floodOnly: true, servers: ['reference', 'ours'], soak: 0, browser: false });
		else if (a === '--quick') Object.assign(o, { runs: 1, window: 3, soak: 0, browser: false });
		else throw new Error(`unknown option ${a}`);
	}
	return o;
}

// ─── preparing: the build, the fixture bundle, the board ─────────────────────────────────────

function ensureBuild() {
	if (existsSync(join(BUILD_DIR, 'server.js'))) return;
	console.log(`${BUILD_DIR}/server.js is missing: building first (npm run build)…`);
	execSync('npm run build', { cwd: ROOT, stdio: 'inherit', env: process.env });
}

/** Bundles the TypeScript fixtures (the app's schema, sessions, migrations) with esbuild. */
async function bundleFixtures() {
	const { build } = await import('esbuild');
	mkdirSync(CACHE, { recursive: true });
	await build({
		entryPoints: {
			'board-fixture': join(ROOT, 'bench/lib/board-fixture.ts'),
			'seed-database': join(ROOT, 'bench/lib/seed-database.ts')
		},
		outdir: CACHE,
		outExtension: { '.js': '.mjs' },
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
		alias: { $lib: join(ROOT, 'src/lib') }
	});
	return { board: join(CACHE, 'board-fixture.mjs'), seed: join(CACHE, 'seed-database.mjs') };
}

function freePort() {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
			probe.close(() => resolvePort(port));
		});
	});
}

// ─── the server under test ───────────────────────────────────────────────────────────────────

async function startServer(kind, { boardFile, databasePath, env = {}, profile = null }) {
	const port = await freePort();
	const statsPort = await freePort();
	const childEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		BENCH_STATS_PORT: String(statsPort),
		BENCH_BOARD: boardFile,
		LOG_LEVEL: 'info',
		...(databasePath ? { DATABASE_PATH: databasePath } : {}),
		...env
	};
	delete childEnv.ORIGIN;
	delete childEnv.PROTOCOL_HEADER;
	const agent = pathToFileURL(join(ROOT, 'bench/servers/stats-agent.mjs')).href;
	const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, `--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`] : [];
	const child = spawn(process.execPath, ['--expose-gc', ...profiling, '--import', agent, SERVERS[kind]], {
		cwd: ROOT,
		env: childEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs = [];
	const waiters = new Set();
	const onLine = (line) => {
		let parsed;
		try {
			parsed = JSON.parse(line);
		} catch {
			parsed = { event: 'raw', line };
		}
		logs.push(parsed);
		if (parsed.level === 'error') console.error(`  [${kind}] ${line}`);
		for (const w of waiters) if (w.predicate(parsed)) (waiters.delete(w), w.resolve(parsed));
	};
	createInterface({ input: child.stdout }).on('line', onLine);
	createInterface({ input: child.stderr }).on('line', onLine);
	const waitFor = (predicate, timeoutMs = 30_000, from = 0) =>
		new Promise((resolveLine, reject) => {
			const found = logs.slice(from).find(predicate);
			if (found) return resolveLine(found);
			const timer = setTimeout(() => reject(new Error(`${kind}: timed out waiting for a log line`)), timeoutMs);
			waiters.add({ predicate, resolve: (l) => (clearTimeout(timer), resolveLine(l)) });
		});
	const exited = new Promise((r) => child.once('exit', r));
	await Promise.race([
		waitFor((l) => l.event === 'server.listening'),
		exited.then(() => Promise.reject(new Error(`${kind} exited: ${JSON.stringify(logs.slice(-5))}`)))
	]);
	return {
		kind,
		port,
		statsPort,
		pid: child.pid,
		logs,
		waitFor,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** A fresh data directory and server of `kind`, seeded with the board (and users, for ours). */
async function prepareServer(kind, fixtures, board, options, { rooms = 3, members = 320 } = {}) {
	const dataDir = mkdtempSync(join(tmpdir(), `machi-bench-${kind}-`));
	const boardFile = join(dataDir, 'board.bin');
	writeFileSync(boardFile, board.bytes);
	let seed;
	let databasePath;
	if (kind === 'ours') {
		databasePath = join(dataDir, 'app.db');
		seed = await fixtures.seed.seedDatabase({
			databasePath,
			board: board.bytes,
			rooms,
			members,
			logTail: board.logTail,
			// boards 0 and 1 as after a crash just before a compaction; board 2 as after an unload
			logTailRooms: 2
		});
	} else {
		// the reference server and the relay take any room name; use the same paths
		seed = {
			workspaceId: 'none',
			documentIds: Array.from({ length: rooms }, (_, i) => `bench${i}`.padEnd(26, 'a')),
			cookies: ['session=none'],
			tokens: [],
			userIds: []
		};
	}
	const server = await startServer(kind, { boardFile, databasePath, profile: options.profile });
	return {
		server,
		seed,
		async stop() {
			await server.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** Runs the load generator against a started server; answers its questions about the server. */
function runGenerator(prepared, fixtures, options, mode) {
	const { server, seed } = prepared;
	const config = {
		kind: server.kind,
		mode,
		port: server.port,
		statsPort: server.statsPort,
		serverPid: server.pid,
		documentIds: seed.documentIds,
		cookies: seed.cookies,
		pageUrl:
			server.kind === 'ours'
				? `http://127.0.0.1:${server.port}/w/${seed.workspaceId}/boards/${seed.documentIds[0]}`
				: `http://127.0.0.1:${server.port}/`,
		fixtureBundle: fixtures.boardBundle,
		clientsPerRoom: options.clients,
		probesPerRoom: 4,
		bigRoom: options.bigRoom,
		typists: 20,
		typeHz: 5,
		movers: 5,
		moveHz: 2,
		awarenessHz: 2,
		windowSec: options.window,
		warmupMs: options.warmup * 1000,
		soakSec: options.soak * 60,
		flood: options.flood > 0,
		floodSec: options.flood,
		soakSampleSec: options.soak >= 10 ? 30 : 10
	};
	const child = fork(join(ROOT, 'bench/lib/generator.mjs'), [], {
		cwd: ROOT,
		env: { ...process.env, BENCH_CONFIG: JSON.stringify(config) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: []
	});
	return new Promise((resolveResult, reject) => {
		child.on('message', async (m) => {
			if (m.type === 'ask') {
				let value = null;
				if (m.what === 'persistence') {
					// a build without the counters (an older one, for comparison) answers nothing:
					// without a SIGUSR2 handler the signal would end the process
					if (!readFileSync(SERVERS.ours, 'utf8').includes('collab.stats')) {
						child.send({ type: 'answer', id: m.id, value: null });
						return;
					}
					const from = server.logs.length;
					process.kill(server.pid, 'SIGUSR2');
					const line = await server.waitFor((l) => l.event === 'collab.stats', 3_000, from).catch(() => null);
					value = line ? { ...line.persistence, commits: line.commits, openDocuments: line.openDocuments } : null;
				} else if (m.what === 'log') {
					value = server.logs.filter((l) => l.event === m.args.event);
				}
				child.send({ type: 'answer', id: m.id, value });
			} else if (m.type === 'result') {
				resolveResult(m.result);
			} else if (m.type === 'error') {
				reject(new Error(`generator failed against ${server.kind}: ${m.message}`));
			}
		});
		child.once('exit', (code) => reject(new Error(`generator exited with ${code} before reporting`)));
	});
}

// ─── main ────────────────────────────────────────────────────────────────────────────────────

function machine() {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		node: process.version,
		cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
		memoryGB: Math.round(os.totalmem() / 1e9),
		loadBefore: os.loadavg(),
		platform: `${os.type()} ${os.release()}`
	};
}

async function main() {
	const options = parseOptions(process.argv.slice(2));
	const started = performance.now();
	ensureBuild();
	const bundles = await bundleFixtures();
	const boardModule = await import(pathToFileURL(bundles.board).href);
	const seedModule = await import(pathToFileURL(bundles.seed).href);
	const fixtures = { board: boardModule, seed: seedModule, boardBundle: bundles.board };
	const board = {
		bytes: boardModule.buildBoard(options.cards),
		// a crash just before a compaction: the log holds the most it ever does
		logTail: boardModule.logTail(499)
	};
	const report = { machine: machine(), options, board: { cards: options.cards, bytes: board.bytes.length }, runs: [], soak: null, browser: null };
	console.log(
		`machi bench: ${options.cards} cards (${(board.bytes.length / 1e6).toFixed(2)} MB), ${options.clients} clients per room, ` +
			`${options.runs} run(s) of ${options.servers.join(', ')}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`
	);

	if (!options.soakOnly && !options.browserOnly) {
		for (let run = 0; run < options.runs; run++) {
			// alternate the order, so that drift on the machine does not favour one server
			const order = run % 2 === 0 ? options.servers : [...options.servers].reverse();
			for (const kind of order) {
				console.log(`run ${run + 1}/${options.runs}: ${kind}`);
				const prepared = await prepareServer(kind, fixtures, board, options);
				try {
					const result = await runGenerator(prepared, fixtures, options, options.floodOnly ? 'flood' : 'standard');
					report.runs.push({ run, ...result, load: os.loadavg()[0] });
				} finally {
					await prepared.stop();
				}
			}
		}
	}

	if ((options.soak > 0 || options.soakOnly) && !options.browserOnly) {
		console.log(`soak: our server, ${options.soak} minute(s)`);
		const prepared = await prepareServer('ours', fixtures, board, options, { rooms: 1, members: 100 });
		try {
			report.soak = await runGenerator(prepared, fixtures, options, 'soak');
		} finally {
			await prepared.stop();
		}
	}

	if ((options.browser && !options.soakOnly) || options.browserOnly) {
		console.log(`browser: Chromium on a ${options.cards.toLocaleString('en-US')}-card board`);
		const prepared = await prepareServer('ours', fixtures, board, options, { rooms: 1, members: 2 });
		try {
			// room 0 holds the board and the log tail (whose typist added a card of their own)
			const cards = fixtures.board.cardCount([board.bytes, ...board.logTail]);
			report.browser = await measureBrowser(prepared, { cards }, fixtures.boardBundle);
		} catch (error) {
			report.browser = { error: error instanceof Error ? error.message : String(error) };
			// a scenario that could not measure is a failed run, not a quiet gap in the table
			process.exitCode = 1;
		} finally {
			await prepared.stop();
		}
	}

	report.machine.loadAfter = os.loadavg();
	report.totalSec = (performance.now() - started) / 1000;
	const jsonPath = options.json ?? join(tmpdir(), `machi-bench-${report.machine.date.replace(/[:.]/g, '-')}.json`);
	writeFileSync(jsonPath, JSON.stringify(report, null, 2));
	printReport(report);
	console.log(`\nall figures: ${jsonPath} (${report.totalSec.toFixed(0)} s)`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
