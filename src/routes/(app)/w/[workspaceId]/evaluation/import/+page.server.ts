/**
 * Import of a KPI table (upload → preview → confirm). The preview reports every row and column
 * the parser did not understand, offers to split cells holding several values, and nothing is
 * written until the person confirms — with the rows in error skipped if they choose so. Mode
 * `register` (facilitators) makes the table the register in force; mode `actuals` is bulk entry
 * of actuals into the register, each row checked like a single entry.
 */
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { parseDateInput } from '$lib/server/evaluation/dates';
import { confirmActualsImport, confirmRegisterImport, previewKpiTable, readKpiTableUpload } from '$lib/server/evaluation/import-table';
import {
	deleteRegisterUpload,
	findRegisterUpload,
	memberDepartmentName,
	saveRegisterUpload,
	updateRegisterUploadCells
} from '$lib/server/repositories/kpi-register';
import { MAX_KPI_TABLE_FILE_BYTES } from '$lib/server/evaluation/kpi-table-file';
import { splitMultiValueRow, type KpiTableImport } from '$lib/domain/evaluation/kpi-table-import';
import { canFacilitate } from '$lib/server/repositories/memberships';
import type { Actions, PageServerLoad } from './$types';

const UPLOAD_MAX_AGE_MS = 60 * 60_000;
type Mode = 'register' | 'actuals';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { role } = await requireMembership(locals, params.workspaceId);
	return { canImportRegister: canFacilitate(role) };
};

/** What the page shows of a parse: the report, and the first rows read. */
function report(result: KpiTableImport) {
	return {
		ok: result.ok,
		rowCount: result.rowCount,
		kpiCount: result.kpis.length,
		issues: result.issues.map((i) => ({ row: i.row, heading: i.heading, value: i.value, severity: i.severity, message: i.message })),
		multiValueRows: result.multiValueRows.map((r) => ({ row: r.row, canSplit: r.canSplit, cells: r.cells.map((c) => c.heading) })),
		kpis: result.kpis.slice(0, 300).map(({ kpi, actuals, row }) => ({
			row,
			code: kpi.measure ? `施策${kpi.measure.code}` : `基本目標${kpi.goal.code}`,
			name: kpi.name,
			unit: kpi.unit,
			baseline: kpi.baselineValue,
			target: kpi.finalTarget,
			actuals: actuals.length,
			department: kpi.department
		}))
	};
}

const errorRows = (result: KpiTableImport) => [...new Set(result.issues.filter((i) => i.severity === 'error' && i.row > 0).map((i) => i.row))];

async function access(locals: App.Locals, workspaceId: string, mode: Mode) {
	return requireMembership(locals, workspaceId, mode === 'register' ? FACILITATOR_ROLES : undefined);
}

const modeOf = (v: FormDataEntryValue | null): Mode => (v === 'actuals' ? 'actuals' : 'register');

