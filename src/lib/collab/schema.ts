/**
 * The shared-document schema of a workshop group board: root names, typed accessors, the schema
 * version and its migrations. This is the only module that names Yjs roots or field keys;
 * everything else goes through it. No DOM and no server imports: used by the browser, the server
 * and tests alike. docs/yjs-schema.md describes the same shape for readers.
 *
 * Every free-text field is a Y.Text so that two people typing in it merge character by character.
 * Multi-selects are Y.Maps of key → true so that concurrent ticks never overwrite each other.
 * Order is a fractional-index string per item, so moves are a single field write (no duplicates).
 */
import * as Y from 'yjs';
import type { KpiBase, KpiDirection, KpiFields, OutcomeKpi, OutputKpi, SmartChecks, SmartKey } from '../domain/kpi';
import { SMART_KEYS } from '../domain/kpi';
import type { BasicGoalId, EnablingConditionId } from '../domain/strategy';
import { isBasicGoalId } from '../domain/strategy';
import { KPI_FIELD_TEXTS, readKpiFields, writeKpiFields } from './kpi-fields';

export const BOARD_SCHEMA_VERSION = 2;

const ROOT = { meta: 'meta', cards: 'cards', clusters: 'clusters', sheets: 'sheets' } as const;

export type YRecord = Y.Map<unknown>;
export type BoardMeta = YRecord;
export type CardMap = YRecord;
export type SheetMap = YRecord;
export type KpiMap = YRecord;

// ─── roots ────────────────────────────────────────────────────────────────────────────────────

export const boardMeta = (doc: Y.Doc): BoardMeta => doc.getMap(ROOT.meta);
export const boardCards = (doc: Y.Doc): Y.Map<CardMap> => doc.getMap<CardMap>(ROOT.cards);
export const boardClusters = (doc: Y.Doc): Y.Map<YRecord> => doc.getMap<YRecord>(ROOT.clusters);
export const boardSheets = (doc: Y.Doc): Y.Map<SheetMap> => doc.getMap<SheetMap>(ROOT.sheets);

/** The shared types an undo manager should track (everything users edit). */
export function undoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
	return [boardCards(doc), boardClusters(doc), boardSheets(doc)] as Y.AbstractType<unknown>[];
}

// ─── generic helpers ──────────────────────────────────────────────────────────────────────────

function text(map: YRecord, key: string): Y.Text {
	const t = map.get(key);
	if (t instanceof Y.Text) return t;
	throw new Error(`field ${key} is not text`);
}

function str(map: YRecord, key: string): string {
	const v = map.get(key);
	if (v instanceof Y.Text) return v.toString();
	return typeof v === 'string' ? v : '';
}

