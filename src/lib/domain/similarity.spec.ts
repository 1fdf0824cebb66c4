import { describe, expect, it } from 'vitest';
import { similarAcrossDepartments, textSimilarity } from './similarity';

describe('Japanese text similarity', () => {
	it('scores identical text 1 and unrelated text near 0', () => {
		expect(textSimilarity('公共施設のオンライン予約', '公共施設のオンライン予約')).toBeCloseTo(1);
		expect(textSimilarity('公共施設のオンライン予約', '子育て世帯への給付金')).toBeLessThan(0.1);
	});

	it('ignores width, punctuation and spaces', () => {
		expect(textSimilarity('ＡＩ　チャットボット。', 'AIチャットボット')).toBeCloseTo(1);
	});

	it('finds related ideas more similar than unrelated ones', () => {
		const booking = '体育館や公民館の予約が紙の申請書のみで空き状況がわからない';
		const related = '公民館の予約をオンライン化し空き状況を確認できるようにする';
		const unrelated = '除雪車の位置をGPSで住民に知らせる';
		expect(textSimilarity(booking, related)).toBeGreaterThan(textSimilarity(booking, unrelated) + 0.2);
	});

	it('suggests only pairs from different departments, most similar first', () => {
		const pairs = similarAcrossDepartments(
			[
				{ id: 'a', departmentId: '生涯学習課', text: '公民館の施設予約をオンラインでできるようにする' },
				{ id: 'b', departmentId: '総務課', text: '公共施設の予約をオンラインで受け付ける' },
				{ id: 'c', departmentId: '生涯学習課', text: '公民館の施設予約をオンラインで受け付ける' },
				{ id: 'd', departmentId: '建設課', text: '除雪車の位置情報を地図で公開する' }
			],
			0.3
		);
		expect(pairs.map((p) => [p.a, p.b])).not.toContainEqual(['a', 'c']);
		expect(pairs.map((p) => [p.a, p.b])).toContainEqual(['b', 'c']);
		expect(pairs.some((p) => p.a === 'd' || p.b === 'd')).toBe(false);
		for (let i = 1; i < pairs.length; i++) expect(pairs[i - 1]!.score).toBeGreaterThanOrEqual(pairs[i]!.score);
	});
});
