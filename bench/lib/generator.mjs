/**
 * The load generator: one process, started by bench/run.mjs for each server under test, that
 * runs the scenarios against it and sends the figures back over IPC. It measures its own CPU
 * time too; the orchestrator flags a run in which the generator was busier than the server.
 *
 * Clients: light clients (light-client.mjs, no Yjs) make up each room; a few real y-websocket
 * providers (probe-client.mjs) spread through the connection order measure propagation latency.
 * Editors (typists and movers) are light clients that send updates made by a tiny Y.Doc holding
 * only their own card.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Bystander } from './bystander.mjs';
import { LightClient } from './light-client.mjs';
import { Probe } from './probe-client.mjs';
import { summarize } from './stats.mjs';

const cfg = JSON.parse(process.env.BENCH_CONFIG ?? '{}');
const fixture = await import(pathToFileURL(cfg.fixtureBundle).href);
const { Editor } = fixture;

// every y-websocket provider adds a process 'exit' listener
process.setMaxListeners(0);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => process.stderr.write(`  [${cfg.kind}] ${args.join(' ')}\n`);

// ─── talking to the orchestrator and to the server's stats agent ─────────────────────────────

let asks = 0;
const answers = new Map();
process.on('message', (m) => {
	if (m?.type === 'answer') {
		answers.get(m.id)?.(m.value);
		answers.delete(m.id);
	}
});
/** Asks the orchestrator (which owns the server process and its log). */
function ask(what, args = {}) {
	const id = ++asks;
	return new Promise((resolve) => {
		answers.set(id, resolve);
		process.send({ type: 'ask', id, what, args });
	});
}

async function serverStats(query = '') {
	const res = await fetch(`http://127.0.0.1:${cfg.statsPort}/stats${query}`);
	return res.json();
}

/** Bytes this server process has caused to be written to storage (Linux /proc/<pid>/io). */
function storageWrites() {
	try {
		const io = readFileSync(`/proc/${cfg.serverPid}/io`, 'utf8');
		return Number(/write_bytes: (\d+)/.exec(io)?.[1] ?? 0);
	} catch {
		return null;
	}
}

/**
 * How long the server's main thread waited for a CPU (ms, Linux /proc/<pid>/schedstat): time
 * in which other processes on the machine, not the server, held it up.
 */
