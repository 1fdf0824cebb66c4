/**
 * Opening the embedded SQLite database and migrating it.
 * Durability settings: WAL with synchronous=FULL (a committed transaction survives power loss),
 * a busy timeout so that the app and CLI can share the file, and foreign keys on.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database } from './types';
import { migrationProvider } from './migrations';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
	db: Db;
	/** The raw connection, for the online backup API and synchronous hot paths. */
	sqlite: SQLite.Database;
}

export function openDatabase(path: string): OpenedDatabase {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	return { db, sqlite };
}

export async function migrateToLatest(db: Db): Promise<void> {
	const migrator = new Migrator({ db, provider: migrationProvider });
	const { error, results } = await migrator.migrateToLatest();
	for (const r of results ?? []) {
		if (r.status === 'Error') throw new Error(`Migration ${r.migrationName} failed`);
	}
	if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * Copies the live database to `target` with SQLite's online backup API (safe while running), and
 * stamps the copy as a backup (see collab/recovery-window.ts: a server started on it after a
 * restore accepts browsers' resends of what it lost).
 */
export async function backupDatabase(sqlite: SQLite.Database, target: string): Promise<void> {
	mkdirSync(dirname(target), { recursive: true });
	await sqlite.backup(target);
	const copy = new SQLite(target);
	try {
		copy.prepare('INSERT INTO backup_stamp (taken_at, restored_at) VALUES (?, NULL)').run(Date.now());
	} finally {
		copy.close();
	}
}
