import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isBoardLocked } from './schema';
import {
	addDirection,
	addMeasure,
	addMeasureKpi,
	addNumericTarget,
	addProject,
	copyIdeaKpi,
	deleteItem,
	directionText,
	findItem,
	goalTitleText,
	initialStrategyUpdate,
	initStrategy,
	measureText,
	mergeMeasureKpis,
	moveItem,
	moveMeasureKpi,
	readStrategy,
	readStrategyState,
	setLeadDepartment,
	setNumericTargetNumber,
	setRelatedDepartment,
	STRATEGY_SCHEMA_VERSION,
	strategyVision
} from './strategy';
import type { OutcomeKpi } from '../domain/kpi';

function fresh(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, initialStrategyUpdate());
	return doc;
}

const ideaKpi = (id: string, over: Partial<OutcomeKpi> = {}): OutcomeKpi => ({
	id,
	kind: 'outcome',
	name: 'オンライン予約の利用率',
	unit: '%',
	measurementMethod: '',
	baselineValue: null,
	baselineYear: null,
	direction: 'higher',
	cumulative: false,
	targets: { 2027: 30 },
	pairedOutputIds: [],
	...over
});

describe('strategy document', () => {
	it('starts with exactly the four goals, locked, at the current version', () => {
		const doc = fresh();
		const draft = readStrategy(doc);
		expect(draft.schemaVersion).toBe(STRATEGY_SCHEMA_VERSION);
		expect(draft.goals.map((g) => [g.id, g.nationalTitle, g.title])).toEqual([
			[1, '地方に仕事をつくる', ''],
			[2, '人の流れをつくる', ''],
			[3, '結婚・出産・子育ての希望をかなえる', ''],
			[4, '魅力的な地域をつくる', '']
		]);
		// the collaboration server reads this as "only facilitators may change it"
		expect(isBoardLocked(doc)).toBe(true);
		// init is idempotent and a reader of an empty document still sees four goals
		initStrategy(doc);
		expect(readStrategy(doc).goals).toHaveLength(4);
		expect(readStrategy(new Y.Doc()).goals.map((g) => g.id)).toEqual([1, 2, 3, 4]);
	});

	it('builds the tree and reads it back in order', () => {
		const doc = fresh();
		strategyVision(doc).insert(0, '誰もが笑顔で暮らせるまち');
		goalTitleText(doc, 1)!.insert(0, '稼ぐ力を高める');
		const t = addNumericTarget(doc, 1, 't1', '町内総生産');
		setNumericTargetNumber(t, 'targetValue', 1200);
		addDirection(doc, 1, 'd1', '農業のスマート化');
		addDirection(doc, 1, 'd2', '観光');
		directionText(findItem(doc, 'direction', 'd1')!, 'body').insert(0, '段落\n・箇条');
		const m1 = addMeasure(doc, 'd1', 'm1', 'スマート農業');
		addMeasure(doc, 'd1', 'm2', '農地情報');
		setLeadDepartment(m1, '農林課');
		setRelatedDepartment(m1, '企画政策課', true);
		setRelatedDepartment(m1, '商工観光課', true);
		setRelatedDepartment(m1, '商工観光課', false);
		addMeasureKpi(m1, 'k1', { kind: 'outcome', name: '導入農家数', unit: '戸', targets: { 2029: 40 } });
		addProject(doc, 'm1', 'p1', { documentId: 'b1', sheetId: 's1', title: 'ドローン散布', departmentName: '農林課' });

		const draft = readStrategy(doc);
		expect(draft.vision).toBe('誰もが笑顔で暮らせるまち');
		const g1 = draft.goals[0]!;
		expect(g1.title).toBe('稼ぐ力を高める');
		expect(g1.targets).toMatchObject([{ id: 't1', indicator: '町内総生産', targetValue: 1200, baselineValue: null }]);
		expect(g1.directions.map((d) => d.id)).toEqual(['d1', 'd2']);
		expect(g1.directions[0]!.body).toBe('段落\n・箇条');
		const [first, second] = g1.directions[0]!.measures;
		expect([first!.id, second!.id]).toEqual(['m1', 'm2']);
		expect(first).toMatchObject({ leadDepartment: '農林課', relatedDepartments: ['企画政策課'] });
		expect(first!.kpis).toMatchObject([{ id: 'k1', kind: 'outcome', name: '導入農家数', targets: { 2029: 40 } }]);
		expect(first!.projects).toMatchObject([{ id: 'p1', documentId: 'b1', sheetId: 's1', title: 'ドローン散布' }]);
		expect(readStrategyState(Y.encodeStateAsUpdate(doc))).toEqual(draft);
	});

	it('moves within and across parents with one write, and concurrent moves keep one copy', () => {
		const doc = fresh();
		addDirection(doc, 1, 'd1');
		addDirection(doc, 2, 'd2');
		for (const id of ['a', 'b', 'c']) addMeasure(doc, 'd1', id, id);
		moveItem(doc, 'measure', 'c', { index: 0 });
		expect(readStrategy(doc).goals[0]!.directions[0]!.measures.map((m) => m.id)).toEqual(['c', 'a', 'b']);
		moveItem(doc, 'direction', 'd1', { parentId: 2, index: 1 });
		expect(readStrategy(doc).goals[1]!.directions.map((d) => d.id)).toEqual(['d2', 'd1']);

		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		moveItem(doc, 'measure', 'a', { parentId: 'd2', index: 0 });
		moveItem(other, 'measure', 'a', { index: 2 });
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		const ids = (d: Y.Doc) => readStrategy(d).goals[1]!.directions.flatMap((x) => x.measures.map((m) => m.id));
		expect(ids(doc)).toEqual(ids(other));
		expect(ids(doc).filter((id) => id === 'a')).toHaveLength(1);
		expect(ids(doc).sort()).toEqual(['a', 'b', 'c']);
	});

	it('deletes a direction with its measures and projects', () => {
		const doc = fresh();
		addDirection(doc, 1, 'd1');
		addMeasure(doc, 'd1', 'm1');
		addProject(doc, 'm1', 'p1', { documentId: 'b', sheetId: 's', title: 't', departmentName: '' });
		deleteItem(doc, 'direction', 'd1');
		expect(findItem(doc, 'measure', 'm1')).toBeUndefined();
		expect(findItem(doc, 'project', 'p1')).toBeUndefined();
		expect(readStrategy(doc).goals[0]!.directions).toEqual([]);
	});

	it('merges copies of the same indicator from several ideas, keeping every source', () => {
		const doc = fresh();
		addDirection(doc, 1, 'd1');
		const m = addMeasure(doc, 'd1', 'm1');
		measureText(m, 'title').insert(0, '施設予約');
		const first = copyIdeaKpi(m, ideaKpi('x1'), { documentId: 'b1', sheetId: 's1', kpiId: 'x1' }, 'k1');
		const second = copyIdeaKpi(
			m,
			ideaKpi('x2', { name: 'オンライン予約の利用率 ', measurementMethod: '予約システムの集計', targets: { 2027: 99, 2029: 50 } }),
			{ documentId: 'b2', sheetId: 's9', kpiId: 'x2' },
			'k2'
		);
		expect(first).toEqual({ kpiId: 'k1', merged: false });
		expect(second).toEqual({ kpiId: 'k1', merged: true });
		const other = copyIdeaKpi(m, ideaKpi('x3', { name: '窓口の待ち時間', unit: '分' }), { documentId: 'b1', sheetId: 's1', kpiId: 'x3' }, 'k3');
		expect(other.merged).toBe(false);
		let kpis = readStrategy(doc).goals[0]!.directions[0]!.measures[0]!.kpis;
		expect(kpis).toHaveLength(2);
		// blanks filled from the second copy; the first copy's targets win
		expect(kpis[0]).toMatchObject({ measurementMethod: '予約システムの集計', targets: { 2027: 30, 2029: 50 } });
		expect(kpis[0]!.sources).toEqual([
			{ documentId: 'b1', sheetId: 's1', kpiId: 'x1' },
			{ documentId: 'b2', sheetId: 's9', kpiId: 'x2' }
		]);

		mergeMeasureKpis(m, 'k1', 'k3');
		kpis = readStrategy(doc).goals[0]!.directions[0]!.measures[0]!.kpis;
		expect(kpis.map((k) => k.id)).toEqual(['k1']);
		expect(kpis[0]!.sources.map((s) => s.kpiId)).toEqual(['x1', 'x3', 'x2']);

		addMeasureKpi(m, 'k4', { kind: 'output', name: 'b' });
		moveMeasureKpi(m, 'k4', 0);
		expect(readStrategy(doc).goals[0]!.directions[0]!.measures[0]!.kpis.map((k) => k.id)).toEqual(['k4', 'k1']);
	});
});
