import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSheet, initBoard, listSheets, sheetText } from '../collab/schema';
import { filterIdeas, suggestCrossDepartmentLinks, type IdeaPoolItem } from './idea-pool';

function pool(): IdeaPoolItem[] {
	const doc = new Y.Doc();
	initBoard(doc, 'A班');
	const texts = [
		['s1', '総務課', '公共施設の予約をオンラインで受け付ける', '施設予約システム'],
		['s2', '生涯学習課', '公民館の予約をオンラインで受け付ける', '施設予約システム'],
		['s3', '総務課', '会議室の予約をオンラインで受け付ける', '施設予約システム'],
		['s4', '農林課', 'ドローンで農薬を散布する', 'スマート農業']
	] as const;
	for (const [id, dept, problem, title] of texts) {
		const s = addSheet(doc, { id, authorId: 'u', authorName: 'u', departmentName: dept, title });
		sheetText(s, 'problem').insert(0, problem);
	}
	return listSheets(doc).map((sheet, i) => ({
		key: `b/${sheet.id}`,
		documentId: 'b',
		sheetId: sheet.id,
		title: sheet.title,
		departmentName: sheet.departmentName,
		goals: i === 3 ? [1] : [4],
		workshopId: 'w',
		workshopTitle: 'WG',
		sessionId: i < 2 ? 'clerk' : 'chief',
		sessionName: i < 2 ? '係員' : '係長',
		sessionOrdinal: 1,
		groupName: 'A班',
		votes: i === 0 ? 5 : i === 1 ? 1 : null,
		hints: i === 2 ? ['no_baseline'] : [],
		sheet
	}));
}

describe('filterIdeas', () => {
	const items = pool();
	const ids = (f: Parameters<typeof filterIdeas>[1], placed?: Set<string>) => filterIdeas(items, f, placed).map((i) => i.sheetId);

	it('filters by goal, department, session, votes, hints, placement and text', () => {
		expect(ids({})).toEqual(['s1', 's2', 's3', 's4']);
		expect(ids({ goal: 1 })).toEqual(['s4']);
		expect(ids({ goal: 'none' })).toEqual([]);
		expect(ids({ department: '総務課' })).toEqual(['s1', 's3']);
		expect(ids({ session: 'chief' })).toEqual(['s3', 's4']);
		expect(ids({ minVotes: 0 })).toEqual(['s1', 's2']);
		expect(ids({ minVotes: 3 })).toEqual(['s1']);
		expect(ids({ hasHints: true })).toEqual(['s3']);
		expect(ids({ placed: false }, new Set(['b/s1']))).toEqual(['s2', 's3', 's4']);
		expect(ids({ text: '公民館' })).toEqual(['s2']);
	});
});

describe('suggestCrossDepartmentLinks', () => {
	it('pairs alike ideas of different departments only', () => {
		const pairs = suggestCrossDepartmentLinks(pool()).map((p) => [p.a, p.b].sort().join('+'));
		expect(pairs).toContain('b/s1+b/s2');
		expect(pairs).toContain('b/s2+b/s3');
		expect(pairs).not.toContain('b/s1+b/s3'); // same department
		expect(pairs.some((p) => p.includes('b/s4'))).toBe(false);
	});
});
