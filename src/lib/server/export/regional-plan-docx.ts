/**
 * The regional revitalisation plan (地域再生計画) as a Word file in the national format: A4
 * portrait, the title 「地域再生計画」, then sections 1–7 with the numbers the format prints
 * (「１」「４－１」: typed, as the format is fixed and every town's plan has the same sections), the
 * KPI table of 4-3 with the same table writer as the draft, and page numbers in the footer.
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import type { DocBlock } from '$lib/domain/strategy-document';
import type { RegionalPlanDocument } from '$lib/domain/regional-plan';
import { A4, DOCX_FONT, docxTable, HEADING_FONT, MARGIN } from './docx';

/** 「4-1」 → 「４－１」: the format prints its numbers full-width. */
const fullWidth = (n: string) => n.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');

function block(b: DocBlock) {
	switch (b.kind) {
		case 'heading':
			return [
				new Paragraph({
					keepNext: true,
					spacing: { before: b.level === 1 ? 280 : 160, after: 80 },
					indent: b.level === 2 ? { left: 210 } : undefined,
					children: [new TextRun({ text: `${fullWidth(b.number)}　${b.text}`, bold: true, font: HEADING_FONT, size: b.level === 1 ? 23 : 21 })]
				})
			];
		case 'paragraph':
			return [
				new Paragraph({
					indent: { left: 420, firstLine: b.style ? 0 : 210 },
					spacing: { before: b.style === 'caption' ? 120 : 0, after: 60 },
					children: [new TextRun({ text: b.text, bold: b.style === 'caption', color: b.style === 'note' ? '595959' : undefined, size: b.style === 'note' ? 18 : undefined })]
				})
			];
		case 'bullets':
			return b.items.map((item) => new Paragraph({ indent: { left: 630, hanging: 210 }, spacing: { after: 40 }, children: [new TextRun(`・${item}`)] }));
		case 'table':
			return [docxTable(b.table), new Paragraph({ spacing: { after: 120 }, children: [] })];
	}
}

export async function regionalPlanDocx(doc: RegionalPlanDocument): Promise<Buffer> {
	const page = {
		size: { ...A4, orientation: PageOrientation.PORTRAIT },
		margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 500, footer: 500 }
	};
	const document = new Document({
		title: doc.title,
		styles: { default: { document: { run: { font: DOCX_FONT, size: 21 }, paragraph: { spacing: { line: 320 } } } } },
		sections: [
			{
				properties: { page },
				footers: {
					default: new Footer({
						children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })] })]
					})
				},
				children: [
					new Paragraph({
						alignment: AlignmentType.CENTER,
						spacing: { after: 360 },
						children: [new TextRun({ text: doc.title, bold: true, size: 32, font: HEADING_FONT })]
					}),
					...doc.blocks.flatMap(block)
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
