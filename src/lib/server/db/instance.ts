/**
 * The app's database handle for SvelteKit code (hooks, loads, actions). Opened on first use
 * from the validated configuration; migrations are run by the Node entry (server/) at start.
 */
import { config } from '../config';
import { openDatabase, type OpenedDatabase } from './index';

let opened: OpenedDatabase | undefined;

export function appDatabase(): OpenedDatabase {
	opened ??= openDatabase(config().DATABASE_PATH);
	return opened;
}

export function appDb() {
	return appDatabase().db;
}
