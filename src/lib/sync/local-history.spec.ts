import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addKpi,
	addSheet,
	cardField,
	deleteCard,
	deleteSheet,
	findCard,
	findKpi,
	findSheet,
	kpiText,
	listCards,
	readCard,
	setKpiTarget,
	sheetText,
	undoScope
} from '../collab/schema';
import { LocalHistory } from './local-history';

/** Two people's documents, synced as the server would relay (with the provider as origin). */
function pair() {
	const mine = new Y.Doc();
	const theirs = new Y.Doc();
	const provider = { name: 'provider' };
	mine.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== provider) Y.applyUpdate(theirs, u, provider);
	});
	theirs.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== provider) Y.applyUpdate(mine, u, provider);
	});
	return { mine, theirs };
}

const author = { authorId: 'u1', authorName: '会津 花子' };

describe('LocalHistory', () => {
	it('undoes only this person\'s typing, keeping what someone else typed in the same field', () => {
		const { mine, theirs } = pair();
		const history = new LocalHistory(mine, undoScope(mine), { captureTimeout: 0 });
		history.step(() => addCard(mine, { id: 'c1', text: '', ...author }));
		const myText = cardField(findCard(mine, 'c1')!, 'text');
		const origin = history.textOrigin();
		mine.transact(() => myText.insert(0, '施設予約が紙のみ'), origin);
		history.stopCapturing();
		// the other person appends in the same card
		const theirText = cardField(findCard(theirs, 'c1')!, 'text');
		theirText.insert(theirText.length, '。土日は不可');
		expect(myText.toString()).toBe('施設予約が紙のみ。土日は不可');

		expect(history.undo()).toBe(true);
		expect(myText.toString()).toBe('。土日は不可');
		expect(theirText.toString()).toBe('。土日は不可');
		expect(history.redo()).toBe(true);
		expect(theirText.toString()).toBe('施設予約が紙のみ。土日は不可');
		history.destroy();
	});

	it('never undoes a remote change, even when it is the latest', () => {
		const { mine, theirs } = pair();
		const history = new LocalHistory(mine, undoScope(mine), { captureTimeout: 0 });
		addCard(theirs, { id: 'c1', text: '相手のカード', ...author });
		expect(history.canUndo).toBe(false);
		expect(history.undo()).toBe(false);
		expect(listCards(mine)).toHaveLength(1);
	});

	it('brings back a deleted card with all its fields, for everyone', () => {
		const { mine, theirs } = pair();
		let changes = 0;
		const history = new LocalHistory(mine, undoScope(mine), { captureTimeout: 0, onChange: () => changes++ });
		history.step(() => {
			const card = addCard(mine, { id: 'c1', text: '窓口が混む', ...author });
			cardField(card, 'backgroundTown').insert(0, '転記の手間');
		});
		const { item } = history.step(() => deleteCard(mine, 'c1'));
		expect(item).toBe(history.lastStep);
		expect(listCards(theirs)).toHaveLength(0);

		history.undo();
		const back = readCard(findCard(theirs, 'c1')!);
		expect(back.text).toBe('窓口が混む');
		expect(back.backgroundTown).toBe('転記の手間');
		expect(changes).toBeGreaterThan(0);
		expect(history.canRedo).toBe(true);
	});

	it('undoes a sheet deletion with its KPIs and targets', () => {
		const { mine, theirs } = pair();
		const history = new LocalHistory(mine, undoScope(mine), { captureTimeout: 0 });
		history.step(() => {
			const sheet = addSheet(mine, { id: 's1', ...author, title: '施設予約' });
			const kpi = addKpi(sheet, 'outcome', 'k1', 'オンライン予約の利用件数');
			setKpiTarget(kpi, 2027, 300);
		});
		history.step(() => deleteSheet(mine, 's1'));
		expect(findSheet(theirs, 's1')).toBeUndefined();
		history.undo();
		const sheet = findSheet(theirs, 's1')!;
		expect(sheetText(sheet, 'title').toString()).toBe('施設予約');
		const kpi = findKpi(sheet, 'outcome', 'k1')!;
		expect(kpiText(kpi, 'name').toString()).toBe('オンライン予約の利用件数');
	});

	it('keeps separate steps for structural edits even within the capture timeout', () => {
		const doc = new Y.Doc();
		const history = new LocalHistory(doc, undoScope(doc));
		history.step(() => addCard(doc, { id: 'a', text: 'A', ...author }));
		history.step(() => addCard(doc, { id: 'b', text: 'B', ...author }));
		history.undo();
		expect(listCards(doc).map((c) => c.id)).toEqual(['a']);
	});
});
