import { describe, expect, it } from 'vitest';
import { classDistributionSvg, kpiChartSvg } from './charts';

describe('evaluation charts', () => {
	it('draws a KPI over the years as SVG with distinct line styles and markers (black and white)', () => {
		const svg = kpiChartSvg({
			years: [2020, 2021, 2022, 2023],
			baseline: 11,
			actuals: [
				{ fiscalYear: 2020, value: 14 },
				{ fiscalYear: 2022, value: 21 }
			],
			targets: { 2022: 16, 2023: 20 },
			finalTarget: 20,
			direction: 'lower'
		});
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('R2');
		expect(svg).toContain('減少が望ましい');
		expect(svg).toContain('基準値'); // the baseline rule stays in the plot though below every actual
		expect(svg).toContain('stroke-dasharray'); // dashed / dotted series and rules
		expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no external reference
	});
	it('changes when an actual is added', () => {
		const input = { years: [2022, 2023], baseline: 1, actuals: [{ fiscalYear: 2022, value: 2 }], targets: {}, finalTarget: 5, direction: 'higher' as const };
		expect(kpiChartSvg(input)).not.toBe(kpiChartSvg({ ...input, actuals: [...input.actuals, { fiscalYear: 2023, value: 4 }] }));
	});
	it('fills class bars with patterns, not colour alone', () => {
		const svg = classDistributionSvg([
			{ label: '基本目標1', counts: { met: 3, improved: 2, unchanged: 1, worse: 1, not_measured: 0 } },
			{ label: '基本目標2', counts: { met: 0, improved: 1, unchanged: 0, worse: 2, not_measured: 1 } }
		]);
		expect(svg).toContain('<pattern');
		expect(svg).toContain('目標達成');
		expect(svg).toContain('基本目標2');
	});
});
