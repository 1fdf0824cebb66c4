/**
 * Writes imported idea sheets (plain TransferIdea records, see domain/idea-transfer.ts) into a
 * board through the board schema's accessors. Used by the browser that confirms an import: it
 * applies them to the live board (LiveDocument), so the sheets arrive like any other edit.
 */
import type * as Y from 'yjs';
import type { TransferIdea } from '../domain/idea-transfer';
import {
	addKpi,
	addListItem,
	addSheet,
	setKpiPair,
	findSheet,
	readSheet,
	removeKpi,
	TARGET_GROUPS,
	setSheetGoal,
	setSheetTarget,
	sheetList,
	setSheetTiming,
	setSmartChecked,
	sheetText,
	smartReason,
	type SheetMap
} from './schema';
import { SMART_KEYS } from '../domain/kpi';
import { BASIC_GOALS } from '../domain/strategy';


export interface ImportAuthor {
	id: string;
	name: string;
}

/** Adds one sheet per idea (in one transaction) and returns their ids. */
export function addImportedSheets(
	doc: Y.Doc,
	ideas: readonly TransferIdea[],
	author: ImportAuthor,
	newId: () => string,
	now = Date.now()
): string[] {
	const ids: string[] = [];
	doc.transact(() => {
		for (const idea of ideas) {
			const id = newId();
			const sheet = addSheet(doc, {
				id,
				authorId: author.id,
				authorName: author.name,
				title: idea.title,
				departmentName: idea.departmentName,
				createdAt: now
			});
			fillSheet(sheet, idea, newId);
			ids.push(id);
		}
	});
	return ids;
}

/**
 * Replaces the content of sheets already on the board with imported ideas (the person chose
 *「置き換える」 for a duplicate). The sheet keeps its id, author, votes and links, so a project of
 * the draft that points at it still does; everything the file holds is written afresh.
 */
export function replaceImportedSheets(doc: Y.Doc, replacements: ReadonlyArray<{ sheetId: string; idea: TransferIdea }>, newId: () => string): string[] {
	const done: string[] = [];
	doc.transact(() => {
		for (const { sheetId, idea } of replacements) {
			const sheet = findSheet(doc, sheetId);
			if (!sheet) continue;
			clearSheet(sheet);
			fillSheet(sheet, idea, newId);
			done.push(sheetId);
		}
	});
	return done;
}

function clearSheet(sheet: SheetMap): void {
	for (const key of ['problem', 'backgroundResidents', 'backgroundTown', 'targetNote', 'solutionMeans', 'solutionWhom', 'solutionState', 'expectedEffect', 'sideBenefits'] as const) {
		const text = sheetText(sheet, key);
		if (text.length) text.delete(0, text.length);
	}
	for (const list of ['relatedProjects', 'measures', 'precedents'] as const) {
		const items = sheetList(sheet, list);
		if (items.length) items.delete(0, items.length);
	}
	for (const g of BASIC_GOALS) setSheetGoal(sheet, g.id, false);
	for (const t of TARGET_GROUPS) setSheetTarget(sheet, t, false);
	setSheetTiming(sheet, null);
	for (const k of SMART_KEYS) {
		setSmartChecked(sheet, k, false);
		const reason = smartReason(sheet, k);
		if (reason.length) reason.delete(0, reason.length);
	}
	const view = readSheet(sheet);
	for (const k of view.outputKpis) removeKpi(sheet, 'output', k.id);
	for (const k of view.outcomeKpis) removeKpi(sheet, 'outcome', k.id);
}

function fillSheet(sheet: SheetMap, idea: TransferIdea, newId: () => string): void {
	for (const key of [
		'problem',
		'backgroundResidents',
		'backgroundTown',
		'targetNote',
		'solutionMeans',
		'solutionWhom',
		'solutionState',
		'expectedEffect',
		'sideBenefits'
	] as const) {
		if (idea[key]) sheetText(sheet, key).insert(0, idea[key]);
	}
	for (const p of idea.relatedProjects) addListItem(sheet, 'relatedProjects', newId(), p);
	for (const m of idea.measures) addListItem(sheet, 'measures', newId(), m);
	for (const p of idea.precedents) addListItem(sheet, 'precedents', newId(), p.text, p.url);
	for (const g of idea.goals) setSheetGoal(sheet, g, true);
	for (const t of idea.targets) setSheetTarget(sheet, t, true);
	setSheetTiming(sheet, idea.timing);
	for (const k of SMART_KEYS) {
		if (idea.smart[k].checked) setSmartChecked(sheet, k, true);
		if (idea.smart[k].reason) smartReason(sheet, k).insert(0, idea.smart[k].reason);
	}
	const outputIds = new Map<number, string>();
	for (const [kind, list] of [
		['output', idea.outputKpis],
		['outcome', idea.outcomeKpis]
	] as const) {
		for (const k of list) {
			const id = newId();
			if (kind === 'output') outputIds.set(k.number, id);
			const kpi = addKpi(sheet, kind, id, k);
			if (kind === 'outcome') {
				for (const n of k.pairedOutputs) {
					const outputId = outputIds.get(n);
					if (outputId) setKpiPair(kpi, outputId, true);
				}
			}
		}
	}
}