function num(map: YRecord, key: string): number | null {
	const v = map.get(key);
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function flags<K extends string>(map: YRecord, key: string): K[] {
	const v = map.get(key);
	if (!(v instanceof Y.Map)) return [];
	return [...v.keys()].filter((k) => v.get(k) === true).sort() as K[];
}

function flagMap(map: YRecord, key: string): Y.Map<boolean> {
	const v = map.get(key);
	if (v instanceof Y.Map) return v as Y.Map<boolean>;
	throw new Error(`field ${key} is not a set`);
}

/** Turns a key on or off in a multi-select (conflict-free: concurrent ticks both survive). */
export function setFlag(map: YRecord, key: string, flag: string, on: boolean): void {
	const set = flagMap(map, key);
	if (on) set.set(flag, true);
	else set.delete(flag);
}

/** A sort key strictly between `before` and `after` (either may be absent). */
export function orderBetween(before?: string, after?: string): string {
	const digits = '0123456789abcdefghijklmnopqrstuvwxyz';
	const a = before ?? '';
	const b = after ?? '';
	let result = '';
	for (let i = 0; ; i++) {
		const da = i < a.length ? digits.indexOf(a[i]!) : 0;
		const db = i < b.length ? digits.indexOf(b[i]!) : digits.length;
		if (db - da > 1) return result + digits[Math.floor((da + db) / 2)];
		result += digits[da];
	}
}

function byOrder<T extends { order: string; id: string }>(x: T, y: T): number {
	return x.order < y.order ? -1 : x.order > y.order ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function lastOrder(map: Y.Map<YRecord>): string | undefined {
	let last: string | undefined;
	map.forEach((item) => {
		const o = item.get('order');
		if (typeof o === 'string' && (last === undefined || o > last)) last = o;
	});
	return last;
}

/** A list of short texts each editable by several people (related projects, measures). */
export interface TextItem {
	id: string;
	text: string;
}

function textList(map: YRecord, key: string): Y.Array<YRecord> {
	const v = map.get(key);
	if (v instanceof Y.Array) return v as Y.Array<YRecord>;
	throw new Error(`field ${key} is not a list`);
}

function readTextList(map: YRecord, key: string): TextItem[] {
	const v = map.get(key);
	if (!(v instanceof Y.Array)) return [];
	return (v.toArray() as YRecord[]).map((item) => ({ id: str(item, 'id'), text: str(item, 'text') }));
}

function newTextItem(id: string, value = ''): YRecord {
	const item = new Y.Map<unknown>();
	item.set('id', id);
	item.set('text', new Y.Text(value));
	return item;
}

// ─── meta: title, lock and facilitation state ─────────────────────────────────────────────────

/** Writes the schema version and title into an empty board and migrates an old one (idempotent). */
export function initBoard(doc: Y.Doc, title: string): void {
	doc.transact(() => {
		const meta = boardMeta(doc);
		if (meta.get('title') === undefined) meta.set('title', title);
		if (meta.get('locked') === undefined) meta.set('locked', false);
		migrateBoard(doc);
	});
}

/**
 * Brings a board to the current schema version. Version 1 had cards with `text` only; version 2
 * adds card details, clusters, idea sheets and facilitation state. All additions are new keys,
 * so the migration only records the version: readers treat a missing key as empty.
 */
export function migrateBoard(doc: Y.Doc): void {
	const meta = boardMeta(doc);
	const version = meta.get('schemaVersion');
	if (typeof version !== 'number' || version < BOARD_SCHEMA_VERSION) {
		meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
	}
}

export function boardSchemaVersion(doc: Y.Doc): number {
	const v = boardMeta(doc).get('schemaVersion');
	return typeof v === 'number' ? v : 0;
}

export function boardTitle(doc: Y.Doc): string {
	return str(boardMeta(doc), 'title');
}

export function isBoardLocked(doc: Y.Doc): boolean {
	return boardMeta(doc).get('locked') === true;
}

export function setBoardLocked(doc: Y.Doc, locked: boolean): void {
	boardMeta(doc).set('locked', locked);
}

/** The phase of the session the facilitator shows everyone (free text, e.g. 「個人ワーク」). */
export function boardPhase(doc: Y.Doc): string {
	return str(boardMeta(doc), 'phase');
}

export function setBoardPhase(doc: Y.Doc, phase: string): void {
	boardMeta(doc).set('phase', phase.slice(0, 100));
}

/** A countdown: `endsAt` is in the server's clock (ms); clients correct by their offset. */
export interface BoardTimer {
	endsAt: number | null;
	durationMs: number;
	/** Remaining time while paused. */
	pausedRemainingMs: number | null;
}

export function boardTimer(doc: Y.Doc): BoardTimer | null {
	const t = boardMeta(doc).get('timer');
	if (!t || typeof t !== 'object') return null;
	const { endsAt, durationMs, pausedRemainingMs } = t as Record<string, unknown>;
	return {
		endsAt: typeof endsAt === 'number' ? endsAt : null,
		durationMs: typeof durationMs === 'number' ? durationMs : 0,
		pausedRemainingMs: typeof pausedRemainingMs === 'number' ? pausedRemainingMs : null
	};
}

export function setBoardTimer(doc: Y.Doc, timer: BoardTimer | null): void {
	if (timer === null) boardMeta(doc).delete('timer');
	else boardMeta(doc).set('timer', { ...timer });
}

/** "Bring everyone here": the card or sheet every participant scrolls to. */
export interface BoardFocus {
	kind: 'card' | 'sheet';
	id: string;
	/** When it was asked (ms), so a repeated request to the same place scrolls again. */
	at: number;
	by: string;
}

export function boardFocus(doc: Y.Doc): BoardFocus | null {
	const f = boardMeta(doc).get('focus');
	if (!f || typeof f !== 'object') return null;
	const { kind, id, at, by } = f as Record<string, unknown>;
	if ((kind !== 'card' && kind !== 'sheet') || typeof id !== 'string') return null;
	return { kind, id, at: typeof at === 'number' ? at : 0, by: typeof by === 'string' ? by : '' };
}

export function setBoardFocus(doc: Y.Doc, focus: BoardFocus): void {
	boardMeta(doc).set('focus', { ...focus });
}

/**
 * The dot vote's public state. Ballots are kept on the server and never in the document; only
 * the revealed totals are written here.
 */
export interface BoardVote {
	id: string;
	status: 'open' | 'revealed' | 'closed';
	budget: number;
	capPerCard: number;
	results: Record<string, { dots: number; voters: number }> | null;
}

export function boardVote(doc: Y.Doc): BoardVote | null {
	const v = boardMeta(doc).get('vote');
	if (!v || typeof v !== 'object') return null;
	const o = v as Record<string, unknown>;
	if (typeof o.id !== 'string') return null;
	const status = o.status === 'revealed' || o.status === 'closed' ? o.status : 'open';
	return {
		id: o.id,
		status,
		budget: typeof o.budget === 'number' ? o.budget : 0,
		capPerCard: typeof o.capPerCard === 'number' ? o.capPerCard : 0,
		results:
			o.results && typeof o.results === 'object'
				? (o.results as Record<string, { dots: number; voters: number }>)
				: null
	};
}

export function setBoardVote(doc: Y.Doc, vote: BoardVote | null): void {
	if (vote === null) boardMeta(doc).delete('vote');
	else boardMeta(doc).set('vote', JSON.parse(JSON.stringify(vote)));
}

// ─── issue cards (課題カード) ──────────────────────────────────────────────────────────────────

/** Who the problem affects: residents (町民), local businesses (町内事業者), related population (関係人口). */
export const TARGET_GROUPS = ['residents', 'businesses', 'related'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Card text fields. `text` is the problem (課題); it kept its version-1 name. */
export const CARD_TEXT_FIELDS = ['text', 'backgroundResidents', 'backgroundTown', 'targetNote'] as const;
export type CardTextField = (typeof CARD_TEXT_FIELDS)[number];

export interface CardComment {
	id: string;
	text: string;
	authorId: string;
	authorName: string;
	createdAt: number;
}

export interface IssueCardView {
	id: string;
	/** 課題: the problem in today's service. */
	text: string;
	backgroundResidents: string;
	backgroundTown: string;
	targets: TargetGroup[];
	targetNote: string;
	departmentName: string;
	authorId: string;
	authorName: string;
	createdAt: number;
	order: string;
	clusterId: string | null;
	comments: CardComment[];
}


export interface NewCard {
	id: string;
	text: string;
	authorId: string;
	authorName: string;
	departmentName?: string;
	createdAt?: number;
}

/** Appends an issue card after the last one. */
export function addCard(doc: Y.Doc, input: NewCard): CardMap {
	const cards = boardCards(doc);
	const card = new Y.Map<unknown>();
	doc.transact(() => {
		card.set('id', input.id);
		card.set('text', new Y.Text(input.text));
		card.set('backgroundResidents', new Y.Text());
		card.set('backgroundTown', new Y.Text());
		card.set('targetNote', new Y.Text());
		card.set('targets', new Y.Map<boolean>());
		card.set('comments', new Y.Array<YRecord>());
		card.set('departmentName', input.departmentName ?? '');
		card.set('authorId', input.authorId);
		card.set('authorName', input.authorName);
		card.set('createdAt', input.createdAt ?? Date.now());
		card.set('order', orderBetween(lastOrder(cards), undefined));
		card.set('clusterId', null);
		cards.set(input.id, card);
	});
	return card;
}

export function findCard(doc: Y.Doc, id: string): CardMap | undefined {
	return boardCards(doc).get(id);
}

export function deleteCard(doc: Y.Doc, id: string): void {
	boardCards(doc).delete(id);
}

/** The problem text of a card (version-1 name kept for callers). */
export function cardText(card: CardMap): Y.Text {
	return text(card, 'text');
}

/** A text field of a card, created on first use for cards written by version 1. */
export function cardField(card: CardMap, field: CardTextField): Y.Text {
	if (!(card.get(field) instanceof Y.Text)) card.set(field, new Y.Text());
	return text(card, field);
}

/** The department a card is filed under (plain value: one person picks it). */
export function setCardDepartment(card: CardMap, departmentName: string): void {
	card.set('departmentName', departmentName.slice(0, 100));
}

/** A text field of a card if it exists (read-only viewers must not create fields of version-1 cards). */
export function existingCardField(card: CardMap, field: CardTextField): Y.Text | null {
	const t = card.get(field);
	return t instanceof Y.Text ? t : null;
}

export function setCardTarget(card: CardMap, group: TargetGroup, on: boolean): void {
	if (!(card.get('targets') instanceof Y.Map)) card.set('targets', new Y.Map<boolean>());
	setFlag(card, 'targets', group, on);
}

/** Moves a card between two others (or to an end) and into a cluster (null: none). */
export function moveCard(
	doc: Y.Doc,
	id: string,
	to: { before?: string; after?: string; clusterId?: string | null }
): void {
	const card = findCard(doc, id);
	if (!card) return;
	doc.transact(() => {
		const before = to.before ? str(findCard(doc, to.before) ?? new Y.Map(), 'order') || undefined : undefined;
		const after = to.after ? str(findCard(doc, to.after) ?? new Y.Map(), 'order') || undefined : undefined;
		if (to.before !== undefined || to.after !== undefined) card.set('order', orderBetween(before, after));
		if (to.clusterId !== undefined) card.set('clusterId', to.clusterId);
	});
}

/** Writes a card's position directly (see collab/board-edits.ts planMove) and, if given, its cluster. */
export function setCardPlace(card: CardMap, place: { order?: string; clusterId?: string | null }): void {
	if (place.order !== undefined) card.set('order', place.order);
	if (place.clusterId !== undefined) card.set('clusterId', place.clusterId);
}

export function addComment(card: CardMap, comment: CardComment): void {
	if (!(card.get('comments') instanceof Y.Array)) card.set('comments', new Y.Array<YRecord>());
	const item = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(comment)) item.set(k, v);
	(card.get('comments') as Y.Array<YRecord>).push([item]);
}

/** Removes one comment of a card (who may is the caller's rule: its author or a facilitator). */
export function removeComment(card: CardMap, commentId: string): void {
	const comments = card.get('comments');
	if (!(comments instanceof Y.Array)) return;
	const index = (comments.toArray() as unknown[]).findIndex((c) => c instanceof Y.Map && c.get('id') === commentId);
	if (index >= 0) comments.delete(index, 1);
}

export function readCard(card: CardMap): IssueCardView {
	const comments = card.get('comments');
	const clusterId = card.get('clusterId');
	return {
		id: str(card, 'id'),
		text: str(card, 'text'),
		backgroundResidents: str(card, 'backgroundResidents'),
		backgroundTown: str(card, 'backgroundTown'),
		targets: flags<TargetGroup>(card, 'targets'),
		targetNote: str(card, 'targetNote'),
		departmentName: str(card, 'departmentName'),
		authorId: str(card, 'authorId'),
		authorName: str(card, 'authorName'),
		createdAt: num(card, 'createdAt') ?? 0,
		order: str(card, 'order'),
		clusterId: typeof clusterId === 'string' ? clusterId : null,
		comments:
			comments instanceof Y.Array
				? (comments.toArray() as YRecord[]).map((c) => ({
						id: str(c, 'id'),
						text: str(c, 'text'),
						authorId: str(c, 'authorId'),
						authorName: str(c, 'authorName'),
						createdAt: num(c, 'createdAt') ?? 0
					}))
				: []
	};
}

/** All issue cards, in board order (ties broken by id so every replica agrees). */
export function listCards(doc: Y.Doc): IssueCardView[] {
	const out: IssueCardView[] = [];
	boardCards(doc).forEach((card) => out.push(readCard(card)));
	return out.sort(byOrder);
}

// ─── clusters of cards ────────────────────────────────────────────────────────────────────────

export interface ClusterView {
	id: string;
	title: string;
	order: string;
}

export function addCluster(doc: Y.Doc, id: string, title: string): YRecord {
	const clusters = boardClusters(doc);
	const cluster = new Y.Map<unknown>();
	doc.transact(() => {
		cluster.set('id', id);
		cluster.set('title', new Y.Text(title));
		cluster.set('order', orderBetween(lastOrder(clusters), undefined));
		clusters.set(id, cluster);
	});
	return cluster;
}

export function findCluster(doc: Y.Doc, id: string): YRecord | undefined {
	return boardClusters(doc).get(id);
}

export function clusterTitle(cluster: YRecord): Y.Text {
	return text(cluster, 'title');
}

/** Deletes a cluster; its cards stay on the board, unclustered. */
export function deleteCluster(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		boardCards(doc).forEach((card) => {
			if (card.get('clusterId') === id) card.set('clusterId', null);
		});
		boardClusters(doc).delete(id);
	});
}