function serverRunQueueMs() {
	try {
		return Number(readFileSync(`/proc/${cfg.serverPid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
	} catch {
		return null;
	}
}

// ─── clients ──────────────────────────────────────────────────────────────────────────────────

let nextCookie = 0;
let nextEditorId = 0;
/** Every client ever created (their frame counters keep counting across scenarios). */
const everyClient = new Set();
let presenceChanges = 0;

function headers() {
	const cookie = cfg.cookies[nextCookie++ % cfg.cookies.length];
	return { origin: `http://127.0.0.1:${cfg.port}`, cookie };
}

function randomClientId() {
	return Math.floor(Math.random() * 0x7fffffff);
}

function colorOf(clientId) {
	return `#${clientId.toString(16).padStart(6, '0').slice(-6)}`;
}

function framesDelivered() {
	let n = 0;
	for (const c of everyClient) n += c instanceof Probe ? c.counters.framesIn : c.framesIn;
	return n;
}

function awarenessSent() {
	let n = 0;
	for (const c of everyClient) n += c instanceof Probe ? c.counters.awarenessOut : c.awarenessOut;
	return n;
}

class RoomLoad {
	constructor(index) {
		this.index = index;
		this.documentId = cfg.documentIds[index];
		this.path = `/yjs/${this.documentId}`;
		this.clients = [];
		this.editors = [];
		this.timers = [];
		this.echo = false;
	}

	get probes() {
		return this.clients.filter((c) => c instanceof Probe);
	}

	get lights() {
		return this.clients.filter((c) => c instanceof LightClient);
	}

	newProbe() {
		const probe = new Probe({
			serverUrl: `ws://127.0.0.1:${cfg.port}/yjs`,
			room: this.documentId,
			headers: headers(),
			editors: this.editors,
			ownAwarenessOnly: !this.echo,
			sendOwnAwarenessOnly: fixture.sendOwnAwarenessOnly
		});
		// like the board page: presence is set before the socket opens and sent when it does
		probe.setPresence({ color: colorOf(probe.clientId), focus: null });
		everyClient.add(probe);
		return probe;
	}

	newLight(stateVector) {
		const client = new LightClient({
			port: cfg.port,
			path: this.path,
			headers: headers(),
			clientId: randomClientId(),
			echoAwareness: this.echo,
			stateVector
		});
		client.awarenessClock = 0;
		client.onOpen = () => client.sendAwareness(++client.awarenessClock, { color: colorOf(client.clientId), focus: null });
		everyClient.add(client);
		return client;
	}

	/**
	 * `n` clients join at once (probes spread evenly through the connection order); resolves
	 * when all have the server's state, with how long each took.
	 */
	async join(n, probes = cfg.probesPerRoom) {
		const probeAt = new Set(Array.from({ length: probes }, (_, k) => Math.round(((k + 0.5) * n) / probes)));
		const joining = [];
		const started = performance.now();
		for (let i = 0; i < n; i++) {
			if (probeAt.has(i)) {
				joining.push(this.newProbe());
			} else {
				const light = this.newLight();
				light.connect().catch((error) => log('connect failed:', error.message));
				joining.push(light);
			}
		}
		this.clients.push(...joining);
		await Promise.all(joining.map((c) => c.whenSynced(60_000)));
		const times = joining.map((c) => c.syncedAt - started);
		return { times, allMs: Math.max(...times), started };
	}

	/** Typists, movers and everyone's presence, until stopLoad. */
	startLoad({ edits = true, typists = cfg.typists, typeHz = cfg.typeHz, movers = cfg.movers, moveHz = cfg.moveHz, awarenessHz = cfg.awarenessHz } = {}) {
		const lights = this.lights;
		if (this.editors.length === 0) {
			for (let i = 0; i < typists + movers && i < lights.length; i++) {
				const editor = new Editor(5_000_000 + ++nextEditorId, i < typists ? 'typist' : 'mover');
				editor.sentAt = [];
				editor.client = lights[i];
				this.editors.push(editor);
				lights[i].sendUpdate(editor.createUpdate);
			}
		}
		const cardIds = this.editors.map((e) => e.cardId);
		for (const editor of edits ? this.editors : []) {
			const hz = editor.kind === 'typist' ? typeHz : moveHz;
			this.#every(1000 / hz, () => {
				if (editor.client.closed) return;
				const clock = editor.clock;
				const update = editor.next();
				editor.sentAt[clock] = performance.now();
				editor.client.sendUpdate(update);
			});
		}
		if (awarenessHz > 0) {
			for (const client of this.clients) {
				const color = colorOf(client.clientId);
				let turn = 0;
				this.#every(1000 / awarenessHz, () => {
					const focus = turn++ % 4 === 3 ? null : cardIds[Math.floor(Math.random() * cardIds.length)] ?? null;
					presenceChanges += 1;
					if (client instanceof Probe) client.setPresence({ color, focus });
					else if (!client.closed) client.sendAwareness(++client.awarenessClock, { color, focus });
				});
			}
		}
	}

	stopLoad() {
		for (const t of this.timers) clearTimeout(t), clearInterval(t);
		this.timers = [];
	}

	/** Switches every client between the app's presence (own state only) and the stock echo. */
	setEcho(on) {
		this.echo = on;
		for (const c of this.clients) {
			if (c instanceof Probe) c.setOwnAwarenessOnly(!on);
			else c.options.echoAwareness = on;
		}
	}

	leave(clients = this.clients) {
		for (const c of clients) {
			if (c instanceof Probe) c.destroy();
			else c.close();
		}
		this.clients = this.clients.filter((c) => !clients.includes(c));
	}

	#every(periodMs, fn) {
		// random phase, so that clients do not all fire in the same millisecond
		const start = setTimeout(() => {
			fn();
			this.timers.push(setInterval(fn, periodMs));
		}, Math.random() * periodMs);
		this.timers.push(start);
	}
}

