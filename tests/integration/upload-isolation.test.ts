/**
 * Uploaded files are parsed off the event loop and hostile workbooks are refused before they are
 * inflated (issue 8, part 2), against the real built server:
 * - while a 5 MB idea-KPI CSV is parsed by the idea import, /healthz (p99) and a bystander's
 *   board round trip (edit → seen through the server) stay under 100 ms;
 * - a ~124 KB .xlsx whose sheet inflates to ~120 MB is refused with a sentence naming the limit,
 *   and the server's resident memory grows by less than 100 MB and comes back near its start.
 * Figures are printed, so that a run shows how far from the limits it was.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, listCards } from '../../src/lib/collab/schema';
import { emptyIdea, type TransferIdea, type TransferKpi } from '../../src/lib/domain/idea-transfer';
import { ideaKpisCsv, ideasCsv } from '../../src/lib/server/export/csv';
import { ideasWorkbook } from '../../src/lib/server/export/xlsx-ideas';
import { craftZip, deflatedRun, deflatedText, type CraftedEntry } from '../../src/lib/server/uploads/testing/crafted-zip';
import { CollabHarness, sleep, type BoardClient, type Member } from '../helpers/collab-client';

const MB = 1024 * 1024;
const YEARS = [2027, 2028, 2029, 2030, 2031];

let h: CollabHarness;
let facilitator: Member;
let bystander: Member;

beforeAll(async () => {
	// a generous time limit: this test is about the event loop, not about the limit
	h = await CollabHarness.start({ UPLOAD_TIMEOUT_MS: '120000' });
	facilitator = await h.world.member('facilitator');
	bystander = await h.world.member('member');
});

afterAll(async () => {
	await h?.stop();
});

function previewImport(files: Array<{ field: string; name: string; bytes: Uint8Array }>): Promise<Response> {
	const form = new FormData();
	for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)]), f.name);
	return fetch(`${h.server.url}/w/${h.world.workspaceId}/strategy/import?/preview`, {
		method: 'POST',
		headers: { cookie: facilitator.cookie, origin: h.server.url, 'x-sveltekit-action': 'true' },
		body: form
	});
}

/**
 * The same upload sent by another Node process: encoding and sending a 5 MB multipart body costs
 * the sender's event loop too, and the probes below run in this process — from here they would
 * measure the test's own stall, not the server's.
 */
