/**
 * Two people type into the same idea-sheet field (① by what means) at the same moment, each
 * before seeing the other's edit: both edits survive, character by character, on both screens
 * and in storage.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addSheet, findSheet, sheetText } from '../../src/lib/collab/schema';
import { CollabHarness, waitFor } from '../helpers/collab-client';

let h: CollabHarness;

beforeEach(async () => {
	h = await CollabHarness.start();
});

afterEach(async () => {
	await h.stop();
});

it('merges concurrent edits of one sheet text field into text containing both', async () => {
	const hanako = await h.world.member('member', { displayName: '会津 花子' });
	const taro = await h.world.member('member', { displayName: '美里 太郎' });
	const a = await h.connect({ cookie: hanako.cookie });
	const b = await h.connect({ cookie: taro.cookie });

	const sheetA = addSheet(a.doc, { id: 'sheet-1', authorId: hanako.userId, authorName: '会津 花子', title: '施設予約' });
	sheetText(sheetA, 'solutionMeans').insert(0, '予約システム');
	await waitFor(() => sheetTextOf(b.doc) === '予約システム', { what: 'the sheet to reach the second client' });
	const sheetB = findSheet(b.doc, 'sheet-1')!;

	// both type in the same tick: neither has seen the other's edit when making its own
	sheetText(sheetA, 'solutionMeans').insert(0, 'オンライン');
	sheetText(sheetB, 'solutionMeans').insert('予約システム'.length, 'とキャッシュレス決済');
	expect(sheetTextOf(a.doc)).toBe('オンライン予約システム');
	expect(sheetTextOf(b.doc)).toBe('予約システムとキャッシュレス決済');

	await waitFor(() => sheetTextOf(a.doc) === sheetTextOf(b.doc) && sheetTextOf(a.doc).length > 13, {
		what: 'the two replicas to converge'
	});
	const merged = sheetTextOf(a.doc);
	expect(merged).toBe('オンライン予約システムとキャッシュレス決済');
	const stored = await h.world.loadStored();
	expect(sheetTextOf(stored)).toBe(merged);
});

function sheetTextOf(doc: Parameters<typeof findSheet>[0]): string {
	const sheet = findSheet(doc, 'sheet-1');
	return sheet ? sheetText(sheet, 'solutionMeans').toString() : '';
}
