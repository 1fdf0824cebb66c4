/**
 * Prose of a basic direction (基本的方向) as one plain text with a line convention, so that it can
 * be a single collaboratively edited Y.Text and still come out as paragraphs and bullet lists:
 *
 * - a line starting with 「・」「•」「- 」 or 「* 」 is a bullet item; consecutive ones form one list;
 * - every other non-blank line is a paragraph of its own;
 * - blank lines only separate (they are not output).
 */

export type ProseBlock = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

const BULLET = /^\s*(?:[・•]\s*|[-*]\s+)/;

export function parseProse(text: string): ProseBlock[] {
	const blocks: ProseBlock[] = [];
	for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
		if (!raw.trim()) continue;
		const bullet = BULLET.exec(raw);
		if (bullet) {
			const item = raw.slice(bullet[0].length).trim();
			const last = blocks[blocks.length - 1];
			if (last?.kind === 'bullets') last.items.push(item);
			else blocks.push({ kind: 'bullets', items: [item] });
		} else {
			blocks.push({ kind: 'paragraph', text: raw.trim() });
		}
	}
	return blocks;
}
