/**
 * How far a group's board has come, for the facilitator's overview: cards, idea sheets, template
 * fields filled (sheetCompleteness), SMART checks complete, and KPI hints (ideaKpiHints with the
 * workspace's plan period). Pure over a Y.Doc: the loader reads stored documents.
 */
import type * as Y from 'yjs';
import { boardPhase, isBoardLocked, listCards, listSheets, sheetCompleteness, type IdeaSheetView } from '$lib/collab/schema';
import { ideaKpiHints, type KpiHint, type PlanPeriod } from '$lib/domain/kpi-hints';

export interface SheetProgress {
	id: string;
	title: string;
	filled: number;
	total: number;
	smartComplete: boolean;
	hints: number;
}

export interface BoardProgress {
	cards: number;
	sheets: number;
	/** Template fields filled over all sheets, and how many there are. */
	fieldsFilled: number;
	fieldsTotal: number;
	/** Sheets with every template field filled. */
	sheetsComplete: number;
	/** Sheets with all five SMART checks ticked. */
	smartComplete: number;
	/** KPI hints over all sheets, and the sheets that have any. */
	kpiHints: number;
	sheetsWithHints: number;
	phase: string;
	locked: boolean;
	perSheet: SheetProgress[];
}

export function sheetHints(sheet: IdeaSheetView, plan: PlanPeriod): KpiHint[] {
	return ideaKpiHints({ outputs: sheet.outputKpis, outcomes: sheet.outcomeKpis, smart: sheet.smart }, plan);
}

export function boardProgress(doc: Y.Doc, plan: PlanPeriod): BoardProgress {
	const perSheet = listSheets(doc).map((sheet) => {
		const c = sheetCompleteness(sheet);
		return {
			id: sheet.id,
			title: sheet.title,
			filled: c.filled,
			total: c.total,
			smartComplete: c.smartComplete,
			hints: sheetHints(sheet, plan).length
		};
	});
	return {
		cards: listCards(doc).length,
		sheets: perSheet.length,
		fieldsFilled: perSheet.reduce((n, s) => n + s.filled, 0),
		fieldsTotal: perSheet.reduce((n, s) => n + s.total, 0),
		sheetsComplete: perSheet.filter((s) => s.filled === s.total).length,
		smartComplete: perSheet.filter((s) => s.smartComplete).length,
		kpiHints: perSheet.reduce((n, s) => n + s.hints, 0),
		sheetsWithHints: perSheet.filter((s) => s.hints > 0).length,
		phase: boardPhase(doc),
		locked: isBoardLocked(doc),
		perSheet
	};
}

/** Percentage of template fields filled, one decimal; null without sheets. */
export function fillRate(p: Pick<BoardProgress, 'fieldsFilled' | 'fieldsTotal'>): number | null {
	if (p.fieldsTotal === 0) return null;
	return Math.round((p.fieldsFilled / p.fieldsTotal) * 1000) / 10;
}
