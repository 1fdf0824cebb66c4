/**
 * The difference between two drafts (for example two saved versions), as the rows of a
 * 新旧対照表: what was added, removed or changed, old beside new. Items are matched by id, so a
 * renamed measure is "changed", not "removed and added"; moving an item to another place counts
 * as a change of its parent, a mere reordering among its siblings is not a change.
 * Pure: works on two plain StrategyDraft values.
 */
import type { BasicGoalId } from './strategy';
import { targetSeries } from './kpi';
import { formatFiscalYear } from './fiscal-year';
import {
	goalDisplayTitle,
	type DraftDirection,
	type DraftMeasure,
	type DraftProject,
	type MeasureKpi,
	type NumericTarget,
	type StrategyDraft
} from './strategy-draft';

export type DiffChange = 'added' | 'removed' | 'changed';
export type DiffSubject = 'vision' | 'goal' | 'numericTarget' | 'direction' | 'measure' | 'kpi' | 'project';

export interface DiffField {
	/** A field name: title, leadDepartment, measurementMethod, target:2029, … */
	field: string;
	before: string;
	after: string;
}

/** Where an item is: its goal and, when it has them, its direction and measure titles. */
export interface DiffLocation {
	goalId: BasicGoalId;
	goalTitle: string;
	direction?: string;
	measure?: string;
}

export interface DiffEntry {
	subject: DiffSubject;
	change: DiffChange;
	id: string;
	/** The item's name (the new one; the old one when removed). */
	label: string;
	location: DiffLocation;
	/** Every compared field: old and new value (empty strings on the missing side). */
	fields: DiffField[];
	/** Changed entries: whether it moved to another goal, direction or measure. */
	moved?: boolean;
}

const SUBJECT_RANK: Record<DiffSubject, number> = {
	vision: 0,
	goal: 1,
	numericTarget: 2,
	direction: 3,
	measure: 4,
	kpi: 5,
	project: 6
};

const n = (v: number | null): string => (v === null ? '' : String(v));
/** Years read in the 新旧対照表 as everywhere else: 令和6年度（2024年度）. */
const fy = (v: number | null): string => (v === null ? '' : formatFiscalYear(v));

interface Placed<T> {
	item: T;
	location: DiffLocation;
	/** Position in document order, for sorting. */
	position: number;
	/** The parent's id (goal, direction or measure), to notice moves. */
	parentId: string;
	parentLabel: string;
}

interface Indexed {
	targets: Map<string, Placed<NumericTarget>>;
	directions: Map<string, Placed<DraftDirection>>;
	measures: Map<string, Placed<DraftMeasure>>;
	kpis: Map<string, Placed<MeasureKpi>>;
	projects: Map<string, Placed<DraftProject>>;
}

function index(draft: StrategyDraft): Indexed {
	const out: Indexed = {
		targets: new Map(),
		directions: new Map(),
		measures: new Map(),
		kpis: new Map(),
		projects: new Map()
	};
	let position = 0;
	for (const goal of draft.goals) {
		const goalTitle = goalDisplayTitle(goal);
		const goalLoc: DiffLocation = { goalId: goal.id, goalTitle };
		for (const t of goal.targets) {
			out.targets.set(t.id, { item: t, location: goalLoc, position: position++, parentId: String(goal.id), parentLabel: goalTitle });
		}
		for (const d of goal.directions) {
			out.directions.set(d.id, { item: d, location: goalLoc, position: position++, parentId: String(goal.id), parentLabel: goalTitle });
			const dirLoc: DiffLocation = { ...goalLoc, direction: d.title };
			for (const m of d.measures) {
				out.measures.set(m.id, { item: m, location: dirLoc, position: position++, parentId: d.id, parentLabel: d.title });
				const mLoc: DiffLocation = { ...dirLoc, measure: m.title };
				for (const k of m.kpis) {
					out.kpis.set(k.id, { item: k, location: mLoc, position: position++, parentId: m.id, parentLabel: m.title });
				}
				for (const p of m.projects) {
					out.projects.set(p.id, { item: p, location: mLoc, position: position++, parentId: m.id, parentLabel: m.title });
				}
			}
		}
	}
	return out;
}

function targetFields(t: NumericTarget): Record<string, string> {
	return {
		indicator: t.indicator,
		unit: t.unit,
		baselineValue: n(t.baselineValue),
		baselineYear: fy(t.baselineYear),
		targetValue: n(t.targetValue),
		targetYear: fy(t.targetYear)
	};
}

function directionFields(d: DraftDirection): Record<string, string> {
	return { title: d.title, body: d.body };
}

function measureFields(m: DraftMeasure): Record<string, string> {
	return {
		title: m.title,
		description: m.description,
		leadDepartment: m.leadDepartment,
		relatedDepartments: m.relatedDepartments.join('、')
	};
}

function kpiFields(k: MeasureKpi, years: number[]): Record<string, string> {
	const out: Record<string, string> = {
		name: k.name,
		kind: k.kind,
		unit: k.unit,
		measurementMethod: k.measurementMethod,
		baselineValue: n(k.baselineValue),
		baselineYear: fy(k.baselineYear),
		betterWhen: k.direction,
		cumulative: k.cumulative ? 'true' : 'false'
	};
	for (const y of years) {
		const v = k.targets[y];
		out[`target:${y}`] = typeof v === 'number' ? String(v) : '';
	}
	return out;
}

function projectFields(p: DraftProject): Record<string, string> {
	return { title: p.title, departmentName: p.departmentName };
}

