/**
 * GET /healthz for load balancers and the operator: is the database answering, and how busy is
 * the collaboration server. Used by the production entry and the dev plugin alike.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'kysely';
import type { Db } from './db';

export const HEALTH_PATH = '/healthz';

export interface HealthReport {
	status: 'ok' | 'error';
	database: 'ok' | 'error';
	openDocuments: number;
	connections: number;
}

export interface CollabCounts {
	stats(): { openDocuments: number; connections: number };
}

export async function checkHealth(db: Db, collab: CollabCounts): Promise<{ httpStatus: 200 | 503; report: HealthReport }> {
	let databaseOk = true;
	try {
		await sql`select 1`.execute(db);
	} catch {
		databaseOk = false;
	}
	const { openDocuments, connections } = collab.stats();
	return {
		httpStatus: databaseOk ? 200 : 503,
		report: {
			status: databaseOk ? 'ok' : 'error',
			database: databaseOk ? 'ok' : 'error',
			openDocuments,
			connections
		}
	};
}

export function isHealthRequest(req: IncomingMessage): boolean {
	return (req.method === 'GET' || req.method === 'HEAD') && req.url?.split('?')[0] === HEALTH_PATH;
}

export async function respondHealth(req: IncomingMessage, res: ServerResponse, db: Db, collab: CollabCounts): Promise<void> {
	const { httpStatus, report } = await checkHealth(db, collab);
	const body = JSON.stringify(report);
	res.writeHead(httpStatus, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-length': Buffer.byteLength(body)
	});
	res.end(req.method === 'HEAD' ? undefined : body);
}
