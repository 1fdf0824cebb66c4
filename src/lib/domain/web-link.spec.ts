import { describe, expect, it } from 'vitest';
import { httpLink } from './web-link';

describe('httpLink', () => {
	it('accepts http and https addresses', () => {
		expect(httpLink('https://www.town.example.lg.jp/booking')).toBe('https://www.town.example.lg.jp/booking');
		expect(httpLink('  http://example.jp  ')).toBe('http://example.jp/');
	});

	it('normalises full-width characters typed with a Japanese IME', () => {
		expect(httpLink('ｈｔｔｐｓ：／／example.jp／a')).toBe('https://example.jp/a');
	});

	it('refuses other schemes, relative addresses, credentials and blanks', () => {
		for (const bad of [
			'javascript:alert(1)',
			'JAVASCRIPT:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox',
			'file:///etc/passwd',
			'ftp://example.jp',
			'//example.jp',
			'/w/abc',
			'example.jp',
			'https://user:pass@example.jp',
			'https://exa mple.jp',
			'',
			'   '
		]) {
			expect(httpLink(bad), bad).toBeNull();
		}
	});
});
