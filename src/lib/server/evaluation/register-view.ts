/**
 * The register as pages, exports and the bench read it: the workspace's active KPIs with their
 * actuals, evaluated for one fiscal year by the domain rules (domain/evaluation/progress.ts) and
 * summarised per goal. Loading and evaluating are apart so the bench can time the pure part.
 */
import type { Db } from '../db';
import { listActuals, listRegister, registerCompareWith, type RegisterActualRecord, type RegisterEntry } from '../repositories/kpi-register';
import {
	evaluateRegister,
	latestActualYear,
	summarise,
	type EvaluatedKpi,
	type EvaluationSummary,
	type TargetBasis
} from '$lib/domain/evaluation/progress';
import { fiscalYearOf } from '$lib/domain/fiscal-year';

export interface LoadedRegister {
	entries: RegisterEntry[];
	actuals: Map<string, RegisterActualRecord[]>;
	basis: TargetBasis;
}

export async function loadRegister(db: Db, workspaceId: string): Promise<LoadedRegister> {
	const [entries, actuals, basis] = await Promise.all([
		listRegister(db, workspaceId),
		listActuals(db, workspaceId),
		registerCompareWith(db, workspaceId)
	]);
	return { entries, actuals, basis };
}

export interface EvaluatedRegister {
	year: number;
	basis: TargetBasis;
	items: EvaluatedKpi[];
	summary: EvaluationSummary;
}

/**
 * The year evaluated by default: the latest year with an actual, else the fiscal year before
 * today's (the one being evaluated this year).
 */
export function defaultEvaluationYear(loaded: LoadedRegister, now = Date.now()): number {
	const items = loaded.entries.map((e) => ({ kpi: e.kpi, actuals: loaded.actuals.get(e.kpi.id) ?? [] }));
	return latestActualYear(items) ?? fiscalYearOf(now) - 1;
}

export function evaluateLoaded(loaded: LoadedRegister, year: number): EvaluatedRegister {
	const items = evaluateRegister(
		loaded.entries.map((e) => ({ kpi: e.kpi, actuals: loaded.actuals.get(e.kpi.id) ?? [] })),
		{ year, targetBasis: loaded.basis }
	);
	return { year, basis: loaded.basis, items, summary: summarise(items) };
}
