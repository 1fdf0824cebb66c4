/**
 * The KPI register (KPI台帳) in SQL: adoptions of the strategy, the register's KPIs with their
 * yearly targets, yearly actuals with their history, and the register's setting. Actuals have
 * owners and a history of every change, which a shared document cannot give; the rules that read
 * them live in domain/evaluation.
 */
import type { Db } from '../db';
import type { RegisterChangeKind, RegisterCompareWith, RegisterKpiRow } from '../db/types';
import { newId } from '../ids';
import type { KpiActual, RegisterKpi } from '$lib/domain/evaluation/register-kpi';
import { planAdoption, type AdoptedKpi, type AdoptionPlan } from '$lib/domain/evaluation/register-adoption';

/** A register KPI as the app reads it: the domain KPI and its life in the register. */
export interface RegisterEntry {
	kpi: RegisterKpi;
	sourceKpiId: string | null;
	sourceVersionId: string | null;
	sourceIdea: string | null;
	sortOrder: number;
	retired: boolean;
	retiredAt: number | null;
}

export interface RegisterActualRecord extends KpiActual {
	kpiId: string;
	enteredBy: string | null;
	enteredByName: string | null;
	enteredAt: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toRegisterKpi(r: RegisterKpiRow, targets: Record<number, number | null>): RegisterKpi {
	return {
		id: r.id,
		kind: r.kind,
		goal: { code: r.goal_code, title: r.goal_title },
		measure: r.measure_code !== null ? { code: r.measure_code, title: r.measure_title ?? '' } : null,
		name: r.name,
		unit: r.unit,
		measurementMethod: r.measurement_method,
		baselineValue: num(r.baseline_value),
		baselineYear: num(r.baseline_year),
		baselinePeriod:
			r.baseline_period_from !== null && r.baseline_period_to !== null
				? { from: Number(r.baseline_period_from), to: Number(r.baseline_period_to) }
				: null,
		direction: r.direction,
		cumulative: r.cumulative === 1,
		targets,
		finalTarget: r.final_target_value !== null ? Number(r.final_target_value) : r.final_target_text,
		targetYear: num(r.target_year),
		surveyDate: r.survey_date,
		publicationTiming: r.publication_timing,
		department: r.department,
		source: r.source
	};
}

function kpiColumns(kpi: Omit<RegisterKpi, 'id'>) {
	return {
		kind: kpi.kind,
		goal_code: kpi.goal.code,
		goal_title: kpi.goal.title,
		measure_code: kpi.measure?.code ?? null,
		measure_title: kpi.measure?.title ?? null,
		name: kpi.name,
		unit: kpi.unit,
		measurement_method: kpi.measurementMethod,
		baseline_value: kpi.baselineValue,
		baseline_year: kpi.baselineYear,
		baseline_period_from: kpi.baselinePeriod?.from ?? null,
		baseline_period_to: kpi.baselinePeriod?.to ?? null,
		direction: kpi.direction,
		cumulative: kpi.cumulative ? 1 : 0,
		final_target_value: typeof kpi.finalTarget === 'number' ? kpi.finalTarget : null,
		final_target_text: typeof kpi.finalTarget === 'string' ? kpi.finalTarget : null,
		target_year: kpi.targetYear,
		survey_date: kpi.surveyDate,
		publication_timing: kpi.publicationTiming,
		department: kpi.department,
		source: kpi.source
	};
}

/** The register's KPIs in order (active first in sort order; retired ones only when asked). */
export async function listRegister(
	db: Db,
	workspaceId: string,
	options: { includeRetired?: boolean } = {}
): Promise<RegisterEntry[]> {
	let q = db.selectFrom('register_kpi').selectAll().where('workspace_id', '=', workspaceId);
	if (!options.includeRetired) q = q.where('retired', '=', 0);
	const rows = await q.orderBy('retired').orderBy('sort_order').orderBy('id').execute();
	const targets = await db
		.selectFrom('register_target as t')
		.innerJoin('register_kpi as k', 'k.id', 't.kpi_id')
		.select(['t.kpi_id', 't.fiscal_year', 't.value'])
		.where('k.workspace_id', '=', workspaceId)
		.execute();
	const byKpi = new Map<string, Record<number, number | null>>();
	for (const t of targets) {
		const m = byKpi.get(t.kpi_id) ?? {};
		m[Number(t.fiscal_year)] = Number(t.value);
		byKpi.set(t.kpi_id, m);
	}
	return rows.map((r) => ({
		kpi: toRegisterKpi(r, byKpi.get(r.id) ?? {}),
		sourceKpiId: r.source_kpi_id,
		sourceVersionId: r.source_version_id,
		sourceIdea: r.source_idea,
		sortOrder: r.sort_order,
		retired: r.retired === 1,
		retiredAt: num(r.retired_at)
	}));
}

/** One KPI of the workspace's register; undefined when it is not this workspace's. */
export async function findRegisterKpi(db: Db, workspaceId: string, kpiId: string): Promise<RegisterEntry | undefined> {
	const r = await db
		.selectFrom('register_kpi')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.where('id', '=', kpiId)
		.executeTakeFirst();
	if (!r) return undefined;
	const targets = await db.selectFrom('register_target').selectAll().where('kpi_id', '=', kpiId).execute();
	return {
		kpi: toRegisterKpi(r, Object.fromEntries(targets.map((t) => [Number(t.fiscal_year), Number(t.value)]))),
		sourceKpiId: r.source_kpi_id,
		sourceVersionId: r.source_version_id,
		sourceIdea: r.source_idea,
		sortOrder: r.sort_order,
		retired: r.retired === 1,
		retiredAt: num(r.retired_at)
	};
}

/**
 * Every actual of the workspace's register (retired KPIs included), by KPI then year. Without
 * who entered them (the register page does not show it): see `listActualsOfKpi`.
 */
export async function listActuals(db: Db, workspaceId: string): Promise<Map<string, RegisterActualRecord[]>> {
	const rows = await db
		.selectFrom('register_actual as a')
		.innerJoin('register_kpi as k', 'k.id', 'a.kpi_id')
		.select(['a.kpi_id', 'a.fiscal_year', 'a.value', 'a.note', 'a.entered_by', 'a.entered_at'])
		.where('k.workspace_id', '=', workspaceId)
		.orderBy('a.kpi_id')
		.orderBy('a.fiscal_year')
		.execute();
	const out = new Map<string, RegisterActualRecord[]>();
	let list: RegisterActualRecord[] = [];
	let current = '';
	for (const r of rows) {
		if (r.kpi_id !== current) {
			current = r.kpi_id;
			list = [];
			out.set(current, list);
		}
		list.push({
			kpiId: r.kpi_id,
			fiscalYear: Number(r.fiscal_year),
			value: Number(r.value),
			note: r.note,
			enteredBy: r.entered_by,
			enteredByName: null,
			enteredAt: Number(r.entered_at)
		});
	}
	return out;
}

/** The actuals of one KPI with who entered them, by year. */
export async function listActualsOfKpi(db: Db, kpiId: string): Promise<RegisterActualRecord[]> {
	const rows = await db
		.selectFrom('register_actual as a')
		.leftJoin('user as u', 'u.id', 'a.entered_by')
		.select(['a.kpi_id', 'a.fiscal_year', 'a.value', 'a.note', 'a.entered_by', 'a.entered_at', 'u.display_name'])
		.where('a.kpi_id', '=', kpiId)
		.orderBy('a.fiscal_year')
		.execute();
	return rows.map((r) => ({
		kpiId: r.kpi_id,
		fiscalYear: Number(r.fiscal_year),
		value: Number(r.value),
		note: r.note,
		enteredBy: r.entered_by,
		enteredByName: r.display_name ?? null,
		enteredAt: Number(r.entered_at)
	}));
}

export interface AdoptionInput {
	workspaceId: string;
	versionId: string | null;
	versionName: string;
	sourceKind: 'version' | 'import';
	adoptedOn: number;
	adoptedBy: string;
	incoming: readonly AdoptedKpi[];
}

export interface AdoptionResult {
	adoptionId: string;
	plan: AdoptionPlan;
	/** Register ids of the incoming rows, in their order. */
	ids: string[];
}

/**
 * Adopts a set of KPIs as the register in force, in one transaction: continuing KPIs keep their
 * id and actuals (their fields and targets follow the new version), new ones are added, and
 * active KPIs the new set no longer holds are retired (kept with their actuals). Every change is
 * recorded against the adoption.
 */
export async function adoptRegister(db: Db, input: AdoptionInput, now = Date.now()): Promise<AdoptionResult> {
	return db.transaction().execute((trx) => adoptRegisterIn(trx, input, now));
}

/** adoptRegister inside a transaction the caller holds (an import writes actuals in the same one). */
export async function adoptRegisterIn(trx: Db, input: AdoptionInput, now = Date.now()): Promise<AdoptionResult> {
	const existing = await listRegister(trx, input.workspaceId, { includeRetired: true });
	const plan = planAdoption(
		existing.map((e) => ({ id: e.kpi.id, sourceKpiId: e.sourceKpiId, kpi: e.kpi })),
		input.incoming
	);
	const retiredAlready = new Set(existing.filter((e) => e.retired).map((e) => e.kpi.id));
	plan.retired = plan.retired.filter((id) => !retiredAlready.has(id));
	const adoptionId = newId();
	await trx
		.insertInto('strategy_adoption')
		.values({
			id: adoptionId,
			workspace_id: input.workspaceId,
			version_id: input.versionId,
			version_name: input.versionName,
			source_kind: input.sourceKind,
			adopted_on: input.adoptedOn,
			adopted_by: input.adoptedBy,
			created_at: now,
			added_count: plan.added.length,
			continued_count: plan.continued.length,
			retired_count: plan.retired.length
		})
		.execute();
	const idOf = new Map<AdoptedKpi, string>();
	const change = (kpiId: string, kind: RegisterChangeKind, detail = '') =>
		trx.insertInto('register_change').values({ id: newId(), adoption_id: adoptionId, kpi_id: kpiId, change: kind, detail }).execute();
	const order = new Map(input.incoming.map((k, i) => [k, i]));
	const writeTargets = async (kpiId: string, targets: Record<number, number | null>) => {
		await trx.deleteFrom('register_target').where('kpi_id', '=', kpiId).execute();
		const rows = Object.entries(targets)
			.filter((e): e is [string, number] => typeof e[1] === 'number')
			.map(([year, value]) => ({ kpi_id: kpiId, fiscal_year: Number(year), value }));
		if (rows.length > 0) await trx.insertInto('register_target').values(rows).execute();
	};
	for (const { id, next, changedFields } of plan.continued) {
		idOf.set(next, id);
		await trx
			.updateTable('register_kpi')
			.set({
				...kpiColumns(next.kpi),
				source_kpi_id: next.sourceKpiId,
				source_version_id: input.versionId,
				source_idea: next.sourceIdea,
				sort_order: order.get(next) ?? 0,
				retired: 0,
				retired_at: null,
				updated_at: now
			})
			.where('id', '=', id)
			.execute();
		await writeTargets(id, next.kpi.targets);
		await change(id, 'continued', changedFields.join(','));
	}
	for (const next of plan.added) {
		const id = newId();
		idOf.set(next, id);
		await trx
			.insertInto('register_kpi')
			.values({
				id,
				workspace_id: input.workspaceId,
				...kpiColumns(next.kpi),
				source_kpi_id: next.sourceKpiId,
				source_version_id: input.versionId,
				source_idea: next.sourceIdea,
				sort_order: order.get(next) ?? 0,
				retired: 0,
				retired_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await writeTargets(id, next.kpi.targets);
		await change(id, 'added');
	}
	for (const id of plan.retired) {
		await trx.updateTable('register_kpi').set({ retired: 1, retired_at: now, updated_at: now }).where('id', '=', id).execute();
		await change(id, 'retired');
	}
	return { adoptionId, plan, ids: input.incoming.map((k) => idOf.get(k)!) };
}

export interface AdoptionRecord {
	id: string;
	versionId: string | null;
	versionName: string;
	sourceKind: 'version' | 'import';
	adoptedOn: number;
	adoptedByName: string | null;
	createdAt: number;
	added: number;
	continued: number;
	retired: number;
	/** The KPIs each change touched, by name (continued ones only when a field changed). */
	changes: Array<{ kpiId: string; name: string; code: string; change: RegisterChangeKind; detail: string }>;
}

/** The workspace's adoptions, newest first, with what each changed. */
export async function listAdoptions(db: Db, workspaceId: string): Promise<AdoptionRecord[]> {
	const rows = await db
		.selectFrom('strategy_adoption as a')
		.leftJoin('user as u', 'u.id', 'a.adopted_by')
		.selectAll('a')
		.select('u.display_name')
		.where('a.workspace_id', '=', workspaceId)
		.orderBy('a.created_at', 'desc')
		.orderBy('a.id')
		.execute();
	const changes = await db
		.selectFrom('register_change as c')
		.innerJoin('register_kpi as k', 'k.id', 'c.kpi_id')
		.select(['c.adoption_id', 'c.kpi_id', 'c.change', 'c.detail', 'k.name', 'k.goal_code', 'k.measure_code', 'k.sort_order'])
		.where('k.workspace_id', '=', workspaceId)
		.where((eb) => eb.or([eb('c.change', '!=', 'continued'), eb('c.detail', '!=', '')]))
		.orderBy('k.sort_order')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		versionId: r.version_id,
		versionName: r.version_name,
		sourceKind: r.source_kind,
		adoptedOn: Number(r.adopted_on),
		adoptedByName: r.display_name ?? null,
		createdAt: Number(r.created_at),
		added: r.added_count,
		continued: r.continued_count,
		retired: r.retired_count,
		changes: changes
			.filter((c) => c.adoption_id === r.id)
			.map((c) => ({
				kpiId: c.kpi_id,
				name: c.name,
				code: c.measure_code !== null ? `施策${c.measure_code}` : `基本目標${c.goal_code}`,
				change: c.change,
				detail: c.detail
			}))
	}));
}