// ─── page requests while the room is busy ────────────────────────────────────────────────────

class PageProbe {
	constructor(intervalMs) {
		this.intervalMs = intervalMs;
		this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		this.url = cfg.pageUrl;
		this.headers = cfg.kind === 'ours' ? { cookie: cfg.cookies[0] } : {};
	}

	start() {
		this.times = [];
		this.failures = 0;
		this.running = true;
		this.loop = (async () => {
			while (this.running) {
				const t0 = performance.now();
				try {
					await this.#get();
					this.times.push(performance.now() - t0);
				} catch {
					this.failures += 1;
				}
				await sleep(this.intervalMs);
			}
		})();
	}

	async stop() {
		this.running = false;
		await this.loop;
		return { ...summarize(this.times), failures: this.failures };
	}

	#get() {
		return new Promise((resolve, reject) => {
			const req = http.get(this.url, { agent: this.agent, headers: this.headers, timeout: 10_000 }, (res) => {
				res.resume();
				res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
				res.on('error', reject);
			});
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', reject);
		});
	}
}

// ─── measurement windows ─────────────────────────────────────────────────────────────────────

function cpuMs(start) {
	const d = process.cpuUsage(start);
	return (d.user + d.system) / 1000;
}

function editedBytes(rooms) {
	let n = 0;
	for (const r of rooms) for (const e of r.editors) n += e.client.updateBytesOut;
	return n;
}

/** Steady load in `rooms` for `seconds`, after a warm-up: the figures of one window. */
async function measureWindow(rooms, seconds, { pages = true } = {}) {
	await sleep(cfg.warmupMs);
	const allEditors = rooms.flatMap((r) => r.editors);
	for (const r of rooms) for (const p of r.probes) p.record(r.editors);
	// two page requests a second: a probe of the HTTP side, not a load of its own
	const page = new PageProbe(500);
	const frames0 = framesDelivered();
	const aware0 = awarenessSent();
	const changes0 = presenceChanges;
	const edited0 = editedBytes(rooms);
	const ops0 = allEditors.reduce((n, e) => n + e.client.updatesOut, 0);
	const persist0 = cfg.kind === 'ours' ? await ask('persistence') : null;
	const io0 = storageWrites();
	const s0 = await serverStats('?reset=1');
	const queued0 = serverRunQueueMs();
	const gen0 = process.cpuUsage();
	const t0 = performance.now();
	if (pages) page.start();
	await sleep(seconds * 1000);
	const elapsed = performance.now() - t0;
	const genMs = cpuMs(gen0);
	const s1 = await serverStats();
	const queuedMs = serverRunQueueMs() - queued0;
	const io1 = storageWrites();
	const pageStats = pages ? await page.stop() : null;
	const persist1 = cfg.kind === 'ours' ? await ask('persistence') : null;
	const samples = rooms.flatMap((r) => r.probes.flatMap((p) => p.stopRecording()));
	const frames = framesDelivered() - frames0;
	const serverMs = (s1.cpuUs - s0.cpuUs) / 1000;
	const aware = awarenessSent() - aware0;
	const changes = presenceChanges - changes0;
	const edited = editedBytes(rooms) - edited0;
	const ops = allEditors.reduce((n, e) => n + e.client.updatesOut, 0) - ops0;
	let persistence = null;
	if (persist0 && persist1) {
		const written = persist1.bytesWritten - persist0.bytesWritten;
		persistence = {
			rowsWritten: persist1.rowsWritten - persist0.rowsWritten,
			bytesWritten: written,
			updatesAppended: persist1.updatesAppended - persist0.updatesAppended,
			compactions: persist1.compactions - persist0.compactions,
			folds: persist1.folds - persist0.folds,
			transactions: persist1.transactions - persist0.transactions,
			bytesEdited: edited,
			writtenPerEdited: edited > 0 ? written / edited : null,
			storageWritesPerEdited: io0 !== null && io1 !== null && edited > 0 ? (io1 - io0) / edited : null,
			// the append transactions of the last ~2,000 commits: what durability adds to a relay
			commitP50Ms: persist1.commits?.p50Ms ?? null,
			commitP99Ms: persist1.commits?.p99Ms ?? null,
			commitMaxMs: persist1.commits?.maxMs ?? null
		};
	}
	return {
		seconds: elapsed / 1000,
		clients: rooms.reduce((n, r) => n + r.clients.length, 0),
		opsPerSec: (ops / elapsed) * 1000,
		latency: summarize(samples),
		framesPerSec: (frames / elapsed) * 1000,
		serverCpuPct: (serverMs / elapsed) * 100,
		cpuMsPer1000Frames: frames > 0 ? (serverMs / frames) * 1000 : null,
		generatorCpuPct: (genMs / elapsed) * 100,
		loopMaxMs: s1.loopMaxMs,
		gcMaxMs: s1.gcMaxMs,
		gcTotalMs: s1.gcTotalMs,
		runQueuePct: (queuedMs / elapsed) * 100,
		rss: s1.rss,
		awareness: {
			inboundPerSec: (aware / elapsed) * 1000,
			changesPerSec: (changes / elapsed) * 1000,
			ratio: changes > 0 ? aware / changes : null
		},
		page: pageStats,
		persistence
	};
}