export function listClusters(doc: Y.Doc): ClusterView[] {
	const out: ClusterView[] = [];
	boardClusters(doc).forEach((c) => out.push({ id: str(c, 'id'), title: str(c, 'title'), order: str(c, 'order') }));
	return out.sort(byOrder);
}

// ─── idea sheets (アイデアシート) ──────────────────────────────────────────────────────────────

/**
 * The sheet's free-text fields in the order of the town's template. `carried` marks the ★ fields
 * that the chief-level session copies over from the clerk-level session 2 (転記).
 */
export const SHEET_TEXT_FIELDS = [
	{ key: 'title', carried: true },
	{ key: 'departmentName', carried: false },
	{ key: 'problem', carried: true },
	{ key: 'backgroundResidents', carried: true },
	{ key: 'backgroundTown', carried: true },
	{ key: 'targetNote', carried: true },
	{ key: 'solutionMeans', carried: true },
	{ key: 'solutionWhom', carried: true },
	{ key: 'solutionState', carried: true },
	{ key: 'expectedEffect', carried: false },
	{ key: 'sideBenefits', carried: false }
] as const;
export type SheetTextField = (typeof SHEET_TEXT_FIELDS)[number]['key'];

/** List fields: related administrative projects (関連する総事業), digital measures ★, precedents. */
export const SHEET_LIST_FIELDS = ['relatedProjects', 'measures', 'precedents'] as const;
export type SheetListField = (typeof SHEET_LIST_FIELDS)[number];

