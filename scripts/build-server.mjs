// Bundles the Node entry points in server/ next to the SvelteKit build (build/handler.js).
// Dependencies stay external (they are in node_modules); our own TypeScript is bundled.
// upload-worker.js is the entry of the worker threads that parse uploads (src/lib/server/uploads).
import { build } from 'esbuild';

await build({
	entryPoints: { server: 'server/index.ts', cli: 'server/cli.ts' },
	outdir: process.env.BUILD_DIR ?? 'build',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	external: ['./handler.js'],
	sourcemap: true,
	logLevel: 'warning',
	alias: { $lib: './src/lib' }
});
// The upload worker is split at its dynamic imports (chunks in upload-worker-chunks/), so that a
// worker started for a CSV does not load exceljs.
await build({
	entryPoints: { 'upload-worker': 'src/lib/server/uploads/upload-worker.ts' },
	outdir: process.env.BUILD_DIR ?? 'build',
	chunkNames: 'upload-worker-chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning',
	alias: { $lib: './src/lib' }
});
console.log(`built ${process.env.BUILD_DIR ?? 'build'}/server.js, cli.js and upload-worker.js`);