/** Everyone in `clients` reconnects at once (a network blip, or a server restart). */
async function measureStorm(label, start, clients) {
	const page = new PageProbe(20);
	const s0 = await serverStats('?reset=1');
	const queued0 = serverRunQueueMs();
	const gen0 = process.cpuUsage();
	page.start();
	const started = performance.now();
	const done = await start();
	const allMs = done?.allMs ?? Math.max(...clients.map((c) => c.syncedAt - started));
	const s1 = await serverStats();
	const queuedMs = serverRunQueueMs() - queued0;
	const genMs = cpuMs(gen0);
	await sleep(100);
	const pageStats = await page.stop();
	const times = done?.times ?? clients.map((c) => c.syncedAt - started);
	const serverMs = (s1.cpuUs - s0.cpuUs) / 1000;
	log(label, `all synced in ${allMs.toFixed(0)} ms, stall ${s1.loopMaxMs.toFixed(0)} ms, gc max ${s1.gcMaxMs.toFixed(0)} ms, waited for a CPU ${queuedMs.toFixed(0)} ms`);
	return {
		clients: times.length,
		allSyncedMs: allMs,
		sync: summarize(times),
		loopMaxMs: s1.loopMaxMs,
		gcMaxMs: s1.gcMaxMs,
		runQueueMs: queuedMs,
		serverCpuMs: serverMs,
		cpuMsPerClient: serverMs / times.length,
		generatorCpuMs: genMs,
		page: pageStats
	};
}

// ─── the standard set ────────────────────────────────────────────────────────────────────────

