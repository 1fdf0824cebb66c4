/**
 * Server configuration, read once from the environment and validated.
 * Free of `$env/*` so that the plain Node entry in `server/` can use it too.
 */
import { z } from 'zod';

const intFrom = (fallback: number, min = 0) =>
	z.coerce.number().int().min(min).default(fallback);

const ConfigSchema = z.object({
	PORT: intFrom(3000, 0),
	HOST: z.string().default('0.0.0.0'),
	DATABASE_PATH: z.string().min(1).default('./data/app.db'),
	/** Public origin(s) of the app, comma separated, e.g. https://dx.town.lg.jp */
	ORIGIN: z.string().optional(),
	/** Sliding inactivity timeout of a session, minutes. */
	SESSION_IDLE_MINUTES: intFrom(60, 1),
	/** Absolute lifetime of a session, hours. */
	SESSION_MAX_HOURS: intFrom(12, 1),
	/** How often open websockets are re-checked against their session, ms. */
	SESSION_RECHECK_MS: intFrom(3000, 100),
	/** Largest websocket message accepted, bytes. */
	WS_MAX_MESSAGE_BYTES: intFrom(1024 * 1024, 1024),
	/**
	 * Most the server buffers for one websocket that does not read (a stalled laptop, a frozen
	 * projector tab), bytes; a send that would go beyond cuts the connection (the client
	 * reconnects and resyncs). 8 MiB stays well above the largest single message we send, the
	 * full-state sync answer of a large board (about 1.2 MB for 2,000 cards), with room for the
	 * updates relayed while a slow client is still downloading it, yet bounds a stalled client
	 * of a busy 80-person room instead of buffering until the 30 s keepalive gives up.
	 */
	WS_MAX_BUFFERED_BYTES: intFrom(8 * 1024 * 1024, 64 * 1024),
	/**
	 * Budget of one websocket for the messages it sends (updates, presence, sync requests):
	 * messages per second, sustained. A message counts one, plus one per full 16 KiB. Over budget
	 * the server stops reading that socket until tokens flow in again (backpressure); 0 turns the
	 * budget off. A browser sends one message per edit (per keystroke, per paste, per finished IME
	 * conversion) and presence at most twice a second: a held key repeats ~30 times a second.
	 */
	WS_INBOUND_RATE: intFrom(100, 0),
	/** …and how many messages it may send at once after a quiet while (the bucket's size). */
	WS_INBOUND_BURST: intFrom(300, 1),
	/** A socket over its budget this long without a break is closed with 4429, ms. */
	WS_INBOUND_CLOSE_AFTER_MS: intFrom(5000, 100),
	/** Compact a document's update log after this many updates… */
	COMPACT_EVERY_UPDATES: intFrom(500, 1),
	/** …or this long after the first update not yet compacted, ms. */
	COMPACT_MAX_WAIT_MS: intFrom(10_000, 10),
	/** Unload a document this long after its last client left, ms. */
	ROOM_IDLE_UNLOAD_MS: intFrom(30_000, 0),
	/** Presence changes are relayed in batches gathered for this long, ms (0: each at once). */
	AWARENESS_BATCH_MS: intFrom(50, 0),
	/** LibreOffice's `soffice` for the Word TOC's page numbers (default: found on the PATH). */
	SOFFICE_PATH: z.string().min(1).optional(),
	/** Worker threads that parse uploaded files (imports), off the main thread. */
	UPLOAD_THREADS: intFrom(1, 1),
	/** Longest one uploaded file may take to parse before its worker is terminated, ms. */
	UPLOAD_TIMEOUT_MS: intFrom(10_000, 100),
	/** V8 heap of one upload worker, MB: a file that needs more kills that worker alone. */
	UPLOAD_WORKER_HEAP_MB: intFrom(256, 16),
	/** Uploads waiting for a worker beyond this many are refused as busy. */
	UPLOAD_QUEUE: intFrom(8, 0),
	/**
	 * After a server first starts on a restored backup, browsers may resend other people's edits
	 * it lost for this long, hours (see client-bindings.ts); 0 turns that off.
	 */
	RESTORE_RECOVERY_HOURS: intFrom(168, 0),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')
});

export type Config = z.infer<typeof ConfigSchema> & { allowedOrigins: string[] };

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = ConfigSchema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid configuration: ${problems}`);
	}
	const allowedOrigins = (parsed.data.ORIGIN ?? '')
		.split(',')
		.map((o) => o.trim().replace(/\/$/, ''))
		.filter(Boolean);
	return { ...parsed.data, allowedOrigins };
}

let cached: Config | undefined;

/** The process-wide configuration (read on first use). */
export function config(): Config {
	cached ??= readConfig();
	return cached;
}
