import { describe, expect, it } from 'vitest';
import { strategyDocument } from '$lib/domain/strategy-document';
import { strategyMarkdown } from './markdown';
import { SAMPLE_INFO, sampleDraft } from './testing/sample';

describe('strategyMarkdown', () => {
	const doc = strategyDocument(sampleDraft(), SAMPLE_INFO);
	const md = strategyMarkdown(doc);
	const lines = md.split('\n');

	it('has the cover and every heading of the document, numbered, one level below the title', () => {
		expect(lines[0]).toBe('# みらい町デジタル田園都市構想総合戦略');
		expect(md).toContain('みらい町　有識者会議提出版（令和8年1月15日）');
		const headings = lines.filter((l) => /^#{2,5} /.test(l));
		expect(headings).toEqual(doc.blocks.flatMap((b) => (b.kind === 'heading' ? [`${'#'.repeat(b.level + 1)} ${b.number}　${b.text}`] : [])));
		expect(headings).toContain('### 1　行政サービスのデジタル化');
		expect(headings).toContain('#### (1)　公共施設予約のオンライン化');
		expect(headings).toContain('##### ア　重要業績評価指標（KPI）');
	});

	it('writes tables with right-aligned numbers and escapes pipes', () => {
		expect(md).toContain('| 指標 | 方向 | 単位 | 基準値（年度） | 目標値（年度） |\n| --- | --- | --- | ---: | ---: |');
		expect(md).toContain('| 町内事業所の従業者数 | ↑ 増加 |  | 4,200（R5） | 4,500（R11） |');
		expect(md).toContain('| オンライン予約の利用率<br>アウトカム指標　計測方法：予約システムの集計 | ↑ 増加 | % | 0<br>（R6） |');
		expect(md).toContain('- 施設予約のオンライン化');
	});
});
