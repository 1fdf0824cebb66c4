/**
 * The entry of an upload worker thread (piscina loads it; bundled to build/upload-worker.js). It
 * runs one task of the registry per call, so that parsing a large or hostile file blocks this
 * thread and never the server's event loop.
 */
import { UPLOAD_TASKS } from './upload-tasks';
import type { TaskResult } from './task-result';

export interface UploadJob {
	kind: string;
	input: unknown;
}

export default function runUploadJob(job: UploadJob): Promise<TaskResult<unknown>> {
	if (!Object.hasOwn(UPLOAD_TASKS, job.kind)) throw new Error(`unknown upload task: ${job.kind}`);
	const task = UPLOAD_TASKS[job.kind as keyof typeof UPLOAD_TASKS] as (input: unknown) => Promise<TaskResult<unknown>>;
	return task(job.input);
}
