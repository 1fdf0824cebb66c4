import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSHOP_SESSIONS, nextGroupName } from './workshop-template';

describe('DEFAULT_WORKSHOP_SESSIONS', () => {
	it('has two clerk-level and then two chief-level sessions', () => {
		expect(DEFAULT_WORKSHOP_SESSIONS.map((s) => s.audience)).toEqual(['clerk', 'clerk', 'chief', 'chief']);
		expect(DEFAULT_WORKSHOP_SESSIONS[3]?.name).toBe('係長 第2回 KPI設定');
	});
});

describe('nextGroupName', () => {
	it('names groups A班, B班 … skipping names in use', () => {
		expect(nextGroupName([])).toBe('A班');
		expect(nextGroupName(['A班'])).toBe('B班');
		expect(nextGroupName(['A班', 'C班'])).toBe('B班');
		expect(nextGroupName(['Ａ班'])).toBe('B班');
	});

	it('continues with A2班 after Z班', () => {
		const all = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}班`);
		expect(nextGroupName(all)).toBe('A2班');
	});
});
