import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	addKpi,
	addListItem,
	addSheet,
	kpiText,
	setBoardLocked,
	setBoardPhase,
	setSheetGoal,
	setSheetTarget,
	setSheetTiming,
	setSmartChecked,
	sheetText
} from '$lib/collab/schema';
import { SMART_KEYS } from '$lib/domain/kpi';
import { boardProgress, fillRate } from './board-progress';

const plan = { startFy: 2025, endFy: 2029 };

describe('boardProgress', () => {
	it('counts an empty board as zero', () => {
		const p = boardProgress(new Y.Doc(), plan);
		expect(p).toMatchObject({ cards: 0, sheets: 0, fieldsFilled: 0, fieldsTotal: 0, kpiHints: 0, phase: '', locked: false });
		expect(fillRate(p)).toBeNull();
	});

	it('counts cards, filled fields, complete sheets, SMART and KPI hints', () => {
		const doc = new Y.Doc();
		addCard(doc, { id: 'c1', text: 'a', authorId: 'u', authorName: 'n' });
		addCard(doc, { id: 'c2', text: 'b', authorId: 'u', authorName: 'n' });
		setBoardPhase(doc, 'グループ討議');
		setBoardLocked(doc, true);

		const full = addSheet(doc, { id: 's1', authorId: 'u', authorName: 'n', departmentName: '総務課', title: '完成' });
		setSheetGoal(full, 1, true);
		for (const f of ['problem', 'backgroundResidents', 'solutionMeans', 'solutionWhom', 'solutionState', 'expectedEffect'] as const) {
			sheetText(full, f).insert(0, 'x');
		}
		setSheetTarget(full, 'residents', true);
		addListItem(full, 'measures', 'm1', '予約システム');
		setSheetTiming(full, { kind: 'fy', fy: 2026 });
		addKpi(full, 'output', 'o1', '導入件数');
		kpiText(addKpi(full, 'outcome', 'k1'), 'name').insert(0, '利用者数');
		for (const k of SMART_KEYS) setSmartChecked(full, k, true);

		addSheet(doc, { id: 's2', authorId: 'u', authorName: 'n' });

		const p = boardProgress(doc, plan);
		expect(p.cards).toBe(2);
		expect(p.sheets).toBe(2);
		expect(p.perSheet[0]!.filled).toBe(p.perSheet[0]!.total);
		expect(p.sheetsComplete).toBe(1);
		expect(p.smartComplete).toBe(1);
		expect(p.fieldsFilled).toBe(p.perSheet[0]!.total);
		expect(p.fieldsTotal).toBe(2 * p.perSheet[0]!.total);
		expect(fillRate(p)).toBe(50);
		// the empty sheet has no outcome KPI: at least that hint
		expect(p.perSheet[1]!.hints).toBeGreaterThan(0);
		expect(p.kpiHints).toBe(p.perSheet[0]!.hints + p.perSheet[1]!.hints);
		expect(p.phase).toBe('グループ討議');
		expect(p.locked).toBe(true);
	});
});
