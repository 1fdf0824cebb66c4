/**
 * The shared-document schema of the draft strategy (素案): one live document per workspace,
 * document kind 'strategy'. Root names, typed accessors, the schema version and its migration.
 * This is the only module that names the strategy document's roots or field keys. No DOM and no
 * server imports. docs/yjs-schema.md ("Strategy document") describes the same shape for readers.
 *
 * The tree 基本目標 → 基本的方向 → 具体的な施策 → 事業 is stored flat: each level is one root map
 * of items that name their parent (`goalId`, `directionId`, `measureId`) and carry a fractional
 * `order` key. Moving an item, within its parent or to another, is therefore a write of one or
 * two fields: concurrent moves never duplicate or lose an item (last writer wins on the place).
 * The four basic goals are fixed keys '1'–'4' of the `goals` map, and the reader always returns
 * exactly those four, in order, whatever the document holds.
 */
import * as Y from 'yjs';
import type { Kpi, KpiDirection, KpiFields, KpiKind } from '../domain/kpi';
import { BASIC_GOALS, isBasicGoalId, type BasicGoalId } from '../domain/strategy';
import {
	sameIndicator,
	type DraftDirection,
	type DraftGoal,
	type DraftMeasure,
	type DraftProject,
	type IdeaRef,
	type KpiSource,
	type MeasureKpi,
	type NumericTarget,
	type StrategyDraft
} from '../domain/strategy-draft';
import { orderBetween, type YRecord } from './schema';
import { readKpiFields, readKpiTargets, writeKpiFields } from './kpi-fields';

export const STRATEGY_SCHEMA_VERSION = 1;

/**
 * `meta` deliberately has the board's root name and `locked` key: the collaboration server
 * accepts changes to a document whose `meta.locked` is true from facilitators and admins only
 * (room.ts, via isBoardLocked). A strategy document is created locked and stays locked, so the
 * planning section edits it and every other member reads it live.
 */
const ROOT = {
	meta: 'meta',
	vision: 'vision',
	goals: 'goals',
	goalTargets: 'goalTargets',
	directions: 'directions',
	measures: 'measures',
	projects: 'projects'
} as const;

export type StrategyItemKind = 'numericTarget' | 'direction' | 'measure' | 'project';

const PARENT_KEY: Record<StrategyItemKind, 'goalId' | 'directionId' | 'measureId'> = {
	numericTarget: 'goalId',
	direction: 'goalId',
	measure: 'directionId',
	project: 'measureId'
};

// ─── roots ────────────────────────────────────────────────────────────────────────────────────

const meta = (doc: Y.Doc) => doc.getMap<unknown>(ROOT.meta);
export const strategyVision = (doc: Y.Doc): Y.Text => doc.getText(ROOT.vision);
const goalsRoot = (doc: Y.Doc) => doc.getMap<YRecord>(ROOT.goals);
const itemsRoot = (doc: Y.Doc, kind: StrategyItemKind): Y.Map<YRecord> =>
	doc.getMap<YRecord>(
		kind === 'numericTarget'
			? ROOT.goalTargets
			: kind === 'direction'
				? ROOT.directions
				: kind === 'measure'
					? ROOT.measures
					: ROOT.projects
	);

/** The shared types an undo manager should track (everything the editor changes). */
export function strategyUndoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
	return [
		strategyVision(doc),
		goalsRoot(doc),
		itemsRoot(doc, 'numericTarget'),
		itemsRoot(doc, 'direction'),
		itemsRoot(doc, 'measure'),
		itemsRoot(doc, 'project')
	] as Y.AbstractType<unknown>[];
}

// ─── small readers ────────────────────────────────────────────────────────────────────────────

function str(map: YRecord, key: string): string {
	const v = map.get(key);
	if (v instanceof Y.Text) return v.toString();
	return typeof v === 'string' ? v : '';
}

