import { describe, expect, it } from 'vitest';
import { changedFields, diffStrategies } from './strategy-diff';
import { clone, direction, emptyDraft, kpi, measure, project, target } from './testing/draft-factory';

function base() {
	const d = emptyDraft();
	d.vision = '誰もが暮らしやすいまち';
	d.goals[0]!.targets = [target('t1')];
	d.goals[0]!.directions = [
		direction('d1', {
			measures: [
				measure('m1', { kpis: [kpi('k1'), kpi('k2')], projects: [project('p1', 'doc', 's1')] }),
				measure('m2', { kpis: [kpi('k3')] }),
				measure('m3', { title: '消える施策' })
			]
		})
	];
	d.goals[2]!.directions = [direction('d3', { goalId: 3 })];
	return d;
}

describe('diffStrategies', () => {
	it('finds nothing between equal drafts, and ignores reordering among siblings', () => {
		const a = base();
		const b = clone(a);
		b.goals[0]!.directions[0]!.measures.reverse();
		b.goals[0]!.directions[0]!.measures[0]!.order = 'z';
		expect(diffStrategies(a, b)).toEqual([]);
	});

	it('lists exactly the added, removed and changed measures and KPIs', () => {
		const a = base();
		const b = clone(a);
		const measures = b.goals[0]!.directions[0]!.measures;
		// change a measure (title and lead department)
		measures[1]!.title = '予約のオンライン化';
		measures[1]!.leadDepartment = '生涯学習課';
		// remove a measure (it has no KPIs or projects)
		measures.splice(2, 1);
		// add a measure
		measures.push(measure('m4', { title: '新しい施策' }));
		// add, remove and change a KPI
		const m1 = measures[0]!;
		m1.kpis = [kpi('k1', { measurementMethod: 'アンケート調査', targets: { 2029: 80 } }), kpi('k5', { name: '新しい指標' })];

		const diff = diffStrategies(a, b);
		expect(diff.map((e) => [e.subject, e.change, e.id])).toEqual([
			['measure', 'changed', 'm2'],
			['measure', 'added', 'm4'],
			['measure', 'removed', 'm3'],
			['kpi', 'changed', 'k1'],
			['kpi', 'added', 'k5'],
			['kpi', 'removed', 'k2']
		]);
		const m2 = diff.find((e) => e.id === 'm2')!;
		expect(changedFields(m2)).toEqual([
			{ field: 'title', before: '施策m2', after: '予約のオンライン化' },
			{ field: 'leadDepartment', before: '企画政策課', after: '生涯学習課' }
		]);
		const k1 = diff.find((e) => e.id === 'k1')!;
		expect(changedFields(k1)).toEqual([
			{ field: 'measurementMethod', before: '業務統計', after: 'アンケート調査' },
			{ field: 'target:2029', before: '50', after: '80' }
		]);
		expect(k1.location).toMatchObject({ goalId: 1, direction: '方向d1', measure: '施策m1' });
		const removed = diff.find((e) => e.id === 'm3')!;
		expect(removed.label).toBe('消える施策');
		expect(changedFields(removed).map((f) => f.field)).toContain('title');
	});

	it('reports a move to another direction as a change, even between directions with the same title', () => {
		const a = base();
		a.goals[0]!.directions.push(direction('d2', { title: '方向d1' }));
		const b = clone(a);
		const moved = b.goals[0]!.directions[0]!.measures.splice(1, 1)[0]!;
		b.goals[0]!.directions[1]!.measures.push({ ...moved, directionId: 'd2' });
		const diff = diffStrategies(a, b);
		expect(diff.map((e) => [e.subject, e.change, e.id, e.moved])).toEqual([['measure', 'changed', 'm2', true]]);
		expect(changedFields(diff[0]!).map((f) => f.field)).toEqual(['direction']);
	});

	it('covers the vision, goal titles, numeric targets, directions and projects', () => {
		const a = base();
		const b = clone(a);
		b.vision = '新しいビジョン';
		b.goals[1]!.title = '会津美里に人を呼ぶ';
		b.goals[0]!.targets[0]!.targetValue = 150;
		b.goals[2]!.directions = [];
		b.goals[0]!.directions[0]!.measures[0]!.projects.push(project('p2', 'doc', 's2'));
		expect(diffStrategies(a, b).map((e) => [e.subject, e.change, e.id])).toEqual([
			['vision', 'changed', 'vision'],
			['numericTarget', 'changed', 't1'],
			['project', 'added', 'p2'],
			['goal', 'changed', '2'],
			['direction', 'removed', 'd3']
		]);
	});
});
