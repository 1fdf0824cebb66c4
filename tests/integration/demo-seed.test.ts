/**
 * `npm run demo` (node build/cli.js demo) seeds a fictional town that the real server serves:
 * the printed accounts log in, and the first board holds the seeded cards and idea sheet.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { openDatabase } from '../../src/lib/server/db';
import { DocumentStore } from '../../src/lib/server/collab/persistence';
import { listCards, listSheets } from '../../src/lib/collab/schema';

const run = promisify(execFile);
const CLI = resolve(process.env.BUILD_DIR ?? 'build', 'cli.js');
const dataDir = mkdtempSync(join(tmpdir(), 'dsw-demo-'));
const databasePath = join(dataDir, 'app.db');
let server: AppServer | undefined;

afterAll(async () => {
	await server?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('demo seed', () => {
	it('seeds once, prints the logins, and the server lets them in', async () => {
		const env = { ...process.env, DATABASE_PATH: databasePath, DEMO_PASSWORD: 'demo-pass-2025', LOG_LEVEL: 'warn' };
		const first = await run(process.execPath, [CLI, 'demo'], { env });
		expect(first.stdout).toContain('みらい町');
		expect(first.stdout).toContain('facilitator');
		expect(first.stdout).toContain('demo-pass-2025');
		const again = await run(process.execPath, [CLI, 'demo'], { env });
		expect(again.stdout).toContain('nothing changed');

		const opened = openDatabase(databasePath);
		const users = await opened.db.selectFrom('user').select('login_id').execute();
		expect(users).toHaveLength(16);
		const group = await opened.db
			.selectFrom('workshop_group')
			.innerJoin('workshop_session', 'workshop_session.id', 'workshop_group.session_id')
			.select('workshop_group.document_id')
			.orderBy('workshop_session.ordinal')
			.orderBy('workshop_group.sort_order')
			.executeTakeFirstOrThrow();
		const { doc } = await new DocumentStore(opened).load(group.document_id);
		expect(listCards(doc).map((c) => c.text)).toContain(
			'公民館・体育館の予約が紙の申請書のみで、空き状況は電話しないとわからない'
		);
		const [sheet] = listSheets(doc);
		expect(sheet?.title).toBe('公共施設のオンライン予約');
		expect(sheet?.outcomeKpis[0]?.pairedOutputIds).toEqual([sheet?.outputKpis[0]?.id]);
		await opened.db.destroy();

		server = await startAppServer({ dataDir });
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ loginId: 'facilitator', password: 'demo-pass-2025', redirectTo: '/' }),
			redirect: 'manual'
		});
		await response.arrayBuffer();
		expect(response.status).toBe(303);
		expect(response.headers.get('set-cookie')).toMatch(/^session=/);
	});
});
