/**
 * Adopting a strategy version (策定・改訂): the register rows a saved draft stands for, and how
 * they meet the register already in force.
 *
 * Why: a strategy lives five years and is revised on the way; each continuing KPI must keep its
 * id (and with it every year's actuals and their history), a KPI removed by the revision is
 * retired but kept, and a new one is added. Matching is by the draft KPI's own id (it survives
 * edits of its name), falling back to code + name for registers filled by an import. Pure.
 */
import { normaliseForComparison } from '../similarity';
import { goalDisplayTitle, ideaKey, type StrategyDraft } from '../strategy-draft';
import type { RegisterKpi } from './register-kpi';

/** A register KPI before it has its register id, with where in the draft it came from. */
export interface AdoptedKpi {
	kpi: Omit<RegisterKpi, 'id'>;
	/** The draft's NumericTarget or MeasureKpi id; null for imported rows. */
	sourceKpiId: string | null;
	/** 'documentId/sheetId' of the first idea sheet the KPI was copied from. */
	sourceIdea: string | null;
}

/**
 * The register rows of a draft: each basic goal's numeric targets (数値目標) and each measure's
 * KPIs, in document order. Measure codes number goal-direction-measure (施策1-2-3).
 */
export function registerKpisOfDraft(draft: StrategyDraft, source: string): AdoptedKpi[] {
	const out: AdoptedKpi[] = [];
	for (const goal of draft.goals) {
		const g = { code: String(goal.id), title: goalDisplayTitle(goal) };
		for (const t of goal.targets) {
			if (!t.indicator.trim()) continue;
			out.push({
				sourceKpiId: t.id,
				sourceIdea: null,
				kpi: {
					kind: 'goal_target',
					goal: g,
					measure: null,
					name: t.indicator.trim(),
					unit: t.unit,
					measurementMethod: '',
					baselineValue: t.baselineValue,
					baselineYear: t.baselineYear,
					baselinePeriod: null,
					direction: t.targetValue !== null && t.baselineValue !== null && t.targetValue < t.baselineValue ? 'lower' : 'higher',
					cumulative: false,
					targets: t.targetYear !== null && t.targetValue !== null ? { [t.targetYear]: t.targetValue } : {},
					finalTarget: t.targetValue,
					targetYear: t.targetYear,
					surveyDate: '',
					publicationTiming: '',
					department: '',
					source
				}
			});
		}
		goal.directions.forEach((direction, di) => {
			direction.measures.forEach((measure, mi) => {
				const m = { code: `${goal.id}-${di + 1}-${mi + 1}`, title: measure.title };
				for (const k of measure.kpis) {
					if (!k.name.trim()) continue;
					const years = Object.entries(k.targets)
						.filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))
						.map(([y, v]) => [Number(y), v] as const)
						.sort((a, b) => a[0] - b[0]);
					const last = years.at(-1);
					out.push({
						sourceKpiId: k.id,
						sourceIdea: k.sources[0] ? ideaKey(k.sources[0]) : null,
						kpi: {
							kind: k.kind,
							goal: g,
							measure: m,
							name: k.name.trim(),
							unit: k.unit,
							measurementMethod: k.measurementMethod,
							baselineValue: k.baselineValue,
							baselineYear: k.baselineYear,
							baselinePeriod: null,
							direction: k.direction,
							cumulative: k.cumulative,
							targets: Object.fromEntries(years),
							finalTarget: last ? last[1] : null,
							targetYear: last ? last[0] : null,
							surveyDate: '',
							publicationTiming: '',
							department: measure.leadDepartment,
							source
						}
					});
				}
			});
		});
	}
	return out;
}

/** A KPI already in the register, as the matching needs it. */
export interface ExistingRegisterKpi {
	id: string;
	sourceKpiId: string | null;
	kpi: Omit<RegisterKpi, 'id'>;
}

export interface AdoptionPlan {
	added: AdoptedKpi[];
	continued: Array<{ id: string; next: AdoptedKpi; changedFields: string[] }>;
	retired: string[];
}

const codeOf = (k: Pick<RegisterKpi, 'goal' | 'measure'>) => (k.measure ? `m:${k.measure.code}` : `g:${k.goal.code}`);
const nameKey = (k: Pick<RegisterKpi, 'goal' | 'measure' | 'name'>) => `${codeOf(k)}|${normaliseForComparison(k.name)}`;

const COMPARED: ReadonlyArray<keyof Omit<RegisterKpi, 'id'>> = [
	'kind',
	'name',
	'unit',
	'measurementMethod',
	'baselineValue',
	'baselineYear',
	'direction',
	'cumulative',
	'targets',
	'finalTarget',
	'targetYear',
	'department'
];

/** Which compared fields differ between two versions of a KPI (names of RegisterKpi fields). */
export function changedKpiFields(before: Omit<RegisterKpi, 'id'>, after: Omit<RegisterKpi, 'id'>): string[] {
	const changed: string[] = [];
	for (const field of COMPARED) {
		if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changed.push(field);
	}
	if (codeOf(before) !== codeOf(after)) changed.push('code');
	return changed;
}

/**
 * How the incoming rows meet the register: each incoming KPI continues the existing one with
 * the same source KPI id, else the one with the same code and name (each existing KPI is used at
 * most once); the rest are added; existing KPIs nobody continued are retired.
 */
export function planAdoption(existing: readonly ExistingRegisterKpi[], incoming: readonly AdoptedKpi[]): AdoptionPlan {
	const bySource = new Map<string, ExistingRegisterKpi>();
	const byName = new Map<string, ExistingRegisterKpi>();
	for (const e of existing) {
		if (e.sourceKpiId) bySource.set(e.sourceKpiId, e);
		if (!byName.has(nameKey(e.kpi))) byName.set(nameKey(e.kpi), e);
	}
	const used = new Set<string>();
	const plan: AdoptionPlan = { added: [], continued: [], retired: [] };
	const pending: AdoptedKpi[] = [];
	for (const next of incoming) {
		const match = next.sourceKpiId ? bySource.get(next.sourceKpiId) : undefined;
		if (match && !used.has(match.id)) {
			used.add(match.id);
			plan.continued.push({ id: match.id, next, changedFields: changedKpiFields(match.kpi, next.kpi) });
		} else pending.push(next);
	}
	for (const next of pending) {
		const match = byName.get(nameKey(next.kpi));
		if (match && !used.has(match.id)) {
			used.add(match.id);
			plan.continued.push({ id: match.id, next, changedFields: changedKpiFields(match.kpi, next.kpi) });
		} else plan.added.push(next);
	}
	for (const e of existing) if (!used.has(e.id)) plan.retired.push(e.id);
	return plan;
}