/** 実施（予定）時期: done, a fiscal year, or "that year or later". */
export type SheetTiming = { kind: 'done' } | { kind: 'fy'; fy: number } | { kind: 'from'; fy: number };

export function encodeTiming(t: SheetTiming | null): string {
	if (!t) return '';
	return t.kind === 'done' ? 'done' : `${t.kind}:${t.fy}`;
}

export function decodeTiming(s: unknown): SheetTiming | null {
	if (s === 'done') return { kind: 'done' };
	if (typeof s !== 'string') return null;
	const m = /^(fy|from):(\d{4})$/.exec(s);
	return m ? { kind: m[1] as 'fy' | 'from', fy: Number(m[2]) } : null;
}

/** The timing choices for a plan period: done, each year before the last, then "last year or later". */
export function timingChoices(currentFy: number, planEndFy: number): SheetTiming[] {
	const out: SheetTiming[] = [{ kind: 'done' }];
	const lastSingle = Math.max(currentFy, Math.min(planEndFy, currentFy + 2) - 1);
	for (let fy = currentFy; fy <= lastSingle; fy++) out.push({ kind: 'fy', fy });
	out.push({ kind: 'from', fy: lastSingle + 1 });
	return out;
}

export interface Precedent extends TextItem {
	url: string;
}

