/**
 * Prints the figures of a bench run as Markdown tables (ready for docs/performance.md): every
 * figure as the median of the runs with its spread (min–max), the ratios ours/reference and
 * ours/raw, and each target of issue #5 with whether it is met.
 */
import { medianOf } from './stats.mjs';

const KINDS = ['raw', 'reference', 'ours'];
const NAMES = { raw: 'raw relay', reference: 'reference', ours: 'ours' };

function get(obj, path) {
	return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** median/min/max of one figure over the runs of one server */
function stat(report, kind, path) {
	return medianOf(report.runs.filter((r) => r.kind === kind).map((r) => get(r, path)));
}

function fmt(v, digits) {
	if (v == null || !Number.isFinite(v)) return '—';
	const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
	return v.toFixed(d);
}

function cell(s, scale = 1, digits) {
	if (!s) return '—';
	if (s.n === 1 || s.min === s.max) return fmt(s.median * scale, digits);
	return `${fmt(s.median * scale, digits)} (${fmt(s.min * scale, digits)}–${fmt(s.max * scale, digits)})`;
}

function ratio(a, b) {
	if (!a || !b || !b.median) return '—';
	return `${(a.median / b.median).toFixed(2)}×`;
}

const MB = 1 / 1e6;

const SECTIONS = [
	{
		title: 'Steady state: one room, 80 clients, 2,000 cards, 20 typing at 5/s, 10 moves/s, presence at 2 Hz',
		rows: [
			['propagation p50 (ms)', 'steady.latency.p50'],
			['propagation p95 (ms)', 'steady.latency.p95'],
			['propagation p99 (ms)', 'steady.latency.p99'],
			['server CPU (% of one core)', 'steady.serverCpuPct'],
			['server CPU-ms per 1,000 delivered frames', 'steady.cpuMsPer1000Frames'],
			['frames delivered per second', 'steady.framesPerSec'],
			['longest event-loop stall (ms)', 'steady.loopMaxMs'],
			['awareness messages in ÷ presence changes', 'steady.awareness.ratio'],
			['page request p99 while busy (ms)', 'steady.page.p99'],
			['load generator CPU (% of one core)', 'steady.generatorCpuPct']
		]
	},
	{
		title: 'Join storm: 80 clients at once on the loaded 2,000-card board',
		rows: [
			['all synced (ms)', 'joinStorm.allSyncedMs'],
			['median client synced (ms)', 'joinStorm.sync.p50'],
			['longest event-loop stall (ms)', 'joinStorm.loopMaxMs'],
			['server CPU per joiner (ms)', 'joinStorm.cpuMsPerClient'],
			['page requests during the storm: slowest (ms)', 'joinStorm.page.max'],
			['page requests during the storm: failed', 'joinStorm.page.failures'],
			['late joiner in the busy room, synced (ms, median of 3)', 'lateJoin.p50']
		]
	},
	{
		title: 'Reconnect storm: all 80 drop and reconnect at once with an up-to-date document',
		rows: [
			['all synced (ms)', 'reconnectStorm.allSyncedMs'],
			['longest event-loop stall (ms)', 'reconnectStorm.loopMaxMs'],
			['server CPU per client (ms)', 'reconnectStorm.cpuMsPerClient']
		]
	},
	{
		title: 'Presence with stock y-websocket providers (each echoes what it receives), 80 clients at 2 Hz',
		rows: [
			['awareness messages in ÷ presence changes', 'awarenessEcho.awareness.ratio'],
			['server CPU (% of one core)', 'awarenessEcho.serverCpuPct']
		]
	},
	{
		title: 'Three rooms at once (240 clients), the reference workload in each',
		rows: [
			['propagation p50 (ms)', 'threeRooms.latency.p50'],
			['propagation p99 (ms)', 'threeRooms.latency.p99'],
			['server CPU (% of one core)', 'threeRooms.serverCpuPct'],
			['longest event-loop stall (ms)', 'threeRooms.loopMaxMs'],
			['RSS per room (MB, with its 80 connections)', 'threeRooms.rssPerRoom', MB],
			['JS heap per room (MB)', 'threeRooms.heapPerRoom', MB],
			['load generator CPU (% of one core)', 'threeRooms.generatorCpuPct']
		]
	},
	{
		title: '200 clients in one room, presence from everyone at 2 Hz',
		rows: [
			['propagation p50 (ms)', 'bigRoom.latency.p50'],
			['propagation p99 (ms)', 'bigRoom.latency.p99'],
			['server CPU (% of one core)', 'bigRoom.serverCpuPct'],
			['server CPU-ms per 1,000 delivered frames', 'bigRoom.cpuMsPer1000Frames'],
			['longest event-loop stall (ms)', 'bigRoom.loopMaxMs'],
			['load generator CPU (% of one core)', 'bigRoom.generatorCpuPct']
		]
	},
	{
		title: 'Flood: one client sends one-character updates as fast as it can for 10 s (reconnecting when closed); a bystander types 10/s into its own card',
		rows: [
			['bystander round trip before the flood p50 (ms)', 'flood.before.p50'],
			['bystander round trip before the flood p95 (ms)', 'flood.before.p95'],
			['bystander round trip during the flood p50 (ms)', 'flood.during.p50'],
			['bystander round trip during the flood p95 (ms)', 'flood.during.p95'],
			['bystander round trip during the flood p99 (ms)', 'flood.during.p99'],
			['bystander round trip during the flood max (ms)', 'flood.during.max'],
			['bystander keystrokes echoed during the flood', 'flood.during.n'],
			['bystander keystrokes never echoed', 'flood.unechoed'],
			['updates the flooder sent', 'flood.floodUpdatesSent'],
			['flooding connections closed with 4429', 'flood.floodClosedRateLimited'],
			['first flooding connection closed after (ms)', 'flood.floodFirstCloseMs'],
			['server CPU during the flood (% of one core)', 'flood.serverCpuPct'],
			['longest event-loop stall during the flood (ms)', 'flood.loopMaxMs'],
			['server waited for a CPU during the flood (% of the time)', 'flood.runQueuePct'],
			['append transaction (fsync) p99, recent commits (ms)', 'flood.commitP99Ms'],
			['— max (ms)', 'flood.commitMaxMs'],
			['RSS after the flood (MB)', 'flood.rssAfter', MB]
		]
	}
];

const OURS_ONLY = [
	['cold load from SQLite, snapshot + 499 logged updates (ms)', 'coldLoad.warmMs'],
	['— stored updates replayed', 'coldLoad.warmReplayed'],
	['cold load from SQLite, snapshot only (after an idle unload) (ms)', 'coldLoad.snapshotOnlyMs'],
	['first load after a server start, snapshot + 499 updates (ms)', 'coldLoad.serverMs'],
	['— first client synced (ms)', 'coldLoad.clientMs'],
	['join storm on an unloaded board (80 clients, load included): all synced (ms)', 'coldJoinStorm.allSyncedMs'],
	['— longest event-loop stall (ms)', 'coldJoinStorm.loopMaxMs'],
	['persistence: updates appended per second (steady)', 'steady.persistence.updatesAppended', 'perSecond'],
	['persistence: append transactions (fsyncs) per second (steady)', 'steady.persistence.transactions', 'perSecond'],
	['persistence: append transaction (fsync) p50 before a relay (ms)', 'steady.persistence.commitP50Ms'],
	['persistence: append transaction (fsync) p99 before a relay (ms)', 'steady.persistence.commitP99Ms'],
	['persistence: log folds per minute (steady)', 'steady.persistence.folds', 'perMinute'],
	['persistence: snapshots per minute (steady)', 'steady.persistence.compactions', 'perMinute'],
	['persistence: bytes written ÷ bytes edited (rows + snapshots)', 'steady.persistence.writtenPerEdited'],
	['persistence: storage writes ÷ bytes edited (/proc/pid/io, WAL and checkpoints)', 'steady.persistence.storageWritesPerEdited']
];

/** The targets of issue #5, evaluated on our server's medians. */
function targets(report, soak, browser) {
	const o = (path) => stat(report, 'ours', path)?.median;
	const raw = (path) => stat(report, 'raw', path)?.median;
	const list = [
		['steady p99 ≤ 20 ms', o('steady.latency.p99'), (v) => v <= 20],
		['steady p99 ≤ 1.5 × raw relay', o('steady.latency.p99') / raw('steady.latency.p99'), (v) => v <= 1.5, '×'],
		['server CPU ≤ 20% of one core', o('steady.serverCpuPct'), (v) => v <= 20, '%'],
		['three rooms p99 ≤ 30 ms', o('threeRooms.latency.p99'), (v) => v <= 30],
		['200 clients p99 ≤ 50 ms', o('bigRoom.latency.p99'), (v) => v <= 50],
		['awareness in ≤ 1.1 × presence changes', o('steady.awareness.ratio'), (v) => v <= 1.1, '×'],
		['join storm: all synced ≤ 1,500 ms', o('joinStorm.allSyncedMs'), (v) => v <= 1500],
		['join storm: no stall over 50 ms', o('joinStorm.loopMaxMs'), (v) => v <= 50],
		['join storm: ≤ 3 ms server CPU per joiner', o('joinStorm.cpuMsPerClient'), (v) => v <= 3],
		['late joiner synced ≤ 200 ms', o('lateJoin.p50'), (v) => v <= 200],
		['page requests answer during the storm (none failed, slowest ≤ 500 ms)', o('joinStorm.page.max'), (v) => v <= 500 && o('joinStorm.page.failures') === 0],
		['cold load from SQLite ≤ 100 ms (snapshot + 499 logged updates)', o('coldLoad.warmMs'), (v) => v <= 100],
		['cold load replays ≤ 500 stored updates', o('coldLoad.warmReplayed'), (v) => v <= 500, ''],
		['≤ 100 bytes written per byte edited', o('steady.persistence.writtenPerEdited'), (v) => v <= 100, '×'],
		['memory per loaded room ≤ 15 MB', (o('threeRooms.rssPerRoom') ?? NaN) / 1e6, (v) => v <= 15, 'MB']
	];
	if (soak) {
		list.push(['RSS within ±10% over the soak', soak.bandPct, (v) => v <= 10, '%']);
		list.push(['≤ 100 bytes written per byte edited, over the soak', soak.writtenPerEdited, (v) => v <= 100, '×']);
		list.push(['idle room unloaded within 60 s of the last client leaving', soak.idleUnloadSec, (v) => v <= 60, 's']);
	}
	if (report.options.floodOnly) list.length = 0;
	if (o('flood.during.p95') != null) {
		list.push(['flood: bystander round trip p95 ≤ 50 ms', o('flood.during.p95'), (v) => v <= 50]);
		list.push(['flood: no bystander keystroke lost', o('flood.unechoed'), (v) => v === 0, '']);
	}
	if (browser && !browser.error) {
		list.push(['browser: 2,000 cards shown ≤ 1,500 ms', browser.firstVisit?.cardsShownMs, (v) => v <= 1500]);
		list.push(['browser: keystroke to screen ≤ 50 ms (p95)', browser.typing?.p95, (v) => v <= 50]);
	}
	return list.map(([name, value, ok, unit = 'ms']) => ({
		name,
		value,
		unit,
		met: value != null && Number.isFinite(value) ? ok(value) : null
	}));
}

function soakSummary(soak) {
	const samples = soak?.soak ?? [];
	if (samples.length < 3) return null;
	// baseline: the median of the first third (after the warm-up); then the largest deviation of
	// any later sample from it, and the trend from the first third to the last
	const third = Math.max(1, Math.floor(samples.length / 3));
	const rss = samples.map((s) => s.rss);
	const base = medianOf(rss.slice(0, third)).median;
	const later = rss.slice(third);
	const deviation = Math.max(...later.map((r) => Math.abs(r - base))) / base;
	const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
	return {
		minutes: samples.at(-1).atSec / 60,
		first: base,
		min: Math.min(...rss),
		max: Math.max(...rss),
		last: rss.at(-1),
		bandPct: deviation * 100,
		trendPct: (mean(rss.slice(-third)) / mean(rss.slice(0, third)) - 1) * 100,
		heapFirst: medianOf(samples.slice(0, third).map((s) => s.heapUsed)).median,
		heapLast: medianOf(samples.slice(-third).map((s) => s.heapUsed)).median,
		p99: medianOf(samples.map((s) => s.p99)),
		serverCpuPct: medianOf(samples.map((s) => s.serverCpuPct)),
		writtenPerEdited: soak.persistence?.writtenPerEdited ?? null,
		folds: soak.persistence?.folds ?? null,
		snapshots: soak.persistence?.compactions ?? null,
		idleUnloadSec: soak.idleUnloadSec ?? null
	};
}

/** Windows in which the load generator used more CPU than the server (the run is not valid). */
function validity(report) {
	const lines = [];
	for (const kind of KINDS) {
		const runs = report.runs.filter((r) => r.kind === kind);
		if (runs.length === 0) continue;
		let windows = 0;
		let invalid = 0;
		for (const r of runs) {
			for (const w of ['steady', 'threeRooms', 'bigRoom']) {
				if (!r[w]) continue;
				windows += 1;
				if (r[w].generatorCpuPct > r[w].serverCpuPct) invalid += 1;
			}
		}
		lines.push(
			invalid === 0
				? `${NAMES[kind]}: valid (the load generator used less CPU than the server in all ${windows} windows)`
				: `${NAMES[kind]}: INVALID in ${invalid} of ${windows} windows (the load generator used more CPU than the server)`
		);
	}
	return lines;
}

export function printReport(report) {
	const out = [];
	const m = report.machine;
	out.push('');
	out.push(`## Figures (${m.date.slice(0, 10)})`);
	out.push('');
	out.push(
		`Machine: ${m.cpu}, ${m.memoryGB} GB, ${m.platform}, Node ${m.node}. Load average before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}. ` +
			`Board: ${report.board.cards} cards, ${(report.board.bytes / 1e6).toFixed(2)} MB of state. ` +
			`Runs: ${report.options.runs} per server (alternating order), windows of ${report.options.window} s; each cell is the median (min–max).`
	);
	if (report.runs.length > 0) {
		for (const section of SECTIONS) {
			// a partial run (--flood-only) has figures for some sections only
			if (!section.rows.some(([, path]) => KINDS.some((k) => stat(report, k, path)))) continue;
			out.push('');
			out.push(`### ${section.title}`);
			out.push('');
			out.push('| figure | raw relay | reference | ours | ours/ref | ours/raw |');
			out.push('| --- | --- | --- | --- | --- | --- |');
			for (const [name, path, scale = 1] of section.rows) {
				const s = Object.fromEntries(KINDS.map((k) => [k, stat(report, k, path)]));
				out.push(
					`| ${name} | ${cell(s.raw, scale)} | ${cell(s.reference, scale)} | ${cell(s.ours, scale)} | ${ratio(s.ours, s.reference)} | ${ratio(s.ours, s.raw)} |`
				);
			}
		}
	}
	if (report.runs.length > 0 && !report.options.floodOnly) {
		out.push('');
		out.push('### Our server only: loading and storage');
		out.push('');
		out.push('| figure | ours |');
		out.push('| --- | --- |');
		for (const [name, path, per] of OURS_ONLY) {
			const s = stat(report, 'ours', path);
			const seconds = stat(report, 'ours', 'steady.seconds')?.median ?? 1;
			const scale = per === 'perSecond' ? 1 / seconds : per === 'perMinute' ? 60 / seconds : 1;
			out.push(`| ${name} | ${cell(s, scale)} |`);
		}
		out.push('');
		out.push('Validity: ' + validity(report).join('; ') + '.');
	}
	const soak = soakSummary(report.soak);
	if (soak) {
		out.push('');
		out.push(`### Soak: our server, reference workload, ${soak.minutes.toFixed(1)} minutes`);
		out.push('');
		out.push('RSS and heap after a full GC, every sample; the baseline is the median of the first third.');
		out.push('');
		out.push('| RSS baseline | min | max | last | largest deviation from baseline | trend (last third ÷ first) | heap first → last third | p99 (median of samples) | server CPU |');
		out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
		out.push(
			`| ${fmt(soak.first * MB)} MB | ${fmt(soak.min * MB)} MB | ${fmt(soak.max * MB)} MB | ${fmt(soak.last * MB)} MB | ${fmt(soak.bandPct)}% | ${soak.trendPct >= 0 ? '+' : ''}${fmt(soak.trendPct)}% | ${fmt(soak.heapFirst * MB)} → ${fmt(soak.heapLast * MB)} MB | ${cell(soak.p99)} ms | ${cell(soak.serverCpuPct)}% |`
		);
		out.push('');
		out.push(
			`Over the soak: ${fmt(soak.writtenPerEdited)} bytes written per byte edited (${soak.folds} folds, ${soak.snapshots} snapshots); ` +
				`after the last client left, the room was unloaded in ${fmt(soak.idleUnloadSec, 0)} s.`
		);
	}
	const b = report.browser;
	if (b) {
		out.push('');
		out.push(`### Browser: headless Chromium, our server, the ${report.board.cards.toLocaleString('en-US')}-card board`);
		out.push('');
		if (b.error) {
			out.push(`**FAILED** (the run exits with 1): ${b.error}`);
		} else {
			out.push('| figure | value |');
			out.push('| --- | --- |');
			out.push(`| first visit: navigation to all cards on screen (ms) | ${fmt(b.firstVisit?.cardsShownMs)} |`);
			out.push(`| second visit (local copy in IndexedDB): cards on screen (ms) | ${fmt(b.secondVisit?.cardsShownMs)} |`);
			out.push(`| longest main-thread task while opening (ms) | ${fmt(b.firstVisit?.longestTaskMs)} |`);
			out.push(`| typing in a card: keystroke to next frame p50 / p95 / max (ms) | ${fmt(b.typing?.p50)} / ${fmt(b.typing?.p95)} / ${fmt(b.typing?.max)} |`);
			if (b.remoteTyping) out.push(`| another person's keystroke to this screen p50 / p95 (ms) | ${fmt(b.remoteTyping.p50)} / ${fmt(b.remoteTyping.p95)} |`);
		}
	}
	out.push('');
	out.push('### Targets (our server)');
	out.push('');
	out.push('| target | measured | met |');
	out.push('| --- | --- | --- |');
	for (const t of targets(report, soak, b)) {
		out.push(`| ${t.name} | ${fmt(t.value)}${t.value != null ? ` ${t.unit}` : ''} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`);
	}
	console.log(out.join('\n'));
}
