/**
 * Importing a KPI table written elsewhere (.xlsx, or .csv in UTF-8 or Shift_JIS): the file is read
 * into cells in the upload worker pool (never on the event loop), parsed by the domain parser
 * (domain/evaluation/kpi-table-import.ts) for the preview, and on confirmation written in one
 * transaction — either as the register (an adoption of source 'import', with the table's actuals)
 * or as bulk entry of actuals into the register in force (each row checked like a single entry).
 */
import type { Db } from '../db';
import type { Role } from '../db/types';
import { parseUpload } from '../uploads/upload-pool';
import { uploadRefusalMessage } from '../uploads/refusal-message';
import { kpiTableFileKind } from './kpi-table-file';
import { adoptRegisterIn, listRegister, setActualIn } from '../repositories/kpi-register';
import { mayEnterActual } from '$lib/domain/evaluation/actual-permission';
import { parseKpiTable, type KpiTableImport } from '$lib/domain/evaluation/kpi-table-import';
import { planAdoption, type AdoptedKpi } from '$lib/domain/evaluation/register-adoption';

export type CellsResult = { ok: true; cells: string[][] } | { ok: false; message: string };

/** The cells of an uploaded KPI table, read in a worker. */
export async function readKpiTableUpload(bytes: Uint8Array, fileName: string): Promise<CellsResult> {
	const outcome =
		kpiTableFileKind(bytes, fileName) === 'xlsx'
			? await parseUpload('kpi-table-xlsx', { bytes, fileName })
			: await parseUpload('kpi-table-csv', { bytes });
	if (!outcome.ok) return { ok: false, message: uploadRefusalMessage(outcome.refusal) };
	if (!outcome.value.ok) return { ok: false, message: outcome.value.message };
	return { ok: true, cells: outcome.value.cells };
}

export function previewKpiTable(cells: string[][], fileName: string, skipRows: readonly number[]): KpiTableImport {
	return parseKpiTable(cells, { skipRows, sourceName: fileName });
}

const adopted = (result: KpiTableImport): AdoptedKpi[] =>
	result.kpis.map(({ kpi }) => {
		const { id: _id, ...rest } = kpi;
		return { kpi: rest, sourceKpiId: null, sourceIdea: null };
	});

/**
 * Writes an understood table as the register in force, with its actuals, in one transaction.
 * Continuing KPIs (same code and name) keep their ids and history.
 */
export async function confirmRegisterImport(
	db: Db,
	input: { workspaceId: string; userId: string; fileName: string; adoptedOn: number; result: KpiTableImport },
	now = Date.now()
): Promise<{ kpis: number; actuals: number }> {
	const incoming = adopted(input.result);
	return db.transaction().execute(async (trx) => {
		const { ids } = await adoptRegisterIn(
			trx,
			{
				workspaceId: input.workspaceId,
				versionId: null,
				versionName: input.fileName,
				sourceKind: 'import',
				adoptedOn: input.adoptedOn,
				adoptedBy: input.userId,
				incoming
			},
			now
		);
		let actuals = 0;
		for (const [i, item] of input.result.kpis.entries()) {
			for (const a of item.actuals) {
				if (await setActualIn(trx, { kpiId: ids[i]!, fiscalYear: a.fiscalYear, value: a.value, note: a.note, userId: input.userId }, now)) actuals++;
			}
		}
		return { kpis: incoming.length, actuals };
	});
}

export interface BulkActualsOutcome {
	written: number;
	/** Rows whose KPI is not in the register (by code and name). */
	unknownRows: number[];
	/** Rows of KPIs the person may not enter (another department's). */
	refusedRows: number[];
}

/**
 * Bulk entry of actuals through the same import: each row is matched to the register in force by
 * code and name, checked like a single entry, and everything allowed is written in one
 * transaction. Nothing is written when any row is refused or unknown (the preview says which).
 */
export async function confirmActualsImport(
	db: Db,
	who: { workspaceId: string; userId: string; role: Role; department: string },
	result: KpiTableImport,
	options: { dryRun?: boolean } = {},
	now = Date.now()
): Promise<BulkActualsOutcome> {
	return db.transaction().execute(async (trx) => {
		const register = await listRegister(trx, who.workspaceId);
		const incoming = adopted(result);
		const plan = planAdoption(
			register.map((e) => ({ id: e.kpi.id, sourceKpiId: null, kpi: e.kpi })),
			incoming
		);
		const matched = new Map(plan.continued.map((c) => [c.next, c.id]));
		const department = new Map(register.map((e) => [e.kpi.id, e.kpi.department]));
		const outcome: BulkActualsOutcome = { written: 0, unknownRows: [], refusedRows: [] };
		const writes: Array<{ kpiId: string; fiscalYear: number; value: number; note: string }> = [];
		incoming.forEach((k, i) => {
			const row = result.kpis[i]!.row;
			const id = matched.get(k);
			if (!id) return void outcome.unknownRows.push(row);
			if (!mayEnterActual({ role: who.role, department: who.department }, department.get(id) ?? '')) {
				return void outcome.refusedRows.push(row);
			}
			for (const a of result.kpis[i]!.actuals) writes.push({ kpiId: id, fiscalYear: a.fiscalYear, value: a.value, note: a.note });
		});
		if (options.dryRun || outcome.unknownRows.length > 0 || outcome.refusedRows.length > 0) return outcome;
		for (const w of writes) if (await setActualIn(trx, { ...w, userId: who.userId }, now)) outcome.written++;
		return outcome;
	});
}
