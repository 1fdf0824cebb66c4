/**
 * DNS rebinding defence: when the public origin is configured (ORIGIN), answer only requests
 * addressed to its hosts. A page on an attacker's domain whose name was re-pointed at this
 * server sends `Host: attacker.example` together with a matching `Origin`, so same-origin checks
 * alone pass; the Host header is what gives it away. Decided here as a value; server/index.ts
 * applies it to every HTTP request and websocket upgrade.
 */

/** The hosts a request may be addressed to, or null when ORIGIN is not set (no check). */
export function allowedHostsOf(allowedOrigins: readonly string[]): ReadonlySet<string> | null {
	if (allowedOrigins.length === 0) return null;
	const hosts = new Set<string>();
	for (const origin of allowedOrigins) {
		let url: URL;
		try {
			url = new URL(origin);
		} catch {
			continue;
		}
		hosts.add(url.host); // the default port is already dropped: "dx.town.lg.jp"
		if (!url.port) hosts.add(`${url.hostname}:${url.protocol === 'https:' ? 443 : 80}`);
	}
	return hosts;
}

const HOST_SYNTAX = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export type HostDecision =
	| { ok: true }
	| { ok: false; reason: 'missing_host' | 'unknown_host' };

/**
 * Whether a request with this Host header may be served. `/healthz` is exempt: load balancers
 * and monitors probe it by address, and it answers only counts, sets nothing and reads no session.
 */
export function decideHost(
	hostHeader: string | undefined,
	allowedHosts: ReadonlySet<string> | null,
	isHealthProbe = false
): HostDecision {
	if (!allowedHosts || isHealthProbe) return { ok: true };
	if (!hostHeader) return { ok: false, reason: 'missing_host' };
	// A name or address and a port, nothing else (no "user@", path or spaces to confuse a parser).
	if (!HOST_SYNTAX.test(hostHeader)) return { ok: false, reason: 'unknown_host' };
	let host: string;
	try {
		host = new URL(`http://${hostHeader}`).host; // lower case; ":80" dropped
	} catch {
		return { ok: false, reason: 'unknown_host' };
	}
	const withoutRootDot = host.replace(/\.(?=:|$)/, ''); // "dx.town.lg.jp." is the same name
	if (allowedHosts.has(host) || allowedHosts.has(withoutRootDot)) return { ok: true };
	return { ok: false, reason: 'unknown_host' };
}

/** The status and short plain-text body of a refusal (421: this server is not that host). */
export const MISDIRECTED_STATUS = 421;
export const MISDIRECTED_BODY = 'Misdirected Request: unknown host\n';
