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
	setSheetGoal,
	setSheetTarget,
	setSheetTiming,
	setSmartChecked,
	sheetText,
	smartReason,
	type SheetMap
} from './schema';
import { SMART_KEYS } from '../domain/kpi';

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
