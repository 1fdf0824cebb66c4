import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { collabDevPlugin } from './server/dev-plugin';

/**
 * Integration tests that assert latency while the server is put under attack (a 5 MB upload, a
 * flood of updates). They run last, one file at a time, with nothing else on the machine: on a
 * 2-core machine other test files running beside them would measure the test runner, not the
 * server.
 */
const TIMING_TESTS = ['tests/integration/upload-isolation.test.ts', 'tests/integration/flood-control.test.ts'];

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit(),
		collabDevPlugin()
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts'],
					sequence: { groupOrder: 0 }
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					exclude: TIMING_TESTS,
					testTimeout: 60_000,
					hookTimeout: 60_000,
					sequence: { groupOrder: 0 }
				}
			},
			{
				extends: true,
				test: {
					name: 'timing',
					environment: 'node',
					include: TIMING_TESTS,
					testTimeout: 120_000,
					hookTimeout: 60_000,
					pool: 'forks',
					poolOptions: { forks: { singleFork: true } },
					sequence: { groupOrder: 1 }
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 120_000,
					// one browser test file at a time: each starts a server and Chromium
					pool: 'forks',
					poolOptions: { forks: { singleFork: true } },
					sequence: { groupOrder: 0 }
				}
			}
		]
	}
});