/** Where a carried-over sheet came from (転記元). */
export interface SheetOrigin {
	documentId: string;
	sheetId: string;
	boardTitle: string;
	title: string;
}

/** A link to an idea of another department it works with (施策間連携), possibly on another board. */
export interface SheetPartner {
	documentId: string;
	sheetId: string;
	title: string;
	departmentName: string;
}

export interface IdeaSheetView {
	id: string;
	order: string;
	title: string;
	departmentName: string;
	relatedProjects: TextItem[];
	goals: BasicGoalId[];
	problem: string;
	backgroundResidents: string;
	backgroundTown: string;
	targets: TargetGroup[];
	targetNote: string;
	solutionMeans: string;
	solutionWhom: string;
	solutionState: string;
	measures: TextItem[];
	timing: SheetTiming | null;
	precedents: Precedent[];
	expectedEffect: string;
	sideBenefits: string;
	smart: SmartChecks;
	outputKpis: OutputKpi[];
	outcomeKpis: OutcomeKpi[];
	issueCardIds: string[];
	partners: SheetPartner[];
	enablingConditions: EnablingConditionId[];
	origin: SheetOrigin | null;
	authorId: string;
	authorName: string;
	createdAt: number;
}

export interface NewSheet {
	id: string;
	authorId: string;
	authorName: string;
	departmentName?: string;
	title?: string;
	createdAt?: number;
}

export function findSheet(doc: Y.Doc, id: string): SheetMap | undefined {
	return boardSheets(doc).get(id);
}

