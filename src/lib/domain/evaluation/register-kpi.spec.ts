import { describe, expect, it } from 'vitest';
import { blankRegisterKpi, goalCodeLabel, isGoalTarget, kpiCodeLabel, measureCodeLabel, numericFinalTarget } from './register-kpi';

describe('register KPI', () => {
	const goal = { code: '1', title: 'しごと' };
	it('labels codes for cross-reference', () => {
		expect(goalCodeLabel('1')).toBe('基本目標1');
		expect(measureCodeLabel('1-2-3')).toBe('施策1-2-3');
		expect(kpiCodeLabel(blankRegisterKpi('a', goal, null))).toBe('基本目標1');
		expect(kpiCodeLabel(blankRegisterKpi('a', goal, { code: '1-2-3', title: 'x' }))).toBe('施策1-2-3');
	});
	it('starts a goal’s numeric target or a measure KPI blank', () => {
		const target = blankRegisterKpi('a', goal, null);
		expect(target).toMatchObject({ kind: 'goal_target', baselineValue: null, finalTarget: null, direction: 'higher', cumulative: false, targets: {} });
		expect(isGoalTarget(target)).toBe(true);
		expect(isGoalTarget(blankRegisterKpi('b', goal, { code: '1-1', title: 'x' }))).toBe(false);
	});
	it('tells a numeric final target from words', () => {
		expect(numericFinalTarget({ finalTarget: 12 })).toBe(12);
		expect(numericFinalTarget({ finalTarget: '全国平均' })).toBeNull();
		expect(numericFinalTarget({ finalTarget: null })).toBeNull();
	});
});
