import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findItem, initStrategy, measureText, setNumericTargetNumber } from '$lib/collab/strategy';
import { StrategyState } from './strategy-state.svelte';

/** Two facilitators' editors on one draft, kept in sync as the server would relay. */
function twoEditors() {
	const a = new Y.Doc();
	initStrategy(a);
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(b, u, 'relay'));
	b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(a, u, 'relay'));
	return { a: new StrategyState(a), b: new StrategyState(b) };
}

const directionIds = (s: StrategyState) => s.draft.goals.flatMap((g) => g.directions.map((d) => d.id));
const settle = () => new Promise((r) => queueMicrotask(() => r(undefined)));

describe('StrategyState history', () => {
	it("undoes and redoes one's own steps, never the other facilitator's", async () => {
		const { a, b } = twoEditors();
		expect(a.history.canUndo).toBe(false);
		const mine = a.addDirection(1);
		const theirs = b.addDirection(2);
		await settle();
		expect(directionIds(a).sort()).toEqual([mine, theirs].sort());
		expect(a.history.canUndo).toBe(true);

		a.history.undo();
		await settle();
		expect(directionIds(a)).toEqual([theirs]);
		expect(directionIds(b)).toEqual([theirs]);
		expect(a.history.canRedo).toBe(true);

		a.history.redo();
		await settle();
		expect(directionIds(b).sort()).toEqual([mine, theirs].sort());
	});

	it('brings back a deleted measure with its title, as one step', async () => {
		const { a, b } = twoEditors();
		const direction = a.addDirection(1);
		const measure = a.addMeasure(direction);
		measureText(findItem(a.doc, 'measure', measure)!, 'title').insert(0, '窓口のオンライン化');
		a.history.stopCapturing();
		a.remove('measure', measure);
		await settle();
		expect(findItem(b.doc, 'measure', measure)).toBeUndefined();

		a.history.undo();
		expect(measureText(findItem(b.doc, 'measure', measure)!, 'title').toString()).toBe('窓口のオンライン化');
	});

	it('makes a field change its own step and leaves edits it did not make untracked', async () => {
		const { a, b } = twoEditors();
		const target = a.addNumericTarget(1);
		const item = findItem(a.doc, 'numericTarget', target)!;
		a.edit(() => setNumericTargetNumber(item, 'targetValue', 80));
		a.edit(() => setNumericTargetNumber(item, 'targetValue', 90));
		// a change made without the history (as the title refresh does) is nobody's undo step
		a.doc.transact(() => setNumericTargetNumber(item, 'baselineValue', 10));

		const shown = async () => {
			await settle();
			const t = b.draft.goals[0]!.targets.find((x) => x.id === target)!;
			return { targetValue: t.targetValue, baselineValue: t.baselineValue };
		};
		a.history.undo();
		expect(await shown()).toEqual({ targetValue: 80, baselineValue: 10 });
		a.history.undo();
		expect(await shown()).toEqual({ targetValue: null, baselineValue: 10 });
	});

	it('drops a dragged direction onto another, taking its place, or at the end, as one step', async () => {
		const { a } = twoEditors();
		const [d1, d2, d3] = [a.addDirection(1), a.addDirection(1), a.addDirection(1)];
		await settle();
		a.drop('direction', d3, a.draft.goals[0]!.directions, d1, 1);
		await settle();
		expect(directionIds(a)).toEqual([d3, d1, d2]);
		a.drop('direction', d3, a.draft.goals[0]!.directions, null, 1);
		await settle();
		expect(directionIds(a)).toEqual([d1, d2, d3]);
		a.history.undo();
		await settle();
		expect(directionIds(a)).toEqual([d3, d1, d2]);
	});
});
