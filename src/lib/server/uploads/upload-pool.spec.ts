import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { closeUploadPool, parseUpload, UploadPool } from './upload-pool';
import type { TaskResult } from './task-result';
import { emptyIdea } from '$lib/domain/idea-transfer';
import { ideasWorkbook } from '../export/xlsx-ideas';
import { craftZip, deflatedRun } from './testing/crafted-zip';

type Tasks = {
	echo: (input: string) => Promise<TaskResult<string>>;
	spin: (input: { ms: number }) => Promise<TaskResult<string>>;
	hog: (input: null) => Promise<TaskResult<never>>;
	throw: (input: null) => Promise<TaskResult<never>>;
};

const misbehaving = fileURLToPath(new URL('./testing/misbehaving-worker.mjs', import.meta.url));
const pools: UploadPool<Tasks>[] = [];
function pool(options: Partial<ConstructorParameters<typeof UploadPool>[0]> = {}): UploadPool<Tasks> {
	const p = new UploadPool<Tasks>({ filename: misbehaving, threads: 1, timeoutMs: 2_000, heapMb: 32, maxQueue: 4, ...options });
	pools.push(p);
	return p;
}

afterEach(async () => {
	await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('UploadPool', () => {
	it('runs a task in a worker and answers its value', async () => {
		expect(await pool().run('echo', 'こんにちは')).toEqual({ ok: true, value: 'こんにちは' });
	});

	it('terminates a task that exceeds the time limit and keeps serving', { timeout: 20_000 }, async () => {
		const p = pool({ timeoutMs: 2_000 });
		const started = performance.now();
		expect(await p.run('spin', { ms: 30_000 })).toEqual({ ok: false, refusal: { limit: 'time', seconds: 2 } });
		expect(performance.now() - started).toBeLessThan(8_000);
		expect(await p.run('echo', 'next')).toEqual({ ok: true, value: 'next' });
	});

	it('a worker that exhausts its heap dies alone, and the next task gets a fresh one', async () => {
		const p = pool({ heapMb: 32, timeoutMs: 20_000 });
		expect(await p.run('hog', null)).toEqual({ ok: false, refusal: { limit: 'memory', heapMb: 32 } });
		expect(await p.run('echo', 'alive')).toEqual({ ok: true, value: 'alive' });
	});

	it('refuses as busy when the queue is full', async () => {
		const p = pool({ maxQueue: 1 });
		const results = await Promise.all([1, 2, 3, 4].map(() => p.run('spin', { ms: 300 })));
		expect(results.filter((r) => r.ok)).toHaveLength(2);
		expect(results.filter((r) => !r.ok)).toEqual([
			{ ok: false, refusal: { limit: 'busy' } },
			{ ok: false, refusal: { limit: 'busy' } }
		]);
	});

	it('answers a crash in the worker as failed', async () => {
		expect(await pool().run('throw', null)).toEqual({ ok: false, refusal: { limit: 'failed' } });
	});
});

describe('parseUpload (the registry, in a worker bundled for development)', () => {
	afterAll(closeUploadPool);

	it('parses a staff CSV', { timeout: 30_000 }, async () => {
		const result = await parseUpload('staff-csv', { text: '氏名,ログインID,課,係,職位,権限\n山田 花子,yamada,企画課,企画係,係員,メンバー\n' });
		expect(result.ok && result.value.rows.map((r) => r.loginId)).toEqual(['yamada']);
	});

	it('parses an ideas CSV given as Shift_JIS-or-UTF-8 bytes', async () => {
		const bytes = new TextEncoder().encode('★アイデア名,★課題\n窓口のオンライン化,待ち時間が長い\n');
		const result = await parseUpload('ideas-csv', { bytes, fileName: 'ideas.csv' });
		expect(result.ok && result.value.ideas.map((i) => i.title)).toEqual(['窓口のオンライン化']);
	});

	it('reads an idea workbook, and refuses a workbook bomb with the limit it hit', { timeout: 30_000 }, async () => {
		const idea = { ...emptyIdea(), title: '窓口のオンライン化', problem: '待ち時間が長い' };
		const bytes = await ideasWorkbook([{ idea }], [2027], { townName: '美里町', date: 0 });
		const result = await parseUpload('ideas-xlsx', { bytes, fileName: 'ideas.xlsx' });
		expect(result.ok && result.value.ideas.map((i) => i.title)).toEqual(['窓口のオンライン化']);

		const run = await deflatedRun('<sheetData>', 'A', 60 * 1024 * 1024, '</sheetData>');
		const bomb = craftZip([{ name: 'xl/worksheets/sheet1.xml', deflated: run.deflated, declaredSize: run.size }]);
		expect(await parseUpload('ideas-xlsx', { bytes: bomb, fileName: 'ideas.xlsx' })).toEqual({
			ok: false,
			refusal: { limit: 'zip_entry_size', maxMb: 50, entry: 'xl/worksheets/sheet1.xml' }
		});
	});
});
