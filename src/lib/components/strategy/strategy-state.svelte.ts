/**
 * The strategy editor's view of the live document: the whole draft as plain data, re-read after
 * every change (coalesced per microtask), plus the editing operations the interface offers and
 * this person's undo history. Every operation is one undo step of this person's own; undo never
 * takes back another facilitator's edit. Text fields are not edited through here: each textarea
 * is bound to its Y.Text directly, with an origin of this history (`history.textOrigin()`).
 */
import type * as Y from 'yjs';
import {
	addDirection,
	addMeasure,
	addMeasureKpi,
	addNumericTarget,
	addProject,
	copyIdeaKpi,
	deleteItem,
	findItem,
	findMeasureKpi,
	mergeMeasureKpis,
	moveItem,
	moveMeasureKpi,
	readStrategy,
	refreshProject,
	removeMeasureKpi,
	setLeadDepartment,
	setRelatedDepartment,
	strategyUndoScope,
	type StrategyItemKind
} from '$lib/collab/strategy';
import { dropIndex } from '$lib/collab/board-edits';
import type { Kpi } from '$lib/domain/kpi';
import type { BasicGoalId } from '$lib/domain/strategy';
import { allMeasures, type StrategyDraft } from '$lib/domain/strategy-draft';
import type { IdeaPoolItem } from '$lib/domain/idea-pool';
import { UndoHistory } from '$lib/components/history/undo-history.svelte';

/** An id from 128 random bits (crypto.randomUUID needs HTTPS; the LGWAN may serve plain HTTP). */
export function newItemId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What is being dragged: an item of the draft, or an idea from the pool. */
export type DragItem =
	| { kind: StrategyItemKind; id: string }
	| { kind: 'kpi'; id: string; measureId: string }
	| { kind: 'idea'; key: string };

/** The index a dragged item lands at among `siblings`, counted without it (see dropIndex). */
function dropPlace(siblings: readonly { id: string }[], id: string, targetId: string | null): number {
	return targetId === null ? siblings.filter((x) => x.id !== id).length : dropIndex(siblings, id, targetId, false);
}

export class StrategyState {
	readonly doc: Y.Doc;
	/** This person's undo history (the undo/redo controls act on it). */
	readonly history: UndoHistory;
	#draft = $state<StrategyDraft>() as StrategyDraft;
	#scheduled = false;
	#destroyed = false;
	dragging = $state<DragItem | null>(null);

