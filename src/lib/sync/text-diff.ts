/**
 * Pure text helpers for binding a plain <textarea> to a Y.Text with character-level merging.
 * No DOM and no Yjs document access: unit-tested in text-diff.spec.ts.
 *
 * Indices are UTF-16 code units, the unit of both JavaScript strings and Y.Text.
 */

/** One contiguous edit: at `index`, remove `remove` code units, then insert `insert`. */
export interface TextChange {
	index: number;
	remove: number;
	insert: string;
}

/** An operation of a Y.Text delta as Yjs reports it in `YTextEvent.delta`. */
export interface DeltaOp {
	insert?: string | object;
	delete?: number;
	retain?: number;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single edit turning `before` into `after`: the common prefix and the common
 * suffix (not overlapping the prefix) are kept; what lies between is replaced. Never splits a
 * surrogate pair, so an emoji is replaced as a whole. `null` when the strings are equal.
 *
 * When the change is ambiguous (typing "a" into "aa"), `caret` — the caret position after the
 * edit, if known — places it where the person typed; without it the edit goes as late as possible.
 */
export function diffText(before: string, after: string, caret?: number): TextChange | null {
	if (before === after) return null;
	const max = Math.min(before.length, after.length);
	let prefix = 0;
	while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
	if (caret !== undefined) {
		// an edit that leaves the caret at `caret` starts at or before caret − (net insertion)
		const limit = caret - Math.max(0, after.length - before.length);
		if (limit >= 0 && limit < prefix) prefix = limit;
	}
	// do not end the prefix between the halves of a surrogate pair
	if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;

	let suffix = 0;
	const maxSuffix = max - prefix;
	while (
		suffix < maxSuffix &&
		before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
	) {
		suffix++;
	}
	// do not start the suffix between the halves of a surrogate pair
	if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;

	return {
		index: prefix,
		remove: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

/** Applies a change to a string (the inverse check of diffText, and the model of Y.Text). */
export function applyChange(text: string, change: TextChange): string {
	return text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove);
}

/**
 * Moves an index of a text through a concurrent delta that has been applied to that text.
 * `assoc` decides ties with an insertion exactly at the index: -1 stays before it, 1 moves after.
 */
export function transformIndex(index: number, delta: readonly DeltaOp[], assoc: -1 | 1 = -1): number {
	let pos = 0; // position in the old text
	let shift = 0;
	for (const op of delta) {
		if (op.retain !== undefined) {
			pos += op.retain;
		} else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (pos < index || (pos === index && assoc === 1)) shift += length;
		} else if (op.delete !== undefined) {
			if (pos < index) shift -= Math.min(op.delete, index - pos);
			pos += op.delete;
		}
		if (pos > index) break;
	}
	return Math.max(0, index + shift);
}

/**
 * Rebases a local change, computed against a text that has since received the given remote
 * deltas (in order), onto the current text. The removed range shrinks by whatever the remote
 * side already deleted; the insertion lands where the start of the range moved to.
 */
export function rebaseChange(change: TextChange, deltas: readonly (readonly DeltaOp[])[]): TextChange {
	let start = change.index;
	let end = change.index + change.remove;
	for (const delta of deltas) {
		const collapsed = start === end;
		start = transformIndex(start, delta, -1);
		end = collapsed ? start : Math.max(start, transformIndex(end, delta, -1));
	}
	return { index: start, remove: end - start, insert: change.insert };
}
