/**
 * Every kind of uploaded file the upload workers can parse, by name. The worker (upload-worker.ts)
 * runs an entry of this table; callers name the entry (parseUpload in upload-pool.ts) and get its
 * input and result types from here. A new import (a KPI table, the town's idea workbook) is one
 * line: a name and a reader wrapped in `xlsxTask` (zip checked first) or `plainTask`.
 *
 * Readers that need exceljs import their module when first called: the worker bundle is split
 * there, so a CSV import never waits for exceljs to load in a fresh worker (~0.6 s of CPU).
 */
import { decodeCsvBytes, parseStaffCsv } from '$lib/domain/staff-csv';
import { parseIdeasCsv } from '../export/csv';
import { plainTask, xlsxTask } from './task-kinds';
import { formFiles } from './upload-form';
import { parsed, type TaskResult } from './task-result';
import { kpiTableCellsFromCsv } from '$lib/domain/evaluation/kpi-table-import';
import type { XlsxCellsResult } from '../evaluation/kpi-table-file';
import type { ImportResult } from '$lib/domain/idea-transfer';

/** An idea workbook in the template layout (strategy import). */
const ideasXlsx = xlsxTask(async (zip, input: { fileName: string }) => (await import('../export/xlsx-ideas')).readIdeasWorkbook(zip, input.fileName));

/** An ideas CSV with an optional idea-KPI CSV (strategy import). */
const ideasCsv = plainTask((input: { bytes: Uint8Array; fileName: string; kpiBytes?: Uint8Array; kpiFileName?: string }) =>
	parseIdeasCsv(
		decodeCsvBytes(input.bytes),
		input.fileName,
		input.kpiBytes ? decodeCsvBytes(input.kpiBytes) : undefined,
		input.kpiFileName
	)
);

/** What the idea import's form held, read in the worker: its files' problem, or the ideas read. */
export type IdeasFormValue =
	| { kind: 'no_file' }
	| { kind: 'too_large' }
	| { kind: 'bad_type' }
	| { kind: 'read'; fileName: string; result: ImportResult };

/** The idea import's whole form body (multipart), so that not even its parsing runs on the event loop. */
async function ideasForm(input: { body: Uint8Array; contentType: string; maxFileBytes: number }): Promise<TaskResult<IdeasFormValue>> {
	const files = await formFiles(input.body, input.contentType, ['file', 'kpiFile']);
	const file = files?.file;
	if (!files || !file) return parsed({ kind: 'no_file' });
	const kpiFile = files.kpiFile;
	if (file.bytes.length > input.maxFileBytes || (kpiFile && kpiFile.bytes.length > input.maxFileBytes)) {
		return parsed({ kind: 'too_large' });
	}
	const fileName = file.name || 'ideas';
	let outcome: TaskResult<ImportResult>;
	if (/\.xlsx$/i.test(fileName)) outcome = await ideasXlsx({ bytes: file.bytes, fileName });
	else if (/\.csv$/i.test(fileName)) {
		outcome = await ideasCsv({ bytes: file.bytes, fileName, kpiBytes: kpiFile?.bytes, kpiFileName: kpiFile?.name || 'idea-kpis.csv' });
	} else return parsed({ kind: 'bad_type' });
	return outcome.ok ? parsed({ kind: 'read', fileName, result: outcome.value }) : outcome;
}

export const UPLOAD_TASKS = {
	'ideas-xlsx': ideasXlsx,
	'ideas-csv': ideasCsv,
	/** The idea import's form as posted (its files are read by one of the two above). */
	'ideas-form': ideasForm,
	/** The staff list CSV (members import); the text is decoded by the page, which shows it back. */
	'staff-csv': plainTask((input: { text: string }) => parseStaffCsv(input.text)),
	/** A KPI table as .xlsx (evaluation import): the cells of the sheet holding the table. */
	'kpi-table-xlsx': xlsxTask(async (zip, _input: { fileName: string }) => (await import('../evaluation/kpi-table-file')).readKpiTableXlsxCells(zip)),
	/** A KPI table as .csv in UTF-8 or Shift_JIS (evaluation import): its cells. */
	'kpi-table-csv': plainTask(
		(input: { bytes: Uint8Array }): XlsxCellsResult => ({
			ok: true,
			sheetName: '',
			cells: kpiTableCellsFromCsv(decodeCsvBytes(input.bytes))
		})
	)
};

export type UploadTasks = typeof UPLOAD_TASKS;
