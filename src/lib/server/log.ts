/**
 * Structured logging: one JSON line per event on stdout (stderr for warnings and errors).
 * Fields named like secrets are dropped, so a careless caller cannot leak a password or token.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEY = /pass(word)?|token|secret|cookie|hash|authorization/i;

export type LogFields = Record<string, unknown>;

function threshold(): number {
	const level = (process.env.LOG_LEVEL ?? 'info') as keyof typeof ORDER;
	return ORDER[level] ?? ORDER.info;
}

function clean(fields: LogFields): LogFields {
	const out: LogFields = {};
	for (const [k, v] of Object.entries(fields)) {
		if (SECRET_KEY.test(k)) continue;
		out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
	}
	return out;
}

function write(level: Level, event: string, fields: LogFields = {}): void {
	if (ORDER[level] < threshold()) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...clean(fields) });
	if (level === 'warn' || level === 'error') process.stderr.write(line + '\n');
	else process.stdout.write(line + '\n');
}

export const log = {
	debug: (event: string, fields?: LogFields) => write('debug', event, fields),
	info: (event: string, fields?: LogFields) => write('info', event, fields),
	warn: (event: string, fields?: LogFields) => write('warn', event, fields),
	error: (event: string, fields?: LogFields) => write('error', event, fields)
};
