/**
 * The draft strategy as a Word document for the council (docx library): A4 portrait, a cover page
 * (town, strategy name, plan period in Reiwa, version and date), a table of contents (a TOC field
 * over heading styles 1–3 whose entries carry page numbers: see toc-pages.ts), then the blocks of
 * strategy-document.ts in heading styles 1–4 numbered by Word itself (第1章, 1, (1), ア: a
 * multi-level list attached to the heading styles, so a section inserted in Word renumbers the
 * rest), tables sized from their content with a repeated header row, the strategy name and
 * version in the page header and page numbers in the footer.
 */
import {
	AlignmentType,
	Bookmark,
	BorderStyle,
	convertMillimetersToTwip,
	Document,
	Footer,
	Header,
	HeadingLevel,
	LevelFormat,
	LevelSuffix,
	Packer,
	PageBreak,
	PageNumber,
	PageOrientation,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableOfContents,
	TableRow,
	TextRun,
	VerticalAlign,
	WidthType
} from 'docx';
import type { DocBlock, DocTable, StrategyDocument } from '$lib/domain/strategy-document';

/** Where each heading (by anchor) is in the finished document: the page number it shows. */
export type HeadingPages = ReadonlyMap<string, number>;

export const DOCX_FONT = { ascii: 'Century', hAnsi: 'Century', eastAsia: 'ＭＳ 明朝', cs: 'Century' };
export const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'ＭＳ ゴシック', cs: 'Arial' };

/** A4 in twips (210 × 297 mm), the values Word itself writes. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = convertMillimetersToTwip(22);
const TEXT_WIDTH = A4.width - 2 * MARGIN;

const HEADING = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** Tables are set in 8.5 pt (half-points): at least 8 pt on paper, as the council asks. */
const TABLE_FONT_HALF_POINTS = 17;

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

/** The multi-level list the heading styles are numbered by: 第1章 → 1 → (1) → ア. */
const HEADING_NUMBERING = 'municipal-headings';

/** Bookmark of a heading (Word allows letters, digits and _ only; _Toc names are hidden). */
const bookmarkOf = (index: number) => `_Toc${String(index).padStart(6, '0')}`;

/** A document table in Word: widths from the content, header row repeated, rows never split. */
export function docxTable(t: DocTable): Table {
	const total = t.widths.reduce((a, b) => a + b, 0);
	const widths = t.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
	const cellParagraphs = (text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType], bold: boolean, size = TABLE_FONT_HALF_POINTS) =>
		text.split('\n').map(
			(line) =>
				new Paragraph({
					alignment: align,
					spacing: { before: 0, after: 0, line: 260 },
					children: [new TextRun({ text: line, size, bold })]
				})
		);
	const cell = (text: string, column: number, header: boolean) =>
		new TableCell({
			width: { size: widths[column] ?? 0, type: WidthType.DXA },
			verticalAlign: VerticalAlign.CENTER,
			shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' } : undefined,
			borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
			margins: { top: 30, bottom: 30, left: 60, right: 60 },
			children: cellParagraphs(
				text,
				header ? AlignmentType.CENTER : t.numeric.includes(column) ? AlignmentType.RIGHT : t.keep.includes(column) ? AlignmentType.CENTER : AlignmentType.LEFT,
				header
			)
		});
	const detail = (text: string) =>
		new TableCell({
			columnSpan: t.header.length,
			borders: { top: { style: BorderStyle.DOTTED, size: 4, color: 'A0A0A0' }, bottom: cellBorder, left: cellBorder, right: cellBorder },
			margins: { top: 20, bottom: 30, left: 60, right: 60 },
			children: cellParagraphs(text, AlignmentType.LEFT, false, 16)
		});
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, i, true)) }),
			...t.rows.flatMap((r, ri) => {
				const main = new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) });
				const line = t.details?.[ri];
				// a KPI and its detail line stay on one page: keep-with-next on the main row's paragraphs
				// is not available per row, so the two rows are each unsplittable and the detail is short
				return line === undefined ? [main] : [main, new TableRow({ cantSplit: true, children: [detail(line)] })];
			})
		]
	});
}

function block(b: DocBlock, headingIndex: Map<DocBlock, number>): Array<Paragraph | Table> {
	switch (b.kind) {
		case 'heading':
			return [
				new Paragraph({
					heading: HEADING[b.level - 1],
					pageBreakBefore: b.level === 1 && b.anchor !== 'vision',
					// the number (第1章, 1, (1), ア) comes from the heading style's list, not typed text
					children: [new Bookmark({ id: bookmarkOf(headingIndex.get(b)!), children: [new TextRun({ text: b.text })] })]
				})
			];
		case 'paragraph':
			return [
				new Paragraph({
					indent: b.style === 'caption' ? undefined : { firstLine: b.style === 'note' ? 0 : 210 },
					spacing: { before: b.style === 'caption' ? 160 : 0, after: 80 },
					children: [
						new TextRun({
							text: b.text,
							bold: b.style === 'caption',
							color: b.style === 'note' ? '595959' : undefined,
							size: b.style === 'note' ? 18 : undefined
						})
					]
				})
			];
		case 'bullets':
			return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, children: [new TextRun(item)] }));
		case 'table':
			return [docxTable(b.table), new Paragraph({ spacing: { after: 120 }, children: [] })];
	}
}