async function standard() {
	const result = { kind: cfg.kind };
	const idle = await serverStats('?gc=1');
	result.idleRss = idle.rss;
	const rooms = cfg.documentIds.slice(0, 3).map((_, i) => new RoomLoad(i));
	const [main, second, third] = rooms;

	// Cold load: the first client of a stored board that is not loaded (snapshot + log tail).
	{
		const probe = main.newProbe();
		await probe.whenSynced(60_000);
		const loaded = cfg.kind === 'ours' ? await ask('log', { event: 'collab.room_loaded' }) : null;
		result.coldLoad = {
			clientMs: probe.syncedAt - probe.startedAt,
			serverMs: loaded?.[0]?.ms ?? null,
			replayed: loaded?.[0]?.replayed ?? null
		};
		log('cold load', `${result.coldLoad.clientMs.toFixed(0)} ms`);
		probe.destroy();
		await sleep(300);
	}

	// Join storm: 80 clients at once on the loaded board.
	result.joinStorm = await measureStorm('join storm', () => main.join(cfg.clientsPerRoom), []);
	await sleep(500);

	// Steady state: typing, card moves and presence.
	main.startLoad();
	result.steady = await measureWindow([main], cfg.windowSec);
	log('steady', `commit p99 ${result.steady.persistence?.commitP99Ms} max ${result.steady.persistence?.commitMaxMs} ms; p99 ${result.steady.latency.p99?.toFixed(1)} ms, server ${result.steady.serverCpuPct.toFixed(0)}%, stall ${result.steady.loopMaxMs.toFixed(0)} ms, gc max ${result.steady.gcMaxMs.toFixed(0)} ms, waited for a CPU ${result.steady.runQueuePct.toFixed(0)}% of the time`);

	// A late joiner while the room is busy (three times).
	{
		const times = [];
		for (let i = 0; i < 3; i++) {
			const probe = main.newProbe();
			await probe.whenSynced(30_000);
			times.push(probe.syncedAt - probe.startedAt);
			probe.destroy();
			await sleep(300);
		}
		result.lateJoin = summarize(times);
	}
	main.stopLoad();
	await sleep(500);

	// Reconnect storm: everyone drops and comes back at once with an up-to-date document.
	{
		const { encodeStateVector } = fixture.Y;
		const stateVector = encodeStateVector(main.probes[0].doc);
		const old = main.clients;
		for (const c of old) if (c instanceof LightClient) c.terminate();
		await sleep(200);
		// same connection order as before: probes stay where they were
		main.clients = old.map((c) => (c instanceof Probe ? c : main.newLight(stateVector)));
		// the editors keep their cards: hand them to the new light clients
		const fresh = main.lights;
		main.editors.forEach((e, i) => (e.client = fresh[i]));
		result.reconnectStorm = await measureStorm(
			'reconnect storm',
			async () => {
				const started = performance.now();
				for (const c of main.clients) {
					if (c instanceof Probe) c.reconnect();
					else c.connect().catch((error) => log('reconnect failed:', error.message));
				}
				await Promise.all(main.clients.map((c) => c.whenSynced(60_000)));
				const times = main.clients.map((c) => c.syncedAt - (c instanceof Probe ? c.startedAt : started));
				return { times, allMs: Math.max(...times) };
			},
			main.clients
		);
	}
	await sleep(300);

	// Presence with the stock provider's behaviour (every client echoes what it receives). Not
	// against the relay: it would relay every echo to everyone, who would echo it again.
	if (cfg.kind !== 'raw') {
		main.setEcho(true);
		main.startLoad({ edits: false });
		result.awarenessEcho = await measureWindow([main], Math.min(4, cfg.windowSec), { pages: false });
		main.stopLoad();
		main.setEcho(false);
		await sleep(500);
	}

	// Three rooms at once. The other two boards are not loaded yet: their join storms include
	// loading them (the first with a full log, the second from its snapshot alone).
	result.coldJoinStorm = await measureStorm('join storm on an unloaded board', () => second.join(cfg.clientsPerRoom), []);
	await third.join(cfg.clientsPerRoom);
	if (cfg.kind === 'ours') {
		const loads = await ask('log', { event: 'collab.room_loaded' });
		const of = (room) => loads.find((l) => l.documentId === room.documentId);
		result.coldLoad.warmMs = of(second)?.ms ?? null;
		result.coldLoad.warmReplayed = of(second)?.replayed ?? null;
		result.coldLoad.snapshotOnlyMs = of(third)?.ms ?? null;
	}
	for (const r of rooms) r.startLoad();
	result.threeRooms = await measureWindow(rooms, cfg.windowSec);
	for (const r of rooms) r.stopLoad();
	{
		await sleep(300);
		const mem = await serverStats('?gc=1');
		result.threeRooms.rssPerRoom = (mem.rss - idle.rss) / 3;
		result.threeRooms.heapPerRoom = (mem.heapUsed - idle.heapUsed) / 3;
	}
	log('three rooms', `p99 ${result.threeRooms.latency.p99?.toFixed(1)} ms, stall ${result.threeRooms.loopMaxMs.toFixed(0)} ms, gc max ${result.threeRooms.gcMaxMs.toFixed(0)} ms, waited for a CPU ${result.threeRooms.runQueuePct.toFixed(0)}% of the time`);
	second.leave();
	third.leave();
	await sleep(500);

	// 200 clients in one room, everyone's presence at 2 Hz.
	await main.join(cfg.bigRoom - main.clients.length, 0);
	main.startLoad();
	result.bigRoom = await measureWindow([main], cfg.windowSec);
	main.stopLoad();
	log('200 clients', `p99 ${result.bigRoom.latency.p99?.toFixed(1)} ms, stall ${result.bigRoom.loopMaxMs.toFixed(0)} ms, gc max ${result.bigRoom.gcMaxMs.toFixed(0)} ms, waited for a CPU ${result.bigRoom.runQueuePct.toFixed(0)}% of the time`);
	main.leave();
	await sleep(300);

	// Last, since an unprotected server may stay busy with the flood for a long while.
	if (cfg.flood && cfg.kind !== 'raw') result.flood = await floodScenario(main);
	return result;
}

