/**
 * Paginates the print view in the browser with Paged.js (bundled: no CDN, and nothing fetched:
 * the print stylesheet is handed over as text, which the CSP's inline-style allowance covers), so
 * the page the reader prints is the page on screen: A4 with page numbers, a table of contents
 * whose entries show their page (target-counter), and tables that break only between row groups,
 * with the header row repeated on each following page. A table's header row sits in its first row
 * group, so it can never be left alone at the bottom of a page.
 */
import { Handler, Previewer, registerHandlers } from 'pagedjs';
import printCss from './paged-print.css?raw';

/** Repeats a split table's header row at the top of each page it continues on. */
class RepeatTableHeader extends Handler {
	renderNode(clone: Node, node: Node): void {
		if (!(clone instanceof HTMLElement) || clone.nodeName !== 'TBODY') return;
		const table = clone.parentElement;
		if (!table || table.nodeName !== 'TABLE' || !table.hasAttribute('data-split-from')) return;
		if (table.querySelector(':scope > thead')) return;
		const head = (node as HTMLElement).closest('table')?.querySelector('tr[data-head-row]');
		if (!head) return;
		const thead = document.createElement('thead');
		const row = head.cloneNode(true) as HTMLElement;
		row.removeAttribute('data-ref');
		thead.appendChild(row);
		table.insertBefore(thead, clone);
	}
}

let registered = false;

/** Lays `html` out as pages into `target`; resolves with the number of pages. */
export async function paginate(html: string, target: HTMLElement): Promise<number> {
	if (!registered) {
		registerHandlers(RepeatTableHeader);
		registered = true;
	}
	const previewer = new Previewer();
	const flow = await previewer.preview(html, [{ [`${location.origin}/paged-print.css`]: printCss }], target);
	return flow.total as number;
}
