import { describe, expect, it } from 'vitest';
import { direction, emptyDraft, kpi, measure, target } from '../testing/draft-factory';
import { planAdoption, registerKpisOfDraft, type AdoptedKpi } from './register-adoption';

function draftWith() {
	const d = emptyDraft();
	d.goals[0]!.title = '稼ぐ町';
	d.goals[0]!.targets = [target('t1', { indicator: '新規雇用者数', targetValue: 120 })];
	d.goals[0]!.directions = [
		direction('d1', {
			measures: [
				measure('m1', { leadDepartment: '商工観光課', kpis: [kpi('k1', { name: '創業件数', targets: { 2026: 3, 2029: 10 } })] }),
				measure('m2', { kpis: [kpi('k2', { name: '要介護認定率', direction: 'lower', cumulative: false })] })
			]
		})
	];
	return d;
}

describe('registerKpisOfDraft', () => {
	it('takes goal targets and measure KPIs with codes, final target and department', () => {
		const rows = registerKpisOfDraft(draftWith(), '策定版');
		expect(rows.map((r) => [r.kpi.kind, r.kpi.goal.code, r.kpi.measure?.code ?? null, r.kpi.name])).toEqual([
			['goal_target', '1', null, '新規雇用者数'],
			['outcome', '1', '1-1-1', '創業件数'],
			['outcome', '1', '1-1-2', '要介護認定率']
		]);
		const k1 = rows[1]!.kpi;
		expect(k1.goal.title).toBe('稼ぐ町');
		expect(k1.finalTarget).toBe(10);
		expect(k1.targetYear).toBe(2029);
		expect(k1.targets).toEqual({ 2026: 3, 2029: 10 });
		expect(k1.department).toBe('商工観光課');
		expect(rows[0]!.kpi.finalTarget).toBe(120);
		expect(rows[0]!.sourceKpiId).toBe('t1');
	});
});

describe('planAdoption', () => {
	const first = registerKpisOfDraft(draftWith(), '策定版');
	const existing = first.map((a, i) => ({ id: `r${i}`, sourceKpiId: a.sourceKpiId, kpi: a.kpi }));

	it('continues KPIs by source id even when renamed, retires removed ones and adds new ones', () => {
		const revised = draftWith();
		const m = revised.goals[0]!.directions[0]!.measures;
		m[0]!.kpis[0]!.name = '創業・起業件数';
		m[1]!.kpis = [kpi('k3', { name: '健康寿命' })];
		const plan = planAdoption(existing, registerKpisOfDraft(revised, '改訂版'));
		expect(plan.continued.map((c) => [c.id, c.changedFields])).toEqual([
			['r0', []],
			['r1', ['name']]
		]);
		expect(plan.added.map((a) => a.kpi.name)).toEqual(['健康寿命']);
		expect(plan.retired).toEqual(['r2']);
	});

	it('falls back to code and name when the source id is unknown (imported registers)', () => {
		const imported = existing.map((e) => ({ ...e, sourceKpiId: null }));
		const incoming: AdoptedKpi[] = first.map((a) => ({ ...a, sourceKpiId: `new-${a.sourceKpiId}` }));
		const plan = planAdoption(imported, incoming);
		expect(plan.continued.map((c) => c.id)).toEqual(['r0', 'r1', 'r2']);
		expect(plan.added).toEqual([]);
		expect(plan.retired).toEqual([]);
	});
});
