import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { backupDatabase, migrateToLatest, openDatabase, type OpenedDatabase } from '../db';
import { recoveryWindow } from './recovery-window';

const HOUR = 3_600_000;
const opened: OpenedDatabase[] = [];
const dirs: string[] = [];

afterEach(async () => {
	for (const d of opened.splice(0)) await d.db.destroy();
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(path: string): Promise<OpenedDatabase> {
	const database = openDatabase(path);
	opened.push(database);
	await migrateToLatest(database.db);
	return database;
}

it('opens only on a database restored from a stamped backup, from its first start, for the configured time', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'recovery-'));
	dirs.push(dir);
	const live = await open(join(dir, 'live.db'));
	expect(recoveryWindow(live.sqlite, 168 * HOUR)).toBeNull();

	await backupDatabase(live.sqlite, join(dir, 'backup.db'));
	// the live database itself carries no stamp
	expect(recoveryWindow(live.sqlite, 168 * HOUR)).toBeNull();

	const restored = await open(join(dir, 'backup.db'));
	const first = recoveryWindow(restored.sqlite, 2 * HOUR, 10 * HOUR);
	expect(first).toEqual({ since: 10 * HOUR, until: 12 * HOUR, opened: true });
	// a restart inside the window keeps it; after it, it is closed
	expect(recoveryWindow(restored.sqlite, 2 * HOUR, 11 * HOUR)).toEqual({ since: 10 * HOUR, until: 12 * HOUR, opened: false });
	expect(recoveryWindow(restored.sqlite, 2 * HOUR, 12 * HOUR)).toBeNull();
	// RESTORE_RECOVERY_HOURS=0 turns it off
	expect(recoveryWindow(restored.sqlite, 0, 11 * HOUR)).toBeNull();
});