/** Adds an empty idea sheet with every field of the template present. */
export function addSheet(doc: Y.Doc, input: NewSheet): SheetMap {
	const sheets = boardSheets(doc);
	const sheet = new Y.Map<unknown>();
	doc.transact(() => {
		sheet.set('id', input.id);
		sheet.set('order', orderBetween(lastOrder(sheets), undefined));
		const initial: Partial<Record<SheetTextField, string>> = {
			title: input.title,
			departmentName: input.departmentName
		};
		for (const { key } of SHEET_TEXT_FIELDS) sheet.set(key, new Y.Text(initial[key] ?? ''));
		for (const key of SHEET_LIST_FIELDS) sheet.set(key, new Y.Array<YRecord>());
		for (const key of ['goals', 'targets', 'issueCardIds', 'enablingConditions'] as const) {
			sheet.set(key, new Y.Map<boolean>());
		}
		sheet.set('partners', new Y.Map<unknown>());
		const smart = new Y.Map<YRecord>();
		for (const key of SMART_KEYS) {
			const check = new Y.Map<unknown>();
			check.set('checked', false);
			check.set('reason', new Y.Text());
			smart.set(key, check);
		}
		sheet.set('smart', smart);
		sheet.set('outputKpis', new Y.Array<KpiMap>());
		sheet.set('outcomeKpis', new Y.Array<KpiMap>());
		sheet.set('timing', '');
		sheet.set('authorId', input.authorId);
		sheet.set('authorName', input.authorName);
		sheet.set('createdAt', input.createdAt ?? Date.now());
		sheets.set(input.id, sheet);
	});
	return sheet;
}

export function deleteSheet(doc: Y.Doc, id: string): void {
	boardSheets(doc).delete(id);
}

export function sheetText(sheet: SheetMap, field: SheetTextField): Y.Text {
	return text(sheet, field);
}

export function sheetList(sheet: SheetMap, field: SheetListField): Y.Array<YRecord> {
	return textList(sheet, field);
}

export function addListItem(sheet: SheetMap, field: SheetListField, id: string, value = '', url?: string): YRecord {
	const item = newTextItem(id, value);
	if (field === 'precedents') item.set('url', url ?? '');
	sheetList(sheet, field).push([item]);
	return item;
}

export function listItemText(item: YRecord): Y.Text {
	return text(item, 'text');
}

export function findListItem(sheet: SheetMap, field: SheetListField, id: string): YRecord | undefined {
	const v = sheet.get(field);
	if (!(v instanceof Y.Array)) return undefined;
	return (v.toArray() as YRecord[]).find((i) => i.get('id') === id);
}

/** The link of a precedent (他自治体の事例): a plain value, written whole. */
export function setListItemUrl(item: YRecord, url: string): void {
	item.set('url', url);
}

export function removeListItem(sheet: SheetMap, field: SheetListField, id: string): void {
	const list = sheetList(sheet, field);
	const index = (list.toArray() as YRecord[]).findIndex((i) => i.get('id') === id);
	if (index >= 0) list.delete(index, 1);
}

export function setSheetGoal(sheet: SheetMap, goal: BasicGoalId, on: boolean): void {
	setFlag(sheet, 'goals', String(goal), on);
}

export function setSheetTarget(sheet: SheetMap, group: TargetGroup, on: boolean): void {
	setFlag(sheet, 'targets', group, on);
}

export function setSheetEnablingCondition(sheet: SheetMap, id: EnablingConditionId, on: boolean): void {
	setFlag(sheet, 'enablingConditions', id, on);
}

export function setSheetIssueLink(sheet: SheetMap, cardId: string, on: boolean): void {
	setFlag(sheet, 'issueCardIds', cardId, on);
}

export function setSheetTiming(sheet: SheetMap, timing: SheetTiming | null): void {
	sheet.set('timing', encodeTiming(timing));
}

export function smartCheck(sheet: SheetMap, key: SmartKey): YRecord {
	const smart = sheet.get('smart');
	if (!(smart instanceof Y.Map)) throw new Error('sheet without SMART checks');
	return smart.get(key) as YRecord;
}

export function setSmartChecked(sheet: SheetMap, key: SmartKey, checked: boolean): void {
	smartCheck(sheet, key).set('checked', checked);
}

export function smartReason(sheet: SheetMap, key: SmartKey): Y.Text {
	return text(smartCheck(sheet, key), 'reason');
}

export function setSheetPartner(sheet: SheetMap, partner: SheetPartner, on: boolean): void {
	const partners = sheet.get('partners') as Y.Map<unknown>;
	const key = `${partner.documentId}/${partner.sheetId}`;
	if (on) partners.set(key, { ...partner });
	else partners.delete(key);
}

// ─── KPIs on a sheet ──────────────────────────────────────────────────────────────────────────

export type KpiListKey = 'outputKpis' | 'outcomeKpis';
export const KPI_TEXT_FIELDS = KPI_FIELD_TEXTS;
export type KpiTextField = (typeof KPI_TEXT_FIELDS)[number];

