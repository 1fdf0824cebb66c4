/**
 * Entering one year's actual of a register KPI: the whole decision (the KPI is this workspace's
 * and active, the person may enter it, the value reads in the Japanese notation) as a typed
 * result, then the write with its history. The HTTP endpoint and the bulk import both come here.
 */
import type { Db } from '../db';
import type { Role } from '../db/types';
import { findRegisterKpi, memberDepartmentName, setActual } from '../repositories/kpi-register';
import { mayEnterActual } from '$lib/domain/evaluation/actual-permission';
import { parseJapaneseNumber } from '$lib/domain/evaluation/japanese-number';

export interface ActualRequest {
	kpiId: string;
	/** The fiscal year being entered; a year written in brackets in `value` takes precedence. */
	fiscalYear: number;
	/** As typed: 「1,234」「△12」「11（R1）」; blank or a dash clears the year's actual. */
	value: string;
	note: string;
}

export type ActualDecision =
	| { ok: true; changed: boolean; fiscalYear: number; value: number | null }
	| { ok: false; status: 403; code: 'forbidden'; department: string }
	| { ok: false; status: 404; code: 'kpi_not_found' }
	| { ok: false; status: 409; code: 'kpi_retired' }
	| { ok: false; status: 400; code: 'not_a_number'; reason: string | null };

export async function enterActual(
	db: Db,
	who: { workspaceId: string; userId: string; role: Role },
	request: ActualRequest,
	now = Date.now()
): Promise<ActualDecision> {
	const entry = await findRegisterKpi(db, who.workspaceId, request.kpiId);
	if (!entry) return { ok: false, status: 404, code: 'kpi_not_found' };
	const department = who.role === 'member' ? await memberDepartmentName(db, who.workspaceId, who.userId) : '';
	if (!mayEnterActual({ role: who.role, department }, entry.kpi.department)) {
		return { ok: false, status: 403, code: 'forbidden', department: entry.kpi.department };
	}
	if (entry.retired) return { ok: false, status: 409, code: 'kpi_retired' };
	const parsed = parseJapaneseNumber(request.value, { unit: entry.kpi.unit || undefined });
	if (parsed.kind === 'error') return { ok: false, status: 400, code: 'not_a_number', reason: parsed.reason };
	if (parsed.kind === 'text') return { ok: false, status: 400, code: 'not_a_number', reason: null };
	const value = parsed.kind === 'number' ? parsed.value : null;
	const fiscalYear = parsed.kind === 'number' && parsed.fiscalYear !== null ? parsed.fiscalYear : request.fiscalYear;
	const changed = await setActual(
		db,
		{ kpiId: entry.kpi.id, fiscalYear, value, note: request.note.trim(), userId: who.userId },
		now
	);
	return { ok: true, changed, fiscalYear, value };
}