// ─── the flood ───────────────────────────────────────────────────────────────────────────────

/**
 * One client floods the room with one-character updates for `cfg.floodSec` (bench/lib/flooder.mjs
 * in a worker thread, reconnecting at once whenever it is closed), while a bystander types into
 * its own card at 10/s and 20 light clients read: the bystander's round trip before and during.
 */
async function floodScenario(room) {
	const audience = room.lights.length === 0 ? await room.join(20, 0) : null;
	const bystanderEditor = new Editor(6_000_000 + ++nextEditorId, 'typist');
	const url = `ws://127.0.0.1:${cfg.port}${room.path}`;
	const bystander = new Bystander({ url, headers: headers(), editor: bystanderEditor, Y: fixture.Y });
	await bystander.open();
	const seeds = Array.from({ length: 16 }, () => {
		const editor = new Editor(7_000_000 + ++nextEditorId, 'typist');
		const setup = fixture.Y.mergeUpdates([editor.createUpdate, editor.next()]);
		return { setup, client: editor.clientId, clock: editor.clock - 1 };
	});
	const typing = setInterval(() => bystander.type(), 100);
	await sleep(3000);
	const s0 = await serverStats('?reset=1');
	const queued0 = serverRunQueueMs();
	const floodStart = performance.now();
	const floodMs = cfg.floodSec * 1000;
	const worker = new Worker(new URL('./flooder.mjs', import.meta.url), {
		workerData: { url, headers: headers(), seeds, durationMs: floodMs }
	});
	const flooded = await new Promise((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	await worker.terminate();
	const floodEnd = floodStart + floodMs;
	const s1 = await serverStats();
	const queuedMs = serverRunQueueMs() - queued0;
	const persistence = cfg.kind === 'ours' ? await ask('persistence') : null;
	clearInterval(typing);
	const waitFrom = performance.now();
	while (!bystander.allEchoed && performance.now() - waitFrom < 30_000) await sleep(50);
	const before = bystander.between(0, floodStart);
	const during = bystander.between(floodStart, floodEnd);
	const sentDuring = [...bystander.sentAt.values()].filter((t) => t >= floodStart && t < floodEnd).length;
	const held = await serverStats('?gc=1');
	const result = {
		before: summarize(before),
		during: summarize(during),
		keystrokesDuring: sentDuring,
		unechoed: bystanderEditor.clock - bystander.echoed,
		lastEchoAfterFloodMs: bystander.allEchoed ? Math.max(0, ...bystander.samples.map((s) => s.at + s.ms)) - floodEnd : null,
		bystanderClosed: bystander.closeCode,
		floodUpdatesSent: flooded.sent,
		floodConnections: flooded.connections.length,
		floodClosedRateLimited: flooded.connections.filter((c) => c.code === 4429).length,
		floodFirstCloseMs: flooded.connections[0]?.closedAtMs != null && flooded.connections[0].closedAtMs < floodMs ? flooded.connections[0].closedAtMs : null,
		serverCpuPct: ((s1.cpuUs - s0.cpuUs) / 1000 / (floodEnd - floodStart)) * 100,
		loopMaxMs: s1.loopMaxMs,
		runQueuePct: (queuedMs / (floodEnd - floodStart)) * 100,
		commitP99Ms: persistence?.commits?.p99Ms ?? null,
		commitMaxMs: persistence?.commits?.maxMs ?? null,
		rssAfter: held.rss
	};
	log(
		'flood',
		`bystander p50 ${result.during.p50?.toFixed(1)} p95 ${result.during.p95?.toFixed(1)} p99 ${result.during.p99?.toFixed(1)} ms (before: p95 ${result.before.p95?.toFixed(1)}), ` +
			`${result.floodUpdatesSent} updates sent over ${result.floodConnections} connection(s), ${result.floodClosedRateLimited} closed with 4429, ` +
			`server CPU ${result.serverCpuPct.toFixed(0)}%, stall ${result.loopMaxMs.toFixed(0)} ms, waited for a CPU ${result.runQueuePct.toFixed(0)}% of the time, commit p99 ${result.commitP99Ms} max ${result.commitMaxMs} ms, ${result.unechoed} keystrokes not echoed`
	);
	bystander.close();
	if (audience) room.leave();
	return result;
}

/** The soak: the reference workload for `cfg.soakSec`, RSS sampled every `cfg.soakSampleSec`. */
async function soak() {
	const room = new RoomLoad(0);
	await room.join(cfg.clientsPerRoom);
	room.startLoad();
	await sleep(cfg.warmupMs);
	const samples = [];
	const persist0 = await ask('persistence');
	const edited0 = editedBytes([room]);
	const started = performance.now();
	for (;;) {
		const elapsed = (performance.now() - started) / 1000;
		if (elapsed >= cfg.soakSec) break;
		for (const p of room.probes) p.record(room.editors);
		const gen0 = process.cpuUsage();
		const s0 = await serverStats('?reset=1');
		const t0 = performance.now();
		await sleep(Math.min(cfg.soakSampleSec, cfg.soakSec - elapsed) * 1000);
		const s1 = await serverStats();
		const dt = performance.now() - t0;
		// after a full GC: memory the server holds on to, not garbage not yet collected
		const held = await serverStats('?gc=1');
		const latency = summarize(room.probes.flatMap((p) => p.stopRecording()));
		samples.push({
			atSec: (performance.now() - started) / 1000,
			rss: held.rss,
			heapUsed: held.heapUsed,
			serverCpuPct: ((s1.cpuUs - s0.cpuUs) / 1000 / dt) * 100,
			generatorCpuPct: (cpuMs(gen0) / dt) * 100,
			loopMaxMs: s1.loopMaxMs,
			p99: latency.p99
		});
		log('soak', `${samples.at(-1).atSec.toFixed(0)} s rss ${(held.rss / 1e6).toFixed(1)} MB heap ${(held.heapUsed / 1e6).toFixed(1)} MB p99 ${latency.p99?.toFixed(1)} ms`);
	}
	room.stopLoad();
	const persist1 = await ask('persistence');
	const edited = editedBytes([room]) - edited0;
	const persistence =
		persist0 && persist1
			? {
					bytesWritten: persist1.bytesWritten - persist0.bytesWritten,
					bytesEdited: edited,
					writtenPerEdited: edited > 0 ? (persist1.bytesWritten - persist0.bytesWritten) / edited : null,
					folds: persist1.folds - persist0.folds,
					compactions: persist1.compactions - persist0.compactions
				}
			: null;
	// the last client leaves: how long until the room is unloaded (ROOM_IDLE_UNLOAD_MS)
	room.leave();
	const left = performance.now();
	let idleUnloadSec = null;
	while (persist1 && performance.now() - left < 90_000) {
		await sleep(1000);
		const stats = await ask('persistence');
		if (stats?.openDocuments === 0) {
			idleUnloadSec = (performance.now() - left) / 1000;
			break;
		}
	}
	log('soak', `room unloaded ${idleUnloadSec?.toFixed(0)} s after the last client left`);
	return { kind: cfg.kind, soak: samples, persistence, idleUnloadSec };
}

try {
	const result =
		cfg.mode === 'soak'
			? await soak()
			: cfg.mode === 'flood'
				? { kind: cfg.kind, flood: await floodScenario(new RoomLoad(0)) }
				: await standard();
	process.send({ type: 'result', result });
} catch (error) {
	process.send({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
}
// give the IPC message time to leave, then go (sockets may still be open)
setTimeout(() => process.exit(0), 200);
