/** Plain drafts for unit tests of the pure strategy functions (no Yjs). */
import { BASIC_GOALS } from '../strategy';
import type {
	DraftDirection,
	DraftMeasure,
	DraftProject,
	MeasureKpi,
	NumericTarget,
	StrategyDraft
} from '../strategy-draft';

export function emptyDraft(): StrategyDraft {
	return {
		schemaVersion: 1,
		vision: '',
		goals: BASIC_GOALS.map((g) => ({ id: g.id, nationalTitle: g.title, title: '', targets: [], directions: [] }))
	};
}

export function kpi(id: string, over: Partial<MeasureKpi> = {}): MeasureKpi {
	return {
		id,
		order: 'a',
		kind: 'outcome',
		name: `指標${id}`,
		unit: '件',
		measurementMethod: '業務統計',
		baselineValue: 10,
		baselineYear: 2024,
		direction: 'higher',
		cumulative: false,
		targets: { 2029: 50 },
		sources: [],
		...over
	};
}

export function measure(id: string, over: Partial<DraftMeasure> = {}): DraftMeasure {
	return {
		id,
		order: 'a',
		directionId: 'd1',
		title: `施策${id}`,
		description: '',
		leadDepartment: '企画政策課',
		relatedDepartments: [],
		kpis: [],
		projects: [],
		...over
	};
}

export function direction(id: string, over: Partial<DraftDirection> = {}): DraftDirection {
	return { id, order: 'a', goalId: 1, title: `方向${id}`, body: '', measures: [], ...over };
}

export function project(id: string, documentId: string, sheetId: string, over: Partial<DraftProject> = {}): DraftProject {
	return { id, order: 'a', documentId, sheetId, title: `事業${id}`, departmentName: '総務課', ...over };
}

export function target(id: string, over: Partial<NumericTarget> = {}): NumericTarget {
	return {
		id,
		order: 'a',
		indicator: `数値目標${id}`,
		unit: '人',
		baselineValue: 100,
		baselineYear: 2024,
		targetValue: 120,
		targetYear: 2029,
		...over
	};
}

export const clone = <T>(v: T): T => structuredClone(v);
