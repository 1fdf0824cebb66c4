import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect';

describe('safeRedirectPath', () => {
	it('keeps paths on this site', () => {
		expect(safeRedirectPath('/w/abc/members?x=1')).toBe('/w/abc/members?x=1');
	});

	it('refuses other origins and odd values', () => {
		for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'w/abc', '', null, 42]) {
			expect(safeRedirectPath(bad)).toBe('/');
		}
	});
});
