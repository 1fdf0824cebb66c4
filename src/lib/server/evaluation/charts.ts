/**
 * The register's charts as SVG strings, rendered on the server by echarts (SSR, no DOM, no
 * request anywhere): per KPI its baseline, every year's actual, the yearly targets and the final
 * target with the direction; per basic goal the distribution of classes.
 *
 * Readable in black and white: each series has its own line style and marker (solid line with
 * filled circles for actuals, dashed with triangles for yearly targets, a dotted rule for the
 * baseline, a dash-dot rule for the final target), and class bars carry decal patterns. The SVG
 * holds only numbers, fiscal years and our own fixed labels, never text people typed, so the page
 * may inline it. Animation is off (SSR draws the final frame).
 */
import * as echarts from 'echarts';
import { formatFiscalYearShort } from '$lib/domain/fiscal-year';
import type { KpiClass } from '$lib/domain/evaluation/progress';

export interface KpiChartInput {
	years: readonly number[];
	baseline: number | null;
	actuals: ReadonlyArray<{ fiscalYear: number; value: number }>;
	targets: Readonly<Record<number, number | null>>;
	finalTarget: number | null;
	direction: 'higher' | 'lower';
}

const BASE = {
	animation: false,
	backgroundColor: '#ffffff',
	textStyle: { fontFamily: 'sans-serif', color: '#000000' }
} as const;

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption(option);
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

/** Line chart of one KPI over the years. */
export function kpiChartSvg(input: KpiChartInput, size = { width: 560, height: 300 }): string {
	const labels = input.years.map(formatFiscalYearShort);
	const actualByYear = new Map(input.actuals.map((a) => [a.fiscalYear, a.value]));
	const refs = [input.baseline, input.finalTarget].filter((v): v is number => v !== null);
	const markLines: Array<Record<string, unknown>> = [];
	if (input.baseline !== null) {
		markLines.push({
			name: '基準値',
			yAxis: input.baseline,
			lineStyle: { type: 'dotted', color: '#000000', width: 1.5 },
			label: { formatter: '基準値', position: 'insideStartTop', color: '#000000' }
		});
	}
	if (input.finalTarget !== null) {
		markLines.push({
			name: '目標値',
			yAxis: input.finalTarget,
			lineStyle: { type: [8, 3, 2, 3], color: '#000000', width: 1.5 },
			label: { formatter: '目標値', position: 'insideEndTop', color: '#000000' }
		});
	}
	return render(
		{
			...BASE,
			title: {
				text: input.direction === 'lower' ? '↓ 減少が望ましい指標' : '↑ 増加が望ましい指標',
				left: 'right',
				top: 0,
				textStyle: { fontSize: 12, fontWeight: 'normal', color: '#000000' }
			},
			legend: { top: 0, left: 0, textStyle: { color: '#000000' }, itemWidth: 28 },
			grid: { left: 56, right: 24, top: 40, bottom: 32 },
			xAxis: { type: 'category', data: labels, axisLine: { lineStyle: { color: '#000000' } } },
			yAxis: {
				type: 'value',
				scale: true,
				// keep the baseline and final target rules inside the plot
				min: (v: { min: number }) => Math.min(v.min, ...refs),
				max: (v: { max: number }) => Math.max(v.max, ...refs),
				axisLine: { show: true, lineStyle: { color: '#000000' } }, splitLine: { lineStyle: { color: '#dddddd' } } },
			series: [
				{
					name: '実績値',
					type: 'line',
					data: input.years.map((y) => actualByYear.get(y) ?? null),
					connectNulls: true,
					symbol: 'circle',
					symbolSize: 8,
					lineStyle: { type: 'solid', width: 2.5, color: '#1a1a1a' },
					itemStyle: { color: '#1a1a1a' },
					markLine: markLines.length > 0 ? { symbol: 'none', silent: true, data: markLines } : undefined
				},
				{
					name: '年度目標',
					type: 'line',
					data: input.years.map((y) => {
						const v = input.targets[y];
						return typeof v === 'number' ? v : null;
					}),
					connectNulls: true,
					symbol: 'triangle',
					symbolSize: 9,
					lineStyle: { type: 'dashed', width: 1.5, color: '#555555' },
					itemStyle: { color: '#ffffff', borderColor: '#555555', borderWidth: 1.5 }
				}
			]
		},
		size.width,
		size.height
	);
}

const CLASS_ORDER: readonly KpiClass[] = ['met', 'improved', 'unchanged', 'worse', 'not_measured'];
const CLASS_SHORT: Record<KpiClass, string> = {
	met: '目標達成',
	improved: '改善',
	unchanged: '変化なし',
	worse: '悪化',
	not_measured: '未把握'
};
/** Grey levels and patterns that stay apart when printed in black and white. */
const CLASS_STYLE: Record<KpiClass, { color: string; decal: Record<string, unknown> | undefined }> = {
	met: { color: '#222222', decal: undefined },
	improved: { color: '#666666', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: '#ffffff' } },
	unchanged: { color: '#aaaaaa', decal: { symbol: 'circle', symbolSize: 0.6, dashArrayX: [[3, 3]], dashArrayY: [3, 3], color: '#000000' } },
	worse: { color: '#ffffff', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4, color: '#000000' } },
	not_measured: { color: '#eeeeee', decal: undefined }
};

/**
 * The distribution of classes per basic goal: one horizontal stacked bar per goal (labelled by
 * its code, 「基本目標1」), a segment per class with its own grey and pattern, and a legend. One
 * chart for all goals keeps the register page to a single render.
 */
export function classDistributionSvg(
	goals: ReadonlyArray<{ label: string; counts: Record<KpiClass, number> }>,
	size = { width: 640, height: 0 }
): string {
	const height = size.height || 56 + goals.length * 34;
	return render(
		{
			...BASE,
			legend: { top: 0, left: 0, textStyle: { color: '#000000' } },
			grid: { left: 80, right: 24, top: 32, bottom: 24 },
			xAxis: { type: 'value', minInterval: 1, axisLine: { show: true, lineStyle: { color: '#000000' } }, splitLine: { lineStyle: { color: '#dddddd' } } },
			yAxis: { type: 'category', inverse: true, data: goals.map((g) => g.label), axisLine: { lineStyle: { color: '#000000' } } },
			series: CLASS_ORDER.map((c) => ({
				name: CLASS_SHORT[c],
				type: 'bar',
				stack: 'classes',
				barWidth: 18,
				label: { show: true, color: c === 'met' ? '#ffffff' : '#000000', formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
				itemStyle: { color: CLASS_STYLE[c].color, borderColor: '#000000', borderWidth: 1, decal: CLASS_STYLE[c].decal },
				data: goals.map((g) => g.counts[c])
			}))
		},
		size.width,
		height
	);
}
