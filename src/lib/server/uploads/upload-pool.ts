/**
 * Parses uploaded files in a small pool of worker threads, never on the server's event loop: a
 * 5 MB CSV takes seconds of synchronous parsing, and an .xlsx can inflate a hundredfold. Each
 * task has a time limit (its worker is terminated when it is exceeded) and each worker a heap
 * limit (a file that needs more memory kills that worker alone); the pool then starts a fresh
 * worker for the next file. Idle workers exit, so memory a large file took is given back.
 *
 * Callers use `parseUpload(kind, input)` with a kind of the registry (upload-tasks.ts); every
 * outcome, including a refusal by the pool, is a value (task-result.ts).
 */
import { Piscina } from 'piscina';
import { pathToFileURL } from 'node:url';
import { config } from '../config';
import { log } from '../log';
import { refused, type TaskResult } from './task-result';
import type { UploadJob } from './upload-worker';
import type { UploadTasks } from './upload-tasks';
import { uploadWorkerPath } from './worker-file';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TaskTable = Record<string, (input: any) => Promise<TaskResult<unknown>>>;
export type TaskInput<T extends TaskTable, K extends keyof T> = Parameters<T[K]>[0];
export type TaskValue<T extends TaskTable, K extends keyof T> = Awaited<ReturnType<T[K]>> extends TaskResult<infer V> ? V : never;

export interface UploadPoolOptions {
	/** The worker script (a default export taking an UploadJob). */
	filename: string;
	/** Worker threads at most (they start on demand). */
	threads: number;
	/** Time limit of one task, from the moment it is handed to the pool, ms. */
	timeoutMs: number;
	/** V8 old-generation heap of each worker, MB. */
	heapMb: number;
	/** Tasks waiting beyond this many are refused as busy. */
	maxQueue: number;
	/** An idle worker exits after this long, ms. */
	idleTimeoutMs?: number;
}

export class UploadPool<T extends TaskTable = UploadTasks> {
	readonly #pool: Piscina<UploadJob, TaskResult<unknown>>;
	readonly #options: UploadPoolOptions;
	/** Tasks handed to piscina and not yet settled (piscina's own maxQueue ignores abortable tasks). */
	#inFlight = 0;

	constructor(options: UploadPoolOptions) {
		this.#options = options;
		this.#pool = new Piscina({
			filename: pathToFileURL(options.filename).href,
			minThreads: 0,
			maxThreads: options.threads,
			idleTimeout: options.idleTimeoutMs ?? 5_000,
			resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 }
		});
	}

	async run<K extends keyof T & string>(kind: K, input: TaskInput<T, K>): Promise<TaskResult<TaskValue<T, K>>> {
		if (this.#inFlight >= this.#options.threads + this.#options.maxQueue) {
			log.warn('upload.busy', { kind, inFlight: this.#inFlight });
			return refused({ limit: 'busy' });
		}
		const signal = AbortSignal.timeout(this.#options.timeoutMs);
		const started = performance.now();
		this.#inFlight++;
		try {
			const result = await this.#pool.run({ kind, input }, { signal });
			return result as TaskResult<TaskValue<T, K>>;
		} catch (error) {
			const ms = Math.round(performance.now() - started);
			if (signal.aborted) {
				log.warn('upload.timed_out', { kind, ms });
				return refused({ limit: 'time', seconds: Math.round(this.#options.timeoutMs / 100) / 10 });
			}
			const code = (error as { code?: unknown }).code;
			if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
				log.warn('upload.out_of_memory', { kind, ms, heapMb: this.#options.heapMb });
				return refused({ limit: 'memory', heapMb: this.#options.heapMb });
			}
			log.error('upload.failed', { kind, ms, error });
			return refused({ limit: 'failed' });
		} finally {
			this.#inFlight--;
		}
	}

	/** Threads alive now (0 once idle workers have exited). */
	get threads(): number {
		return this.#pool.threads.length;
	}

	close(): Promise<void> {
		return this.#pool.destroy();
	}
}

let shared: Promise<UploadPool> | undefined;

/** The process's upload pool, configured from the environment (config.ts), made on first use. */
export function uploadPool(): Promise<UploadPool> {
	shared ??= uploadWorkerPath().then((filename) => {
		const cfg = config();
		return new UploadPool({
			filename,
			threads: cfg.UPLOAD_THREADS,
			timeoutMs: cfg.UPLOAD_TIMEOUT_MS,
			heapMb: cfg.UPLOAD_WORKER_HEAP_MB,
			maxQueue: cfg.UPLOAD_QUEUE
		});
	});
	shared.catch(() => (shared = undefined));
	return shared;
}

/** Stops the process's upload pool (tests; a later parseUpload makes a new one). */
export async function closeUploadPool(): Promise<void> {
	const pool = shared;
	shared = undefined;
	if (pool) await (await pool).close();
}

/** Parses an uploaded file of the given kind in a worker thread. */
export async function parseUpload<K extends keyof UploadTasks & string>(
	kind: K,
	input: TaskInput<UploadTasks, K>
): Promise<TaskResult<TaskValue<UploadTasks, K>>> {
	let pool: UploadPool;
	try {
		pool = await uploadPool();
	} catch (error) {
		log.error('upload.pool_unavailable', { kind, error });
		return refused({ limit: 'failed' });
	}
	return pool.run(kind, input);
}
