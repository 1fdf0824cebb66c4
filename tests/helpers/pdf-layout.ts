/**
 * Layout tests read an export the way a council member does: as printed pages. This helper
 * renders .docx/.xlsx files with LibreOffice headless and HTML pages with Chromium to PDF, reads
 * the PDF's words with their boxes (poppler's `pdftotext -bbox-layout`), and offers the checks
 * a reader makes: paper size and orientation, table-of-contents entries with page numbers, no
 * number or short word broken over two lines, every expected text present and not cut at a cell
 * edge, a minimum text size. `pageImages` turns pages into PNGs for docs/exports.md.
 *
 * Why poppler and not pdfjs-dist: poppler-utils is a Debian package already needed for
 * `pdftoppm` (page images), its word boxes are what a reader sees (LibreOffice clips text at
 * cell edges before writing the PDF, so a cut label shows up cut), and it adds no npm
 * dependency. Word heights stand in for font sizes: for the CJK fonts used here (Noto Sans/Serif
 * CJK in place of ＭＳ ゴシック/明朝) a word's box is one em high, so height ≈ size in points on
 * paper (scaled when a sheet is fitted to the page, which is exactly what a reader gets).
 *
 * LibreOffice runs are serialised across test workers with a lock directory, and each worker
 * uses its own profile (-env:UserInstallation), so parallel test files never collide. When
 * `soffice` is missing, `OFFICE` is null and the tests skip with a message (`officeMissing`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';

const run = promisify(execFile);

function which(name: string): string | null {
	const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

/** LibreOffice's binary, or null when it is not installed (the layout tests then skip). */
export const OFFICE: string | null = which('soffice') ?? which('libreoffice');
export const POPPLER = which('pdftotext') !== null && which('pdftoppm') !== null;
/** Why the LibreOffice layout tests skip, or null when they can run. */
export const officeMissing: string | null = !OFFICE
	? 'LibreOffice (soffice) is not installed: skipping the layout tests of .docx/.xlsx exports (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils).'
	: !POPPLER
		? 'poppler-utils (pdftotext, pdftoppm) is not installed: skipping the layout tests (apt-get install poppler-utils).'
		: null;

