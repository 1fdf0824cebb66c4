import { describe, expect, it } from 'vitest';
import { newId } from '../ids';
import { documentIdFromPath, isOriginAllowed } from './authorize';

describe('documentIdFromPath', () => {
	it('takes the id of /yjs/<id>, ignoring the query', () => {
		const id = newId();
		expect(documentIdFromPath(`/yjs/${id}`)).toBe(id);
		expect(documentIdFromPath(`/yjs/${id}?v=1`)).toBe(id);
	});

	it('refuses other paths and malformed ids', () => {
		expect(documentIdFromPath('/yjs/')).toBeNull();
		expect(documentIdFromPath('/yjs/ABC')).toBeNull();
		expect(documentIdFromPath(`/yjs/${newId()}/more`)).toBeNull();
		expect(documentIdFromPath('/yjs/%E0%A4%A')).toBeNull();
		expect(documentIdFromPath(`/other/${newId()}`)).toBeNull();
		expect(documentIdFromPath(undefined)).toBeNull();
	});
});

describe('isOriginAllowed', () => {
	it('accepts the same host as the Host header', () => {
		expect(isOriginAllowed('http://127.0.0.1:5173', '127.0.0.1:5173', [])).toBe(true);
		expect(isOriginAllowed('https://dx.town.lg.jp', 'dx.town.lg.jp:443', [])).toBe(true);
		expect(isOriginAllowed('https://DX.town.lg.jp', 'dx.town.lg.jp', [])).toBe(true);
	});

	it('accepts a configured public origin behind a proxy', () => {
		expect(isOriginAllowed('https://dx.town.lg.jp', 'app:3000', ['https://dx.town.lg.jp'])).toBe(true);
	});

	it('refuses other origins, a missing or opaque Origin, and other schemes', () => {
		expect(isOriginAllowed('https://evil.example', 'dx.town.lg.jp', [])).toBe(false);
		expect(isOriginAllowed('http://127.0.0.1:5174', '127.0.0.1:5173', [])).toBe(false);
		expect(isOriginAllowed(undefined, 'dx.town.lg.jp', [])).toBe(false);
		expect(isOriginAllowed('null', 'dx.town.lg.jp', [])).toBe(false);
		expect(isOriginAllowed('file://dx.town.lg.jp', 'dx.town.lg.jp', [])).toBe(false);
		expect(isOriginAllowed('https://dx.town.lg.jp', undefined, [])).toBe(false);
	});
});
