/**
 * Page numbers for the Word draft's table of contents. The docx library writes the TOC entries
 * but cannot know on which page a heading lands: only a layout engine can. So the file is laid out
 * once by LibreOffice (headless, to PDF), the text of each page is read back (pdftotext), the
 * headings are found in order, and the file is written again with those numbers in the TOC. The
 * entries of the first pass carry two-digit placeholders so the TOC takes the same room in both.
 *
 * Needs `soffice` (LibreOffice Writer) and `pdftotext` (poppler-utils) on the server; without them
 * the TOC lists the headings without page numbers and Word is asked to update it when opened.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StrategyDocument } from '$lib/domain/strategy-document';
import { config } from '../config';
import { log } from '../log';
import { strategyDocx, type HeadingPages } from './docx';

const run = promisify(execFile);

/** The tools, found once per process on the PATH (SOFFICE_PATH overrides). */
let tools: Promise<{ soffice: string; pdftotext: string } | null> | undefined;

async function which(name: string): Promise<string | null> {
	try {
		const { stdout } = await run('sh', ['-c', `command -v ${name}`]);
		return stdout.trim() || null;
	} catch {
		return null;
	}
}

export function layoutTools(): Promise<{ soffice: string; pdftotext: string } | null> {
	tools ??= (async () => {
		const soffice = config().SOFFICE_PATH || (await which('soffice')) || (await which('libreoffice'));
		const pdftotext = await which('pdftotext');
		if (!soffice || !pdftotext) {
			log.warn('export.toc_without_pages', { reason: 'soffice or pdftotext not installed' });
			return null;
		}
		return { soffice, pdftotext };
	})();
	return tools;
}

/** Converts a .docx with LibreOffice headless; returns the text of each PDF page. */
export async function renderedPageTexts(docx: Uint8Array, found: { soffice: string; pdftotext: string }): Promise<string[]> {
	// a profile of its own per run: two exports at once must not share LibreOffice's profile lock
	const dir = await mkdtemp(join(tmpdir(), 'dsw-toc-'));
	try {
		const file = join(dir, 'draft.docx');
		await writeFile(file, docx);
		await run(found.soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], {
			timeout: 120_000
		});
		// -layout keeps each printed line together (otherwise the running header's parts are read
		// into the middle of a heading)
		await run(found.pdftotext, ['-layout', '-enc', 'UTF-8', join(dir, 'draft.pdf'), join(dir, 'draft.txt')], { timeout: 60_000 });
		const text = await readFile(join(dir, 'draft.txt'), 'utf8');
		return text.split('\f');
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Without spaces and in NFKC (fonts map some kanji to compatibility code points in PDFs). */
const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The page of each heading of levels 1–3 (by anchor), given the text of the rendered pages and the
 * number of unnumbered pages before page 1 (the cover). The table of contents lists the headings
 * in the same order as the body, so the headings are first matched through the TOC, then through
 * the body; each is searched after the previous one. Headings not found are left out.
 */
export function headingPagesFromText(doc: StrategyDocument, pageTexts: readonly string[], pagesBeforeFirst: number): Map<string, number> {
	const headings = doc.blocks.filter((b) => b.kind === 'heading' && b.level <= 3) as Array<Extract<StrategyDocument['blocks'][number], { kind: 'heading' }>>;
	const starts: number[] = [];
	let all = '';
	for (const page of pageTexts) {
		starts.push(all.length);
		all += squeeze(page);
	}
	const pageAt = (offset: number) => {
		let p = 0;
		while (p + 1 < starts.length && starts[p + 1]! <= offset) p++;
		return p;
	};
	let at = 0;
	// through the table of contents
	for (const h of headings) {
		const i = all.indexOf(squeeze(h.text), at);
		if (i < 0) break;
		at = i + squeeze(h.text).length;
	}
	const pages = new Map<string, number>();
	for (const h of headings) {
		const i = all.indexOf(squeeze(h.text), at);
		if (i < 0) continue;
		at = i + squeeze(h.text).length;
		pages.set(h.anchor, pageAt(i) + 1 - pagesBeforeFirst);
	}
	return pages;
}

/**
 * The Word file with page numbers in its table of contents when LibreOffice is at hand; the file
 * without them otherwise (or when laying out fails, which is logged).
 */
export async function strategyDocxWithPages(doc: StrategyDocument): Promise<Buffer> {
	const found = await layoutTools();
	if (!found) return strategyDocx(doc);
	const started = Date.now();
	try {
		const placeholder = new Map(doc.blocks.flatMap((b) => (b.kind === 'heading' ? [[b.anchor, 88] as const] : [])));
		const texts = await renderedPageTexts(await strategyDocx(doc, placeholder), found);
		const pages: HeadingPages = headingPagesFromText(doc, texts, 1);
		log.info('export.toc_pages', { headings: pages.size, ms: Date.now() - started });
		return strategyDocx(doc, pages);
	} catch (e) {
		log.warn('export.toc_without_pages', { reason: e instanceof Error ? e.message : String(e) });
		return strategyDocx(doc);
	}
}