async function previewImportFromAnotherProcess(
	files: Array<{ field: string; name: string; bytes: Uint8Array }>
): Promise<{ status: number; body: { type: string; data: string } }> {
	const dir = mkdtempSync(join(tmpdir(), 'upload-isolation-'));
	try {
		const parts = files.map((f, i) => {
			const path = join(dir, `part-${i}`);
			writeFileSync(path, f.bytes);
			return { field: f.field, name: f.name, path };
		});
		const script = `
			import { readFileSync } from 'node:fs';
			const { url, headers, parts } = JSON.parse(process.argv[1]);
			const form = new FormData();
			for (const p of parts) form.append(p.field, new Blob([readFileSync(p.path)]), p.name);
			const res = await fetch(url, { method: 'POST', headers, body: form });
			process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));
		`;
		const args = JSON.stringify({
			url: `${h.server.url}/w/${h.world.workspaceId}/strategy/import?/preview`,
			headers: { cookie: facilitator.cookie, origin: h.server.url, 'x-sveltekit-action': 'true' },
			parts
		});
		const stdout = await new Promise<string>((resolve, reject) =>
			execFile(process.execPath, ['--input-type=module', '-e', script, args], { maxBuffer: 64 * MB }, (error, out) =>
				error ? reject(error) : resolve(out)
			)
		);
		return JSON.parse(stdout) as { status: number; body: { type: string; data: string } };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Resident memory of the server process, bytes. */
function serverRss(): number {
	const status = readFileSync(`/proc/${h.server.process.pid}/status`, 'utf8');
	const kb = /VmRSS:\s+(\d+) kB/.exec(status);
	if (!kb) throw new Error('no VmRSS in /proc status');
	return Number(kb[1]) * 1024;
}

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** Sequential /healthz requests while `running()`: each one's latency in ms, and the failures. */
async function probeHealth(running: () => boolean): Promise<{ times: number[]; failures: number }> {
	const times: number[] = [];
	let failures = 0;
	while (running()) {
		const started = performance.now();
		try {
			const res = await fetch(h.server.url + '/healthz');
			await res.arrayBuffer();
			if (!res.ok) failures++;
		} catch {
			failures++; // a frozen server drops kept-alive connections when it wakes up
		}
		times.push(performance.now() - started);
		await sleep(10);
	}
	return { times, failures };
}

/** One edit by `author` and the moment `observer` has it through the server, ms. */
async function roundTrip(author: BoardClient, observer: BoardClient, n: number): Promise<number> {
	const id = `probe-${n}`;
	const seen = new Promise<void>((resolve) => {
		const check = () => {
			if (listCards(observer.doc).some((c) => c.id === id)) {
				observer.doc.off('update', check);
				resolve();
			}
		};
		observer.doc.on('update', check);
	});
	const started = performance.now();
	addCard(author.doc, { id, text: `確認${n}`, authorId: bystander.userId, authorName: 'b' });
	await seen;
	return performance.now() - started;
}

async function probeBoard(author: BoardClient, observer: BoardClient, running: () => boolean, first = 0): Promise<number[]> {
	const times: number[] = [];
	for (let n = first; running(); n++) {
		times.push(await roundTrip(author, observer, n));
		await sleep(40);
	}
	return times;
}

/**
 * 300 ideas (a small CSV) and ~5 MB of their KPIs (about 48,000 rows): the KPI CSV is what took
 * seconds of the event loop before (6.45 s in the report), and its preview would be as large.
 */
function bigCsvImport(): { ideas: Uint8Array; kpis: Uint8Array } {
	const kpi = (k: number): TransferKpi => ({
		number: k,
		name: `指標${k}`,
		unit: '件',
		measurementMethod: '窓口の記録',
		baselineValue: 10,
		baselineYear: 2025,
		direction: 'higher',
		cumulative: false,
		targets: Object.fromEntries(YEARS.map((y, i) => [y, 10 + i])),
		pairedOutputs: []
	});
	const ideas: TransferIdea[] = [];
	for (let i = 0; i < 300; i++) {
		ideas.push({ ...emptyIdea(), title: `アイデア${i + 1}`, problem: '課題', outputKpis: [], outcomeKpis: [] });
	}
	const encoder = new TextEncoder();
	let kpis = encoder.encode(ideaKpisCsv(ideas.map((i) => ({ ...i, outputKpis: [kpi(1)] })), YEARS));
	const perIdea = Math.floor((4.8 * MB) / kpis.length);
	kpis = encoder.encode(ideaKpisCsv(ideas.map((i) => ({ ...i, outputKpis: Array.from({ length: perIdea }, (_, k) => kpi(k + 1)) })), YEARS));
	return { ideas: encoder.encode(ideasCsv(ideas.map((idea) => ({ idea })))), kpis };
}

/** A real idea workbook whose first idea sheet is replaced by one cell of 120 MB of text. */
async function workbookBomb(): Promise<Buffer> {
	const real = await ideasWorkbook([{ idea: { ...emptyIdea(), title: '爆弾', problem: '課題' } }], YEARS, { townName: '美里町', date: 0 });
	const zip = await JSZip.loadAsync(real);
	const entries: CraftedEntry[] = [];
	for (const file of Object.values(zip.files)) {
		if (file.dir) continue;
		if (file.name === 'xl/worksheets/sheet2.xml') {
			const run = await deflatedRun(
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
				'A',
				120 * MB,
				'</t></is></c></row></sheetData></worksheet>'
			);
			entries.push({ name: file.name, deflated: run.deflated, declaredSize: run.size });
		} else {
			const data = await file.async('nodebuffer');
			entries.push({ name: file.name, deflated: deflatedText(data), declaredSize: data.length });
		}
	}
	return craftZip(entries);
}

describe('a workbook that inflates a hundredfold', () => {
	it('is refused before it is inflated, and the server’s memory barely moves', { timeout: 120_000 }, async () => {
		const bomb = await workbookBomb();
		expect(bomb.length).toBeLessThan(160 * 1024);
		await sleep(500);
		const start = serverRss();
		let peak = start;
		let uploading = true;
		const sampler = (async () => {
			while (uploading) {
				peak = Math.max(peak, serverRss());
				await sleep(10);
			}
		})();
		const res = await previewImport([{ field: 'file', name: 'ideas.xlsx', bytes: bomb }]);
		const body = (await res.json()) as { type: string; status: number; data: string };
		uploading = false;
		await sampler;
		// the worker exits when idle (5 s); memory should come back near where it started
		let end = serverRss();
		for (let waited = 0; waited < 20_000 && end - start > 30 * MB; waited += 500) {
			await sleep(500);
			end = serverRss();
		}
		console.log(
			`bomb ${Math.round(bomb.length / 1024)} KB: RSS start ${(start / MB).toFixed(0)} MB, peak +${((peak - start) / MB).toFixed(1)} MB, end +${((end - start) / MB).toFixed(1)} MB`
		);
		expect(body).toMatchObject({ type: 'failure', status: 400 });
		expect(body.data).toContain('展開すると大きすぎます');
		expect(body.data).toContain('xl/worksheets/sheet2.xml');
		expect(peak - start).toBeLessThan(100 * MB);
		expect(end - start).toBeLessThan(30 * MB);
	});
});

describe('a 5 MB CSV parsed by the idea import', () => {
	it('leaves /healthz and a bystander’s board responsive while it is parsed', async () => {
		const { ideas, kpis } = bigCsvImport();
		expect(kpis.length).toBeGreaterThan(4.5 * MB);
		expect(kpis.length).toBeLessThan(5 * MB);
		const author = await h.connect({ cookie: bystander.cookie });
		const observer = await h.connect({ cookie: bystander.cookie });
		await roundTrip(author, observer, -1); // warm
		// the same probes for a second without an upload: how noisy this machine is right now
		let quiet = true;
		setTimeout(() => (quiet = false), 1_000);
		const [{ times: quietHealth }, quietTrips] = await Promise.all([probeHealth(() => quiet), probeBoard(author, observer, () => quiet, 1_000)]);
		console.log(
			`without upload: /healthz p50 ${percentile(quietHealth, 50).toFixed(1)} p99 ${percentile(quietHealth, 99).toFixed(1)} ms; board round trip p50 ${percentile(quietTrips, 50).toFixed(1)} max ${Math.max(...quietTrips).toFixed(1)} ms`
		);

		let uploading = true;
		const started = performance.now();
		const upload = previewImportFromAnotherProcess([
			{ field: 'file', name: 'ideas.csv', bytes: ideas },
			{ field: 'kpiFile', name: 'idea-kpis.csv', bytes: kpis }
		]).then(({ body }) => ({ ms: performance.now() - started, body }));
		void upload.finally(() => (uploading = false));
		const [{ times: health, failures }, trips, result] = await Promise.all([
			probeHealth(() => uploading),
			probeBoard(author, observer, () => uploading),
			upload
		]);
		console.log(
			`5 MB CSV import answered in ${result.ms.toFixed(0)} ms; /healthz n=${health.length} p50 ${percentile(health, 50).toFixed(1)} p99 ${percentile(health, 99).toFixed(1)} max ${Math.max(...health).toFixed(1)} ms; ` +
				`failures ${failures}; board round trip n=${trips.length} p50 ${percentile(trips, 50).toFixed(1)} p99 ${percentile(trips, 99).toFixed(1)} max ${Math.max(...trips).toFixed(1)} ms`
		);
		expect(failures).toBe(0);
		// parsed in full in the worker, and refused for its size: no 48,000 KPIs to serialise back
		expect(result.body.type).toBe('failure');
		expect(result.body.data).toContain('too_many_kpis');
		expect(health.length).toBeGreaterThanOrEqual(10);
		expect(trips.length).toBeGreaterThanOrEqual(5);
		expect(percentile(health, 99)).toBeLessThan(100);
		expect(percentile(trips, 99)).toBeLessThan(100);
	});
});
