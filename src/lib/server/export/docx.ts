/**
 * The draft strategy as a Word document for the council (docx library): A4 portrait, a cover page
 * (town, strategy name, plan period in Reiwa, version and date), a table of contents (a TOC field
 * over heading styles 1–3, filled in from the headings and updated by Word on opening), then the
 * blocks of strategy-document.ts with Japanese municipal heading numbers (第1章, 1, (1), ア) in
 * heading styles 1–4, tables with a repeated header row, the strategy name and version in the
 * page header and page numbers in the footer.
 */
import {
	AlignmentType,
	BorderStyle,
	convertMillimetersToTwip,
	Document,
	Footer,
	Header,
	HeadingLevel,
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

export const DOCX_FONT = { ascii: 'Century', hAnsi: 'Century', eastAsia: 'ＭＳ 明朝', cs: 'Century' };
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'ＭＳ ゴシック', cs: 'Arial' };

/** A4 in twips (210 × 297 mm), the values Word itself writes. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = convertMillimetersToTwip(22);
const TEXT_WIDTH = A4.width - 2 * MARGIN;

const HEADING = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

function table(t: DocTable): Table {
	const total = t.widths.reduce((a, b) => a + b, 0);
	const widths = t.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
	const cell = (text: string, column: number, header: boolean) =>
		new TableCell({
			width: { size: widths[column] ?? 0, type: WidthType.DXA },
			verticalAlign: VerticalAlign.CENTER,
			shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E1F2' } : undefined,
			borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
			margins: { top: 30, bottom: 30, left: 60, right: 60 },
			children: text.split('\n').map(
				(line) =>
					new Paragraph({
						alignment: header ? AlignmentType.CENTER : t.numeric.includes(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
						spacing: { before: 0, after: 0 },
						children: [new TextRun({ text: line, size: 16, bold: header })]
					})
			)
		});
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, i, true)) }),
			...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) }))
		]
	});
}

function block(b: DocBlock): Array<Paragraph | Table> {
	switch (b.kind) {
		case 'heading':
			return [
				new Paragraph({
					heading: HEADING[b.level - 1],
					pageBreakBefore: b.level === 1 && b.anchor !== 'vision',
					children: [new TextRun({ text: `${b.number}　${b.text}` })]
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
			return [table(b.table), new Paragraph({ spacing: { after: 120 }, children: [] })];
	}
}

export async function strategyDocx(doc: StrategyDocument): Promise<Buffer> {
	const { cover } = doc;
	const coverLine = (text: string, size: number, bold = false, before = 0) =>
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { before, after: 200 },
			children: [new TextRun({ text, size, bold, font: HEADING_FONT })]
		});
	const page = {
		size: { ...A4, orientation: PageOrientation.PORTRAIT },
		margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 500, footer: 500 }
	};

	const document = new Document({
		creator: cover.town,
		title: cover.title,
		description: `${cover.title}（${cover.version}）`,
		features: { updateFields: true },
		styles: {
			default: {
				document: { run: { font: DOCX_FONT, size: 21 }, paragraph: { spacing: { line: 320 } } },
				heading1: {
					run: { font: HEADING_FONT, size: 32, bold: true, color: '000000' },
					paragraph: { spacing: { before: 240, after: 240 }, keepNext: true }
				},
				heading2: {
					run: { font: HEADING_FONT, size: 26, bold: true, color: '000000' },
					paragraph: { spacing: { before: 240, after: 120 }, keepNext: true }
				},
				heading3: {
					run: { font: HEADING_FONT, size: 23, bold: true, color: '000000' },
					paragraph: { spacing: { before: 200, after: 80 }, indent: { left: 210 }, keepNext: true }
				},
				heading4: {
					run: { font: HEADING_FONT, size: 21, bold: true, color: '000000' },
					paragraph: { spacing: { before: 120, after: 60 }, indent: { left: 420 }, keepNext: true }
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
								children: [new TextRun({ text: `${cover.title}（${cover.version}）`, size: 16, color: '595959' })]
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
					new TableOfContents('目次', { hyperlink: true, headingStyleRange: '1-3' }),
					new Paragraph({ children: [new PageBreak()] }),
					...doc.blocks.flatMap(block)
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