/** Field-by-field comparison; `parent` adds a move as a change of the parent field. */
function compare(
	before: Record<string, string>,
	after: Record<string, string>
): { fields: DiffField[]; changed: boolean } {
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	const fields = keys.map((field) => ({ field, before: before[field] ?? '', after: after[field] ?? '' }));
	return { fields, changed: fields.some((f) => f.before !== f.after) };
}

function diffMaps<T>(
	subject: DiffSubject,
	older: Map<string, Placed<T>>,
	newer: Map<string, Placed<T>>,
	fieldsOf: (item: T) => Record<string, string>,
	labelOf: (item: T) => string,
	parentField: string | null
): Array<DiffEntry & { position: number }> {
	const out: Array<DiffEntry & { position: number }> = [];
	for (const [id, b] of newer) {
		const a = older.get(id);
		const afterFields = fieldsOf(b.item);
		if (parentField) afterFields[parentField] = b.parentLabel;
		if (!a) {
			const { fields } = compare({}, afterFields);
			out.push({ subject, change: 'added', id, label: labelOf(b.item), location: b.location, fields, position: b.position });
			continue;
		}
		const beforeFields = fieldsOf(a.item);
		// a move is a change even when the old and new parents happen to share a title; a
		// renamed parent is not a change of its children
		const moved = parentField !== null && a.parentId !== b.parentId;
		if (parentField) beforeFields[parentField] = moved ? a.parentLabel : b.parentLabel;
		const { fields, changed } = compare(beforeFields, afterFields);
		if (changed || moved) {
			out.push({
				subject,
				change: 'changed',
				id,
				label: labelOf(b.item),
				location: b.location,
				fields,
				moved,
				position: b.position
			});
		}
	}
	for (const [id, a] of older) {
		if (newer.has(id)) continue;
		const beforeFields = fieldsOf(a.item);
		if (parentField) beforeFields[parentField] = a.parentLabel;
		const { fields } = compare(beforeFields, {});
		out.push({ subject, change: 'removed', id, label: labelOf(a.item), location: a.location, fields, position: a.position });
	}
	return out;
}

/** Every fiscal year that has a target in either KPI list. */
function targetYears(drafts: StrategyDraft[]): number[] {
	const years = new Set<number>();
	for (const d of drafts) {
		for (const g of d.goals)
			for (const dir of g.directions)
				for (const m of dir.measures) for (const k of m.kpis) for (const t of targetSeries(k)) years.add(t.year);
	}
	return [...years].sort((a, b) => a - b);
}

/**
 * What changed from `older` to `newer`: goal by goal, then by kind (vision, goal, numeric
 * targets, directions, measures, KPIs, projects); within a kind in the newer draft's order, with
 * removed items last (in the older draft's order).
 */
export function diffStrategies(older: StrategyDraft, newer: StrategyDraft): DiffEntry[] {
	const a = index(older);
	const b = index(newer);
	const years = targetYears([older, newer]);
	const entries: Array<DiffEntry & { position: number }> = [];

	if (older.vision !== newer.vision) {
		const goal = newer.goals[0]!;
		entries.push({
			subject: 'vision',
			change: older.vision ? (newer.vision ? 'changed' : 'removed') : 'added',
			id: 'vision',
			label: '',
			location: { goalId: goal.id, goalTitle: goalDisplayTitle(goal) },
			fields: [{ field: 'vision', before: older.vision, after: newer.vision }],
			position: -1
		});
	}
	for (const goal of newer.goals) {
		const old = older.goals.find((g) => g.id === goal.id);
		if (old && old.title !== goal.title) {
			entries.push({
				subject: 'goal',
				change: 'changed',
				id: String(goal.id),
				label: goalDisplayTitle(goal),
				location: { goalId: goal.id, goalTitle: goalDisplayTitle(goal) },
				fields: [{ field: 'title', before: old.title, after: goal.title }],
				position: -1
			});
		}
	}
	entries.push(...diffMaps('numericTarget', a.targets, b.targets, targetFields, (t) => t.indicator, 'goal'));
	entries.push(...diffMaps('direction', a.directions, b.directions, directionFields, (d) => d.title, 'goal'));
	entries.push(...diffMaps('measure', a.measures, b.measures, measureFields, (m) => m.title, 'direction'));
	entries.push(...diffMaps('kpi', a.kpis, b.kpis, (k) => kpiFields(k, years), (k) => k.name, 'measure'));
	entries.push(...diffMaps('project', a.projects, b.projects, projectFields, (p) => p.title, 'measure'));

	entries.sort(
		(x, y) =>
			x.location.goalId - y.location.goalId ||
			SUBJECT_RANK[x.subject] - SUBJECT_RANK[y.subject] ||
			Number(x.change === 'removed') - Number(y.change === 'removed') ||
			x.position - y.position ||
			x.id.localeCompare(y.id)
	);
	return entries.map(({ position: _position, ...entry }) => entry);
}

/** The fields a 新旧対照表 row shows: what differs (a change), or what is filled in (added, removed). */
export function changedFields(entry: DiffEntry, parentFields: readonly string[] = ['goal', 'direction', 'measure']): DiffField[] {
	if (entry.change === 'changed') {
		return entry.fields.filter((f) => f.before !== f.after || (entry.moved === true && parentFields.includes(f.field)));
	}
	return entry.fields.filter((f) => (entry.change === 'added' ? f.after : f.before) !== '');
}
