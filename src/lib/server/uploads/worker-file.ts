/**
 * Where the upload worker's script is. A worker thread needs a plain JavaScript file of its own,
 * which neither SvelteKit's bundle nor Vite's dev server gives us:
 * - production: scripts/build-server.mjs bundles upload-worker.ts to build/upload-worker.js and
 *   build/server.js announces it in UPLOAD_WORKER_PATH;
 * - `vite dev` and vitest: the TypeScript entry is bundled on first use with esbuild (a dev
 *   dependency, loaded by a computed name so that the production bundle never includes it) into
 *   node_modules/.cache, one folder per process, removed at exit (and, when a process was
 *   killed before it could, by the next one after a day).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UPLOAD_WORKER_FILE = 'upload-worker.js';

let building: Promise<string> | undefined;

export function uploadWorkerPath(): Promise<string> {
	const announced = process.env.UPLOAD_WORKER_PATH;
	if (announced) return Promise.resolve(announced);
	const besideEntry = process.argv[1] ? join(dirname(process.argv[1]), UPLOAD_WORKER_FILE) : null;
	if (besideEntry && existsSync(besideEntry)) return Promise.resolve(besideEntry);
	building ??= bundleForDevelopment();
	return building;
}

async function bundleForDevelopment(): Promise<string> {
	const source = fileURLToPath(new URL('./upload-worker.ts', import.meta.url));
	if (!existsSync(source)) throw new Error(`upload worker not found: set UPLOAD_WORKER_PATH (looked for ${source})`);
	const root = resolve(dirname(source), '../../../..');
	const cache = join(root, 'node_modules', '.cache', 'upload-worker');
	const outdir = join(cache, `${process.pid}-${Date.now()}`);
	mkdirSync(outdir, { recursive: true });
	for (const name of readdirSync(cache)) {
		const old = join(cache, name);
		if (Date.now() - statSync(old).mtimeMs > 24 * 3_600_000) rmSync(old, { recursive: true, force: true });
	}
	const esbuildName = 'esbuild';
	const esbuild = (await import(/* @vite-ignore */ esbuildName)) as typeof import('esbuild');
	await esbuild.build({
		entryPoints: { 'upload-worker': source },
		outdir,
		outExtension: { '.js': '.mjs' },
		splitting: true,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
		alias: { $lib: join(root, 'src', 'lib') }
	});
	process.once('exit', () => {
		try {
			rmSync(outdir, { recursive: true, force: true });
		} catch {
			// already gone
		}
	});
	return join(outdir, 'upload-worker.mjs');
}