/** The adoption in force (the latest), if any. */
export async function currentAdoption(db: Db, workspaceId: string) {
	return db
		.selectFrom('strategy_adoption')
		.selectAll()
		.where('workspace_id', '=', workspaceId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.executeTakeFirst();
}

export interface ActualInput {
	kpiId: string;
	fiscalYear: number;
	/** null clears the year's actual. */
	value: number | null;
	note: string;
	userId: string;
}

/**
 * Writes (or clears) one year's actual and records the change with the previous value, in one
 * transaction. Unchanged values and notes are not recorded again. True when something changed.
 */
export async function setActual(db: Db, input: ActualInput, now = Date.now()): Promise<boolean> {
	return db.transaction().execute((trx) => setActualIn(trx, input, now));
}

/** setActual inside a transaction the caller holds (bulk entry writes every row in one). */
export async function setActualIn(trx: Db, input: ActualInput, now = Date.now()): Promise<boolean> {
	const previous = await trx
		.selectFrom('register_actual')
		.selectAll()
		.where('kpi_id', '=', input.kpiId)
		.where('fiscal_year', '=', input.fiscalYear)
		.executeTakeFirst();
	const prevValue = previous ? Number(previous.value) : null;
	if (prevValue === input.value && (previous?.note ?? '') === input.note) return false;
	if (input.value === null && !previous) return false;
	if (input.value === null) {
		await trx
			.deleteFrom('register_actual')
			.where('kpi_id', '=', input.kpiId)
			.where('fiscal_year', '=', input.fiscalYear)
			.execute();
	} else if (previous) {
		await trx
			.updateTable('register_actual')
			.set({ value: input.value, note: input.note, entered_by: input.userId, entered_at: now })
			.where('kpi_id', '=', input.kpiId)
			.where('fiscal_year', '=', input.fiscalYear)
			.execute();
	} else {
		await trx
			.insertInto('register_actual')
			.values({
				kpi_id: input.kpiId,
				fiscal_year: input.fiscalYear,
				value: input.value,
				note: input.note,
				entered_by: input.userId,
				entered_at: now
			})
			.execute();
	}
	await trx
		.insertInto('register_actual_history')
		.values({
			id: newId(),
			kpi_id: input.kpiId,
			fiscal_year: input.fiscalYear,
			previous_value: prevValue,
			previous_note: previous?.note ?? null,
			value: input.value,
			note: input.note,
			changed_by: input.userId,
			changed_at: now
		})
		.execute();
	return true;
}

export interface ActualChange {
	fiscalYear: number;
	previousValue: number | null;
	value: number | null;
	note: string;
	changedByName: string | null;
	changedAt: number;
}

/** The history of a KPI's actuals, newest first. */
export async function actualHistory(db: Db, kpiId: string): Promise<ActualChange[]> {
	const rows = await db
		.selectFrom('register_actual_history as h')
		.leftJoin('user as u', 'u.id', 'h.changed_by')
		.select(['h.fiscal_year', 'h.previous_value', 'h.value', 'h.note', 'h.changed_at', 'u.display_name'])
		.where('h.kpi_id', '=', kpiId)
		.orderBy('h.changed_at', 'desc')
		.orderBy('h.id')
		.execute();
	return rows.map((r) => ({
		fiscalYear: Number(r.fiscal_year),
		previousValue: num(r.previous_value),
		value: num(r.value),
		note: r.note,
		changedByName: r.display_name ?? null,
		changedAt: Number(r.changed_at)
	}));
}

export async function registerCompareWith(db: Db, workspaceId: string): Promise<RegisterCompareWith> {
	const row = await db
		.selectFrom('register_setting')
		.select('compare_with')
		.where('workspace_id', '=', workspaceId)
		.executeTakeFirst();
	return row?.compare_with ?? 'final';
}

export async function setRegisterCompareWith(
	db: Db,
	workspaceId: string,
	compareWith: RegisterCompareWith,
	now = Date.now()
): Promise<void> {
	await db
		.insertInto('register_setting')
		.values({ workspace_id: workspaceId, compare_with: compareWith, updated_at: now })
		.onConflict((oc) => oc.column('workspace_id').doUpdateSet({ compare_with: compareWith, updated_at: now }))
		.execute();
}

/**
 * The department (課) a member belongs to: their org unit's name when it is a department, its
 * parent's when it is a section (係). Empty when they have none.
 */
export async function memberDepartmentName(db: Db, workspaceId: string, userId: string): Promise<string> {
	const row = await db
		.selectFrom('membership as m')
		.innerJoin('org_unit as s', 's.id', 'm.org_unit_id')
		.leftJoin('org_unit as d', 'd.id', 's.parent_id')
		.select(['s.name as unitName', 'd.name as parentName'])
		.where('m.workspace_id', '=', workspaceId)
		.where('m.user_id', '=', userId)
		.executeTakeFirst();
	return row ? (row.parentName ?? row.unitName) : '';
}

/** Keeps an uploaded table's cells until it is confirmed (older uploads of the person are dropped). */
export async function saveRegisterUpload(
	db: Db,
	input: { workspaceId: string; userId: string; fileName: string; cells: string[][] },
	now = Date.now()
): Promise<string> {
	const id = newId();
	await db.deleteFrom('register_upload').where('user_id', '=', input.userId).where('workspace_id', '=', input.workspaceId).execute();
	await db
		.insertInto('register_upload')
		.values({ id, workspace_id: input.workspaceId, user_id: input.userId, file_name: input.fileName, cells: JSON.stringify(input.cells), created_at: now })
		.execute();
	return id;
}

/** An upload of this person in this workspace, younger than `maxAgeMs`. */
export async function findRegisterUpload(
	db: Db,
	input: { id: string; workspaceId: string; userId: string; maxAgeMs: number },
	now = Date.now()
): Promise<{ fileName: string; cells: string[][] } | undefined> {
	const row = await db
		.selectFrom('register_upload')
		.select(['file_name', 'cells', 'created_at'])
		.where('id', '=', input.id)
		.where('workspace_id', '=', input.workspaceId)
		.where('user_id', '=', input.userId)
		.executeTakeFirst();
	if (!row || now - Number(row.created_at) > input.maxAgeMs) return undefined;
	return { fileName: row.file_name, cells: JSON.parse(row.cells) as string[][] };
}

export async function updateRegisterUploadCells(db: Db, id: string, cells: string[][]): Promise<void> {
	await db.updateTable('register_upload').set({ cells: JSON.stringify(cells) }).where('id', '=', id).execute();
}

export async function deleteRegisterUpload(db: Db, id: string): Promise<void> {
	await db.deleteFrom('register_upload').where('id', '=', id).execute();
}
