/**
 * This person's undo history of one shared document, as the interface needs it: a LocalHistory
 * whose `canUndo` and `canRedo` are reactive (buttons enable and disable themselves), and the
 * target of the undo/redo controls.
 */
import type * as Y from 'yjs';
import { LocalHistory, type LocalHistoryOptions } from '$lib/sync/local-history';
import type { UndoTarget } from './history-keys';

export class UndoHistory extends LocalHistory implements UndoTarget {
	#canUndo = $state(false);
	#canRedo = $state(false);

	constructor(doc: Y.Doc, scope: Y.AbstractType<unknown>[], options: LocalHistoryOptions = {}) {
		super(doc, scope, {
			...options,
			onChange: () => {
				this.#canUndo = super.canUndo;
				this.#canRedo = super.canRedo;
				options.onChange?.();
			}
		});
	}

	override get canUndo(): boolean {
		return this.#canUndo;
	}

	override get canRedo(): boolean {
		return this.#canRedo;
	}
}
