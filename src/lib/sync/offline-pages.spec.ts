import { describe, expect, it } from 'vitest';
import { isOfflinePage } from './offline-pages';

describe('isOfflinePage', () => {
	it('keeps board pages only', () => {
		expect(isOfflinePage('/w/01JABC/boards/01JDEF')).toBe(true);
		expect(isOfflinePage('/w/01JABC/boards/01JDEF/')).toBe(true);
		expect(isOfflinePage('/w/01JABC/boards/01JDEF/projector')).toBe(false);
		expect(isOfflinePage('/w/01JABC/boards/01JDEF/sheets/x/print')).toBe(false);
		expect(isOfflinePage('/w/01JABC')).toBe(false);
		expect(isOfflinePage('/login')).toBe(false);
	});
});
