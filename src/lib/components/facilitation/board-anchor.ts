/**
 * Finding a card or sheet on the board page and bringing it into view: for "bring everyone
 * here" (meta.focus) and for links from the search (#card-<id>, #sheet-<id>). The board's
 * components mark their elements with data-card-id / data-sheet-id; nothing here changes them
 * (the highlight is a Web Animation, so no class is added to someone else's element).
 */

export type BoardItemKind = 'card' | 'sheet';

export interface BoardItemRef {
	kind: BoardItemKind;
	id: string;
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Sent on window before scrolling to an item, so that the board can open a collapsed sheet. */
export const REVEAL_ITEM_EVENT = 'board:reveal-item';

/** The event a "bring everyone here" button anywhere on the board sends (see BringHereButton). */
export const BRING_HERE_EVENT = 'facilitation:bring-here';

/** The anchor of a card or sheet in a board URL. */
export function itemHash(ref: BoardItemRef): string {
	return `#${ref.kind}-${ref.id}`;
}

/** Reads `#card-<id>` / `#sheet-<id>`; null for anything else. */
export function parseItemHash(hash: string): BoardItemRef | null {
	const m = /^#(card|sheet)-(.+)$/.exec(hash);
	if (!m) return null;
	let id: string;
	try {
		id = decodeURIComponent(m[2]!);
	} catch {
		return null;
	}
	return ID.test(id) ? { kind: m[1] as BoardItemKind, id } : null;
}

/**
 * The board element of a card or sheet, if it is on the page. When several elements carry the
 * id (a sheet in the list and its open editor), the largest visible one wins.
 */
export function findItemElement(ref: BoardItemRef, root: ParentNode = document): HTMLElement | null {
	if (!ID.test(ref.id)) return null;
	const attribute = ref.kind === 'card' ? 'data-card-id' : 'data-sheet-id';
	const all = [...root.querySelectorAll<HTMLElement>(`[${attribute}="${ref.id}"]`)];
	if (all.length <= 1) return all[0] ?? null;
	const area = (el: HTMLElement) => {
		const r = el.getBoundingClientRect();
		return r.width * r.height;
	};
	return all.reduce((best, el) => (area(el) > area(best) ? el : best));
}

/** Waits (up to `timeoutMs`) until the element is on the page: the board may still be loading. */
export function waitForItemElement(ref: BoardItemRef, timeoutMs: number): Promise<HTMLElement | null> {
	const found = findItemElement(ref);
	if (found) return Promise.resolve(found);
	return new Promise((resolve) => {
		const observer = new MutationObserver(() => {
			const el = findItemElement(ref);
			if (el) finish(el);
		});
		const timer = setTimeout(() => finish(null), timeoutMs);
		function finish(el: HTMLElement | null) {
			observer.disconnect();
			clearTimeout(timer);
			resolve(el);
		}
		observer.observe(document.body, { childList: true, subtree: true });
	});
}

/**
 * Scrolls the element to the middle of the screen and makes it glow for a few seconds.
 * Before that, tells the board (REVEAL_ITEM_EVENT on window, detail = the ref) so that
 * a collapsed sheet or a closed panel can open itself.
 */
export async function bringIntoView(ref: BoardItemRef, timeoutMs = 8000): Promise<boolean> {
	window.dispatchEvent(new CustomEvent<BoardItemRef>(REVEAL_ITEM_EVENT, { detail: ref }));
	// let a listener open the item first (one frame), then look for it
	await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
	const el = await waitForItemElement(ref, timeoutMs);
	if (!el) return false;
	const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
	el.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
	el.animate?.(
		[
			{ boxShadow: '0 0 0 0 rgb(245 158 11 / 0.9)', outline: '4px solid rgb(245 158 11)' },
			{ boxShadow: '0 0 0 12px rgb(245 158 11 / 0)', outline: '4px solid rgb(245 158 11)', offset: 0.5 },
			{ boxShadow: '0 0 0 0 rgb(245 158 11 / 0)', outline: '4px solid rgb(245 158 11 / 0)' }
		],
		{ duration: reduced ? 1500 : 3000, easing: 'ease-out' }
	);
	return true;
}

/** The card or sheet an element belongs to (for the facilitator's "bring everyone here"). */
export function itemOfElement(target: EventTarget | null): (BoardItemRef & { label: string }) | null {
	if (!(target instanceof Element)) return null;
	const el = target.closest<HTMLElement>('[data-card-id], [data-sheet-id]');
	if (!el) return null;
	const cardId = el.getAttribute('data-card-id');
	const ref: BoardItemRef = cardId ? { kind: 'card', id: cardId } : { kind: 'sheet', id: el.getAttribute('data-sheet-id') ?? '' };
	if (!ID.test(ref.id)) return null;
	return { ...ref, label: el.getAttribute('aria-label') ?? '' };
}
