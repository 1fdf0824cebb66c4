/**
 * The two shapes of upload task, so that an entry of the registry (upload-tasks.ts) is one line:
 * `plainTask` for text formats (CSV), `xlsxTask` for Office zips, whose reader only ever sees a zip
 * that passed the directory and inflation checks.
 */
import { parsed, type TaskResult } from './task-result';

/** A reader of a text upload; its answer is passed through as the task's value. */
export function plainTask<I, O>(read: (input: I) => O | Promise<O>): (input: I) => Promise<TaskResult<O>> {
	return async (input) => parsed(await read(input));
}

/**
 * A reader of an .xlsx upload: it receives the zip to hand to exceljs, already checked against
 * XLSX_LIMITS and repacked from the bytes inflated under them (zip-guard.ts), and the rest of
 * the input. A refused zip never reaches it.
 */
export function xlsxTask<I, O>(
	read: (zip: Uint8Array, input: I) => O | Promise<O>
): (input: I & { bytes: Uint8Array }) => Promise<TaskResult<O>> {
	return async (input) => {
		const { checkedZip, XLSX_LIMITS } = await import('./zip-guard');
		const zip = await checkedZip(input.bytes, XLSX_LIMITS);
		if (!zip.ok) return zip;
		return parsed(await read(zip.value, input));
	};
}
