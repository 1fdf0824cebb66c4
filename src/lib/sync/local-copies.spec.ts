import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	clearLocalCopies,
	hasUnsentChanges,
	localCopyName,
	registerLocalCopy,
	registeredLocalCopies,
	sentStateKey,
	trackOpenCopy
} from './local-copies';

/** Minimal stand-ins for the browser storage APIs the module uses. */
class MemoryStorage {
	#items = new Map<string, string>();
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.#items.set(key, value);
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	keys() {
		return [...this.#items.keys()];
	}
}

let storage: MemoryStorage;
let deleted: string[];

beforeEach(() => {
	storage = new MemoryStorage();
	deleted = [];
	Object.assign(globalThis, {
		localStorage: storage,
		indexedDB: {
			deleteDatabase(name: string) {
				deleted.push(name);
				const request: { onsuccess?: () => void } = {};
				setTimeout(() => request.onsuccess?.(), 0);
				return request;
			}
		}
	});
});

afterEach(() => {
	Reflect.deleteProperty(globalThis, 'localStorage');
	Reflect.deleteProperty(globalThis, 'indexedDB');
});

const unsentJson = (unsent: boolean) => JSON.stringify({ v: 1, confirmed: {}, deletes: [], unsent });

describe('local copies', () => {
	it('names a copy per user and document and registers it once', () => {
		const name = localCopyName('u1', 'd1');
		expect(name).toBe('dsw:u1:d1');
		registerLocalCopy(name);
		registerLocalCopy(name);
		expect(registeredLocalCopies()).toEqual([name]);
	});

	it('reports unsent changes from open documents and from what closed ones recorded', () => {
		const open = localCopyName('u1', 'open');
		const closed = localCopyName('u1', 'closed');
		registerLocalCopy(open);
		registerLocalCopy(closed);
		storage.setItem(sentStateKey(closed), unsentJson(false));
		let live = false;
		const untrack = trackOpenCopy({
			name: open,
			get hasUnsentChanges() {
				return live;
			},
			destroy: async () => undefined
		});
		// the open document's stale record does not count, its live answer does
		storage.setItem(sentStateKey(open), unsentJson(true));
		expect(hasUnsentChanges()).toBe(false);
		live = true;
		expect(hasUnsentChanges()).toBe(true);
		live = false;
		storage.setItem(sentStateKey(closed), unsentJson(true));
		expect(hasUnsentChanges()).toBe(true);
		untrack();
	});

	it('closes open documents, deletes the databases and the localStorage entries', async () => {
		const name = localCopyName('u1', 'd1');
		registerLocalCopy(name);
		storage.setItem(sentStateKey(name), unsentJson(true));
		storage.setItem('unrelated', 'kept');
		let destroyed = false;
		trackOpenCopy({
			name,
			hasUnsentChanges: true,
			destroy: async () => {
				destroyed = true;
			}
		});
		await clearLocalCopies();
		expect(destroyed).toBe(true);
		expect(deleted).toEqual([name]);
		expect(storage.keys()).toEqual(['unrelated']);
		expect(hasUnsentChanges()).toBe(false);
	});
});