	constructor(doc: Y.Doc) {
		this.doc = doc;
		this.#draft = readStrategy(doc);
		this.history = new UndoHistory(doc, strategyUndoScope(doc));
		for (const root of strategyUndoScope(doc)) root.observeDeep(this.#onChange);
	}

	get draft(): StrategyDraft {
		return this.#draft;
	}

	destroy(): void {
		this.#destroyed = true;
		this.history.destroy();
		for (const root of strategyUndoScope(this.doc)) root.unobserveDeep(this.#onChange);
	}

	// ─── this person's history ───────────────────────────────────────────────────────────────

	/** Runs a change of one field (a number, a choice, a tick) as its own undo step. */
	edit(change: () => void): void {
		this.history.step(change);
	}

	/** Runs `change` as one undo step of this person's and returns what it returned. */
	#step<T>(change: () => T): T {
		return this.history.step(change).result;
	}

	#onChange = () => {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			if (!this.#destroyed) this.#draft = readStrategy(this.doc);
		});
	};

	// ─── structure ───────────────────────────────────────────────────────────────────────────

	addNumericTarget(goalId: BasicGoalId): string {
		const id = newItemId();
		this.#step(() => addNumericTarget(this.doc, goalId, id));
		return id;
	}

	addDirection(goalId: BasicGoalId): string {
		const id = newItemId();
		this.#step(() => addDirection(this.doc, goalId, id));
		return id;
	}

	addMeasure(directionId: string): string {
		const id = newItemId();
		this.#step(() => addMeasure(this.doc, directionId, id));
		return id;
	}

	addKpi(measureId: string): string | null {
		const measure = findItem(this.doc, 'measure', measureId);
		if (!measure) return null;
		const id = newItemId();
		this.#step(() => addMeasureKpi(measure, id, { kind: 'outcome' }));
		return id;
	}

	remove(kind: StrategyItemKind, id: string): void {
		this.#step(() => deleteItem(this.doc, kind, id));
	}

	removeKpi(measureId: string, kpiId: string): void {
		const measure = findItem(this.doc, 'measure', measureId);
		if (measure) this.#step(() => removeMeasureKpi(measure, kpiId));
	}

	kpi(measureId: string, kpiId: string) {
		const measure = findItem(this.doc, 'measure', measureId);
		return measure ? findMeasureKpi(measure, kpiId) : undefined;
	}

	/** Moves an item to `index` among the children of `parentId` (default: its own parent). */
	move(kind: StrategyItemKind, id: string, index: number, parentId?: string | number): void {
		this.#step(() => moveItem(this.doc, kind, id, { index, parentId }));
	}

	/**
	 * Moves a dragged item to where it was dropped among `siblings` (the list it was dropped into):
	 * onto `targetId`, it takes the target's place; without one, it goes to the end.
	 */
	drop(kind: StrategyItemKind, id: string, siblings: readonly { id: string }[], targetId: string | null, parentId?: string | number): void {
		this.move(kind, id, dropPlace(siblings, id, targetId), parentId);
	}

	/** Moves a dragged KPI within its measure, as `drop` does. */
	dropKpi(measureId: string, kpiId: string, siblings: readonly { id: string }[], targetId: string): void {
		this.moveKpi(measureId, kpiId, dropPlace(siblings, kpiId, targetId));
	}

	moveKpi(measureId: string, kpiId: string, index: number): void {
		const measure = findItem(this.doc, 'measure', measureId);
		if (measure) this.#step(() => moveMeasureKpi(measure, kpiId, index));
	}

	mergeKpis(measureId: string, keepId: string, mergeId: string): void {
		const measure = findItem(this.doc, 'measure', measureId);
		if (measure) this.#step(() => mergeMeasureKpis(measure, keepId, mergeId));
	}

	setLead(measureId: string, department: string): void {
		const measure = findItem(this.doc, 'measure', measureId);
		if (!measure) return;
		this.#step(() => {
			setLeadDepartment(measure, department);
			setRelatedDepartment(measure, department, false);
		});
	}

	setRelated(measureId: string, department: string, on: boolean): void {
		const measure = findItem(this.doc, 'measure', measureId);
		if (measure) this.#step(() => setRelatedDepartment(measure, department, on));
	}

	// ─── ideas into projects ─────────────────────────────────────────────────────────────────

	/**
	 * Places an idea under a measure as a project. The idea's department becomes the measure's
	 * lead department when it has none, otherwise a related department. Returns the project id,
	 * or null when the idea (in any of its carried versions) is already a project of that measure.
	 */
	placeIdea(measureId: string, idea: IdeaPoolItem): string | null {
		const measure = findItem(this.doc, 'measure', measureId);
		if (!measure) return null;
		const existing = allMeasures(this.#draft)
			.find((m) => m.id === measureId)
			?.projects.some((p) => idea.versionKeys.includes(`${p.documentId}/${p.sheetId}`));
		if (existing) return null;
		const id = newItemId();
		this.#step(() => {
			addProject(this.doc, measureId, id, {
				documentId: idea.documentId,
				sheetId: idea.sheetId,
				title: idea.title,
				departmentName: idea.departmentName
			});
			const department = idea.departmentName.trim();
			if (!department) return;
			const lead = measure.get('leadDepartment');
			if (typeof lead !== 'string' || !lead.trim()) setLeadDepartment(measure, department);
			else if (lead !== department) setRelatedDepartment(measure, department, true);
		});
		return id;
	}

	/** Copies an idea's KPI into the measure (merging with the same indicator). */
	copyKpi(measureId: string, idea: IdeaPoolItem, kpi: Kpi): { kpiId: string; merged: boolean } | null {
		const measure = findItem(this.doc, 'measure', measureId);
		if (!measure) return null;
		const source = { documentId: idea.documentId, sheetId: idea.sheetId, kpiId: kpi.id };
		return this.#step(() => copyIdeaKpi(measure, kpi, source, newItemId()));
	}

	/**
	 * Brings the cached titles of projects up to date with their sheets (facilitators only). Not
	 * an undo step: nobody chose it, and undoing it would only show stale titles.
	 */
	refreshProjects(pool: readonly IdeaPoolItem[]): void {
		const byKey = new Map(pool.flatMap((i) => i.versionKeys.map((k) => [k, i] as const)));
		const stale: Array<{ id: string; title: string; departmentName: string }> = [];
		for (const measure of allMeasures(this.#draft)) {
			for (const p of measure.projects) {
				const idea = byKey.get(`${p.documentId}/${p.sheetId}`);
				if (idea && (idea.title !== p.title || idea.departmentName !== p.departmentName)) {
					stale.push({ id: p.id, title: idea.title, departmentName: idea.departmentName });
				}
			}
		}
		if (stale.length === 0) return;
		this.doc.transact(() => {
			for (const s of stale) {
				const item = findItem(this.doc, 'project', s.id);
				if (item) refreshProject(item, s);
			}
		});
	}
}
