/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: lets staff reload an open board while the network is down (common on a
 * closed government network, and in meeting rooms with weak Wi-Fi). Without it the browser shows
 * its own error page and people think their edits are lost, although the board's content is safe
 * in IndexedDB.
 *
 * - The app's own files (this build's scripts and styles, the static files, the offline page) are
 *   cached at install and served from the cache; a new build gets a new cache, the old is deleted.
 * - Page loads go to the network first, always: online, nothing changes. The last online copy of
 *   each board page is kept; offline, a board page is answered from that copy (it then opens the
 *   local copy and shows the オフライン state) and any other page with the static offline page,
 *   which says in Japanese that the network is down and nothing typed is lost.
 * - Nothing else (APIs, form posts, the websocket) is touched.
 */
import { build, files, version } from '$service-worker';
import { ASSET_CACHE_PREFIX, OFFLINE_PAGE, PAGE_CACHE, isOfflinePage } from '$lib/sync/offline-pages';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSET_CACHE = `${ASSET_CACHE_PREFIX}${version}`;
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSET_CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith(ASSET_CACHE_PREFIX) && k !== ASSET_CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

async function fromAssets(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName: ASSET_CACHE });
	return cached ?? fetch(request);
}

async function page(request: Request, url: URL): Promise<Response> {
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic' && isOfflinePage(url.pathname)) {
			const copy = response.clone();
			void caches.open(PAGE_CACHE).then((cache) => cache.put(url.pathname, copy));
		}
		return response;
	} catch (error) {
		if (isOfflinePage(url.pathname)) {
			const kept = await caches.match(url.pathname, { cacheName: PAGE_CACHE });
			if (kept) return kept;
		}
		const offline = await caches.match(OFFLINE_PAGE, { cacheName: ASSET_CACHE });
		if (offline) return offline;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSETS.has(url.pathname)) {
		event.respondWith(fromAssets(request));
	} else if (request.mode === 'navigate') {
		event.respondWith(page(request, url));
	}
});
