/**
 * The Word draft and the 地域再生計画 as a council member reads them: each .docx is laid out by
 * LibreOffice (PDF), and the pages are checked from their words and boxes (tests/helpers/
 * pdf-layout.ts): A4 portrait, a table of contents whose every entry shows the page its heading
 * is on, every goal present, no number or short word broken over two lines, text at least 8 pt,
 * nothing cut at a cell edge, and a KPI table that continues on the next page with its header
 * repeated and never leaves the header alone at the foot of a page. Skips when LibreOffice is
 * missing. With UPDATE_EXPORT_IMAGES=1 it refreshes the page images in docs/images/exports/.
 */
import { copyFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStrategy } from '../../src/lib/collab/strategy';
import { fiscalYearRange } from '../../src/lib/domain/fiscal-year';
import { defaultRegionalPlanForm, regionalPlanDocument } from '../../src/lib/domain/regional-plan';
import { strategyDocument, type DocBlock } from '../../src/lib/domain/strategy-document';
import { regionalPlanDocx } from '../../src/lib/server/export/regional-plan-docx';
import { strategyDocxWithPages } from '../../src/lib/server/export/toc-pages';
import { SAMPLE_INFO } from '../../src/lib/server/export/testing/sample';
import { councilStrategy } from '../fixtures/council-strategy';
import {
	officeMissing,
	officeToPdf,
	pagesWith,
	papers,
	findTexts,
	readPdf,
	smallestText,
	splitTokens,
	textsNotShownWhole,
	tocEntries,
	updateDocsImages,
	visualLines,
	type PdfLayout
} from '../helpers/pdf-layout';

if (officeMissing) console.warn(officeMissing);

/**
 * The harness reads a year header 「R7」 above a number in the next column (「0」) as one token
 * broken over lines (「R70」 holds 「70」); a header cell is never a number, so those are not splits.
 */