export const actions: Actions = {
	preview: async ({ locals, params, request }) => {
		const form = await request.formData();
		const mode = modeOf(form.get('mode'));
		const { workspace, user } = await access(locals, params.workspaceId, mode);
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { action: 'preview', message: m.eval_import_no_file() });
		if (file.size > MAX_KPI_TABLE_FILE_BYTES) return fail(400, { action: 'preview', message: m.strat_import_too_large({ mb: 10 }) });
		const fileName = file.name || 'kpi.csv';
		const read = await readKpiTableUpload(new Uint8Array(await file.arrayBuffer()), fileName);
		if (!read.ok) return fail(400, { action: 'preview', message: read.message });
		const db = appDatabase().db;
		const uploadId = await saveRegisterUpload(db, { workspaceId: workspace.id, userId: user.id, fileName, cells: read.cells });
		const result = previewKpiTable(read.cells, fileName, []);
		log.info('evaluation.import_previewed', { workspaceId: workspace.id, userId: user.id, mode, kpis: result.kpis.length, issues: result.issues.length });
		return { action: 'preview', uploadId, mode, fileName, report: report(result) };
	},
	split: async ({ locals, params, request }) => {
		const form = await request.formData();
		const mode = modeOf(form.get('mode'));
		const { workspace, user } = await access(locals, params.workspaceId, mode);
		const parsed = z.object({ uploadId: z.string().regex(ID_PATTERN), row: z.coerce.number().int().min(1) }).safeParse(Object.fromEntries(form));
		if (!parsed.success) return fail(400, { action: 'split', message: m.error_bad_request() });
		const db = appDatabase().db;
		const upload = await findRegisterUpload(db, { id: parsed.data.uploadId, workspaceId: workspace.id, userId: user.id, maxAgeMs: UPLOAD_MAX_AGE_MS });
		if (!upload) return fail(410, { action: 'split', message: m.eval_import_expired() });
		const split = splitMultiValueRow(upload.cells, parsed.data.row);
		if (!split.ok) return fail(400, { action: 'split', message: split.message });
		await updateRegisterUploadCells(db, parsed.data.uploadId, split.cells);
		const result = previewKpiTable(split.cells, upload.fileName, []);
		return { action: 'preview', uploadId: parsed.data.uploadId, mode, fileName: upload.fileName, report: report(result) };
	},
	confirm: async ({ locals, params, request }) => {
		const form = await request.formData();
		const mode = modeOf(form.get('mode'));
		const { workspace, user, role } = await access(locals, params.workspaceId, mode);
		const parsed = z
			.object({ uploadId: z.string().regex(ID_PATTERN), skipErrors: z.string().optional(), adoptedOn: z.string().optional() })
			.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')));
		if (!parsed.success) return fail(400, { action: 'confirm', message: m.error_bad_request() });
		const db = appDatabase().db;
		const upload = await findRegisterUpload(db, { id: parsed.data.uploadId, workspaceId: workspace.id, userId: user.id, maxAgeMs: UPLOAD_MAX_AGE_MS });
		if (!upload) return fail(410, { action: 'confirm', message: m.eval_import_expired() });
		let result = previewKpiTable(upload.cells, upload.fileName, []);
		if (!result.ok && parsed.data.skipErrors === '1') result = previewKpiTable(upload.cells, upload.fileName, errorRows(result));
		if (!result.ok) {
			return fail(400, { action: 'preview', message: m.eval_import_errors(), uploadId: parsed.data.uploadId, mode, fileName: upload.fileName, report: report(result) });
		}
		if (mode === 'register') {
			const adoptedOn = parseDateInput(parsed.data.adoptedOn ?? '') ?? parseDateInput(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10))!;
			const written = await confirmRegisterImport(db, { workspaceId: workspace.id, userId: user.id, fileName: upload.fileName, adoptedOn, result });
			await deleteRegisterUpload(db, parsed.data.uploadId);
			log.info('evaluation.import_confirmed', { workspaceId: workspace.id, userId: user.id, mode, ...written });
			return { action: 'confirm', success: true, message: m.eval_import_done({ count: written.kpis, actuals: written.actuals }) };
		}
		const department = role === 'member' ? await memberDepartmentName(db, workspace.id, user.id) : '';
		const outcome = await confirmActualsImport(db, { workspaceId: workspace.id, userId: user.id, role, department }, result);
		if (outcome.refusedRows.length > 0 || outcome.unknownRows.length > 0) {
			const rows = [...outcome.refusedRows, ...outcome.unknownRows].sort((a, b) => a - b);
			return fail(outcome.refusedRows.length > 0 ? 403 : 400, {
				action: 'confirm',
				message: `${rows.map((r) => m.eval_import_row({ row: r })).join('、')}：${outcome.refusedRows.length > 0 ? m.eval_actual_forbidden({ department: '' }) : m.eval_actual_kpi_not_found()}`
			});
		}
		await deleteRegisterUpload(db, parsed.data.uploadId);
		log.info('evaluation.import_confirmed', { workspaceId: workspace.id, userId: user.id, mode, actuals: outcome.written });
		return { action: 'confirm', success: true, message: m.eval_import_done({ count: result.kpis.length, actuals: outcome.written }) };
	}
};
