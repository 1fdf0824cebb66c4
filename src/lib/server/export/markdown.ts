/**
 * The draft as Markdown (for review in a text editor or a wiki): the same blocks as the Word
 * document, headings numbered the same way, tables as GitHub-flavoured Markdown tables.
 */
import type { DocBlock, StrategyDocument } from '$lib/domain/strategy-document';

/** Escapes what Markdown would read as markup inside a table cell or a line. */
function inline(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

function block(b: DocBlock): string {
	switch (b.kind) {
		case 'heading':
			return `${'#'.repeat(b.level + 1)} ${b.number}　${inline(b.text)}`;
		case 'paragraph':
			return b.style === 'caption' ? `**${inline(b.text)}**` : b.style === 'note' ? `*${inline(b.text)}*` : inline(b.text);
		case 'bullets':
			return b.items.map((i) => `- ${inline(i)}`).join('\n');
		case 'table': {
			const { header, rows, numeric, details } = b.table;
			const align = header.map((_, i) => (numeric.includes(i) ? '---:' : '---'));
			// a row's detail line (kind and measurement method) goes under the first cell: GFM has no spans
			const withDetails = rows.map((r, i) => (details?.[i] ? [`${r[0]}\n${details[i]}`, ...r.slice(1)] : r));
			return [header, align, ...withDetails].map((r) => `| ${r.map(inline).join(' | ')} |`).join('\n');
		}
	}
}

export function strategyMarkdown(doc: StrategyDocument): string {
	const { cover } = doc;
	const head = [
		`# ${inline(cover.title)}`,
		'',
		`${inline(cover.town)}　${inline(cover.version)}（${cover.date}）`,
		'',
		inline(cover.period)
	].join('\n');
	return `${head}\n\n${doc.blocks.map(block).join('\n\n')}\n`;
}