/** A scratch directory for this worker, removed when the process exits. */
const scratch = mkdtempSync(join(tmpdir(), 'dsw-layout-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Rendering

const LOCK = join(tmpdir(), 'dsw-soffice.lock');
const STALE_LOCK_MS = 5 * 60_000;

async function withOfficeLock<T>(fn: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 10 * 60_000;
	for (;;) {
		try {
			mkdirSync(LOCK);
			break;
		} catch {
			try {
				if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
			} catch {
				/* released meanwhile */
			}
			if (Date.now() > deadline) throw new Error(`waited 10 minutes for ${LOCK}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(LOCK, { recursive: true, force: true });
	}
}

// serialise within this process too (the lock directory is not re-entrant)
let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts office files to PDF with LibreOffice headless, all in one run. `files` maps a file
 * name (with its extension: strategy.docx, kpis.xlsx) to its bytes; returns the PDF paths by the
 * same names. Throws when LibreOffice is missing or writes no PDF (a file it cannot open).
 */
export function officeToPdf(files: Record<string, Uint8Array>): Promise<Record<string, string>> {
	if (!OFFICE) throw new Error(officeMissing ?? 'LibreOffice missing');
	const job = queue.then(() =>
		withOfficeLock(async () => {
			const dir = mkdtempSync(join(scratch, 'office-'));
			const inputs = Object.entries(files).map(([name, bytes]) => {
				const path = join(dir, name);
				writeFileSync(path, bytes);
				return path;
			});
			await run(
				OFFICE,
				[`-env:UserInstallation=file://${join(scratch, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...inputs],
				{ timeout: 180_000 }
			);
			const out: Record<string, string> = {};
			for (const name of Object.keys(files)) {
				const pdf = join(dir, 'pdf', name.replace(/\.[^.]+$/, '.pdf'));
				if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${name}`);
				out[name] = pdf;
			}
			return out;
		})
	);
	queue = job.catch(() => undefined);
	return job;
}

/**
 * Prints a page that is already loaded (a logged-in print view, say) to PDF the way Chromium's
 * print dialog does: CSS @page size wins, backgrounds printed. Returns the PDF's path.
 */
export async function pagePdf(page: Page, name = 'page'): Promise<string> {
	const path = join(mkdtempSync(join(scratch, 'chromium-')), `${name}.pdf`);
	await page.emulateMedia({ media: 'print' });
	await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
	return path;
}

/** Renders a stand-alone HTML document to PDF in a fresh Chromium (for small fixtures). */
export async function htmlToPdf(html: string, name = 'page'): Promise<string> {
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage();
		await page.setContent(html, { waitUntil: 'load' });
		return await pagePdf(page, name);
	} finally {
		await browser.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface Box {
	xMin: number;
	yMin: number;
	xMax: number;
	yMax: number;
}
export interface Word extends Box {
	text: string;
}
export interface PdfLine extends Box {
	words: Word[];
	/** The line's words joined with single spaces. */
	text: string;
}
export interface PdfPage {
	/** 1-based physical page number. */
	number: number;
	width: number;
	height: number;
	words: Word[];
	/** poppler's lines (never across its blocks). */
	lines: PdfLine[];
}
export interface PdfLayout {
	path: string;
	pages: PdfPage[];
}

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? NaN);
const unescapeXml = (s: string) =>
	s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** Reads every page's size, lines and words (with boxes in points, origin top left). */
export async function readPdf(path: string): Promise<PdfLayout> {
	const { stdout } = await run('pdftotext', ['-bbox-layout', path, '-'], { maxBuffer: 256 * 1024 * 1024 });
	const pages: PdfPage[] = [];
	for (const pageMatch of stdout.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
		const page: PdfPage = { number: pages.length + 1, width: attr(pageMatch[1]!, 'width'), height: attr(pageMatch[1]!, 'height'), words: [], lines: [] };
		for (const lineMatch of pageMatch[2]!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
			const words: Word[] = [];
			for (const w of lineMatch[2]!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)) {
				words.push({ xMin: attr(w[1]!, 'xMin'), yMin: attr(w[1]!, 'yMin'), xMax: attr(w[1]!, 'xMax'), yMax: attr(w[1]!, 'yMax'), text: unescapeXml(w[2]!) });
			}
			const l = lineMatch[1]!;
			page.lines.push({ xMin: attr(l, 'xMin'), yMin: attr(l, 'yMin'), xMax: attr(l, 'xMax'), yMax: attr(l, 'yMax'), words, text: words.map((w) => w.text).join(' ') });
			page.words.push(...words);
		}
		pages.push(page);
	}
	return { path, pages };
}

/** All text of a page (or the document), whitespace removed: for "is it there at all". */
export function plainText(layout: PdfLayout | PdfPage): string {
	const pages = 'pages' in layout ? layout.pages : [layout];
	return pages.map((p) => p.words.map((w) => w.text).join('')).join('');
}

const squash = (s: string) => s.replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------
// Paper

export interface Paper {
	/** A3, A4, B4, B5, Letter, or `<w>x<h>mm` when none matches. */
	name: string;
	orientation: 'portrait' | 'landscape';
}

const PAPERS: Array<[string, number, number]> = [
	['A3', 297, 420],
	['A4', 210, 297],
	['A5', 148, 210],
	['B4', 257, 364],
	['B5', 182, 257],
	['Letter', 215.9, 279.4]
];
const MM = 72 / 25.4;

export function paperOf(page: PdfPage): Paper {
	const w = page.width / MM;
	const h = page.height / MM;
	const short = Math.min(w, h);
	const long = Math.max(w, h);
	const match = PAPERS.find(([, a, b]) => Math.abs(a - short) < 2 && Math.abs(b - long) < 2);
	return { name: match ? match[0] : `${Math.round(w)}x${Math.round(h)}mm`, orientation: w > h ? 'landscape' : 'portrait' };
}

/** Every page's paper as 「A4 portrait」 strings, for one `toEqual`. */
export const papers = (layout: PdfLayout) => layout.pages.map((p) => {
	const paper = paperOf(p);
	return `${paper.name} ${paper.orientation}`;
});

// ---------------------------------------------------------------------------------------------
// Visual lines and the table of contents

/** Words grouped into lines across the whole page width (same baseline), left to right. */
export function visualLines(page: PdfPage): Word[][] {
	const sorted = [...page.words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
	const lines: Word[][] = [];
	for (const w of sorted) {
		const last = lines.at(-1);
		const h = w.yMax - w.yMin;
		if (last && Math.abs(last[0]!.yMax - w.yMax) < h * 0.3) last.push(w);
		else lines.push([w]);
	}
	return lines.map((l) => l.sort((a, b) => a.xMin - b.xMin));
}

export interface TocEntry {
	/** The entry's text without the leader dots and page number. */
	title: string;
	/** The printed page number, or null when the line shows none. */
	page: number | null;
	/** The physical page the entry is on. */
	onPage: number;
}

/**
 * The table-of-contents lines that mention each of `titles`: the text before the leader and the
 * number at the end of the visual line (「第1章　地域ビジョン ……… 3」). A title that has no line
 * gives no entry, so `entries.length` tells whether every heading is listed.
 */
export function tocEntries(layout: PdfLayout, titles: string[], tocPages: number[] = [1, 2, 3, 4]): TocEntry[] {
	const entries: TocEntry[] = [];
	const lines = layout.pages.filter((p) => tocPages.includes(p.number)).flatMap((p) => visualLines(p).map((l) => ({ onPage: p.number, text: l.map((w) => w.text).join(' ') })));
	for (const title of titles) {
		const want = squash(title);
		const line = lines.find((l) => squash(l.text).startsWith(want) || squash(l.text).includes(want));
		if (!line) continue;
		const number = /(\d+)\s*$/.exec(line.text.replace(/[.．…·‥\s]+(?=\d+\s*$)/, ' '));
		const rest = squash(line.text).slice(squash(line.text).indexOf(want) + want.length).replace(/[.．…·‥]/g, '');
		entries.push({ title, page: number && /^\d+$/.test(rest) ? Number(number[1]) : null, onPage: line.onPage });
	}
	return entries;
}

/** The physical pages whose text contains `text` (whitespace ignored). */
export function pagesWith(layout: PdfLayout, text: string): number[] {
	const want = squash(text);
	return layout.pages.filter((p) => plainText(p).includes(want) || visualLines(p).some((l) => squash(l.map((w) => w.text).join('')).includes(want))).map((p) => p.number);
}

// ---------------------------------------------------------------------------------------------
// Text in cells: found whole, not cut, not split

interface Found {
	words: Word[];
	/** How much of the wanted text (whitespace removed) was found in one place. */
	matched: string;
}

/** Could `b` be the next piece of the same cell/paragraph after `prev` (same line or next line)? */
function follows(prev: Word, b: Word, region: Box): 'same' | 'next' | null {
	const h = prev.yMax - prev.yMin;
	if (Math.abs(b.yMax - prev.yMax) < h * 0.3 && b.xMin >= prev.xMax - 1 && b.xMin - prev.xMax < h * 2.5) return 'same';
	if (b.yMin > prev.yMin + h * 0.5 && b.yMin < prev.yMax + h * 1.2 && b.xMin >= region.xMin - 3 - h * 4 && b.xMin < region.xMax && b.xMax > region.xMin) {
		return 'next';
	}
	return null;
}

/**
 * Finds `text` on a page as a reader reads a table cell: words left to right, then down into
 * the next line of the same column. Returns the longest match (so a cut cell shows how far it
 * got).
 */
function findBlock(page: PdfPage, text: string): Found {
	const want = squash(text);
	let best: Found = { words: [], matched: '' };
	if (!want) return { words: [], matched: '' };
	const byY = [...page.words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
	const extend = (chain: Word[], matched: string, region: Box, depth: number): Found => {
		let result: Found = { words: chain, matched };
		if (matched.length >= want.length || depth > 400) return result;
		const rest = want.slice(matched.length);
		const prev = chain.at(-1)!;
		for (const b of byY) {
			if (chain.includes(b)) continue;
			const t = squash(b.text);
			if (!t) continue;
			const how = follows(prev, b, region);
			if (!how) continue;
			let piece: string;
			if (rest.startsWith(t)) piece = t;
			else if (t.startsWith(rest)) piece = rest;
			else continue;
			const r = extend([...chain, b], matched + piece, how === 'next' ? { xMin: Math.min(region.xMin, b.xMin), yMin: region.yMin, xMax: Math.max(region.xMax, b.xMax), yMax: b.yMax } : { ...region, xMax: Math.max(region.xMax, b.xMax), yMax: b.yMax }, depth + 1);
			if (r.matched.length > result.matched.length) result = r;
			if (result.matched.length >= want.length) return result;
		}
		return result;
	};
	for (const w of byY) {
		const t = squash(w.text);
		if (!t) continue;
		let start: string | null = null;
		if (want.startsWith(t)) start = t;
		else if (t.startsWith(want)) start = want;
		else {
			// the text may begin inside a word that also holds the neighbouring cell's text
			const at = t.indexOf(want.slice(0, Math.min(want.length, 4)));
			if (at > 0 && want.startsWith(t.slice(at))) start = t.slice(at);
		}
		if (start === null) continue;
		const r = extend([w], start, { ...w }, 0);
		if (r.matched.length > best.matched.length) best = r;
		if (best.matched.length >= want.length) break;
	}
	return best;
}

export interface TextCheck {
	text: string;
	/** Pages on which the whole text was found as one cell/paragraph. */
	pages: number[];
	/** The longest piece found when it was found nowhere whole. */
	longest: string;
	/** The words it occupies on the first page it was found on. */
	words: Word[];
}

/** Looks for each text as one block (a cell or a paragraph, possibly wrapped). */
export function findTexts(layout: PdfLayout, texts: string[]): TextCheck[] {
	return texts.map((text) => {
		const want = squash(text);
		const check: TextCheck = { text, pages: [], longest: '', words: [] };
		for (const page of layout.pages) {
			const found = findBlock(page, text);
			if (found.matched.length >= want.length) {
				check.pages.push(page.number);
				if (check.words.length === 0) check.words = found.words;
			} else if (found.matched.length > check.longest.length) {
				check.longest = found.matched;
			}
		}
		return check;
	});
}

/**
 * The texts that are not shown whole anywhere (missing, or cut at a cell edge), each with how
 * far it got: 「★デジタルによる課題解決アイデア（①何をつかって…」 → found only 「★デジタルによる課題解決アイデア【」.
 * Empty when every text is shown whole.
 */
export function textsNotShownWhole(layout: PdfLayout, texts: string[]): string[] {
	return findTexts(layout, texts)
		.filter((c) => c.pages.length === 0)
		.map((c) => `「${c.text}」: ${c.longest ? `only 「${c.longest}」 shown` : 'not found'}`);
}

const overlaps = (a: Box, b: Box, inset = 0.5) => a.xMin + inset < b.xMax && b.xMin + inset < a.xMax && a.yMin + inset < b.yMax && b.yMin + inset < a.yMax;

/** Words drawn over other words (text that overflowed its cell into the next one). */
export function overlappingWords(layout: PdfLayout): string[] {
	const out: string[] = [];
	for (const page of layout.pages) {
		const ws = page.words;
		for (let i = 0; i < ws.length; i++) {
			for (let j = i + 1; j < ws.length; j++) {
				if (overlaps(ws[i]!, ws[j]!, Math.min(ws[i]!.yMax - ws[i]!.yMin, ws[j]!.yMax - ws[j]!.yMin) * 0.25)) {
					out.push(`page ${page.number}: 「${ws[i]!.text}」 over 「${ws[j]!.text}」`);
				}
			}
		}
	}
	return out;
}

/** Where the run of words ending in `a` starts on its line (words closer than one em apart). */
function lineStart(page: PdfPage, a: Word): number {
	const h = a.yMax - a.yMin;
	let left = a;
	for (;;) {
		const prev = page.words.find((c) => c !== left && Math.abs(c.yMax - left.yMax) < h * 0.3 && c.xMax <= left.xMin + 0.5 && c.xMax > left.xMin - h);
		if (!prev) return left.xMin;
		left = prev;
	}
}

/**
 * Tokens (numbers with their separators, units, short words) that are broken across two lines
 * of the same cell or paragraph: the end of one line and the start of the line below it
 * (horizontally overlapping, one line further down) together hold the token, and the break
 * falls inside it. Tokens are taken as given; `tokensOf` picks them from expected texts.
 */
export function splitTokens(layout: PdfLayout, tokens: string[]): string[] {
	const wanted = [...new Set(tokens.map(squash).filter((t) => t.length >= 2))];
	const out = new Set<string>();
	for (const page of layout.pages) {
		// the first word of the next line of the same cell, below `a`
		const nextLineStarts = (a: Word): Word[] => {
			const h = a.yMax - a.yMin;
			const start = lineStart(page, a);
			return page.words.filter(
				(b) =>
					b !== a &&
					b.yMin > a.yMin + Math.min(h * 0.5, 4) &&
					b.yMin < a.yMax + h * 1.2 &&
					b.yMax > a.yMax &&
					b.xMin < a.xMax + 1 &&
					b.xMin >= start - h * 2 &&
					!page.words.some((c) => c !== b && Math.abs(c.yMax - b.yMax) < h * 0.3 && c.xMax <= b.xMin + 0.5 && c.xMax > b.xMin - h)
			);
		};
		const visit = (first: Word, chain: Word[], text: string) => {
			const firstText = squash(first.text);
			for (const t of wanted) {
				for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
					if (i < firstText.length && i + t.length > firstText.length) {
						out.add(`page ${page.number}: 「${t}」 broken as ${chain.map((w) => `「${w.text}」`).join('/')}`);
					}
				}
			}
			if (chain.length >= 4) return;
			for (const b of nextLineStarts(chain.at(-1)!)) visit(first, [...chain, b], text + squash(b.text));
		};
		for (const a of page.words) for (const b of nextLineStarts(a)) visit(a, [a, b], squash(a.text) + squash(b.text));
	}
	return [...out];
}

/**
 * The tokens a reader must never see broken, taken from texts: numbers (with , . % and a sign
 * or △), Latin words and codes (R10, Specific, 4-1-2), and pieces of fewer than 8 characters
 * between spaces (「生涯学習課 社会教育係」 → both names; a short cell such as 「アウトカム」 whole).
 * Japanese prose may break between any two characters (JIS X 4051), so longer runs are not listed.
 */
const NUMBER = /[△▲-]?\d[\d,.]*%?/g;

export function tokensOf(texts: Array<string | number | null | undefined>): string[] {
	const out = new Set<string>();
	for (const value of texts) {
		if (value === null || value === undefined) continue;
		const text = String(value);
		for (const m of text.matchAll(NUMBER)) if (m[0].length >= 2) out.add(m[0]);
		for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9-]+/g)) out.add(m[0]);
		for (const piece of text.split(/[\s\u3000]+/)) {
			if (piece.length >= 2 && piece.length < 8) out.add(piece);
		}
	}
	return [...out];
}

const FULL_WIDTH = /^[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e々〆〇]+$/u;

/**
 * The size of a word's text in points on paper, or null when it cannot be told. Measured from
 * the width of full-width characters (kana, kanji, full-width forms), which advance exactly one
 * em in the CJK fonts used: box heights depend on each font's ascent and on the PDF producer
 * (LibreOffice's boxes are 1.3 em, Chromium's up to 2.6 em), widths do not. Justified text
 * only stretches, so the estimate never undercounts.
 */
export function textSize(w: Word): number | null {
	const chars = [...w.text];
	if (chars.length < 2 || !FULL_WIDTH.test(w.text)) return null;
	return (w.xMax - w.xMin) / chars.length;
}

/** The smallest text on any page (see `textSize`), with the word and page it was seen on. */
export function smallestText(layout: PdfLayout, ignore: (w: Word) => boolean = () => false): { size: number; word: string; page: number } {
	let min = { size: Infinity, word: '', page: 0 };
	for (const page of layout.pages) {
		for (const w of page.words) {
			if (ignore(w)) continue;
			const size = textSize(w);
			if (size !== null && size < min.size) min = { size, word: w.text, page: page.number };
		}
	}
	return min;
}

/** Words lying (partly) outside their page: text printed off the paper. */
export function wordsOffPage(layout: PdfLayout): string[] {
	return layout.pages.flatMap((p) => p.words.filter((w) => w.xMin < -0.5 || w.yMin < -0.5 || w.xMax > p.width + 0.5 || w.yMax > p.height + 0.5).map((w) => `page ${p.number}: 「${w.text}」`));
}

// ---------------------------------------------------------------------------------------------
// Page images for the docs

export const EXPORT_IMAGES_DIR = resolve('docs/images/exports');
/** Set UPDATE_EXPORT_IMAGES=1 to refresh docs/images/exports/ from the layout tests. */
export const updateExportImages = process.env.UPDATE_EXPORT_IMAGES === '1';

/**
 * Renders pages of a PDF to PNG (pdftoppm, 60 dpi by default) as `<name>-<n>.png` in `outDir`;
 * returns the paths. `pages` limits to the first n pages.
 */
export async function pageImages(pdf: string, outDir: string, name: string, options: { resolution?: number; pages?: number } = {}): Promise<string[]> {
	mkdirSync(outDir, { recursive: true });
	const tmp = mkdtempSync(join(scratch, 'png-'));
	const args = ['-png', '-r', String(options.resolution ?? 60)];
	if (options.pages) args.push('-f', '1', '-l', String(options.pages));
	await run('pdftoppm', [...args, pdf, join(tmp, 'p')]);
	const files = readdirSync(tmp)
		.filter((f) => f.endsWith('.png'))
		.sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]));
	for (const f of readdirSync(outDir)) if (f.startsWith(`${name}-`) && /-\d+\.png$/.test(f)) rmSync(join(outDir, f));
	return files.map((f, i) => {
		const target = join(outDir, `${name}-${i + 1}.png`);
		renameSync(join(tmp, f), target);
		return target;
	});
}

/** Writes page images into docs/images/exports/ when UPDATE_EXPORT_IMAGES=1; otherwise nothing. */
export async function updateDocsImages(pdf: string, name: string, pages?: number): Promise<string[]> {
	if (!updateExportImages) return [];
	return pageImages(pdf, EXPORT_IMAGES_DIR, name, { pages });
}

/** A short description of a layout for failure messages and debugging. */
export function describeLayout(layout: PdfLayout): string {
	return `${basename(layout.path)}: ${layout.pages.length} pages (${papers(layout).join(', ')})`;
}
