/**
 * The local copies of shared documents kept in this browser (IndexedDB, one database per user and
 * document) and what is known about them in localStorage. Logout asks here whether anything is
 * still unsent, then clears everything so that the next person on a shared laptop sees nothing.
 *
 * Browser only: every function touches `localStorage` or `indexedDB` and must not run during SSR.
 */
import { clearOfflinePages } from './offline-pages';
import { parseSentState } from './sent-tracker';

/** localStorage key holding the JSON list of registered IndexedDB database names. */
const REGISTRY_KEY = 'dsw:local-copies';
const DELETE_TIMEOUT_MS = 3000;

/** What an open live document offers to the registry. */
export interface OpenLocalCopy {
	readonly name: string;
	readonly hasUnsentChanges: boolean;
	/** Closes the websocket and the IndexedDB connection (a database cannot be deleted while open). */
	destroy(): Promise<void>;
}

const openCopies = new Set<OpenLocalCopy>();

/** The IndexedDB database name of one user's copy of one document. */
export function localCopyName(userId: string, documentId: string): string {
	return `dsw:${userId}:${documentId}`;
}

/** The localStorage key of the server-confirmed state of a local copy. */
export function sentStateKey(name: string): string {
	return `${name}:sent`;
}

export function registeredLocalCopies(): string[] {
	try {
		const list = JSON.parse(localStorage.getItem(REGISTRY_KEY) ?? '[]') as unknown;
		return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
	} catch {
		return [];
	}
}

export function registerLocalCopy(name: string): void {
	const names = registeredLocalCopies();
	if (!names.includes(name)) {
		names.push(name);
		localStorage.setItem(REGISTRY_KEY, JSON.stringify(names));
	}
}

/** Adds an open document; returns the function that removes it again. */
export function trackOpenCopy(copy: OpenLocalCopy): () => void {
	openCopies.add(copy);
	return () => openCopies.delete(copy);
}

/**
 * Whether any local copy holds changes the server has not confirmed: open documents answer live;
 * the others by what they recorded when they were last open.
 */
export function hasUnsentChanges(): boolean {
	const open = new Set<string>();
	for (const copy of openCopies) {
		open.add(copy.name);
		if (copy.hasUnsentChanges) return true;
	}
	return registeredLocalCopies().some(
		(name) => !open.has(name) && parseSentState(localStorage.getItem(sentStateKey(name)))?.unsent === true
	);
}

/**
 * Closes open documents, deletes every registered IndexedDB database and its localStorage entries,
 * and the board pages the service worker kept for offline reloads.
 */
export async function clearLocalCopies(): Promise<void> {
	await Promise.all([...openCopies].map((copy) => copy.destroy().catch(() => undefined)));
	await clearOfflinePages();
	openCopies.clear();
	const names = registeredLocalCopies();
	await Promise.all(names.map(deleteDatabase));
	for (const name of names) localStorage.removeItem(sentStateKey(name));
	localStorage.removeItem(REGISTRY_KEY);
}

/** Resolves when the database is gone, or after a timeout if another tab keeps it open. */
function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, DELETE_TIMEOUT_MS);
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		try {
			const request = indexedDB.deleteDatabase(name);
			request.onsuccess = done;
			request.onerror = done;
			// "blocked": another tab still has it open; the deletion completes when that tab closes
		} catch {
			done();
		}
	});
}
