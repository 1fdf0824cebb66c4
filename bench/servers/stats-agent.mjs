/**
 * Loaded into every server under test with `node --import` (the same for all three), so that
 * each reports its CPU time, memory and event-loop stalls the same way, on a side port
 * (BENCH_STATS_PORT) that the load generator polls:
 *
 *   GET /stats          cumulative CPU (µs), RSS and heap (bytes), event-loop delay (ms)
 *   GET /stats?reset=1  the same, then restarts the event-loop histogram
 *   GET /stats?gc=1     runs a full GC first (the server is started with --expose-gc)
 *
 * The event-loop figure is the largest delay of a 5 ms timer: a stall of the main thread.
 */
import { createServer } from 'node:http';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';

const port = Number(process.env.BENCH_STATS_PORT);
if (port > 0) {
	const loop = monitorEventLoopDelay({ resolution: 5 });
	loop.enable();
	// garbage collection pauses, to tell a GC pause from work on the main thread
	let gcMaxMs = 0;
	let gcTotalMs = 0;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			gcMaxMs = Math.max(gcMaxMs, entry.duration);
			gcTotalMs += entry.duration;
		}
	}).observe({ entryTypes: ['gc'] });
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.searchParams.has('gc') && typeof globalThis.gc === 'function') {
			globalThis.gc();
			globalThis.gc();
		}
		const cpu = process.cpuUsage();
		const mem = process.memoryUsage();
		const body = JSON.stringify({
			pid: process.pid,
			cpuUs: cpu.user + cpu.system,
			rss: mem.rss,
			heapUsed: mem.heapUsed,
			external: mem.external,
			arrayBuffers: mem.arrayBuffers,
			// the histogram counts the 5 ms resolution itself; a stall is what comes on top
			loopMaxMs: Math.max(0, loop.max / 1e6 - 5),
			loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - 5),
			loopMeanMs: Number.isFinite(loop.mean) ? Math.max(0, loop.mean / 1e6 - 5) : 0,
			gcMaxMs,
			gcTotalMs
		});
		if (url.searchParams.has('reset')) {
			loop.reset();
			gcMaxMs = 0;
			gcTotalMs = 0;
		}
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
		res.end(body);
	});
	server.listen(port, '127.0.0.1');
	server.unref();
}
