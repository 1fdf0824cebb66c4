/**
 * What every part of a board needs, shared through Svelte context instead of props: the view
 * (edits and undo), who is editing, whether editing is allowed now, the plan period, and a text
 * binding that makes typing this person's undoable edit.
 */
import { getContext, setContext } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type * as Y from 'yjs';
import type { Presence } from '$lib/sync/presence.svelte';
import { bindTextarea } from '$lib/sync/textarea-binding';
import type { BoardView } from './board-view.svelte';

export interface BoardUser {
	id: string;
	displayName: string;
	/** 「総務課 企画係」: the default department of new cards and sheets. */
	departmentName: string;
}

export interface BoardPlan {
	startFy: number;
	endFy: number;
	currentFy: number;
}

export interface BoardContext {
	readonly view: BoardView;
	readonly presence: Presence;
	readonly user: BoardUser;
	readonly plan: BoardPlan;
	readonly workspaceId: string;
	readonly documentId: string;
	/** Whether this person may edit now (not an observer, and the board is not locked for them). */
	readonly editable: boolean;
	/** Facilitators (and admins) run the session: they get "bring everyone here" on each item. */
	readonly canFacilitate: boolean;
	/** Asks for confirmation, then deletes (undoable). */
	requestDelete(request: { kind: 'card' | 'sheet' | 'cluster'; id: string; label: string }): void;
	/** Opens an idea sheet in the editor. */
	openSheet(id: string): void;
}

const KEY = Symbol('board');

export function setBoardContext(context: BoardContext): void {
	setContext(KEY, context);
}

export function getBoardContext(): BoardContext {
	const context = getContext<BoardContext | undefined>(KEY);
	if (!context) throw new Error('board components must be inside <Board>');
	return context;
}

/**
 * An attachment binding a <textarea> or text <input> to a Y.Text: character-level merging, each
 * binding with its own local origin so that the undo history tracks it as this person's.
 */
export function bindText(context: BoardContext, text: Y.Text): Attachment<HTMLTextAreaElement | HTMLInputElement> {
	return (el) =>
		bindTextarea(el, text, {
			origin: context.view.history.textOrigin(),
			readOnly: () => !context.editable
		});
}
