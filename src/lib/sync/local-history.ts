/**
 * Undo and redo of this person's own edits only.
 *
 * A Y.UndoManager tracks transactions by their origin. Remote changes arrive with the provider
 * (or the IndexedDB copy) as origin and are never tracked; local edits carry a `LocalEdit`. The
 * manager tracks the class itself, so every `LocalEdit` instance counts: each text binding keeps
 * its own instance (a binding ignores its own echoes by origin identity, and two bindings of one
 * Y.Text must still see each other's typing), structural edits (add, move, delete) share one.
 *
 * No DOM, no runes: the board view wraps it and the unit tests drive it with two documents.
 */
import * as Y from 'yjs';

/** The origin of a transaction made by this person on this page. */
export class LocalEdit {
	constructor(readonly label = '') {}
}

export interface LocalHistoryOptions {
	/** Consecutive edits closer than this are one undo step (Yjs default 500 ms). */
	captureTimeout?: number;
	/** Called whenever what can be undone or redone changes. */
	onChange?: () => void;
}

export class LocalHistory {
	readonly doc: Y.Doc;
	/** The origin of structural edits made through `transact`. */
	readonly origin = new LocalEdit('board');
	readonly #manager: Y.UndoManager;
	readonly #onChange: () => void;

	constructor(doc: Y.Doc, scope: Y.AbstractType<unknown>[], options: LocalHistoryOptions = {}) {
		this.doc = doc;
		this.#onChange = options.onChange ?? (() => {});
		this.#manager = new Y.UndoManager(scope, {
			trackedOrigins: new Set<unknown>([LocalEdit]),
			captureTimeout: options.captureTimeout ?? 500
		});
		this.#manager.on('stack-item-added', this.#changed);
		this.#manager.on('stack-item-popped', this.#changed);
		this.#manager.on('stack-cleared', this.#changed);
	}

	/** A new origin for one text binding; its edits are undoable like every local edit. */
	textOrigin(label = 'text'): LocalEdit {
		return new LocalEdit(label);
	}

	/** Runs `fn` as one local transaction (merged with edits just before it, as typing is). */
	transact<T>(fn: () => T): T {
		let result!: T;
		this.doc.transact(() => {
			result = fn();
		}, this.origin);
		return result;
	}

	/**
	 * Runs `fn` as its own undo step (adding, moving or deleting something), not merged with
	 * typing just before or after. Returns the step, to tell later whether it is still the last.
	 */
	step<T>(fn: () => T): { result: T; item: unknown } {
		this.#manager.stopCapturing();
		const result = this.transact(fn);
		this.#manager.stopCapturing();
		return { result, item: this.lastStep };
	}

	/** Ends the current undo step: the next edit starts a new one (e.g. on moving to another field). */
	stopCapturing(): void {
		this.#manager.stopCapturing();
	}

	/** The step `undo()` would revert (an opaque token). */
	get lastStep(): unknown {
		return this.#manager.undoStack.at(-1);
	}

	get canUndo(): boolean {
		return this.#manager.undoStack.length > 0;
	}

	get canRedo(): boolean {
		return this.#manager.redoStack.length > 0;
	}

	undo(): boolean {
		return this.#manager.undo() !== null;
	}

	redo(): boolean {
		return this.#manager.redo() !== null;
	}

	destroy(): void {
		this.#manager.off('stack-item-added', this.#changed);
		this.#manager.off('stack-item-popped', this.#changed);
		this.#manager.off('stack-cleared', this.#changed);
		this.#manager.destroy();
	}

	#changed = () => this.#onChange();
}