const realSplits = (found: string[]) => found.filter((f) => !/broken as 「R\d+」\//.test(f));

const info = { ...SAMPLE_INFO, versionLabel: '素案（作業中）' };
const draft = readStrategy(councilStrategy());
const doc = strategyDocument(draft, info);
const headings = doc.blocks.filter((b): b is Extract<DocBlock, { kind: 'heading' }> => b.kind === 'heading');
const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const cellTexts = tables.flatMap((t) => [...t.header, ...t.rows.flat(), ...(t.details ?? [])]).flatMap((c) => c.split('\n'));

/**
 * What must never break: numbers, and every cell line shorter than 8 characters (units, 方向,
 * years, headers, 「アウトカム」). Long CJK names may wrap between characters, as Japanese text
 * does; the harness's own word split would flag 「分野」 inside 「…データセットの数（分野1）」.
 */
const unbreakable = (texts: string[]) =>
	[...new Set(texts.map((t) => t.replace(/\s+/g, '')))].filter((t) => t.length >= 2 && (t.length < 8 || /^[△\d,.]+$/.test(t) || /^[△\d,.]+（R\d+）$/.test(t)));

/** Lines of a page that hold a KPI table's header row. */
const headerLines = (layout: PdfLayout, page: number) =>
	visualLines(layout.pages[page - 1]!).filter((l) => {
		const text = l.map((w) => w.text).join('');
		return text.includes('指標') && text.includes('基準値');
	});

/** The pages after the table of contents. */
const bodyOnly = (layout: PdfLayout): PdfLayout => ({ ...layout, pages: layout.pages.filter((p) => p.number > 3) });

/** The printed page number in the footer (「- n -」) of a physical page. */
const printedNumber = (layout: PdfLayout, physical: number) => {
	const lines = visualLines(layout.pages[physical - 1]!).map((l) => l.map((w) => w.text).join(''));
	const m = /^-(\d+)-$/.exec(lines.at(-1) ?? '');
	return m ? Number(m[1]) : null;
};

describe.skipIf(officeMissing !== null)('the Word draft as printed pages', () => {
	let layout: PdfLayout;

	// LibreOffice runs twice (the export's own TOC pass, then the reader's rendering): minutes on a busy machine
	beforeAll(async () => {
		const started = Date.now();
		const bytes = await strategyDocxWithPages(doc);
		const { 'strategy.docx': pdf } = await officeToPdf({ 'strategy.docx': bytes });
		layout = await readPdf(pdf!);
		console.info(`Word draft: built with TOC pages and rendered in ${Date.now() - started} ms, ${layout.pages.length} pages`);
		if (process.env.LAYOUT_PDF_DIR) copyFileSync(pdf!, `${process.env.LAYOUT_PDF_DIR}/strategy.pdf`);
		await updateDocsImages(pdf!, 'strategy-docx');
	}, 600_000);

	it('lays out as A4 portrait with a table of contents showing each heading’s page', () => {
		expect(new Set(papers(layout))).toEqual(new Set(['A4 portrait']));

		const tocHeadings = headings.filter((h) => h.level <= 3);
		const entries = tocEntries(layout, tocHeadings.map((h) => `${h.number}　${h.text}`), [2, 3]);
		expect(entries.map((e) => e.title)).toEqual(tocHeadings.map((h) => `${h.number}　${h.text}`));
		for (const [i, entry] of entries.entries()) {
			expect(entry.page, entry.title).not.toBeNull();
			// the printed number is the one in the footer of the page the heading is on
			const physical = layout.pages.find((p) => printedNumber(layout, p.number) === entry.page)?.number;
			expect(physical, entry.title).toBeDefined();
			expect(pagesWith(layout, tocHeadings[i]!.text).filter((p) => p > entry.onPage), entry.title).toContain(physical);
		}
	});

	it('has every goal, numbered by Word as 第n章 and ア', () => {
		for (const goal of draft.goals) expect(pagesWith(layout, `基本目標${goal.id}`).length, `goal ${goal.id}`).toBeGreaterThan(1);
		expect(pagesWith(layout, '第5章　基本目標4').length).toBeGreaterThan(1);
		expect(pagesWith(layout, 'ア　重要業績評価指標（KPI）').length).toBeGreaterThan(0);
		// a plain running header, no nested brackets
		expect(pagesWith(layout, 'みらい町デジタル田園都市構想総合戦略　素案（作業中）').length).toBeGreaterThan(3);
	});

	it('breaks no number, unit or short word over two lines, and cuts no cell', () => {
		// the table of contents (pages 2–3) is left out: its page numbers stand in a column
		expect(realSplits(splitTokens(bodyOnly(layout), unbreakable(cellTexts)))).toEqual([]);
		expect(textsNotShownWhole(layout, ['1,280,000', '↑ 増加', '↓ 減少', 'アウトカム指標　計測方法：農林課による導入状況調査（毎年3月末時点）'])).toEqual([]);
		expect(pagesWith(layout, '※ 基準値からの累計').length).toBeGreaterThan(0);
	});

	it('prints text at 8 pt or larger', () => {
		expect(smallestText(layout).size).toBeGreaterThanOrEqual(7.8);
	});

	it('continues a long KPI table with its header, never leaving a header alone at a page foot', () => {
		const [kpi1, kpi12] = findTexts(layout, ['オープンデータとして公開する行政データセットの数（分野1）', 'オープンデータとして公開する行政データセットの数（分野12）']);
		const first = kpi1!.pages[0]!;
		const last = kpi12!.pages.at(-1)!;
		expect(last, 'the twelve-KPI table spans pages').toBeGreaterThan(first);
		for (let p = first; p <= last; p++) expect(headerLines(layout, p).length, `header on page ${p}`).toBeGreaterThan(0);
		for (const page of layout.pages) {
			const lines = visualLines(page);
			for (const header of headerLines(layout, page.number)) {
				const below = lines.filter((l) => l[0]!.yMin > header[0]!.yMax + 14 && !/^-\d+-$/.test(l.map((w) => w.text).join('')));
				expect(below.length, `page ${page.number}: a KPI table header with no row under it`).toBeGreaterThan(1);
			}
		}
	});
});

describe.skipIf(officeMissing !== null)('the 地域再生計画 as printed pages', () => {
	it('has the national sections, the KPI table of increases per year, A4 portrait, nothing broken', { timeout: 600_000 }, async () => {
		const measures = draft.goals.flatMap((g) => g.directions.flatMap((d) => d.measures));
		const picked = measures.filter((m) => ['measure-g1', 'measure-g2', 'measure-g3', 'measure-booking'].includes(m.id));
		const form = {
			...defaultRegionalPlanForm('みらい町'),
			currentState: '人口は減少が続き、令和2年の国勢調査では19,878人となった。',
			issues: '担い手不足と行政手続の負担。',
			measureIds: picked.map((m) => m.id),
			kpiIds: picked.flatMap((m) => m.kpis.map((k) => k.id)),
			projectIds: picked.flatMap((m) => m.projects.map((p) => p.id))
		};
		const plan = regionalPlanDocument(draft, form, { planStartFy: 2025, planEndFy: 2029 });
		const { 'plan.docx': pdf } = await officeToPdf({ 'plan.docx': await regionalPlanDocx(plan) });
		const layout = await readPdf(pdf!);
		if (process.env.LAYOUT_PDF_DIR) copyFileSync(pdf!, `${process.env.LAYOUT_PDF_DIR}/plan.pdf`);
		await updateDocsImages(pdf!, 'regional-plan-docx');
		expect(new Set(papers(layout))).toEqual(new Set(['A4 portrait']));
		for (const h of plan.blocks.filter((b) => b.kind === 'heading')) {
			expect(pagesWith(layout, h.text).length, h.text).toBeGreaterThan(0);
		}
		expect(pagesWith(layout, '地域再生計画の認定の日から令和12年3月31日まで').length).toBe(1);
		const planTables = plan.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
		const texts = planTables.flatMap((t) => [...t.header, ...t.rows.flat()]).flatMap((c) => c.split('\n'));
		expect(realSplits(splitTokens(layout, unbreakable(texts)))).toEqual([]);
		// ふるさと納税: 640,000 before, +60,000 in R7 … 640,000 in total
		expect(textsNotShownWhole(layout, ['640,000', '60,000', '150,000', '130,000', '△400', '△800'])).toEqual([]);
		expect(smallestText(layout).size).toBeGreaterThanOrEqual(7.8);
		expect(fiscalYearRange(2025, 2029).length).toBe(5);
	});
});