/** The levels of the heading list: Word writes 第n章, n, (n), ア and restarts each under its parent. */
const headingLevels = [
	{ level: 0, format: LevelFormat.DECIMAL, text: '第%1章　', style: 'Heading1' },
	{ level: 1, format: LevelFormat.DECIMAL, text: '%2　', style: 'Heading2' },
	{ level: 2, format: LevelFormat.DECIMAL, text: '(%3)　', style: 'Heading3' },
	{ level: 3, format: LevelFormat.AIUEO_FULL_WIDTH, text: '%4　', style: 'Heading4' }
].map((l) => ({
	level: l.level,
	format: l.format,
	text: l.text,
	suffix: LevelSuffix.NOTHING,
	alignment: AlignmentType.LEFT,
	style: { style: l.style }
}));

/** The TOC entries as Word would write them: numbered headings of levels 1–3 with their pages. */
function tocEntries(doc: StrategyDocument, headingIndex: Map<DocBlock, number>, pages: HeadingPages | undefined) {
	return doc.blocks.flatMap((b) =>
		b.kind === 'heading' && b.level <= 3
			? [{ title: `${b.number}　${b.text}`, level: b.level, href: bookmarkOf(headingIndex.get(b)!), page: pages?.get(b.anchor) }]
			: []
	);
}

/**
 * Writes the Word file. `pages` are the page numbers of the headings, as toc-pages.ts reads them
 * from the file laid out once; without them the table of contents lists the headings without
 * numbers and Word is asked to update it on opening.
 */
export async function strategyDocx(doc: StrategyDocument, pages?: HeadingPages): Promise<Buffer> {
	const { cover } = doc;
	const coverLine = (text: string, size: number, bold = false, before = 0) =>
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { before, after: 200 },
			children: [new TextRun({ text, size, bold, font: HEADING_FONT })]
		});
	const headingIndex = new Map<DocBlock, number>();
	doc.blocks.forEach((b, i) => b.kind === 'heading' && headingIndex.set(b, i));
	const page = {
		size: { ...A4, orientation: PageOrientation.PORTRAIT },
		margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 500, footer: 500 }
	};

	const document = new Document({
		creator: cover.town,
		title: cover.title,
		description: `${cover.title}（${cover.version}）`,
		// with page numbers the table is written as it is; without, Word is asked to update it
		features: pages ? undefined : { updateFields: true },
		numbering: { config: [{ reference: HEADING_NUMBERING, levels: headingLevels }] },
		styles: {
			default: {
				document: { run: { font: DOCX_FONT, size: 21 }, paragraph: { spacing: { line: 320 } } },
				heading1: {
					run: { font: HEADING_FONT, size: 32, bold: true, color: '000000' },
					paragraph: { spacing: { before: 240, after: 240 }, keepNext: true, numbering: { reference: HEADING_NUMBERING, level: 0 }, indent: { left: 0, hanging: 0 } }
				},
				heading2: {
					run: { font: HEADING_FONT, size: 26, bold: true, color: '000000' },
					paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, numbering: { reference: HEADING_NUMBERING, level: 1 }, indent: { left: 0, hanging: 0 } }
				},
				heading3: {
					run: { font: HEADING_FONT, size: 23, bold: true, color: '000000' },
					paragraph: { spacing: { before: 200, after: 80 }, indent: { left: 210, hanging: 0 }, keepNext: true, numbering: { reference: HEADING_NUMBERING, level: 2 } }
				},
				heading4: {
					run: { font: HEADING_FONT, size: 21, bold: true, color: '000000' },
					paragraph: { spacing: { before: 120, after: 60 }, indent: { left: 420, hanging: 0 }, keepNext: true, numbering: { reference: HEADING_NUMBERING, level: 3 } }
				}
			}
		},
		sections: [
			{
				properties: { page, titlePage: true },
				children: [
					coverLine(cover.town, 32, false, 3000),
					coverLine(cover.title, 44, true, 400),
					coverLine(cover.period, 24, false, 1200),
					coverLine(cover.version, 28, true, 600),
					coverLine(cover.date, 24)
				]
			},
			{
				properties: { page: { ...page, pageNumbers: { start: 1 } } },
				headers: {
					default: new Header({
						children: [
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								// plain, without nesting the version's own brackets: 「戦略名　素案（作業中）」
								children: [new TextRun({ text: `${cover.title}　${cover.version}`, size: 16, color: '595959' })]
							})
						]
					})
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'], size: 18 })]
							})
						]
					})
				},
				children: [
					new Paragraph({
						alignment: AlignmentType.CENTER,
						spacing: { after: 240 },
						children: [new TextRun({ text: '目　次', bold: true, size: 28, font: HEADING_FONT })]
					}),
					new TableOfContents('目次', {
						hyperlink: true,
						headingStyleRange: '1-3',
						cachedEntries: tocEntries(doc, headingIndex, pages),
						beginDirty: !pages
					}),
					new Paragraph({ children: [new PageBreak()] }),
					...doc.blocks.flatMap((b) => block(b, headingIndex))
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
