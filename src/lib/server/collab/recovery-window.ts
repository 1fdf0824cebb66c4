/**
 * Whether this database was restored from a backup recently, so that browsers resending what the
 * server lost (other people's edits among it) are accepted as restorations (client-bindings.ts).
 *
 * The backup command stamps every copy it writes (`backupDatabase`: one `backup_stamp` row, never in
 * the live database). When a server starts on a database holding a stamp that no server has
 * started on before, the database is a restored copy: the stamp gets `restored_at = now`, and
 * the recovery window lasts `RESTORE_RECOVERY_HOURS` from then (a restart inside the window
 * keeps it). A copy restored by other means (a file copy, a VM snapshot) carries no stamp, and
 * then no window opens: browsers holding other people's lost edits are refused.
 */
import type SQLite from 'better-sqlite3';
import type { Recovery } from './client-bindings';

export interface RecoveryWindow extends Recovery {
	/** When the window closes (ms). */
	until: number;
	/** Whether this start opened it (the first start on the restored copy). */
	opened: boolean;
}

/** Opens the recovery window if this is the first start on a restored copy; the open window, or null. */
export function recoveryWindow(sqlite: SQLite.Database, durationMs: number, now = Date.now()): RecoveryWindow | null {
	if (durationMs <= 0) return null;
	const opened = sqlite.prepare('UPDATE backup_stamp SET restored_at = ? WHERE restored_at IS NULL').run(now).changes > 0;
	const row = sqlite.prepare('SELECT MAX(restored_at) AS since FROM backup_stamp').get() as { since: number | null };
	if (row.since === null || row.since + durationMs <= now) return null;
	return { since: row.since, until: row.since + durationMs, opened };
}
