/**
 * What parsing an uploaded file answers, whether it ran or was refused, and why. One shape for every
 * kind of upload so that the pool, the worker and each import page speak the same language, and a
 * refused file always reaches the user as a sentence naming the limit it hit (refusal-message.ts).
 */

/** Why an uploaded file was not parsed. Each names the limit that was hit. */
export type UploadRefusal =
	/** Parsing took longer than the pool's time limit; the worker was terminated. */
	| { limit: 'time'; seconds: number }
	/** The worker ran out of its heap and died (alone). */
	| { limit: 'memory'; heapMb: number }
	/** Every worker is busy and the queue is full. */
	| { limit: 'busy' }
	/** The worker failed unexpectedly (logged). */
	| { limit: 'failed' }
	/** The file is not a readable zip (an .xlsx is one). */
	| { limit: 'zip_unreadable' }
	/** More entries in the zip than allowed. */
	| { limit: 'zip_entries'; max: number; found: number }
	/** One entry declares (or inflates to) more than allowed. */
	| { limit: 'zip_entry_size'; maxMb: number; entry: string }
	/** All entries together declare (or inflate to) more than allowed. */
	| { limit: 'zip_total_size'; maxMb: number }
	/** One entry compresses suspiciously well (a zip bomb). */
	| { limit: 'zip_ratio'; max: number; entry: string }
	/** An entry inflates to another size than the zip's directory declares (forged or broken). */
	| { limit: 'zip_size_mismatch'; entry: string };

export type TaskResult<T> = { ok: true; value: T } | { ok: false; refusal: UploadRefusal };

export const parsed = <T>(value: T): TaskResult<T> => ({ ok: true, value });
export const refused = (refusal: UploadRefusal): { ok: false; refusal: UploadRefusal } => ({ ok: false, refusal });
