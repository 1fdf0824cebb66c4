import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { emptyIdea } from '$lib/domain/idea-transfer';
import { ideasWorkbook, readIdeasWorkbook } from '../export/xlsx-ideas';
import { craftZip, deflatedRun, deflatedText } from './testing/crafted-zip';
import { checkedZip, inflateWithinLimits, XLSX_LIMITS } from './zip-guard';

const MB = 1024 * 1024;
/** Peak resident memory of this process so far, bytes (monotonic). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

describe('inflateWithinLimits', () => {
	// first in the file, so that the peak resident size is still this test's to measure
	it('stops inflating an entry whose directory lies about its size, and never holds what it hides', async () => {
		const run = await deflatedRun('', '\0', 300 * MB, '');
		expect(run.deflated.length).toBeLessThan(400 * 1024);
		const lying = craftZip([
			{ name: '[Content_Types].xml', deflated: deflatedText('<Types/>'), declaredSize: 8 },
			{ name: 'xl/worksheets/sheet1.xml', deflated: run.deflated, declaredSize: 1_000 }
		]);
		const before = peakRss();
		const result = await inflateWithinLimits(lying);
		expect(result).toEqual({ ok: false, refusal: { limit: 'zip_size_mismatch', entry: 'xl/worksheets/sheet1.xml' } });
		// inflating all of it would have taken 300 MB
		expect(peakRss() - before).toBeLessThan(64 * MB);
	});

	it('refuses an honest bomb from its directory: one entry over the per-entry limit', async () => {
		const run = await deflatedRun('<sheetData>', 'A', 60 * MB, '</sheetData>');
		const bomb = craftZip([{ name: 'xl/worksheets/sheet1.xml', deflated: run.deflated, declaredSize: run.size }]);
		expect(await inflateWithinLimits(bomb)).toEqual({
			ok: false,
			refusal: { limit: 'zip_entry_size', maxMb: 50, entry: 'xl/worksheets/sheet1.xml' }
		});
	});

	it('refuses entries that are each within the limit but together over the total', async () => {
		const run = await deflatedRun('', ' ', 40 * MB, '');
		const sheets = [1, 2, 3].map((n) => ({ name: `xl/worksheets/sheet${n}.xml`, deflated: run.deflated, declaredSize: run.size }));
		expect(await inflateWithinLimits(craftZip(sheets), { ...XLSX_LIMITS, maxRatio: 10_000 })).toEqual({
			ok: false,
			refusal: { limit: 'zip_total_size', maxMb: 100 }
		});
	});

	it('refuses an entry that compresses far better than any workbook does', async () => {
		const run = await deflatedRun('', '\0', 10 * MB, '');
		const bomb = craftZip([{ name: 'xl/sharedStrings.xml', deflated: run.deflated, declaredSize: run.size }]);
		expect(await inflateWithinLimits(bomb)).toEqual({
			ok: false,
			refusal: { limit: 'zip_ratio', max: 200, entry: 'xl/sharedStrings.xml' }
		});
	});

	it('refuses a zip with more entries than the limit, before reading them', async () => {
		const tiny = deflatedText('x');
		const many = craftZip(Array.from({ length: 2_001 }, (_, i) => ({ name: `xl/media/image${i}.png`, deflated: tiny, declaredSize: 1 })));
		expect(await inflateWithinLimits(many)).toEqual({ ok: false, refusal: { limit: 'zip_entries', max: 2_000, found: 2_001 } });
	});

	it('refuses an entry that inflates to less than declared', async () => {
		const short = craftZip([{ name: 'xl/workbook.xml', deflated: deflatedText('<workbook/>'), declaredSize: 5_000 }]);
		expect(await inflateWithinLimits(short)).toEqual({ ok: false, refusal: { limit: 'zip_size_mismatch', entry: 'xl/workbook.xml' } });
	});

	it('refuses what is not a zip', async () => {
		expect(await inflateWithinLimits(new Uint8Array(1024))).toEqual({ ok: false, refusal: { limit: 'zip_unreadable' } });
	});

	it('inflates an honest zip entry by entry', async () => {
		const zip = new JSZip();
		zip.file('a.txt', 'あいうえお'.repeat(1000));
		zip.file('dir/b.txt', 'b');
		const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
		const result = await inflateWithinLimits(bytes);
		expect(result.ok && result.value.map((e) => [e.name, e.data.toString()])).toEqual([
			['a.txt', 'あいうえお'.repeat(1000)],
			['dir/b.txt', 'b']
		]);
	});
});

describe('checkedZip', () => {
	it('hands exceljs a workbook that reads exactly like the upload', async () => {
		const idea = { ...emptyIdea(), title: '窓口のオンライン化', problem: '待ち時間が長い', departmentName: '住民課' };
		const upload = await ideasWorkbook([{ idea }], [2027, 2028], { townName: '美里町', date: Date.UTC(2026, 11, 2) });
		const checked = await checkedZip(upload);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(await readIdeasWorkbook(checked.value)).toEqual(await readIdeasWorkbook(upload));
		expect((await readIdeasWorkbook(checked.value)).ideas[0]?.title).toBe('窓口のオンライン化');
	});
});
