/**
 * The staff CSV parsed in the upload worker pool instead of on the event loop. A refusal (the
 * pool is busy, or parsing took too long) is rare for a file of at most 256 KB; it ends the
 * request with the refusal's sentence rather than a partial answer.
 */
import { error } from '@sveltejs/kit';
import type { StaffCsvResult } from '$lib/domain/staff-csv';
import { uploadRefusalMessage } from '$lib/server/uploads/refusal-message';
import { parseUpload } from '$lib/server/uploads/upload-pool';

export async function parseStaffCsvInWorker(text: string): Promise<StaffCsvResult> {
	const outcome = await parseUpload('staff-csv', { text });
	if (!outcome.ok) error(503, uploadRefusalMessage(outcome.refusal));
	return outcome.value;
}
