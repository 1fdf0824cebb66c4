import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addKpi,
	addSheet,
	cardField,
	kpiText,
	setSheetGoal,
	sheetText
} from '$lib/collab/schema';
import { excerpt, filterItems, itemsOfBoard, NO_FILTERS, normalizeForSearch } from './workshop-search';

const plan = { startFy: 2025, endFy: 2029 };
const board = { documentId: 'doc1', sessionName: '係員 第1回', groupName: 'A班' };

function sampleBoard(): Y.Doc {
	const doc = new Y.Doc();
	const card = addCard(doc, {
		id: 'c1',
		text: '公民館の予約が紙の申請書のみ',
		authorId: 'u1',
		authorName: '山本',
		departmentName: '生涯学習課 社会教育係'
	});
	cardField(card, 'backgroundTown').insert(0, '電話対応に時間がかかる');
	addCard(doc, { id: 'c2', text: '転入手続きで同じことを何度も書く', authorId: 'u2', authorName: '鈴木', departmentName: '町民課 住民係' });
	const sheet = addSheet(doc, { id: 's1', authorId: 'u1', authorName: '山本', departmentName: '生涯学習課', title: '施設予約のオンライン化' });
	setSheetGoal(sheet, 4, true);
	sheetText(sheet, 'solutionMeans').insert(0, 'ＷＥＢ予約システム');
	// an outcome KPI named like an output: one hint at least
	kpiText(addKpi(sheet, 'outcome', 'k1'), 'name').insert(0, '説明会の開催回数');
	const clean = addSheet(doc, { id: 's2', authorId: 'u2', authorName: '鈴木', departmentName: '町民課', title: '書かない窓口' });
	setSheetGoal(clean, 2, true);
	return doc;
}

describe('workshop search', () => {
	const items = itemsOfBoard(sampleBoard(), board, plan);

	it('lists cards and sheets with where they are', () => {
		expect(items.map((i) => `${i.kind}:${i.id}`)).toEqual(['card:c1', 'card:c2', 'sheet:s1', 'sheet:s2']);
		expect(items[0]).toMatchObject({ documentId: 'doc1', sessionName: '係員 第1回', groupName: 'A班', title: '公民館の予約が紙の申請書のみ' });
	});

	it('finds every term, in any field, ignoring width and case', () => {
		expect(filterItems(items, { ...NO_FILTERS, q: '電話' }).map((i) => i.id)).toEqual(['c1']);
		expect(filterItems(items, { ...NO_FILTERS, q: 'web 予約' }).map((i) => i.id)).toEqual(['s1']);
		expect(filterItems(items, { ...NO_FILTERS, q: '予約 転入' })).toEqual([]);
		expect(filterItems(items, { ...NO_FILTERS, q: '  ' })).toHaveLength(4);
	});

	it('filters by department, goal, group, kind and hints', () => {
		expect(filterItems(items, { ...NO_FILTERS, department: '町民課' }).map((i) => i.id)).toEqual(['c2', 's2']);
		expect(filterItems(items, { ...NO_FILTERS, goal: 4 }).map((i) => i.id)).toEqual(['s1']);
		expect(filterItems(items, { ...NO_FILTERS, documentId: 'other' })).toEqual([]);
		expect(filterItems(items, { ...NO_FILTERS, kind: 'card' }).map((i) => i.id)).toEqual(['c1', 'c2']);
		const hinted = filterItems(items, { ...NO_FILTERS, hasHints: true });
		expect(hinted.map((i) => i.id)).toContain('s1');
		expect(hinted.every((i) => i.kind === 'sheet' && i.hints > 0)).toBe(true);
	});

	it('normalises full-width text', () => {
		expect(normalizeForSearch('ＤＸ　推進\n')).toBe('dx 推進');
	});

	it('cuts an excerpt around the first term', () => {
		const body = `${'あ'.repeat(150)}オンライン予約${'い'.repeat(150)}`;
		const cut = excerpt(body, '予約', 60);
		expect(cut.startsWith('…')).toBe(true);
		expect(cut.endsWith('…')).toBe(true);
		expect(cut).toContain('オンライン予約');
		expect(excerpt('短い', 'x')).toBe('短い');
		expect(excerpt('う'.repeat(200), '', 50)).toBe(`${'う'.repeat(50)}…`);
	});
});
