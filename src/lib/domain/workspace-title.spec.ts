import { describe, expect, it } from 'vitest';
import { workspaceTitle } from './workspace-title';

describe('workspaceTitle', () => {
	it('names the town once when the strategy already carries it', () => {
		expect(workspaceTitle('会津美里町', '会津美里町デジタル田園都市構想総合戦略')).toBe('会津美里町デジタル田園都市構想総合戦略');
	});
	it('prefixes the town when the strategy name lacks it', () => {
		expect(workspaceTitle('会津美里町', 'デジタル戦略')).toBe('会津美里町 デジタル戦略');
	});
	it('copes with blanks', () => {
		expect(workspaceTitle('会津美里町', ' ')).toBe('会津美里町');
		expect(workspaceTitle('', 'デジタル戦略')).toBe('デジタル戦略');
	});
});
