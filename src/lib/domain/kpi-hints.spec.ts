import { describe, expect, it } from 'vitest';
import type { OutcomeKpi, OutputKpi, SmartChecks } from './kpi';
import { activityTermIn, ideaKpiHints, type IdeaKpis } from './kpi-hints';

const plan = { startFy: 2025, endFy: 2029 };

const noSmart = (): SmartChecks => ({
	specific: { checked: false, reason: '' },
	measurable: { checked: false, reason: '' },
	achievable: { checked: false, reason: '' },
	relevant: { checked: false, reason: '' },
	timeBound: { checked: false, reason: '' }
});

const output = (over: Partial<OutputKpi> = {}): OutputKpi => ({
	id: 'out1',
	kind: 'output',
	name: 'スマート農業導入補助金交付件数',
	unit: '件',
	measurementMethod: '補助金交付台帳で集計',
	baselineValue: 0,
	baselineYear: 2024,
	direction: 'higher',
	cumulative: true,
	targets: { 2026: 5, 2027: 10 },
	...over
});

const outcome = (over: Partial<OutcomeKpi> = {}): OutcomeKpi => ({
	id: 'oc1',
	kind: 'outcome',
	name: 'スマート農業導入経営体数',
	unit: '経営体',
	measurementMethod: '農業委員会の調査',
	baselineValue: 3,
	baselineYear: 2024,
	direction: 'higher',
	cumulative: true,
	targets: { 2026: 8, 2027: 15, 2029: 25 },
	pairedOutputIds: ['out1'],
	...over
});

const idea = (over: Partial<IdeaKpis> = {}): IdeaKpis => ({
	outputs: [output()],
	outcomes: [outcome()],
	smart: noSmart(),
	...over
});

const codes = (i: IdeaKpis) => ideaKpiHints(i, plan).map((h) => h.code);

describe('KPI hints', () => {
	it('gives no hint for a well-formed pair (national example: smart agriculture)', () => {
		expect(ideaKpiHints(idea(), plan)).toEqual([]);
	});

	it('flags an outcome named like an activity count as probably an output', () => {
		for (const name of ['オンライン説明会の開催回数', 'サテライトオフィス整備件数', '補助金交付件数', 'デジタル講座の研修会参加']) {
			const hints = ideaKpiHints(idea({ outcomes: [outcome({ name })] }), plan);
			expect(hints.map((h) => h.code), name).toContain('outcome_looks_like_output');
		}
		const hint = ideaKpiHints(idea({ outcomes: [outcome({ name: '施設予約システムの説明会参加者数' })] }), plan).find(
			(h) => h.code === 'outcome_looks_like_output'
		);
		expect(hint?.term).toBe('説明会');
	});

	it('does not flag real outcomes or outputs named as activities', () => {
		for (const name of ['サテライトオフィス利用者数', 'オンライン予約の利用率', '窓口での平均待ち時間']) {
			expect(codes(idea({ outcomes: [outcome({ name })] })), name).not.toContain('outcome_looks_like_output');
		}
		// An output KPI may well be an activity count.
		expect(codes(idea({ outputs: [output({ name: '説明会の開催回数' })] }))).not.toContain('outcome_looks_like_output');
	});

	it('reads full-width and half-width text alike', () => {
		expect(activityTermIn('ｾﾐﾅｰ開催回数')).toBe('開催回数');
	});

	it('flags an idea with no outcome KPI', () => {
		expect(codes(idea({ outcomes: [] }))).toContain('no_outcome_kpi');
		expect(codes(idea())).not.toContain('no_outcome_kpi');
	});

	it('flags a KPI without measurement method or baseline', () => {
		const hints = ideaKpiHints(idea({ outcomes: [outcome({ measurementMethod: '  ', baselineValue: null })] }), plan);
		expect(hints).toContainEqual({ code: 'no_measurement_method', kpiId: 'oc1' });
		expect(hints).toContainEqual({ code: 'no_baseline', kpiId: 'oc1' });
	});

	it('flags targets that move against the direction, higher is better', () => {
		const hints = ideaKpiHints(idea({ outcomes: [outcome({ targets: { 2026: 10, 2027: 8 } })] }), plan);
		expect(hints).toContainEqual({ code: 'target_against_direction', kpiId: 'oc1', year: 2027 });
		// a first target below the baseline also moves the wrong way
		const belowBaseline = ideaKpiHints(idea({ outcomes: [outcome({ baselineValue: 20, targets: { 2026: 10 } })] }), plan);
		expect(belowBaseline).toContainEqual({ code: 'target_against_direction', kpiId: 'oc1', year: 2026 });
	});

	it('respects KPIs that improve downwards (要介護認定率)', () => {
		const careRate = outcome({ name: '要介護認定率', unit: '%', direction: 'lower', baselineValue: 18.5, targets: { 2026: 18.2, 2027: 18.0 } });
		expect(codes(idea({ outcomes: [careRate] }))).not.toContain('target_against_direction');
		const worse = outcome({ ...careRate, targets: { 2026: 18.2, 2027: 18.9 } });
		expect(ideaKpiHints(idea({ outcomes: [worse] }), plan)).toContainEqual({
			code: 'target_against_direction',
			kpiId: 'oc1',
			year: 2027
		});
	});

	it('flags target years outside the plan period', () => {
		const hints = ideaKpiHints(idea({ outcomes: [outcome({ targets: { 2024: 4, 2030: 30 } })] }), plan);
		expect(hints.filter((h) => h.code === 'target_outside_plan').map((h) => h.year)).toEqual([2024, 2030]);
	});

	it('treats blank targets as "set later", not as problems', () => {
		expect(codes(idea({ outcomes: [outcome({ targets: { 2026: null, 2027: 15 } })] }))).toEqual([]);
	});

	it('flags SMART boxes ticked without any target', () => {
		const smart = noSmart();
		smart.measurable.checked = true;
		const blank = { targets: {} };
		expect(codes(idea({ smart, outputs: [output(blank)], outcomes: [outcome(blank)] }))).toContain('smart_without_targets');
		expect(codes(idea({ smart }))).not.toContain('smart_without_targets');
		expect(codes(idea({ outputs: [output(blank)], outcomes: [outcome(blank)] }))).not.toContain('smart_without_targets');
	});

	it('flags an outcome not paired with any of the idea\'s outputs', () => {
		expect(codes(idea({ outcomes: [outcome({ pairedOutputIds: [] })] }))).toContain('outcome_without_output_pair');
		expect(codes(idea({ outputs: [], outcomes: [outcome({ pairedOutputIds: [] })] }))).not.toContain('outcome_without_output_pair');
	});
});