function kpiList(sheet: SheetMap, kind: 'output' | 'outcome'): Y.Array<KpiMap> {
	return textList(sheet, kind === 'output' ? 'outputKpis' : 'outcomeKpis') as Y.Array<KpiMap>;
}

/** Adds a KPI to a sheet: a name, or all its fields (an imported idea's KPI). */
export function addKpi(
	sheet: SheetMap,
	kind: 'output' | 'outcome',
	id: string,
	fields: string | Partial<KpiFields> = ''
): KpiMap {
	const kpi = new Y.Map<unknown>();
	kpi.set('id', id);
	writeKpiFields(kpi, typeof fields === 'string' ? { name: fields } : fields);
	if (kind === 'outcome') kpi.set('pairedOutputIds', new Y.Map<boolean>());
	kpiList(sheet, kind).push([kpi]);
	return kpi;
}

export function findKpi(sheet: SheetMap, kind: 'output' | 'outcome', id: string): KpiMap | undefined {
	return kpiList(sheet, kind).toArray().find((k) => k.get('id') === id);
}

export function removeKpi(sheet: SheetMap, kind: 'output' | 'outcome', id: string): void {
	const list = kpiList(sheet, kind);
	const index = list.toArray().findIndex((k) => k.get('id') === id);
	if (index < 0) return;
	sheet.doc?.transact(() => {
		list.delete(index, 1);
		if (kind === 'output') {
			for (const outcome of kpiList(sheet, 'outcome').toArray()) {
				(outcome.get('pairedOutputIds') as Y.Map<boolean> | undefined)?.delete(id);
			}
		}
	});
}

export function kpiText(kpi: KpiMap, field: KpiTextField): Y.Text {
	return text(kpi, field);
}

export function setKpiNumber(kpi: KpiMap, field: 'baselineValue' | 'baselineYear', value: number | null): void {
	kpi.set(field, value !== null && Number.isFinite(value) ? value : null);
}

export function setKpiDirection(kpi: KpiMap, direction: KpiDirection): void {
	kpi.set('direction', direction);
}

export function setKpiCumulative(kpi: KpiMap, cumulative: boolean): void {
	kpi.set('cumulative', cumulative);
}

/** Sets (or, with null, blanks) the provisional target of one fiscal year. */
export function setKpiTarget(kpi: KpiMap, fy: number, value: number | null): void {
	const targets = kpi.get('targets') as Y.Map<number | null>;
	if (value === null || !Number.isFinite(value)) targets.delete(String(fy));
	else targets.set(String(fy), value);
}

export function setKpiPair(outcome: KpiMap, outputId: string, on: boolean): void {
	setFlag(outcome, 'pairedOutputIds', outputId, on);
}

function readKpiBase(kpi: KpiMap): KpiBase {
	return { id: str(kpi, 'id'), ...readKpiFields(kpi) };
}

export function readOutputKpi(kpi: KpiMap): OutputKpi {
	return { ...readKpiBase(kpi), kind: 'output' };
}

export function readOutcomeKpi(kpi: KpiMap): OutcomeKpi {
	return { ...readKpiBase(kpi), kind: 'outcome', pairedOutputIds: flags(kpi, 'pairedOutputIds') };
}

function readSmart(sheet: SheetMap): SmartChecks {
	const smart = sheet.get('smart');
	const out = {} as SmartChecks;
	for (const key of SMART_KEYS) {
		const check = smart instanceof Y.Map ? (smart.get(key) as YRecord | undefined) : undefined;
		out[key] = { checked: check?.get('checked') === true, reason: check ? str(check, 'reason') : '' };
	}
	return out;
}

