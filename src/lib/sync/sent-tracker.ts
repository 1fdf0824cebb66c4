/**
 * Which local changes the server has confirmed: a pure model, no DOM and no network.
 *
 * The server persists every update it accepts and then sends it back (to the sender as well:
 * the echo is the acknowledgement). It also tells each new connection its state vector (sync
 * step 1). From those two we keep the *confirmed state vector*: per Yjs client, the clock up to
 * which the server is known to hold that client's changes. A local change is unsent while the
 * local document's clock for some client is ahead of the confirmed one.
 *
 * Deleting text creates no new Yjs items and so does not move any clock. Local deletions are
 * therefore remembered as ID ranges until a delete set from the server covers them.
 *
 * The state is serialised to JSON (localStorage) so that a reload while offline still knows.
 */
import * as Y from 'yjs';

/** A deleted range of one client's items: clock … clock+len−1. */
export type DeleteRange = [client: number, clock: number, len: number];

export interface SentStateJson {
	v: 1;
	/** Confirmed state vector: client id → clock (exclusive end). */
	confirmed: Record<string, number>;
	/** Local deletions not yet confirmed. */
	deletes: DeleteRange[];
	/** Whether there were unsent changes when this was saved (for documents not open now). */
	unsent: boolean;
}

export type StateVector = Map<number, number>;

export class SentTracker {
	#confirmed: StateVector = new Map();
	#deletes: DeleteRange[] = [];

	constructor(json?: SentStateJson | null) {
		if (json && json.v === 1) {
			for (const [client, clock] of Object.entries(json.confirmed ?? {})) {
				const c = Number(client);
				if (Number.isSafeInteger(c) && Number.isSafeInteger(clock)) this.#confirmed.set(c, clock);
			}
			this.#deletes = (json.deletes ?? []).filter(
				(r) => Array.isArray(r) && r.length === 3 && r.every((n) => Number.isSafeInteger(n))
			);
		}
	}

	/** The confirmed clock of a client (0 if nothing of it is known to be on the server). */
	confirmedClock(client: number): number {
		return this.#confirmed.get(client) ?? 0;
	}

	get pendingDeletes(): readonly DeleteRange[] {
		return this.#deletes;
	}

	/**
	 * The server's state vector (its sync step 1 when a connection opens). Only raises clocks:
	 * a confirmation is never taken back.
	 * @returns whether anything changed
	 */
	noteServerStateVector(sv: StateVector): boolean {
		let changed = false;
		for (const [client, clock] of sv) {
			if (clock > this.confirmedClock(client)) {
				this.#confirmed.set(client, clock);
				changed = true;
			}
		}
		return changed;
	}

	/**
	 * An update received from the server (an echo of ours, someone else's change, or the sync
	 * step 2 reply). Its items raise the confirmed clock of their client where they continue it
	 * without a gap (an update may carry items the server holds back as pending); its delete set
	 * confirms local deletions.
	 * @returns whether anything changed
	 */
	noteServerUpdate(update: Uint8Array): boolean {
		const { structs, ds } = Y.decodeUpdate(update);
		let changed = false;
		const byClient = new Map<number, Array<{ clock: number; end: number }>>();
		for (const s of structs) {
			if (s instanceof Y.Skip) continue;
			const list = byClient.get(s.id.client) ?? [];
			list.push({ clock: s.id.clock, end: s.id.clock + s.length });
			byClient.set(s.id.client, list);
		}
		for (const [client, list] of byClient) {
			list.sort((a, b) => a.clock - b.clock);
			let clock = this.confirmedClock(client);
			for (const s of list) if (s.clock <= clock && s.end > clock) clock = s.end;
			if (clock > this.confirmedClock(client)) {
				this.#confirmed.set(client, clock);
				changed = true;
			}
		}
		if (this.#deletes.length > 0 && ds.clients.size > 0) {
			const covered: DeleteRange[] = [];
			ds.clients.forEach((items, client) => {
				for (const item of items) covered.push([client, item.clock, item.len]);
			});
			const rest = subtractRanges(this.#deletes, covered);
			if (rest.length !== this.#deletes.length || !sameRanges(rest, this.#deletes)) {
				this.#deletes = rest;
				changed = true;
			}
		}
		return changed;
	}

	/** Deletions made by a local transaction (its `deleteSet`). */
	noteLocalDeletes(ranges: readonly DeleteRange[]): boolean {
		if (ranges.length === 0) return false;
		this.#deletes = mergeRanges([...this.#deletes, ...ranges]);
		return true;
	}

	/** Whether the local document holds changes the server has not confirmed. */
	hasUnsent(localSv: StateVector): boolean {
		if (this.#deletes.length > 0) return true;
		for (const [client, clock] of localSv) if (clock > this.confirmedClock(client)) return true;
		return false;
	}

	toJSON(localSv: StateVector): SentStateJson {
		return {
			v: 1,
			confirmed: Object.fromEntries(this.#confirmed),
			deletes: this.#deletes,
			unsent: this.hasUnsent(localSv)
		};
	}
}

/** The ranges of a Yjs DeleteSet (e.g. `transaction.deleteSet`). */
export function deleteSetRanges(ds: { clients: Map<number, Array<{ clock: number; len: number }>> }): DeleteRange[] {
	const out: DeleteRange[] = [];
	ds.clients.forEach((items, client) => {
		for (const item of items) if (item.len > 0) out.push([client, item.clock, item.len]);
	});
	return out;
}

/** Sorts and joins overlapping or adjacent ranges of the same client. */
export function mergeRanges(ranges: readonly DeleteRange[]): DeleteRange[] {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const out: DeleteRange[] = [];
	for (const r of sorted) {
		const last = out.at(-1);
		if (last && last[0] === r[0] && r[1] <= last[1] + last[2]) {
			last[2] = Math.max(last[2], r[1] + r[2] - last[1]);
		} else {
			out.push([r[0], r[1], r[2]]);
		}
	}
	return out;
}

/** `ranges` minus `covered`, per client. */
export function subtractRanges(ranges: readonly DeleteRange[], covered: readonly DeleteRange[]): DeleteRange[] {
	const cover = mergeRanges(covered);
	const out: DeleteRange[] = [];
	for (const [client, clock, len] of mergeRanges(ranges)) {
		let pieces: Array<[number, number]> = [[clock, clock + len]];
		for (const [cc, cClock, cLen] of cover) {
			if (cc !== client) continue;
			const cEnd = cClock + cLen;
			const next: Array<[number, number]> = [];
			for (const [s, e] of pieces) {
				if (cEnd <= s || cClock >= e) {
					next.push([s, e]);
					continue;
				}
				if (cClock > s) next.push([s, cClock]);
				if (cEnd < e) next.push([cEnd, e]);
			}
			pieces = next;
		}
		for (const [s, e] of pieces) out.push([client, s, e - s]);
	}
	return out;
}

function sameRanges(a: readonly DeleteRange[], b: readonly DeleteRange[]): boolean {
	return a.length === b.length && a.every((r, i) => r.every((n, j) => n === b[i]![j]));
}

/** Parses the JSON kept in localStorage; anything unreadable counts as nothing known. */
export function parseSentState(raw: string | null): SentStateJson | null {
	if (!raw) return null;
	try {
		const value = JSON.parse(raw) as unknown;
		if (value && typeof value === 'object' && (value as { v?: unknown }).v === 1) {
			return value as SentStateJson;
		}
	} catch {
		// fall through
	}
	return null;
}
