import { describe, expect, it } from 'vitest';
import { strategyDocument } from '$lib/domain/strategy-document';
import { headingPagesFromText } from './toc-pages';
import { SAMPLE_INFO, sampleDraft } from './testing/sample';

describe('headingPagesFromText', () => {
	const doc = strategyDocument(sampleDraft(), SAMPLE_INFO);
	const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level <= 3 ? [b] : []));

	it('skips the table of contents and finds each heading on its page, counted after the cover', () => {
		const toc = ['目　次', ...headings.map((h) => `${h.number}　${h.text} ........ 88`)].join('\n');
		// the body: vision on page 3 (PDF), each goal on its own page, wrapped lines and a running header in between
		const body = headings.map((h) => `みらい町デジタル田園都市構想総合戦略　有識者会議提出版\n${h.number}　${h.text.slice(0, 4)}\n${h.text.slice(4)}\n本文`);
		const pages = ['表紙', toc, ...body];
		const found = headingPagesFromText(doc, pages, 1);
		expect([...found.keys()]).toEqual(headings.map((h) => h.anchor));
		expect([...found.values()]).toEqual(headings.map((_, i) => i + 2));
	});

	it('reads kanji a PDF wrote as compatibility characters (NFKC)', () => {
		const goal = headings[1]!;
		const toc = headings.map((h) => `${h.number}　${h.text}`).join('\n');
		const pages = ['表紙', toc, 'ビジョン', `第2章　${goal.text.replace('目', '\u2F6C')}`];
		expect(goal.text).toContain('基本目標1');
		expect(headingPagesFromText(doc, pages, 1).get(goal.anchor)).toBe(3);
	});
});
