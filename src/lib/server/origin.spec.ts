import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, needsOriginCheck } from './origin';

const url = new URL('http://127.0.0.1:3000/w/abc');
const post = (type?: string) =>
	new Request(url, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: 'x' });

describe('needsOriginCheck', () => {
	it('leaves GET and form posts to others', () => {
		expect(needsOriginCheck(new Request(url))).toBe(false);
		expect(needsOriginCheck(post('application/x-www-form-urlencoded'))).toBe(false);
		expect(needsOriginCheck(post('multipart/form-data; boundary=x'))).toBe(false);
		expect(needsOriginCheck(post('text/plain;charset=UTF-8'))).toBe(false);
	});

	it('checks JSON and bodiless posts', () => {
		expect(needsOriginCheck(post('application/json'))).toBe(true);
		expect(needsOriginCheck(new Request(url, { method: 'DELETE' }))).toBe(true);
	});
});

describe('isAllowedOrigin', () => {
	it('accepts the same origin and configured ones only', () => {
		expect(isAllowedOrigin('http://127.0.0.1:3000', url, [])).toBe(true);
		expect(isAllowedOrigin('https://dx.town.lg.jp', url, ['https://dx.town.lg.jp'])).toBe(true);
		expect(isAllowedOrigin('http://evil.example', url, ['https://dx.town.lg.jp'])).toBe(false);
		expect(isAllowedOrigin(null, url, [])).toBe(false);
		expect(isAllowedOrigin('null', url, [])).toBe(false);
	});
});
