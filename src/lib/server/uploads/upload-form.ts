/**
 * The files of an uploaded form (multipart/form-data), read inside an upload worker. Parsing a
 * 5 MB multipart body and the garbage it leaves take tens of milliseconds of CPU; done on the
 * event loop (request.formData()) that stalled /healthz and live boards while an import was
 * previewed. The page hands the raw body to the worker instead, and the worker reads it here.
 */

export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

/** The named file fields of a form body; a field that is missing, not a file or empty is null. */
export async function formFiles<F extends string>(
	body: Uint8Array,
	contentType: string,
	fields: readonly F[]
): Promise<Record<F, UploadedFile | null> | null> {
	let form: FormData;
	try {
		form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return null;
	}
	const out = {} as Record<F, UploadedFile | null>;
	for (const field of fields) {
		const value = form.get(field);
		out[field] =
			value instanceof Blob && value.size > 0
				? { name: (value as File).name ?? '', bytes: new Uint8Array(await value.arrayBuffer()) }
				: null;
	}
	return out;
}
