/**
 * Binds a plain <textarea> (or a single-line text <input>) to a Y.Text with character-level merging.
 *
 * Local input: the textarea's new value is compared with the value last shown (common prefix and
 * suffix, see text-diff.ts) and only that range is deleted/inserted in the Y.Text, so two people
 * typing in the same card keep each other's characters.
 *
 * Remote changes: the textarea gets the new text and the caret and selection stay next to the
 * same characters, through Y.RelativePosition captured just before the remote transaction.
 *
 * IME composition (Japanese input): nothing is written and the textarea is not touched while a
 * composition is open. Remote changes that arrive meanwhile are kept as deltas; when the
 * composition ends, the local edit is rebased over them and the merged text is shown.
 */
import * as Y from 'yjs';
import { diffText, rebaseChange, type DeltaOp } from './text-diff';

export interface TextareaBindingOptions {
	/** Origin of local transactions (so the document can tell its own edits). */
	origin?: unknown;
	/** Read-only: remote changes are shown, local input is not written. */
	readOnly?: () => boolean;
}

export function bindTextarea(
	el: HTMLTextAreaElement | HTMLInputElement,
	text: Y.Text,
	options: TextareaBindingOptions = {}
): () => void {
	const doc = text.doc;
	if (!doc) throw new Error('the Y.Text must belong to a document');
	const origin = options.origin ?? Symbol('textarea');

	/** The value the textarea showed after the last sync with the Y.Text. */
	let shown = text.toString();
	let composing = false;
	/** Remote deltas not yet shown because a composition was open. */
	let pending: DeltaOp[][] = [];
	let selection: { start: Y.RelativePosition; end: Y.RelativePosition; direction: HTMLTextAreaElement['selectionDirection'] } | null =
		null;
	const caret = () => ({ start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 });

	el.value = shown;

	const focused = () => el.ownerDocument.activeElement === el;

	const onBeforeTransaction = (tr: Y.Transaction) => {
		if (tr.origin === origin || composing || !focused()) return;
		// assoc −1: a remote insertion exactly at the caret goes after it, not before
		selection = {
			start: Y.createRelativePositionFromTypeIndex(text, caret().start, -1),
			end: Y.createRelativePositionFromTypeIndex(text, caret().end, -1),
			direction: el.selectionDirection ?? 'none'
		};
	};

	const render = () => {
		const value = text.toString();
		pending = [];
		if (value === el.value) {
			shown = value;
			return;
		}
		const hadFocus = focused();
		el.value = value;
		shown = value;
		if (hadFocus && selection) {
			const start = Y.createAbsolutePositionFromRelativePosition(selection.start, doc);
			const end = Y.createAbsolutePositionFromRelativePosition(selection.end, doc);
			if (start && end) el.setSelectionRange(start.index, end.index, selection.direction ?? 'none');
		}
		selection = null;
	};

	const onObserve = (event: Y.YTextEvent, tr: Y.Transaction) => {
		if (tr.origin === origin) return;
		if (composing) {
			pending.push(event.delta as DeltaOp[]);
			return;
		}
		render();
	};

	/** Writes what changed in the textarea since `shown` into the Y.Text. */
	const commit = () => {
		if (options.readOnly?.()) {
			render();
			return;
		}
		const value = el.value;
		const change = diffText(shown, value, caret().end);
		if (!change) {
			if (pending.length > 0) render();
			return;
		}
		const rebased = pending.length > 0 ? rebaseChange(change, pending) : change;
		const merged = pending.length > 0;
		pending = [];
		doc.transact(() => {
			if (rebased.remove > 0) text.delete(rebased.index, rebased.remove);
			if (rebased.insert) text.insert(rebased.index, rebased.insert);
		}, origin);
		shown = value;
		if (merged || text.toString() !== value) {
			// remote edits arrived during the composition: show the merged text
			const caret = rebased.index + rebased.insert.length;
			el.value = shown = text.toString();
			if (focused()) el.setSelectionRange(caret, caret);
		}
	};

	const onInput = (event: Event) => {
		if (composing || (event as InputEvent).isComposing) return;
		commit();
	};
	const onCompositionStart = () => {
		composing = true;
	};
	const onCompositionEnd = () => {
		composing = false;
		commit();
	};

	doc.on('beforeTransaction', onBeforeTransaction);
	text.observe(onObserve);
	el.addEventListener('input', onInput);
	el.addEventListener('compositionstart', onCompositionStart);
	el.addEventListener('compositionend', onCompositionEnd);

	return () => {
		doc.off('beforeTransaction', onBeforeTransaction);
		text.unobserve(onObserve);
		el.removeEventListener('input', onInput);
		el.removeEventListener('compositionstart', onCompositionStart);
		el.removeEventListener('compositionend', onCompositionEnd);
	};
}
