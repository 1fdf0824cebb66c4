/**
 * Operator commands, bundled to build/cli.js:
 *   node build/cli.js migrate               apply pending migrations to DATABASE_PATH
 *   node build/cli.js backup <target-file>  online copy of the live database (safe while running)
 * Add a command as one more `case` in `main` and one more line in USAGE.
 */
import { config } from '../src/lib/server/config';
import { backupDatabase, migrateToLatest, openDatabase, type OpenedDatabase } from '../src/lib/server/db';
import { log } from '../src/lib/server/log';

const USAGE = `usage: node build/cli.js <command>

commands:
  migrate                 apply pending database migrations (DATABASE_PATH)
  backup <target-file>    copy the live database to <target-file> with SQLite's online backup
`;

/** Exit status for a command line that does not make sense. */
const EXIT_USAGE = 2;

async function withDatabase(run: (database: OpenedDatabase) => Promise<void>): Promise<void> {
	const database = openDatabase(config().DATABASE_PATH);
	try {
		await run(database);
	} finally {
		await database.db.destroy();
	}
}

async function migrate(): Promise<void> {
	await withDatabase(async ({ db }) => {
		await migrateToLatest(db);
		log.info('cli.migrated', { database: config().DATABASE_PATH });
	});
}

async function backup(target: string): Promise<void> {
	await withDatabase(async ({ sqlite }) => {
		await backupDatabase(sqlite, target);
		log.info('cli.backup_written', { database: config().DATABASE_PATH, target });
	});
}

function usage(problem?: string): number {
	if (problem) process.stderr.write(`${problem}\n\n`);
	process.stderr.write(USAGE);
	return EXIT_USAGE;
}

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv;
	switch (command) {
		case 'migrate':
			await migrate();
			return 0;
		case 'backup': {
			const [target] = args;
			if (!target) return usage('backup: the target file is missing');
			await backup(target);
			return 0;
		}
		case 'help':
		case '--help':
		case '-h':
			process.stdout.write(USAGE);
			return 0;
		default:
			return usage(command ? `unknown command: ${command}` : undefined);
	}
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	log.error('cli.failed', { error });
	process.exitCode = 1;
}
