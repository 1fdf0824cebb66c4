// Fills in package-lock.json entries for other platforms' optional packages (rollup's, esbuild's,
// lix's native builds …) that `npm install` leaves out when the registry it talks to lacks those
// exact versions. Without them `npm ci` refuses the lock ("Missing: … from lock file"). The
// entries carry os/cpu/libc from the package manifest, so npm ci on any machine installs only
// the build for that machine. Run after `npm install` changes the lock: node scripts/complete-lockfile.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

function manifestFields(name, version) {
	for (const spec of [`${name}@${version}`, name]) {
		try {
			const out = execFileSync('npm', ['view', spec, 'os', 'cpu', 'libc', '--json'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			}).trim();
			if (!out) return {};
			const parsed = JSON.parse(out);
			return Array.isArray(parsed) ? parsed.at(-1) : parsed;
		} catch {
			// try the next spec
		}
	}
	return {};
}

/** Where npm would look up `name` from the package at `path` (nearest node_modules upwards). */
function resolves(path, name) {
	let base = path;
	for (;;) {
		if (packages[`${base ? base + '/' : ''}node_modules/${name}`]) return true;
		if (!base) return false;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut < 0 ? '' : base.slice(0, cut);
	}
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		if (resolves(path, name) || !/^\d+\.\d+\.\d+/.test(version)) continue;
		const key = `${path ? path + '/' : ''}node_modules/${name}`;
		const { os, cpu, libc } = manifestFields(name, version);
		packages[key] = {
			version,
			...(entry.dev ? { dev: true } : {}),
			optional: true,
			...(cpu ? { cpu: [].concat(cpu) } : {}),
			...(libc ? { libc: [].concat(libc) } : {}),
			...(os ? { os: [].concat(os) } : {})
		};
		added += 1;
	}
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} optional platform entries to ${LOCK}`);