function num(map: YRecord, key: string): number | null {
	const v = map.get(key);
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function text(map: YRecord, key: string): Y.Text {
	let t = map.get(key);
	if (!(t instanceof Y.Text)) {
		t = new Y.Text(typeof t === 'string' ? t : '');
		map.set(key, t);
	}
	return t as Y.Text;
}

function byOrder<T extends { order: string; id: string }>(x: T, y: T): number {
	return x.order < y.order ? -1 : x.order > y.order ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function setNumber(map: YRecord, key: string, value: number | null): void {
	map.set(key, value !== null && Number.isFinite(value) ? value : null);
}

// ─── meta, init, migration ────────────────────────────────────────────────────────────────────

/** Writes the schema version, the lock and the four goals into an empty document (idempotent). */
export function initStrategy(doc: Y.Doc): void {
	doc.transact(() => {
		const m = meta(doc);
		if (m.get('locked') === undefined) m.set('locked', true);
		const goals = goalsRoot(doc);
		for (const goal of BASIC_GOALS) {
			if (!(goals.get(String(goal.id)) instanceof Y.Map)) {
				const g = new Y.Map<unknown>();
				g.set('title', new Y.Text());
				goals.set(String(goal.id), g);
			}
		}
		migrateStrategy(doc);
	});
}

/** Brings a strategy document to the current version (version 1 is the first). */
export function migrateStrategy(doc: Y.Doc): void {
	const version = meta(doc).get('schemaVersion');
	if (typeof version !== 'number' || version < STRATEGY_SCHEMA_VERSION) {
		meta(doc).set('schemaVersion', STRATEGY_SCHEMA_VERSION);
	}
}

export function strategySchemaVersion(doc: Y.Doc): number {
	const v = meta(doc).get('schemaVersion');
	return typeof v === 'number' ? v : 0;
}

/** The whole initial state of a new strategy document, as one Yjs update (the server stores it). */
export function initialStrategyUpdate(): Uint8Array {
	const doc = new Y.Doc();
	initStrategy(doc);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

// ─── goals and their numeric targets (数値目標) ───────────────────────────────────────────────────

/**
 * The town's own title of a basic goal; undefined until the document has its goals (they are
 * written by initStrategy when the document is created, never while rendering).
 */
export function goalTitleText(doc: Y.Doc, goalId: BasicGoalId): Y.Text | undefined {
	const goal = goalsRoot(doc).get(String(goalId));
	if (!(goal instanceof Y.Map)) return undefined;
	const title = goal.get('title');
	return title instanceof Y.Text ? title : undefined;
}

export type NumericTargetTextField = 'indicator' | 'unit';
export type NumericTargetNumberField = 'baselineValue' | 'baselineYear' | 'targetValue' | 'targetYear';

export function findItem(doc: Y.Doc, kind: StrategyItemKind, id: string): YRecord | undefined {
	return itemsRoot(doc, kind).get(id);
}

/** Siblings of a parent, in order (without `exceptId`). */
function siblings(doc: Y.Doc, kind: StrategyItemKind, parentId: string | number, exceptId?: string) {
	const out: Array<{ id: string; order: string }> = [];
	itemsRoot(doc, kind).forEach((item, id) => {
		if (id !== exceptId && item.get(PARENT_KEY[kind]) === parentId) out.push({ id, order: str(item, 'order') });
	});
	return out.sort(byOrder);
}

function appendOrder(doc: Y.Doc, kind: StrategyItemKind, parentId: string | number): string {
	const list = siblings(doc, kind, parentId);
	return orderBetween(list[list.length - 1]?.order, undefined);
}

function newItem(doc: Y.Doc, kind: StrategyItemKind, id: string, parentId: string | number): YRecord {
	const item = new Y.Map<unknown>();
	item.set('id', id);
	item.set(PARENT_KEY[kind], parentId);
	item.set('order', appendOrder(doc, kind, parentId));
	return item;
}

export function addNumericTarget(doc: Y.Doc, goalId: BasicGoalId, id: string, indicator = ''): YRecord {
	let item!: YRecord;
	doc.transact(() => {
		item = newItem(doc, 'numericTarget', id, goalId);
		item.set('indicator', new Y.Text(indicator));
		item.set('unit', new Y.Text());
		for (const key of ['baselineValue', 'baselineYear', 'targetValue', 'targetYear']) item.set(key, null);
		itemsRoot(doc, 'numericTarget').set(id, item);
	});
	return item;
}

export function numericTargetText(item: YRecord, field: NumericTargetTextField): Y.Text {
	return text(item, field);
}

export function setNumericTargetNumber(item: YRecord, field: NumericTargetNumberField, value: number | null): void {
	setNumber(item, field, value);
}

// ─── basic directions (基本的方向) ────────────────────────────────────────────────────────────────

export type DirectionTextField = 'title' | 'body';

export function addDirection(doc: Y.Doc, goalId: BasicGoalId, id: string, title = ''): YRecord {
	let item!: YRecord;
	doc.transact(() => {
		item = newItem(doc, 'direction', id, goalId);
		item.set('title', new Y.Text(title));
		item.set('body', new Y.Text());
		itemsRoot(doc, 'direction').set(id, item);
	});
	return item;
}

export function directionText(item: YRecord, field: DirectionTextField): Y.Text {
	return text(item, field);
}

// ─── specific measures (具体的な施策) ─────────────────────────────────────────────────────────────

export type MeasureTextField = 'title' | 'description';

export function addMeasure(doc: Y.Doc, directionId: string, id: string, title = ''): YRecord {
	let item!: YRecord;
	doc.transact(() => {
		item = newItem(doc, 'measure', id, directionId);
		item.set('title', new Y.Text(title));
		item.set('description', new Y.Text());
		item.set('leadDepartment', '');
		item.set('relatedDepartments', new Y.Map<boolean>());
		item.set('kpis', new Y.Map<YRecord>());
		itemsRoot(doc, 'measure').set(id, item);
	});
	return item;
}

export function measureText(item: YRecord, field: MeasureTextField): Y.Text {
	return text(item, field);
}

export function setLeadDepartment(measure: YRecord, department: string): void {
	measure.set('leadDepartment', department.trim().slice(0, 60));
}

export function setRelatedDepartment(measure: YRecord, department: string, on: boolean): void {
	let set = measure.get('relatedDepartments');
	if (!(set instanceof Y.Map)) {
		set = new Y.Map<boolean>();
		measure.set('relatedDepartments', set);
	}
	const name = department.trim().slice(0, 60);
	if (!name) return;
	if (on) (set as Y.Map<boolean>).set(name, true);
	else (set as Y.Map<boolean>).delete(name);
}

// ─── KPIs of a measure ────────────────────────────────────────────────────────────────────────

export type MeasureKpiTextField = 'name' | 'unit' | 'measurementMethod';
export type MeasureKpiNumberField = 'baselineValue' | 'baselineYear';

function kpiMap(measure: YRecord): Y.Map<YRecord> {
	let kpis = measure.get('kpis');
	if (!(kpis instanceof Y.Map)) {
		kpis = new Y.Map<YRecord>();
		measure.set('kpis', kpis);
	}
	return kpis as Y.Map<YRecord>;
}

function kpiSiblings(measure: YRecord, exceptId?: string) {
	const out: Array<{ id: string; order: string }> = [];
	kpiMap(measure).forEach((k, id) => {
		if (id !== exceptId) out.push({ id, order: str(k, 'order') });
	});
	return out.sort(byOrder);
}

export interface NewMeasureKpi extends Partial<KpiFields> {
	kind: KpiKind;
	sources?: KpiSource[];
}

const sourceKey = (s: KpiSource) => `${s.documentId}/${s.sheetId}/${s.kpiId}`;

export function addMeasureKpi(measure: YRecord, id: string, input: NewMeasureKpi): YRecord {
	const kpi = new Y.Map<unknown>();
	const list = kpiSiblings(measure);
	kpi.set('id', id);
	kpi.set('order', orderBetween(list[list.length - 1]?.order, undefined));
	kpi.set('kind', input.kind);
	writeKpiFields(kpi, input);
	const sources = new Y.Map<KpiSource>();
	for (const s of input.sources ?? []) sources.set(sourceKey(s), { ...s });
	kpi.set('sources', sources);
	kpiMap(measure).set(id, kpi);
	return kpi;
}

export function findMeasureKpi(measure: YRecord, id: string): YRecord | undefined {
	return kpiMap(measure).get(id);
}

export function removeMeasureKpi(measure: YRecord, id: string): void {
	kpiMap(measure).delete(id);
}

export function measureKpiText(kpi: YRecord, field: MeasureKpiTextField): Y.Text {
	return text(kpi, field);
}

export function setMeasureKpiNumber(kpi: YRecord, field: MeasureKpiNumberField, value: number | null): void {
	setNumber(kpi, field, value);
}

export function setMeasureKpiKind(kpi: YRecord, kind: KpiKind): void {
	kpi.set('kind', kind);
}

export function setMeasureKpiDirection(kpi: YRecord, direction: KpiDirection): void {
	kpi.set('direction', direction);
}

export function setMeasureKpiCumulative(kpi: YRecord, cumulative: boolean): void {
	kpi.set('cumulative', cumulative);
}

/** Sets (or, with null, blanks) the target of one fiscal year. */
export function setMeasureKpiTarget(kpi: YRecord, fy: number, value: number | null): void {
	let targets = kpi.get('targets');
	if (!(targets instanceof Y.Map)) {
		targets = new Y.Map<number>();
		kpi.set('targets', targets);
	}
	if (value === null || !Number.isFinite(value)) (targets as Y.Map<number>).delete(String(fy));
	else (targets as Y.Map<number>).set(String(fy), value);
}

function addSources(kpi: YRecord, sources: readonly KpiSource[]): void {
	let map = kpi.get('sources');
	if (!(map instanceof Y.Map)) {
		map = new Y.Map<KpiSource>();
		kpi.set('sources', map);
	}
	for (const s of sources) (map as Y.Map<KpiSource>).set(sourceKey(s), { ...s });
}

/** Fills what `into` leaves blank from `from` (method, baseline, yearly targets). */
function fillBlanks(into: YRecord, from: Omit<NewMeasureKpi, 'kind'>): void {
	if (!str(into, 'measurementMethod').trim() && from.measurementMethod?.trim()) {
		measureKpiText(into, 'measurementMethod').insert(0, from.measurementMethod);
	}
	if (num(into, 'baselineValue') === null && typeof from.baselineValue === 'number') {
		into.set('baselineValue', from.baselineValue);
		into.set('baselineYear', from.baselineYear ?? null);
	}
	const targets = readKpiTargets(into);
	for (const [year, value] of Object.entries(from.targets ?? {})) {
		if (typeof value === 'number' && typeof targets[Number(year)] !== 'number') {
			setMeasureKpiTarget(into, Number(year), value);
		}
	}
}

/**
 * Copies an idea's KPI into a measure, remembering where it came from. When the measure already
 * has a KPI for the same indicator (sameIndicator), the copy merges into it: the source is added
 * and only blanks are filled. Returns the KPI's id and whether it merged.
 */
export function copyIdeaKpi(
	measure: YRecord,
	kpi: Kpi,
	source: KpiSource,
	newId: string
): { kpiId: string; merged: boolean } {
	const doc = measure.doc;
	let result!: { kpiId: string; merged: boolean };
	const run = () => {
		let existing: YRecord | undefined;
		kpiMap(measure).forEach((k) => {
			if (!existing && sameIndicator({ name: str(k, 'name'), unit: str(k, 'unit') }, kpi)) existing = k;
		});
		if (existing) {
			addSources(existing, [source]);
			fillBlanks(existing, kpi);
			result = { kpiId: str(existing, 'id'), merged: true };
		} else {
			addMeasureKpi(measure, newId, { ...kpi, sources: [source] });
			result = { kpiId: newId, merged: false };
		}
	};
	if (doc) doc.transact(run);
	else run();
	return result;
}

/** Merges KPI `mergeId` into `keepId` (same measure): sources are joined, blanks filled, `mergeId` removed. */
export function mergeMeasureKpis(measure: YRecord, keepId: string, mergeId: string): void {
	if (keepId === mergeId) return;
	const keep = findMeasureKpi(measure, keepId);
	const merge = findMeasureKpi(measure, mergeId);
	if (!keep || !merge) return;
	const run = () => {
		const view = readMeasureKpi(merge);
		addSources(keep, view.sources);
		fillBlanks(keep, view);
		removeMeasureKpi(measure, mergeId);
	};
	if (measure.doc) measure.doc.transact(run);
	else run();
}

/** Moves a KPI to position `index` among the measure's KPIs. */
export function moveMeasureKpi(measure: YRecord, id: string, index: number): void {
	const kpi = findMeasureKpi(measure, id);
	if (!kpi) return;
	const list = kpiSiblings(measure, id);
	const i = Math.max(0, Math.min(index, list.length));
	kpi.set('order', orderBetween(list[i - 1]?.order, list[i]?.order));
}

export function readMeasureKpi(kpi: YRecord): MeasureKpi {
	const sources: KpiSource[] = [];
	const s = kpi.get('sources');
	if (s instanceof Y.Map) {
		s.forEach((v) => {
			const o = v as Partial<KpiSource> | null;
			if (o && typeof o.documentId === 'string' && typeof o.sheetId === 'string' && typeof o.kpiId === 'string') {
				sources.push({ documentId: o.documentId, sheetId: o.sheetId, kpiId: o.kpiId });
			}
		});
	}
	sources.sort((a, b) => sourceKey(a).localeCompare(sourceKey(b)));
	return {
		id: str(kpi, 'id'),
		order: str(kpi, 'order'),
		kind: kpi.get('kind') === 'output' ? 'output' : 'outcome',
		...readKpiFields(kpi),
		sources
	};
}

// ─── projects (事業): links to idea sheets ───────────────────────────────────────────────────────

export interface NewProject extends IdeaRef {
	title: string;
	departmentName: string;
}

/** Places an idea under a measure as a project. */
export function addProject(doc: Y.Doc, measureId: string, id: string, idea: NewProject): YRecord {
	let item!: YRecord;
	doc.transact(() => {
		item = newItem(doc, 'project', id, measureId);
		item.set('documentId', idea.documentId);
		item.set('sheetId', idea.sheetId);
		item.set('title', idea.title);
		item.set('departmentName', idea.departmentName);
		itemsRoot(doc, 'project').set(id, item);
	});
	return item;
}

/** Updates the cached title and department of a project from its sheet (no write when equal). */
export function refreshProject(item: YRecord, current: { title: string; departmentName: string }): void {
	if (str(item, 'title') !== current.title) item.set('title', current.title);
	if (str(item, 'departmentName') !== current.departmentName) item.set('departmentName', current.departmentName);
}

// ─── moving and deleting ──────────────────────────────────────────────────────────────────────

/**
 * Moves an item to position `index` among the children of `parentId` (its own parent when
 * omitted). One transaction, at most two field writes.
 */
export function moveItem(
	doc: Y.Doc,
	kind: StrategyItemKind,
	id: string,
	to: { parentId?: string | number; index: number }
): void {
	const item = findItem(doc, kind, id);
	if (!item) return;
	const parentKey = PARENT_KEY[kind];
	const parentId = to.parentId ?? (item.get(parentKey) as string | number);
	const list = siblings(doc, kind, parentId, id);
	const i = Math.max(0, Math.min(to.index, list.length));
	doc.transact(() => {
		if (item.get(parentKey) !== parentId) item.set(parentKey, parentId);
		item.set('order', orderBetween(list[i - 1]?.order, list[i]?.order));
	});
}

/** Deletes an item and everything under it (a direction's measures and their projects). */
export function deleteItem(doc: Y.Doc, kind: StrategyItemKind, id: string): void {
	doc.transact(() => {
		if (kind === 'direction') {
			for (const m of siblings(doc, 'measure', id)) deleteItem(doc, 'measure', m.id);
		} else if (kind === 'measure') {
			for (const p of siblings(doc, 'project', id)) deleteItem(doc, 'project', p.id);
		}
		itemsRoot(doc, kind).delete(id);
	});
}

// ─── reading the whole draft ──────────────────────────────────────────────────────────────────

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const list = out.get(k) ?? [];
		list.push(item);
		out.set(k, list);
	}
	return out;
}

function readAll(doc: Y.Doc, kind: StrategyItemKind): YRecord[] {
	const out: YRecord[] = [];
	itemsRoot(doc, kind).forEach((item) => {
		if (item instanceof Y.Map) out.push(item);
	});
	return out;
}

/**
 * The draft as plain data. Always four goals in order; items whose parent is gone (a concurrent
 * delete and move) are left out.
 */
export function readStrategy(doc: Y.Doc): StrategyDraft {
	const projects = readAll(doc, 'project').map(
		(p): DraftProject & { measureId: string } => ({
			id: str(p, 'id'),
			order: str(p, 'order'),
			measureId: str(p, 'measureId'),
			documentId: str(p, 'documentId'),
			sheetId: str(p, 'sheetId'),
			title: str(p, 'title'),
			departmentName: str(p, 'departmentName')
		})
	);
	const projectsOf = groupBy(projects, (p) => p.measureId);

	const measures = readAll(doc, 'measure').map((m): DraftMeasure => {
		const related = m.get('relatedDepartments');
		const kpis: MeasureKpi[] = [];
		const k = m.get('kpis');
		if (k instanceof Y.Map) k.forEach((kpi) => kpi instanceof Y.Map && kpis.push(readMeasureKpi(kpi)));
		const id = str(m, 'id');
		return {
			id,
			order: str(m, 'order'),
			directionId: str(m, 'directionId'),
			title: str(m, 'title'),
			description: str(m, 'description'),
			leadDepartment: str(m, 'leadDepartment'),
			relatedDepartments:
				related instanceof Y.Map ? [...related.keys()].filter((d) => related.get(d) === true).sort() : [],
			kpis: kpis.sort(byOrder),
			projects: (projectsOf.get(id) ?? []).sort(byOrder).map(({ measureId: _m, ...p }) => p)
		};
	});
	const measuresOf = groupBy(measures, (m) => m.directionId);

	const directions = readAll(doc, 'direction').flatMap((d): DraftDirection[] => {
		const goalId = d.get('goalId');
		if (!isBasicGoalId(goalId)) return [];
		const id = str(d, 'id');
		return [
			{
				id,
				order: str(d, 'order'),
				goalId,
				title: str(d, 'title'),
				body: str(d, 'body'),
				measures: (measuresOf.get(id) ?? []).sort(byOrder)
			}
		];
	});
	const directionsOf = groupBy(directions, (d) => String(d.goalId));

	const targets = readAll(doc, 'numericTarget').flatMap((t): Array<NumericTarget & { goalId: BasicGoalId }> => {
		const goalId = t.get('goalId');
		if (!isBasicGoalId(goalId)) return [];
		return [
			{
				id: str(t, 'id'),
				order: str(t, 'order'),
				goalId,
				indicator: str(t, 'indicator'),
				unit: str(t, 'unit'),
				baselineValue: num(t, 'baselineValue'),
				baselineYear: num(t, 'baselineYear'),
				targetValue: num(t, 'targetValue'),
				targetYear: num(t, 'targetYear')
			}
		];
	});
	const targetsOf = groupBy(targets, (t) => String(t.goalId));

	const goals = goalsRoot(doc);
	return {
		schemaVersion: strategySchemaVersion(doc),
		vision: strategyVision(doc).toString(),
		goals: BASIC_GOALS.map((g): DraftGoal => {
			const goal = goals.get(String(g.id));
			return {
				id: g.id,
				nationalTitle: g.title,
				title: goal instanceof Y.Map ? str(goal, 'title') : '',
				targets: (targetsOf.get(String(g.id)) ?? []).sort(byOrder).map(({ goalId: _g, ...t }) => t),
				directions: (directionsOf.get(String(g.id)) ?? []).sort(byOrder)
			};
		})
	};
}

/** Reads a stored state (a version's snapshot) into a draft. */
export function readStrategyState(state: Uint8Array): StrategyDraft {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const draft = readStrategy(doc);
	doc.destroy();
	return draft;
}
