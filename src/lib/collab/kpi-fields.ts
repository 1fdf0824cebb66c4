/**
 * The KPI fields (domain/kpi.ts `KpiFields`) as one shared Yjs layout: name, unit and measurement
 * method as Y.Text (typed together live), baseline value and year, direction and cumulative as
 * plain values, and targets as a Y.Map keyed by the four-digit fiscal year.
 *
 * Why: an idea sheet's KPIs (schema.ts) and a measure's KPIs (strategy.ts) are the same KPI; they
 * used to be written and read by two copies of this code. One writer and one reader keep the two
 * documents' KPIs the same shape (docs/yjs-schema.md).
 */
import * as Y from 'yjs';
import type { KpiDirection, KpiFields } from '../domain/kpi';

type KpiRecord = Y.Map<unknown>;

export const KPI_FIELD_TEXTS = ['name', 'unit', 'measurementMethod'] as const;

const FISCAL_YEAR_KEY = /^\d{4}$/;

/** Writes every KPI field into a fresh map; fields left out get their blank default. */
export function writeKpiFields(kpi: KpiRecord, input: Partial<KpiFields>): void {
	kpi.set('name', new Y.Text(input.name ?? ''));
	kpi.set('unit', new Y.Text(input.unit ?? ''));
	kpi.set('measurementMethod', new Y.Text(input.measurementMethod ?? ''));
	kpi.set('baselineValue', finiteOrNull(input.baselineValue));
	kpi.set('baselineYear', finiteOrNull(input.baselineYear));
	kpi.set('direction', input.direction ?? 'higher');
	kpi.set('cumulative', input.cumulative ?? false);
	const targets = new Y.Map<number>();
	for (const [year, value] of Object.entries(input.targets ?? {})) {
		if (FISCAL_YEAR_KEY.test(year) && typeof value === 'number' && Number.isFinite(value)) targets.set(year, value);
	}
	kpi.set('targets', targets);
}

function finiteOrNull(value: number | null | undefined): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(map: KpiRecord, key: string): string {
	const v = map.get(key);
	if (v instanceof Y.Text) return v.toString();
	return typeof v === 'string' ? v : '';
}

/** The set targets by fiscal year (blank years are absent). */
export function readKpiTargets(kpi: KpiRecord): Record<number, number | null> {
	const targets: Record<number, number | null> = {};
	const t = kpi.get('targets');
	if (t instanceof Y.Map) {
		t.forEach((value, year) => {
			if (FISCAL_YEAR_KEY.test(year) && typeof value === 'number') targets[Number(year)] = value;
		});
	}
	return targets;
}

/** Reads the KPI fields, whatever an older or damaged map holds (wrong types read as blank). */
export function readKpiFields(kpi: KpiRecord): KpiFields {
	return {
		name: str(kpi, 'name'),
		unit: str(kpi, 'unit'),
		measurementMethod: str(kpi, 'measurementMethod'),
		baselineValue: finiteOrNull(kpi.get('baselineValue') as number | null | undefined),
		baselineYear: finiteOrNull(kpi.get('baselineYear') as number | null | undefined),
		direction: (kpi.get('direction') === 'lower' ? 'lower' : 'higher') as KpiDirection,
		cumulative: kpi.get('cumulative') === true,
		targets: readKpiTargets(kpi)
	};
}
