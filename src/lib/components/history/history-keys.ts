/**
 * The undo and redo shortcuts every editor of shared documents answers: Ctrl/⌘+Z undoes,
 * Ctrl/⌘+Shift+Z or Ctrl+Y redoes. Pure, so the rule is tested without a browser.
 */

export type HistoryCommand = 'undo' | 'redo';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'isComposing'>;

/** The history command a key press asks for, or null (an IME composition never asks). */
export function historyCommand(event: KeyLike): HistoryCommand | null {
	if (event.isComposing || event.altKey || !(event.ctrlKey || event.metaKey)) return null;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && !event.shiftKey) return 'redo';
	return null;
}

/** What the undo and redo controls act on: this person's own history in one document. */
export interface UndoTarget {
	readonly canUndo: boolean;
	readonly canRedo: boolean;
	undo(): void;
	redo(): void;
	/** Ends the current undo step, so that the next edit starts a new one. */
	stopCapturing(): void;
}
