import { describe, expect, it } from 'vitest';
import { allowedHostsOf, decideHost } from './host-check';

describe('allowedHostsOf', () => {
	it('is null (no check) without a configured origin', () => {
		expect(allowedHostsOf([])).toBeNull();
	});

	it('takes the host of each origin, with its default port spelled out too', () => {
		expect([...allowedHostsOf(['https://dx.town.lg.jp', 'http://10.0.0.5:3000'])!].sort()).toEqual(
			['10.0.0.5:3000', 'dx.town.lg.jp', 'dx.town.lg.jp:443'].sort()
		);
	});
});

describe('decideHost', () => {
	const allowed = allowedHostsOf(['https://dx.town.lg.jp', 'http://intra.town.local:8080']);

	it('accepts the configured hosts, in any case and with an explicit default port', () => {
		expect(decideHost('dx.town.lg.jp', allowed)).toEqual({ ok: true });
		expect(decideHost('DX.Town.LG.JP', allowed)).toEqual({ ok: true });
		expect(decideHost('dx.town.lg.jp:443', allowed)).toEqual({ ok: true });
		expect(decideHost('dx.town.lg.jp.', allowed)).toEqual({ ok: true });
		expect(decideHost('intra.town.local:8080', allowed)).toEqual({ ok: true });
	});

	it('refuses a rebinding host, the bare address, another port and a missing Host', () => {
		expect(decideHost('attacker.example', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost('127.0.0.1:3000', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost('intra.town.local', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost('dx.town.lg.jp.attacker.example', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost('dx.town.lg.jp@attacker.example', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost('attacker.example@dx.town.lg.jp', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost('dx.town.lg.jp/x', allowed)).toEqual({ ok: false, reason: 'unknown_host' });
		expect(decideHost(undefined, allowed)).toEqual({ ok: false, reason: 'missing_host' });
		expect(decideHost('', allowed)).toEqual({ ok: false, reason: 'missing_host' });
	});

	it('lets every host through without ORIGIN, and health probes through always', () => {
		expect(decideHost('anything.example', null)).toEqual({ ok: true });
		expect(decideHost('10.1.2.3:3000', allowed, true)).toEqual({ ok: true });
	});
});
