import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addSheetFromCard,
	dropIndex,
	groupCards,
	neighbourIndex,
	placeCard,
	planMove,
	titleFromProblem
} from './board-edits';
import {
	addCard,
	addCluster,
	cardField,
	findCard,
	listCards,
	listClusters,
	listSheets,
	moveCard,
	readCard,
	setCardTarget
} from './schema';

const author = { authorId: 'u1', authorName: '会津 花子' };

function boardWith(ids: string[]): Y.Doc {
	const doc = new Y.Doc();
	for (const id of ids) addCard(doc, { id, text: id, ...author });
	return doc;
}

const order = (doc: Y.Doc) => listCards(doc).map((c) => c.id);

describe('groupCards', () => {
	it('shows clusters in order, then the unclustered cards, keeping board order in each', () => {
		const doc = boardWith(['a', 'b', 'c', 'd']);
		addCluster(doc, 'k1', '施設予約');
		addCluster(doc, 'k2', '窓口');
		moveCard(doc, 'c', { clusterId: 'k1' });
		moveCard(doc, 'a', { clusterId: 'k1' });
		moveCard(doc, 'd', { clusterId: 'gone' }); // its cluster was deleted by someone else
		const groups = groupCards(listCards(doc), listClusters(doc));
		expect(groups.map((g) => [g.cluster?.id ?? null, g.cards.map((c) => c.id)])).toEqual([
			['k1', ['a', 'c']],
			['k2', []],
			[null, ['b', 'd']]
		]);
	});
});

describe('planMove and placeCard', () => {
	it('moves a card up and down one place with a single write', () => {
		const doc = boardWith(['a', 'b', 'c']);
		const cards = () => listCards(doc);
		const up = neighbourIndex(cards(), 'c', 'up')!;
		expect(planMove(cards(), 'c', up)).toHaveLength(1);
		placeCard(doc, cards(), 'c', up, null);
		expect(order(doc)).toEqual(['a', 'c', 'b']);
		placeCard(doc, cards(), 'a', neighbourIndex(cards(), 'a', 'down')!, null);
		expect(order(doc)).toEqual(['c', 'a', 'b']);
		expect(neighbourIndex(cards(), 'c', 'up')).toBeNull();
		expect(neighbourIndex(cards(), 'b', 'down')).toBeNull();
	});

	it('gives the group fresh keys when two cards were added at the same moment (equal keys)', () => {
		// two people add a card at once: both get the key after the last card
		const a = boardWith(['a']);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		addCard(a, { id: 'x', text: 'x', ...author });
		addCard(b, { id: 'y', text: 'y', ...author });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		const cards = listCards(a);
		expect(cards[1]!.order).toBe(cards[2]!.order);
		// move the first card between the two with equal keys: there is no key between them
		const writes = planMove(cards, 'a', 1);
		expect(writes.length).toBe(3);
		placeCard(a, cards, 'a', 1, null);
		const after = listCards(a);
		expect(after.map((c) => c.id)).toEqual(['x', 'a', 'y']);
		expect(new Set(after.map((c) => c.order)).size).toBe(3);
		// a move with room between its neighbours stays one write
		expect(planMove(after, 'y', 0)).toHaveLength(1);
	});

	it('drops a card before or after another, into that card\'s cluster', () => {
		const doc = boardWith(['a', 'b', 'c', 'd']);
		addCluster(doc, 'k1', '施設予約');
		moveCard(doc, 'b', { clusterId: 'k1' });
		moveCard(doc, 'c', { clusterId: 'k1' });
		const group = () => groupCards(listCards(doc), listClusters(doc))[0]!.cards;
		// d dropped on the lower half of b: after b, inside k1
		placeCard(doc, group(), 'd', dropIndex(group(), 'd', 'b', true), 'k1');
		expect(group().map((c) => c.id)).toEqual(['b', 'd', 'c']);
		// c dropped on the upper half of b: first
		placeCard(doc, group(), 'c', dropIndex(group(), 'c', 'b', false), 'k1');
		expect(group().map((c) => c.id)).toEqual(['c', 'b', 'd']);
		expect(readCard(findCard(doc, 'a')!).clusterId).toBeNull();
		expect(dropIndex(group(), 'a', 'missing', false)).toBe(3);
	});

	it('keeps every card exactly once under concurrent moves', () => {
		const a = boardWith(['a', 'b', 'c', 'd']);
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		placeCard(a, listCards(a), 'd', 0, null);
		placeCard(b, listCards(b), 'd', 2, null);
		placeCard(b, listCards(b), 'a', 3, null);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(order(a)).toEqual(order(b));
		expect([...order(a)].sort()).toEqual(['a', 'b', 'c', 'd']);
	});
});

describe('addSheetFromCard', () => {
	it('copies the problem, backgrounds and targets and links the card', () => {
		const doc = boardWith([]);
		const card = addCard(doc, { id: 'c1', text: '公共施設の予約が紙のみ\n空き状況もわからない', ...author, departmentName: '生涯学習課' });
		cardField(card, 'backgroundResidents').insert(0, '窓口に行かなければならない');
		cardField(card, 'backgroundTown').insert(0, '予約の管理が煩雑');
		cardField(card, 'targetNote').insert(0, '施設利用希望者');
		setCardTarget(card, 'residents', true);
		setCardTarget(card, 'related', true);

		addSheetFromCard(doc, readCard(card), { id: 's1', authorId: 'u2', authorName: '美里 太郎', departmentName: '生涯学習課 生涯学習係' });
		const [sheet] = listSheets(doc);
		expect(sheet).toMatchObject({
			id: 's1',
			title: '公共施設の予約が紙のみ',
			departmentName: '生涯学習課 生涯学習係',
			problem: '公共施設の予約が紙のみ\n空き状況もわからない',
			backgroundResidents: '窓口に行かなければならない',
			backgroundTown: '予約の管理が煩雑',
			targets: ['related', 'residents'],
			targetNote: '施設利用希望者',
			issueCardIds: ['c1'],
			authorName: '美里 太郎'
		});

		// the sheet's text lives on its own: editing the card later does not change it
		cardField(card, 'text').insert(0, '【至急】');
		expect(listSheets(doc)[0]!.problem).toBe('公共施設の予約が紙のみ\n空き状況もわからない');
	});

	it('makes a short title from the first line', () => {
		expect(titleFromProblem('  施設予約が紙のみ  \n詳細')).toBe('施設予約が紙のみ');
		const long = 'あ'.repeat(50);
		expect(titleFromProblem(long)).toBe('あ'.repeat(39) + '…');
		expect(titleFromProblem('')).toBe('');
	});
});
