import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCarriedSheet, addSheet, carriedFields, initBoard, listSheets, readSheet, sheetText } from '../collab/schema';
import { collapseCarriedVersions, filterIdeas, suggestCrossDepartmentLinks, type IdeaPoolItem } from './idea-pool';
import { checkCompleteness } from './strategy-completeness';
import { direction, emptyDraft, measure, project } from './testing/draft-factory';

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
		sheet,
		versionKeys: [`b/${sheet.id}`]
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

/** A clerk sheet on board c, carried into chief board k (and, for the fork, into board k2 too). */
function carriedPool(fork = false): Array<Omit<IdeaPoolItem, 'versionKeys'>> {
	const clerk = new Y.Doc();
	const source = addSheet(clerk, { id: 's1', authorId: 'u1', authorName: '係員', departmentName: '総務課', title: '施設予約のオンライン化' });
	sheetText(source, 'problem').insert(0, '公共施設の予約が紙と電話のみ');
	const boards = fork ? ['k', 'k2'] : ['k'];
	const carried = boards.map((board) => {
		const doc = new Y.Doc();
		let n = 0;
		const view = readSheet(source);
		return {
			board,
			sheet: readSheet(
				addCarriedSheet(doc, {
					id: `c-${board}`,
					authorId: view.authorId,
					authorName: view.authorName,
					departmentName: view.departmentName,
					origin: { documentId: 'c', sheetId: 's1', boardTitle: '係員 A班', title: view.title },
					fields: carriedFields(view),
					carriedBy: { userId: 'u9', userName: '係長' },
					newItemId: () => `n${n++}`
				})
			)
		};
	});
	const item = (documentId: string, sheet: ReturnType<typeof readSheet>) => ({
		key: `${documentId}/${sheet.id}`,
		documentId,
		sheetId: sheet.id,
		title: sheet.title,
		departmentName: sheet.departmentName,
		goals: [],
		workshopId: 'w',
		workshopTitle: 'WG',
		sessionId: documentId === 'c' ? 'clerk' : 'chief',
		sessionName: documentId === 'c' ? '係員' : '係長',
		sessionOrdinal: documentId === 'c' ? 2 : 3,
		groupName: 'A班',
		votes: null,
		hints: [],
		sheet
	});
	return [item('c', readSheet(source)), ...carried.map((c) => item(c.board, c.sheet))];
}

describe('an idea and its carried versions', () => {
	it('are one item, the latest version, which knows the earlier keys', () => {
		const items = collapseCarriedVersions(carriedPool());
		expect(items.map((i) => [i.key, i.versionKeys])).toEqual([['k/c-k', ['k/c-k', 'c/s1']]]);
		// the copy keeps the idea's department (not the chief's)
		expect(items[0]!.departmentName).toBe('総務課');
	});

	it('are never suggested as a link with each other', () => {
		expect(suggestCrossDepartmentLinks(collapseCarriedVersions(carriedPool()), 0)).toEqual([]);
	});

	it('count as placed when any version is a project, and as one unplaced idea otherwise', () => {
		const items = collapseCarriedVersions(carriedPool());
		const ideas = items.map((i) => ({ documentId: i.documentId, sheetId: i.sheetId, goals: i.goals, openHints: 0, versionKeys: i.versionKeys }));
		const unplaced = (draft: ReturnType<typeof emptyDraft>) =>
			checkCompleteness(draft, ideas, { endFy: 2029 }).filter((x) => x.code === 'idea_not_placed');
		const draft = emptyDraft();
		expect(unplaced(draft)).toHaveLength(1);
		// placed with the clerks' version before it was carried: still this idea, placed
		draft.goals[0]!.directions.push(direction('d1', { measures: [measure('m1', { projects: [project('p1', 'c', 's1')] })] }));
		expect(unplaced(draft)).toHaveLength(0);
		expect(filterIdeas(items, { placed: true }, new Set(['c/s1'])).map((i) => i.key)).toEqual(['k/c-k']);
	});

	it('stay two ideas when one clerk sheet was carried into two groups', () => {
		const items = collapseCarriedVersions(carriedPool(true));
		expect(items.map((i) => i.versionKeys)).toEqual([
			['k/c-k', 'c/s1'],
			['k2/c-k2', 'c/s1']
		]);
	});
});
