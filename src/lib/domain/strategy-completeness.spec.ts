import { describe, expect, it } from 'vitest';
import { checkCompleteness, countByCode } from './strategy-completeness';
import { direction, emptyDraft, kpi, measure, project, target } from './testing/draft-factory';

const PLAN = { endFy: 2029 };

describe('checkCompleteness', () => {
	it('asks for a numeric target on each of the four goals of an empty draft', () => {
		expect(checkCompleteness(emptyDraft(), [], PLAN)).toEqual([1, 2, 3, 4].map((goalId) => ({
			code: 'goal_without_numeric_target',
			goalId
		})));
	});

	it('does not count a numeric target without a target value', () => {
		const d = emptyDraft();
		d.goals[0]!.targets = [target('t1', { targetValue: null })];
		d.goals[1]!.targets = [target('t2')];
		const codes = checkCompleteness(d, [], PLAN).map((i) => i.goalId);
		expect(codes).toEqual([1, 3, 4]);
	});

	it('checks the KPIs of every measure', () => {
		const d = emptyDraft();
		for (const g of d.goals) g.targets = [target(`t${g.id}`)];
		d.goals[0]!.directions = [
			direction('d1', {
				measures: [
					measure('m1', { kpis: [kpi('k1', { kind: 'output' })] }),
					measure('m2', { kpis: [kpi('k2', { measurementMethod: ' ', targets: { 2028: 5 } })] }),
					measure('m3', { kpis: [kpi('k3')] })
				]
			})
		];
		expect(checkCompleteness(d, [], PLAN)).toEqual([
			{ code: 'measure_without_outcome_kpi', goalId: 1, measureId: 'm1' },
			{ code: 'kpi_without_measurement_method', goalId: 1, measureId: 'm2', kpiId: 'k2' },
			{ code: 'kpi_without_final_target', goalId: 1, measureId: 'm2', kpiId: 'k2', year: 2029 }
		]);
	});

	it('reports unplaced ideas, ideas under a goal they were not classified under, and open hints', () => {
		const d = emptyDraft();
		for (const g of d.goals) g.targets = [target(`t${g.id}`)];
		d.goals[1]!.directions = [
			direction('d2', {
				goalId: 2,
				measures: [
					measure('m1', {
						directionId: 'd2',
						kpis: [kpi('k1')],
						projects: [project('p1', 'b1', 's1'), project('p2', 'b1', 's2')]
					})
				]
			})
		];
		const ideas = [
			{ documentId: 'b1', sheetId: 's1', goals: [2, 4] as const, openHints: 0 },
			{ documentId: 'b1', sheetId: 's2', goals: [1] as const, openHints: 3 },
			{ documentId: 'b2', sheetId: 's3', goals: [1] as const, openHints: 2 }
		];
		const issues = checkCompleteness(d, ideas, PLAN);
		expect(issues).toEqual([
			{ code: 'idea_goal_mismatch', goalId: 2, measureId: 'm1', projectId: 'p2', ideaKey: 'b1/s2' },
			{ code: 'idea_hints_open', ideaKey: 'b1/s2', count: 3 },
			{ code: 'idea_not_placed', ideaKey: 'b2/s3' }
		]);
		expect(countByCode(issues)).toEqual({ idea_goal_mismatch: 1, idea_hints_open: 1, idea_not_placed: 1 });
	});

	it('is empty for a complete draft', () => {
		const d = emptyDraft();
		for (const g of d.goals) g.targets = [target(`t${g.id}`)];
		d.goals[0]!.directions = [direction('d1', { measures: [measure('m1', { kpis: [kpi('k1')], projects: [project('p1', 'b', 's')] })] })];
		expect(checkCompleteness(d, [{ documentId: 'b', sheetId: 's', goals: [1], openHints: 0 }], PLAN)).toEqual([]);
	});
});