export function readSheet(sheet: SheetMap): IdeaSheetView {
	const partners: SheetPartner[] = [];
	const p = sheet.get('partners');
	if (p instanceof Y.Map) p.forEach((v) => partners.push(v as SheetPartner));
	const origin = sheet.get('origin');
	const precedents = sheet.get('precedents');
	return {
		id: str(sheet, 'id'),
		order: str(sheet, 'order'),
		title: str(sheet, 'title'),
		departmentName: str(sheet, 'departmentName'),
		relatedProjects: readTextList(sheet, 'relatedProjects'),
		goals: flags<string>(sheet, 'goals').map(Number).filter(isBasicGoalId),
		problem: str(sheet, 'problem'),
		backgroundResidents: str(sheet, 'backgroundResidents'),
		backgroundTown: str(sheet, 'backgroundTown'),
		targets: flags<TargetGroup>(sheet, 'targets'),
		targetNote: str(sheet, 'targetNote'),
		solutionMeans: str(sheet, 'solutionMeans'),
		solutionWhom: str(sheet, 'solutionWhom'),
		solutionState: str(sheet, 'solutionState'),
		measures: readTextList(sheet, 'measures'),
		timing: decodeTiming(sheet.get('timing')),
		precedents:
			precedents instanceof Y.Array
				? (precedents.toArray() as YRecord[]).map((i) => ({ id: str(i, 'id'), text: str(i, 'text'), url: str(i, 'url') }))
				: [],
		expectedEffect: str(sheet, 'expectedEffect'),
		sideBenefits: str(sheet, 'sideBenefits'),
		smart: readSmart(sheet),
		outputKpis: sheet.get('outputKpis') instanceof Y.Array ? kpiList(sheet, 'output').toArray().map(readOutputKpi) : [],
		outcomeKpis: sheet.get('outcomeKpis') instanceof Y.Array ? kpiList(sheet, 'outcome').toArray().map(readOutcomeKpi) : [],
		issueCardIds: flags(sheet, 'issueCardIds'),
		partners: partners.sort((a, b) => a.title.localeCompare(b.title)),
		enablingConditions: flags<EnablingConditionId>(sheet, 'enablingConditions'),
		origin: origin && typeof origin === 'object' ? (origin as SheetOrigin) : null,
		authorId: str(sheet, 'authorId'),
		authorName: str(sheet, 'authorName'),
		createdAt: num(sheet, 'createdAt') ?? 0
	};
}

export function listSheets(doc: Y.Doc): IdeaSheetView[] {
	const out: IdeaSheetView[] = [];
	boardSheets(doc).forEach((s) => out.push(readSheet(s)));
	return out.sort(byOrder);
}

// ─── carrying work forward (転記) ─────────────────────────────────────────────────────────────

/** The ★ fields of a sheet as plain data, to start a sheet in a later session. */
export interface CarriedFields {
	title: string;
	problem: string;
	backgroundResidents: string;
	backgroundTown: string;
	targets: TargetGroup[];
	targetNote: string;
	solutionMeans: string;
	solutionWhom: string;
	solutionState: string;
	measures: string[];
}

export function carriedFields(view: IdeaSheetView): CarriedFields {
	return {
		title: view.title,
		problem: view.problem,
		backgroundResidents: view.backgroundResidents,
		backgroundTown: view.backgroundTown,
		targets: view.targets,
		targetNote: view.targetNote,
		solutionMeans: view.solutionMeans,
		solutionWhom: view.solutionWhom,
		solutionState: view.solutionState,
		measures: view.measures.map((m) => m.text)
	};
}

/** Starts a sheet from carried fields, with a visible link to its origin that stays intact. */
export function addCarriedSheet(
	doc: Y.Doc,
	input: NewSheet & { origin: SheetOrigin; fields: CarriedFields; newItemId: () => string }
): SheetMap {
	let sheet!: SheetMap;
	doc.transact(() => {
		sheet = addSheet(doc, input);
		const f = input.fields;
		for (const key of [
			'title',
			'problem',
			'backgroundResidents',
			'backgroundTown',
			'targetNote',
			'solutionMeans',
			'solutionWhom',
			'solutionState'
		] as const) {
			const t = sheetText(sheet, key);
			t.delete(0, t.length);
			t.insert(0, f[key]);
		}
		for (const group of f.targets) setSheetTarget(sheet, group, true);
		for (const m of f.measures) addListItem(sheet, 'measures', input.newItemId(), m);
		sheet.set('origin', { ...input.origin });
	});
	return sheet;
}

// ─── completeness, for the facilitator's overview ─────────────────────────────────────────────

/** The template fields a sheet should have filled, and how many it has. */
export function sheetCompleteness(view: IdeaSheetView): { filled: number; total: number; smartComplete: boolean } {
	const checks = [
		view.departmentName,
		view.goals.length > 0,
		view.problem,
		view.backgroundResidents || view.backgroundTown,
		view.targets.length > 0 || view.targetNote,
		view.solutionMeans,
		view.solutionWhom,
		view.solutionState,
		view.measures.some((m) => m.text.trim()),
		view.timing !== null,
		view.expectedEffect,
		view.outputKpis.length > 0,
		view.outcomeKpis.length > 0
	].map((v) => (typeof v === 'string' ? v.trim().length > 0 : v));
	return {
		filled: checks.filter(Boolean).length,
		total: checks.length,
		smartComplete: SMART_KEYS.every((k) => view.smart[k].checked)
	};
}
