/**
 * Operator commands, bundled to build/cli.js:
 *   node build/cli.js migrate               apply pending migrations to DATABASE_PATH
 *   node build/cli.js backup <target-file>  online copy of the live database (safe while running)
 *   node build/cli.js demo                  seed a fictional town to explore (DEMO_PASSWORD fixes the password)
 *   node build/cli.js evaluate <table> [--year R4]  progress and classes of a KPI table (no database)
 * Add a command as one more `case` in `main` and one more line in USAGE.
 */
import { config } from '../src/lib/server/config';
import { backupDatabase, migrateToLatest, openDatabase, type OpenedDatabase } from '../src/lib/server/db';
import { log } from '../src/lib/server/log';
import { DEMO_TOWN, seedDemo } from '../src/lib/server/demo/seed';
import { generateSessionToken } from '../src/lib/server/auth/session';
import { runEvaluate } from '../src/lib/server/evaluation/evaluate-command';
import { readFile } from 'node:fs/promises';

const USAGE = `usage: node build/cli.js <command>

commands:
  migrate                 apply pending database migrations (DATABASE_PATH)
  backup <target-file>    copy the live database to <target-file> with SQLite's online backup
  demo                    seed a fictional town with staff, a workshop and a board
                          (password from DEMO_PASSWORD, else a random one is printed)
  evaluate <table.csv|table.xlsx> [--year R4] [--target final|yearly]
                          read a KPI table (no database), print the achievement CSV and the
                          per-goal summary; exit 1 with row and column messages on errors
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

async function demo(): Promise<void> {
	const password = process.env.DEMO_PASSWORD || generateSessionToken().slice(0, 12);
	if ([...password].length < 8) throw new Error('DEMO_PASSWORD must be at least 8 characters');
	await withDatabase(async (database) => {
		await migrateToLatest(database.db);
		const result = await seedDemo(database, password);
		if (!result.created) {
			process.stdout.write(`${DEMO_TOWN} is already seeded in ${config().DATABASE_PATH}; nothing changed.\n`);
			return;
		}
		const rows = result.logins.map((l) => `  ${l.loginId.padEnd(12)} ${l.name}（${l.role}）`).join('\n');
		process.stdout.write(
			`Seeded ${DEMO_TOWN} into ${config().DATABASE_PATH}.\n` +
				`Start the app (npm run serve) and log in at http://localhost:${config().PORT}/login with:\n` +
				`${rows}\n  password: ${password}\n`
		);
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
		case 'demo':
			await demo();
			return 0;
		case 'evaluate':
			return runEvaluate(args, {
				readFile: async (path) => new Uint8Array(await readFile(path)),
				stdout: (text) => process.stdout.write(text),
				stderr: (text) => process.stderr.write(text)
			});
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
