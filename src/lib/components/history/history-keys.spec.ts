import { describe, expect, it } from 'vitest';
import { historyCommand } from './history-keys';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'isComposing', boolean>> = {}) =>
	historyCommand({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, isComposing: false, ...mods });

describe('historyCommand', () => {
	it('reads Ctrl/⌘+Z as undo and Ctrl/⌘+Shift+Z or Ctrl+Y as redo', () => {
		expect(press('z', { ctrlKey: true })).toBe('undo');
		expect(press('z', { metaKey: true })).toBe('undo');
		expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
		expect(press('y', { ctrlKey: true })).toBe('redo');
	});

	it('ignores plain keys, Alt combinations and an open IME composition', () => {
		expect(press('z')).toBeNull();
		expect(press('z', { ctrlKey: true, altKey: true })).toBeNull();
		expect(press('z', { ctrlKey: true, isComposing: true })).toBeNull();
		expect(press('Y', { ctrlKey: true, shiftKey: true })).toBeNull();
		expect(press('s', { ctrlKey: true })).toBeNull();
	});
});
