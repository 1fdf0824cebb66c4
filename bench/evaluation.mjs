#!/usr/bin/env node
/**
 * npm run bench:evaluation — the register page and the achievement .xlsx for a large register
 * (default 1,000 KPIs × 10 fiscal years; see docs/performance.md). Prints, per request, the
 * median server time over HTTP against the built server (GET the register page, GET the .xlsx)
 * and the in-process parts (SQL load; evaluating + page view + charts; writing the .xlsx).
 *
 *   npm run bench:evaluation [-- --kpis 1000 --years 10 --runs 7]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = resolve(ROOT, process.env.BUILD_DIR ?? 'build');
const CACHE = join(ROOT, 'node_modules', '.cache', 'machi-bench');
const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const KPIS = arg('kpis', 1000);
const YEARS = arg('years', 10);
const RUNS = arg('runs', 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bundle() {
	const { build } = await import('esbuild');
	mkdirSync(CACHE, { recursive: true });
	await build({
		entryPoints: { 'evaluation-fixture': join(ROOT, 'bench/lib/evaluation-fixture.ts') },
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
	return join(CACHE, 'evaluation-fixture.mjs');
}

function freePort() {
	return new Promise((res, rej) => {
		const probe = createServer();
		probe.once('error', rej);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address();
			probe.close(() => res(port));
		});
	});
}

async function main() {
	const fixture = await import(pathToFileURL(await bundle()).href);
	const dir = mkdtempSync(join(tmpdir(), 'eval-bench-'));
	const databasePath = join(dir, 'app.db');
	let t = performance.now();
	const seed = await fixture.seedEvaluation(databasePath, KPIS, YEARS);
	console.log(`seeded ${KPIS} KPIs × ${YEARS} years in ${Math.round(performance.now() - t)} ms`);
	const inProcess = await fixture.timeInProcess(databasePath, seed.workspaceId, seed.lastYear, RUNS);

	const port = await freePort();
	const server = spawn(process.execPath, [join(BUILD_DIR, 'server.js')], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}/w/${seed.workspaceId}/evaluation`;
	try {
		for (let i = 0; i < 100; i++) {
			try {
				await fetch(`http://127.0.0.1:${port}/healthz`);
				break;
			} catch {
				await new Promise((r) => setTimeout(r, 100));
			}
		}
		const time = async (path) => {
			const ms = [];
			let bytes = 0;
			for (let r = 0; r < RUNS + 1; r++) {
				const start = performance.now();
				const res = await fetch(`${url}${path}`, { headers: { cookie: seed.cookie } });
				const body = new Uint8Array(await res.arrayBuffer());
				if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
				if (r > 0) ms.push(performance.now() - start); // the first warms the route up
				bytes = body.byteLength;
			}
			return { ms: median(ms), bytes };
		};
		const page = await time(`?year=${seed.lastYear}`);
		const xlsx = await time(`/export/achievement.xlsx?year=${seed.lastYear}`);
		console.log(`\n## Evaluation: ${KPIS} KPIs × ${YEARS} years (median of ${RUNS})\n`);
		console.log(`load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs\n`);
		console.log('| what | median wall | median CPU | target |');
		console.log('|---|---:|---:|---:|');
		console.log(`| register page over HTTP (${Math.round(page.bytes / 1024)} KB HTML) | ${page.ms.toFixed(0)} ms | | ≤ 200 ms |`);
		console.log(`| ↳ SQL load (in process) | ${inProcess.loadMs.toFixed(1)} ms | ${inProcess.loadCpuMs.toFixed(1)} ms | |`);
		console.log(`| ↳ evaluate + page view + chart (in process) | ${inProcess.computeMs.toFixed(1)} ms | ${inProcess.computeCpuMs.toFixed(1)} ms | |`);
		console.log(`| achievement .xlsx over HTTP (${Math.round(xlsx.bytes / 1024)} KB) | ${xlsx.ms.toFixed(0)} ms | | ≤ 2,000 ms |`);
		console.log(`| ↳ writing the .xlsx (in process) | ${inProcess.xlsxMs.toFixed(0)} ms | ${inProcess.xlsxCpuMs.toFixed(0)} ms | |`);
	} finally {
		server.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
