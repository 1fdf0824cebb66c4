import { describe, expect, it } from 'vitest';
import { parseProse } from './prose';

describe('parseProse', () => {
	it('reads paragraphs and bullet lists from lines', () => {
		const text = '農業の担い手不足に対応します。\n\n・スマート農業の導入支援\n- 農地情報のデジタル化\n* データ連携\nまとめの段落です。\r\n•再び箇条書き';
		expect(parseProse(text)).toEqual([
			{ kind: 'paragraph', text: '農業の担い手不足に対応します。' },
			{ kind: 'bullets', items: ['スマート農業の導入支援', '農地情報のデジタル化', 'データ連携'] },
			{ kind: 'paragraph', text: 'まとめの段落です。' },
			{ kind: 'bullets', items: ['再び箇条書き'] }
		]);
	});

	it('keeps a minus sign without a space as text', () => {
		expect(parseProse('-5%の削減')).toEqual([{ kind: 'paragraph', text: '-5%の削減' }]);
		expect(parseProse('  \n')).toEqual([]);
	});
});
