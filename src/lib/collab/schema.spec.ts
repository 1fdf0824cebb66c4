import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addCarriedSheet,
	addCluster,
	addComment,
	removeComment,
	addKpi,
	addListItem,
	addSheet,
	BOARD_SCHEMA_VERSION,
	boardCards,
	boardSchemaVersion,
	carriedFields,
	cardField,
	deleteCluster,
	findSheet,
	initBoard,
	kpiText,
	listCards,
	listClusters,
	listSheets,
	moveCard,
	orderBetween,
	readSheet,
	removeKpi,
	setKpiNumber,
	setKpiPair,
	setKpiTarget,
	setSheetGoal,
	setSmartChecked,
	sheetCompleteness,
	sheetText,
	timingChoices,
	decodeTiming,
	encodeTiming,
	findKpi,
	setSheetTiming,
	smartReason
} from './schema';

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const author = { authorId: 'u1', authorName: '山田 花子' };

describe('board schema', () => {
	it('initialises and migrates a version-1 board without losing its cards', () => {
		const doc = new Y.Doc();
		// a version-1 board: cards with text only
		doc.getMap('meta').set('schemaVersion', 1);
		const card = new Y.Map<unknown>();
		card.set('id', 'c1');
		card.set('text', new Y.Text('施設予約が紙のみ'));
		card.set('order', 'i');
		doc.getMap('cards').set('c1', card);

		initBoard(doc, 'A班');
		expect(boardSchemaVersion(doc)).toBe(BOARD_SCHEMA_VERSION);
		const [view] = listCards(doc);
		expect(view?.text).toBe('施設予約が紙のみ');
		expect(view?.targets).toEqual([]);
		// a missing v2 field is created on first use
		cardField(boardCards(doc).get('c1')!, 'backgroundTown').insert(0, '電話対応の負担');
		expect(listCards(doc)[0]?.backgroundTown).toBe('電話対応の負担');
	});

	it('orders keys strictly between neighbours', () => {
		const a = orderBetween(undefined, undefined);
		const b = orderBetween(a, undefined);
		const mid = orderBetween(a, b);
		expect(a < mid && mid < b).toBe(true);
		expect(orderBetween(undefined, a) < a).toBe(true);
	});

	it('moves cards between others and into clusters conflict-free', () => {
		const doc1 = new Y.Doc();
		const doc2 = new Y.Doc();
		for (const id of ['c1', 'c2', 'c3']) addCard(doc1, { id, text: id, ...author });
		addCluster(doc1, 'k1', '予約・申請');
		sync(doc1, doc2);
		// concurrently: one person moves c3 to the front, another clusters it
		moveCard(doc1, 'c3', { after: 'c1' });
		moveCard(doc2, 'c3', { clusterId: 'k1' });
		sync(doc1, doc2);
		expect(listCards(doc1).map((c) => c.id)).toEqual(['c3', 'c1', 'c2']);
		expect(listCards(doc2)).toEqual(listCards(doc1));
		expect(listCards(doc1)[0]?.clusterId).toBe('k1');
		deleteCluster(doc1, 'k1');
		expect(listClusters(doc1)).toEqual([]);
		expect(listCards(doc1).every((c) => c.clusterId === null)).toBe(true);
	});

	it('keeps comments on a card', () => {
		const doc = new Y.Doc();
		const card = addCard(doc, { id: 'c1', text: '課題', ...author });
		addComment(card, { id: 'm1', text: '同じ課題が税務課にも', authorId: 'u2', authorName: '佐藤', createdAt: 1 });
		expect(listCards(doc)[0]?.comments.map((c) => c.text)).toEqual(['同じ課題が税務課にも']);
	});

	it('removes one comment and leaves the others', () => {
		const doc = new Y.Doc();
		const card = addCard(doc, { id: 'c1', text: '課題', ...author });
		addComment(card, { id: 'm1', text: '一つ目', authorId: 'u2', authorName: '佐藤', createdAt: 1 });
		addComment(card, { id: 'm2', text: '二つ目', authorId: 'u3', authorName: '鈴木', createdAt: 2 });
		removeComment(card, 'm1');
		removeComment(card, 'missing');
		expect(listCards(doc)[0]?.comments.map((c) => c.id)).toEqual(['m2']);
	});

	it('creates an idea sheet with every template field', () => {
		const doc = new Y.Doc();
		const sheet = addSheet(doc, { id: 's1', ...author, departmentName: '生涯学習課 社会教育係' });
		const view = readSheet(sheet);
		expect(view.departmentName).toBe('生涯学習課 社会教育係');
		for (const key of ['problem', 'backgroundResidents', 'backgroundTown', 'solutionMeans', 'solutionWhom', 'solutionState', 'expectedEffect', 'sideBenefits'] as const) {
			expect(view[key]).toBe('');
		}
		expect(view.smart.specific).toEqual({ checked: false, reason: '' });
		expect(view.outputKpis).toEqual([]);
		expect(view.timing).toBeNull();
	});

	it('merges two people typing in the same sheet field character by character', () => {
		const doc1 = new Y.Doc();
		const doc2 = new Y.Doc();
		addSheet(doc1, { id: 's1', ...author });
		sync(doc1, doc2);
		sheetText(findSheet(doc1, 's1')!, 'solutionMeans').insert(0, '予約システム');
		sheetText(findSheet(doc2, 's1')!, 'solutionMeans').insert(0, 'スマホから');
		sync(doc1, doc2);
		const merged = readSheet(findSheet(doc1, 's1')!).solutionMeans;
		expect(merged).toContain('予約システム');
		expect(merged).toContain('スマホから');
		expect(readSheet(findSheet(doc2, 's1')!).solutionMeans).toBe(merged);
	});

	it('keeps concurrent goal ticks from two people', () => {
		const doc1 = new Y.Doc();
		const doc2 = new Y.Doc();
		addSheet(doc1, { id: 's1', ...author });
		sync(doc1, doc2);
		setSheetGoal(findSheet(doc1, 's1')!, 2, true);
		setSheetGoal(findSheet(doc2, 's1')!, 4, true);
		sync(doc1, doc2);
		expect(readSheet(findSheet(doc1, 's1')!).goals).toEqual([2, 4]);
	});

	it('reads KPIs with targets and pairs, and unpairs a removed output', () => {
		const doc = new Y.Doc();
		const sheet = addSheet(doc, { id: 's1', ...author });
		const out = addKpi(sheet, 'output', 'k-out', '予約システム説明会の開催回数');
		const oc = addKpi(sheet, 'outcome', 'k-oc', 'オンライン予約の利用率');
		kpiText(oc, 'unit').insert(0, '%');
		setKpiNumber(oc, 'baselineValue', 0);
		setKpiNumber(oc, 'baselineYear', 2024);
		setKpiTarget(oc, 2026, 30);
		setKpiTarget(oc, 2027, 50);
		setKpiTarget(oc, 2027, null);
		setKpiPair(oc, 'k-out', true);
		expect(out.get('id')).toBe('k-out');
		let view = readSheet(sheet);
		expect(view.outcomeKpis[0]).toMatchObject({
			kind: 'outcome',
			name: 'オンライン予約の利用率',
			unit: '%',
			baselineValue: 0,
			baselineYear: 2024,
			targets: { 2026: 30 },
			pairedOutputIds: ['k-out']
		});
		removeKpi(sheet, 'output', 'k-out');
		view = readSheet(sheet);
		expect(view.outputKpis).toEqual([]);
		expect(view.outcomeKpis[0]?.pairedOutputIds).toEqual([]);
	});

	it('carries a clerk sheet forward whole: department, author, classification, effects, SMART and paired KPIs', () => {
		const clerkBoard = new Y.Doc();
		const source = addSheet(clerkBoard, { id: 's1', ...author, departmentName: '総務課', title: '施設予約のオンライン化' });
		sheetText(source, 'problem').insert(0, '予約が紙のみ');
		sheetText(source, 'solutionMeans').insert(0, 'オンライン予約システムで');
		sheetText(source, 'expectedEffect').insert(0, '窓口の負担が減る');
		sheetText(source, 'sideBenefits').insert(0, '集計が自動に\n紙の保管が不要に');
		addListItem(source, 'measures', 'm1', '予約システムの構築');
		addListItem(source, 'relatedProjects', 'r1', '公共施設管理事業');
		addListItem(source, 'precedents', 'p1', '他町の予約システム', 'https://example.jp/');
		setSheetGoal(source, 2, true);
		setSheetTiming(source, { kind: 'fy', fy: 2026 });
		setSmartChecked(source, 'measurable', true);
		smartReason(source, 'measurable').insert(0, '予約件数で測れる');
		addKpi(source, 'output', 'o1', { name: 'オンライン予約の件数', unit: '件', targets: { 2027: 300 }, direction: 'higher' });
		const outcome = addKpi(source, 'outcome', 'c1', { name: '窓口の待ち時間', unit: '分', direction: 'lower', baselineValue: 20 });
		setKpiPair(outcome, 'o1', true);

		const chiefBoard = new Y.Doc();
		let n = 0;
		const sourceView = readSheet(source);
		const carried = addCarriedSheet(chiefBoard, {
			id: 's9',
			authorId: sourceView.authorId,
			authorName: sourceView.authorName,
			departmentName: sourceView.departmentName,
			origin: { documentId: 'doc-clerk', sheetId: 's1', boardTitle: '係員第2回 A班', title: '施設予約のオンライン化' },
			fields: carriedFields(sourceView),
			carriedBy: { userId: 'u9', userName: '係長' },
			newItemId: () => `n${n++}`,
			createdAt: 1000
		});
		const view = readSheet(carried);
		expect(view.title).toBe('施設予約のオンライン化');
		expect(view.departmentName).toBe('総務課');
		expect(view.authorId).toBe(author.authorId);
		expect(view.carriedBy).toEqual({ userId: 'u9', userName: '係長', at: 1000 });
		expect(view.problem).toBe('予約が紙のみ');
		expect(view.solutionMeans).toBe('オンライン予約システムで');
		expect(view.expectedEffect).toBe('窓口の負担が減る');
		expect(view.sideBenefits).toBe('集計が自動に\n紙の保管が不要に');
		expect(view.measures.map((m) => m.text)).toEqual(['予約システムの構築']);
		expect(view.relatedProjects.map((p) => p.text)).toEqual(['公共施設管理事業']);
		expect(view.precedents.map((p) => [p.text, p.url])).toEqual([['他町の予約システム', 'https://example.jp/']]);
		expect(view.goals).toEqual([2]);
		expect(view.timing).toEqual({ kind: 'fy', fy: 2026 });
		expect(view.smart.measurable).toEqual({ checked: true, reason: '予約件数で測れる' });
		expect(view.outputKpis.map((k) => [k.name, k.unit, k.targets[2027]])).toEqual([['オンライン予約の件数', '件', 300]]);
		expect(view.outcomeKpis.map((k) => [k.name, k.direction, k.baselineValue])).toEqual([['窓口の待ち時間', 'lower', 20]]);
		// the pair points at the copy's own output KPI, not the clerk sheet's
		expect(view.outcomeKpis[0]!.pairedOutputIds).toEqual([view.outputKpis[0]!.id]);
		expect(view.outputKpis[0]!.id).not.toBe('o1');
		expect(view.origin).toEqual({ documentId: 'doc-clerk', sheetId: 's1', boardTitle: '係員第2回 A班', title: '施設予約のオンライン化' });
		// editing the copy leaves the origin intact
		sheetText(carried, 'problem').insert(0, '【改】');
		kpiText(findKpi(carried, 'output', view.outputKpis[0]!.id)!, 'name').insert(0, '年間');
		expect(readSheet(source).problem).toBe('予約が紙のみ');
		expect(readSheet(source).outputKpis[0]!.name).toBe('オンライン予約の件数');
	});

	it('leaves behind the groups of fields the chief unticks (the ★ fields always come)', () => {
		const clerkBoard = new Y.Doc();
		const source = addSheet(clerkBoard, { id: 's1', ...author, title: '施設予約' });
		sheetText(source, 'expectedEffect').insert(0, '効果');
		setSheetGoal(source, 1, true);
		addKpi(source, 'output', 'o1', { name: '件数' });
		setSmartChecked(source, 'specific', true);
		let n = 0;
		const carried = addCarriedSheet(new Y.Doc(), {
			id: 's9',
			...author,
			origin: { documentId: 'doc-clerk', sheetId: 's1', boardTitle: 'A班', title: '施設予約' },
			fields: carriedFields(readSheet(source)),
			carriedBy: { userId: 'u9', userName: '係長' },
			groups: ['classification'],
			newItemId: () => `n${n++}`
		});
		const view = readSheet(carried);
		expect(view.title).toBe('施設予約');
		expect(view.goals).toEqual([1]);
		expect(view.expectedEffect).toBe('');
		expect(view.outputKpis).toEqual([]);
		expect(view.smart.specific.checked).toBe(false);
	});

	it('generates timing choices from the plan period', () => {
		expect(timingChoices(2024, 2029).map(encodeTiming)).toEqual(['done', 'fy:2024', 'fy:2025', 'from:2026']);
		expect(decodeTiming('from:2026')).toEqual({ kind: 'from', fy: 2026 });
		expect(decodeTiming('garbage')).toBeNull();
	});

	it('measures completeness of a sheet', () => {
		const doc = new Y.Doc();
		const sheet = addSheet(doc, { id: 's1', ...author });
		expect(sheetCompleteness(readSheet(sheet)).filled).toBe(0);
		sheetText(sheet, 'problem').insert(0, '課題');
		setSheetGoal(sheet, 1, true);
		for (const k of ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'] as const) setSmartChecked(sheet, k, true);
		const c = sheetCompleteness(readSheet(sheet));
		expect(c.filled).toBe(2);
		expect(c.smartComplete).toBe(true);
		expect(listSheets(doc)).toHaveLength(1);
	});
});
