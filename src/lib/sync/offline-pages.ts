/**
 * What the service worker keeps so that the app survives a reload without network: which pages
 * are kept (only live boards, whose content the browser has in IndexedDB anyway) and the names of
 * the caches. Shared by the service worker, which fills the caches, and the logout, which empties
 * them, so that the next person on a shared laptop finds nothing of the previous one.
 */

/** Cache of the app's own files (scripts, styles, fonts, the offline page) for one build. */
export const ASSET_CACHE_PREFIX = 'machi-assets-';
/** Cache of the last online copy of each board page the person opened. */
export const PAGE_CACHE = 'machi-pages';
/** The static page shown for any other page while the network is down. */
export const OFFLINE_PAGE = '/offline.html';

const BOARD_PAGE = /^\/w\/[^/]+\/boards\/[^/]+\/?$/;

/** Whether a page (by its path) is kept for offline reloads: a board, not its projector or print views. */
export function isOfflinePage(pathname: string): boolean {
	return BOARD_PAGE.test(pathname);
}

/** Empties the page cache (logout). Browser only; a browser without Cache Storage has nothing to clear. */
export async function clearOfflinePages(): Promise<void> {
	if (typeof caches === 'undefined') return;
	await caches.delete(PAGE_CACHE).catch(() => false);
}
