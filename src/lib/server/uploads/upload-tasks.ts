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

export const UPLOAD_TASKS = {
	/** An idea workbook in the template layout (strategy import). */
	'ideas-xlsx': xlsxTask(async (zip, input: { fileName: string }) => (await import('../export/xlsx-ideas')).readIdeasWorkbook(zip, input.fileName)),
	/** An ideas CSV with an optional idea-KPI CSV (strategy import). */
	'ideas-csv': plainTask((input: { bytes: Uint8Array; fileName: string; kpiBytes?: Uint8Array; kpiFileName?: string }) =>
		parseIdeasCsv(
			decodeCsvBytes(input.bytes),
			input.fileName,
			input.kpiBytes ? decodeCsvBytes(input.kpiBytes) : undefined,
			input.kpiFileName
		)
	),
	/** The staff list CSV (members import); the text is decoded by the page, which shows it back. */
	'staff-csv': plainTask((input: { text: string }) => parseStaffCsv(input.text))
};

export type UploadTasks = typeof UPLOAD_TASKS;
