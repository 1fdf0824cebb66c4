import { describe, expect, it } from 'vitest';
import { mayEnterActual } from './actual-permission';

describe('mayEnterActual', () => {
	it('lets members of the responsible department enter, and nobody else of rank member', () => {
		expect(mayEnterActual({ role: 'member', department: '企画課' }, '企画課')).toBe(true);
		expect(mayEnterActual({ role: 'member', department: '企画課 ' }, '企画課')).toBe(true);
		expect(mayEnterActual({ role: 'member', department: '福祉課' }, '企画課')).toBe(false);
		expect(mayEnterActual({ role: 'member', department: '' }, '')).toBe(false);
	});
	it('lets facilitators and admins enter every KPI, observers none', () => {
		expect(mayEnterActual({ role: 'facilitator', department: '' }, '企画課')).toBe(true);
		expect(mayEnterActual({ role: 'admin', department: '福祉課' }, '企画課')).toBe(true);
		expect(mayEnterActual({ role: 'observer', department: '企画課' }, '企画課')).toBe(false);
	});
});
