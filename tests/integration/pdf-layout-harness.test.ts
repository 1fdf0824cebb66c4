/**
 * The layout-test helpers (tests/helpers/pdf-layout.ts) see what a reader sees: each check is
 * shown failing on a page made to be wrong and passing on the same page made right, so a green
 * layout test means something.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
	htmlToPdf,
	officeMissing,
	officeToPdf,
	overlappingWords,
	papers,
	readPdf,
	smallestText,
	splitTokens,
	textsNotShownWhole,
	tocEntries,
	tokensOf
} from '../helpers/pdf-layout';

if (officeMissing) console.warn(officeMissing);

const page = (body: string, size = 'A4 portrait') => `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
@page { size: ${size}; margin: 15mm }
body { font-family: 'Noto Sans CJK JP', sans-serif; font-size: 10pt }
td { border: 1px solid #888; vertical-align: top }
</style></head><body>${body}</body></html>`;

describe('pdf layout helpers on Chromium pages', () => {
	it('reads paper, TOC page numbers, split numbers and text size', async () => {
		const pdf = await htmlToPdf(
			page(`<p>目次</p>
<p>第1章　地域ビジョン ………………… 3</p>
<p>第2章　基本目標1　地方に仕事をつくる</p>
<table><tr>
<td style="width:9mm; word-break:break-all">1,280,000</td>
<td style="width:40mm; white-space:nowrap">2,560,000</td>
<td style="width:9mm; word-break:break-all">アウトカム</td>
</tr></table>
<p style="font-size:6pt">小さな注記</p>`, 'A4 landscape')
		);
		const layout = await readPdf(pdf);
		expect(papers(layout)).toEqual(['A4 landscape']);
		const toc = tocEntries(layout, ['第1章　地域ビジョン', '第2章　基本目標1　地方に仕事をつくる', '第3章 ない']);
		expect(toc.map((e) => [e.title, e.page])).toEqual([
			['第1章　地域ビジョン', 3],
			['第2章　基本目標1　地方に仕事をつくる', null]
		]);
		const split = splitTokens(layout, tokensOf(['1,280,000', '2,560,000', 'アウトカム']));
		expect(split.join('\n')).toContain('1,280,000');
		expect(split.join('\n')).toContain('アウトカム');
		expect(split.join('\n')).not.toContain('2,560,000');
		expect(textsNotShownWhole(layout, ['2,560,000', '1,280,000', '小さな注記'])).toEqual([]);
		const small = smallestText(layout);
		expect(small.word).toBe('小さな注記');
		expect(small.size).toBeCloseTo(6, 0);
	});
});

describe.skipIf(officeMissing !== null)('pdf layout helpers on LibreOffice pages', () => {
	it('sees a cell cut at its edge, and the same cell whole when wrapped with room', async () => {
		const make = async (fits: boolean) => {
			const wb = new ExcelJS.Workbook();
			const ws = wb.addWorksheet('s', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
			ws.getColumn(1).width = 12;
			ws.getColumn(2).width = 20;
			ws.getCell('A1').value = '★デジタルによる課題解決アイデア（①何をつかって②誰を③どういう状態にするか）';
			ws.getCell('B1').value = '隣のセル';
			ws.getCell('A2').value = '1,280,000';
			if (fits) {
				ws.getCell('A1').alignment = { wrapText: true, vertical: 'top' };
				ws.getRow(1).height = 150;
			}
			return Buffer.from(await wb.xlsx.writeBuffer());
		};
		const pdfs = await officeToPdf({ 'cut.xlsx': await make(false), 'fits.xlsx': await make(true) });
		const cut = await readPdf(pdfs['cut.xlsx']!);
		const fits = await readPdf(pdfs['fits.xlsx']!);
		expect(papers(cut)).toEqual(['A4 portrait']);
		const label = '★デジタルによる課題解決アイデア（①何をつかって②誰を③どういう状態にするか）';
		expect(textsNotShownWhole(cut, [label, '隣のセル'])).toHaveLength(1);
		expect(textsNotShownWhole(fits, [label, '隣のセル', '1,280,000'])).toEqual([]);
		expect(overlappingWords(fits)).toEqual([]);
		expect(splitTokens(fits, tokensOf([label]))).toEqual([]);
		// ExcelJS's default 11 pt, on paper at 100 %
		expect(smallestText(fits).size).toBeCloseTo(11, 0);
	});
});
