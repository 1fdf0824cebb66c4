import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, diffText, rebaseChange, transformIndex, type DeltaOp } from './text-diff';

describe('diffText', () => {
	it('returns null for equal strings', () => {
		expect(diffText('予約', '予約')).toBeNull();
	});

	it('finds an insertion, a deletion and a replacement', () => {
		expect(diffText('紙の予約', '紙の施設予約')).toEqual({ index: 2, remove: 0, insert: '施設' });
		expect(diffText('紙の施設予約', '紙の予約')).toEqual({ index: 2, remove: 2, insert: '' });
		expect(diffText('電話で確認', 'Webで確認')).toEqual({ index: 0, remove: 2, insert: 'Web' });
		expect(diffText('', 'abc')).toEqual({ index: 0, remove: 0, insert: 'abc' });
		expect(diffText('abc', '')).toEqual({ index: 0, remove: 3, insert: '' });
	});

	it('places an ambiguous insertion at the caret when it is known', () => {
		expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
		expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
		// backspace in a run of equal characters
		expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
	});

	it('never splits a surrogate pair', () => {
		// 😀 = \uD83D\uDE00, 😁 = \uD83D\uDE01: they share the high surrogate
		const change = diffText('x😀y', 'x😁y');
		expect(change).toEqual({ index: 1, remove: 2, insert: '😁' });
		const change2 = diffText('😀😀', '😀😁😀');
		expect(change2 && change2.index % 2).toBe(0);
		expect(applyChange('😀😀', change2!)).toBe('😀😁😀');
	});

	it('round-trips random edits', () => {
		const alphabet = 'あいうabc😀\n ';
		let seed = 7;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const randomText = () =>
			Array.from({ length: rand(12) }, () => [...alphabet][rand([...alphabet].length)]).join('');
		for (let i = 0; i < 500; i++) {
			const a = randomText();
			const b = randomText();
			const change = diffText(a, b);
			expect(change === null ? a : applyChange(a, change)).toBe(b);
		}
	});
});

describe('transformIndex', () => {
	const ins = (at: number, text: string): DeltaOp[] => (at ? [{ retain: at }, { insert: text }] : [{ insert: text }]);
	const del = (at: number, n: number): DeltaOp[] => (at ? [{ retain: at }, { delete: n }] : [{ delete: n }]);

	it('moves an index past insertions before it and back over deletions before it', () => {
		expect(transformIndex(5, ins(2, 'xyz'))).toBe(8);
		expect(transformIndex(1, ins(2, 'xyz'))).toBe(1);
		expect(transformIndex(5, del(1, 2))).toBe(3);
		expect(transformIndex(5, del(4, 3))).toBe(4);
		expect(transformIndex(5, del(6, 3))).toBe(5);
	});

	it('breaks a tie by assoc', () => {
		expect(transformIndex(2, ins(2, 'xy'), -1)).toBe(2);
		expect(transformIndex(2, ins(2, 'xy'), 1)).toBe(4);
	});
});

describe('rebaseChange against Yjs', () => {
	it('applies a local change made on an old text to the current Y.Text so both edits survive', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, '施設予約は紙のみ');
		const before = text.toString();
		const deltas: DeltaOp[][] = [];
		text.observe((e) => deltas.push(e.delta as DeltaOp[]));
		// a remote edit arrives while the local user composes with an IME
		text.insert(0, '【課題】');
		// the local edit was made on `before`
		const local = diffText(before, '施設予約は紙と電話のみ')!;
		const rebased = rebaseChange(local, deltas);
		text.delete(rebased.index, rebased.remove);
		text.insert(rebased.index, rebased.insert);
		expect(text.toString()).toBe('【課題】施設予約は紙と電話のみ');
	});

	it('shrinks a removal by what the remote side already deleted', () => {
		const change = rebaseChange({ index: 2, remove: 4, insert: 'X' }, [[{ retain: 3 }, { delete: 2 }]]);
		expect(change).toEqual({ index: 2, remove: 2, insert: 'X' });
	});
});

describe('character-level merging of two replicas', () => {
	it('merges concurrent edits of the same card text', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getText('t').insert(0, '窓口で受付');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const edit = (doc: Y.Doc, next: string) => {
			const t = doc.getText('t');
			const change = diffText(t.toString(), next)!;
			doc.transact(() => {
				if (change.remove) t.delete(change.index, change.remove);
				if (change.insert) t.insert(change.index, change.insert);
			});
		};
		edit(a, 'オンラインと窓口で受付');
		edit(b, '窓口で受付（土日も）');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(a.getText('t').toString()).toBe('オンラインと窓口で受付（土日も）');
		expect(b.getText('t').toString()).toBe(a.getText('t').toString());
	});
});
