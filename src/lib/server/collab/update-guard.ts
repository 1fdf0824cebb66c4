/**
 * Checks a peer's Yjs update against the room's document before it is applied, so that content
 * which can never be part of a sound document is refused whole instead of being stored and
 * replayed on every load.
 *
 * Yjs itself accepts almost anything that decodes: a struct whose root name is not in the schema
 * creates that root; a struct whose dependencies (the item to its left or right, its parent)
 * nobody has written is kept "pending" forever — in memory, in every snapshot, and sent to every
 * client that joins; a struct that names a later clock of its own client as its neighbour, or a
 * parent that is not a shared type, throws half-way through the transaction, after part of the
 * update has been integrated. The guard decodes the update (`Y.decodeUpdate`, no document
 * touched) and walks its structs the way Yjs integrates them, tracking only the clocks each client
 * would reach. It refuses the update when any struct would stay pending or would throw, when a
 * delete range reaches beyond what the document would then hold, when a struct creates a root
 * outside the schema of the document kind, or carries a subdocument (neither schema has one).
 *
 * The legitimate case of out-of-order delivery does not arise: y-websocket sends each change
 * once, after everything it depends on, and sync step 2 carries everything the server lacks.
 * One case resends pending structs honestly: a document stored before this check may hold
 * pending garbage, which every browser that loaded it holds too and sends back in each sync
 * step 2 (Yjs includes pending structs there). What the document itself already holds pending is
 * therefore not new and is passed over, so that those browsers are not locked out.
 *
 * What it returns for an accepted update — the client ids whose clocks it advances — is what
 * `ClientBindings` checks against the sender. Cost: linear in the update's size, a few
 * microseconds for a keystroke (figures in docs/collaboration.md).
 */
import * as Y from 'yjs';

/** Yjs client ids are random unsigned 32-bit integers (`generateNewClientId`). */
const MAX_CLIENT_ID = 0xffff_ffff;

export type UpdateRefusalReason =
	| 'unreadable'
	| 'root_outside_schema'
	| 'subdocument'
	| 'client_id_out_of_range'
	| 'invalid_reference'
	| 'missing_dependency'
	| 'pending_delete';

export type UpdateCheck =
	| {
			ok: true;
			/** Client ids whose clocks the update advances (it adds structs under them). */
			writtenClients: number[];
	  }
	| { ok: false; reason: UpdateRefusalReason; detail: string };

type Struct = Y.Item | Y.GC | Y.Skip;

type DeleteRanges = Map<number, Array<{ clock: number; len: number }>>;

/** Clock ranges per client, as [from, to) pairs in ascending order. */
type Ranges = Map<number, Array<[number, number]>>;

function covered(ranges: Ranges | null, client: number, from: number, to: number): boolean {
	for (const [start, end] of ranges?.get(client) ?? []) if (start <= from && to <= end) return true;
	return false;
}

function addRange(ranges: Ranges, client: number, from: number, to: number): void {
	const list = ranges.get(client) ?? [];
	const last = list[list.length - 1];
	if (last && last[1] >= from) last[1] = Math.max(last[1], to);
	else list.push([from, to]);
	ranges.set(client, list);
}

interface ClientStructs {
	client: number;
	structs: Struct[];
	next: number;
}

class Refused extends Error {
	constructor(
		readonly reason: UpdateRefusalReason,
		readonly detail: string
	) {
		super(detail);
	}
}

const idText = (id: Y.ID) => `${id.client}:${id.clock}`;

export class UpdateGuard {
	readonly #doc: Y.Doc;
	readonly #roots: ReadonlySet<string>;
	/** What the document holds pending (decoded once per pending state; see above). */
	#pending: { structs: unknown; ds: unknown; structRanges: Ranges | null; deleteRanges: Ranges | null } | undefined;

	/**
	 * @param doc the room's document (read only: its state vector and existing items)
	 * @param rootNames the roots the document kind's schema has
	 */
	constructor(doc: Y.Doc, rootNames: readonly string[]) {
		this.#doc = doc;
		this.#roots = new Set(rootNames);
	}

	check(update: Uint8Array): UpdateCheck {
		let decoded: { structs: Struct[]; ds: { clients: DeleteRanges } };
		try {
			decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
		} catch (error) {
			return { ok: false, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
		}
		try {
			return { ok: true, writtenClients: this.#walk(decoded.structs, decoded.ds.clients) };
		} catch (error) {
			if (error instanceof Refused) return { ok: false, reason: error.reason, detail: error.detail };
			throw error;
		}
	}

	#walk(structs: Struct[], deletes: DeleteRanges): number[] {
		const store = this.#doc.store;
		const { structRanges, deleteRanges } = this.#pendingRanges();
		const known = new Map<number, number>();
		const stateOf = (client: number): number => {
			let clock = known.get(client);
			if (clock === undefined) known.set(client, (clock = Y.getState(store, client)));
			return clock;
		};
		const initial = (client: number): number => Y.getState(store, client);

		const byClient = new Map<number, ClientStructs>();
		for (const struct of structs) {
			const { client } = struct.id;
			if (structRanges && covered(structRanges, client, struct.id.clock, struct.id.clock + struct.length)) continue;
			if (client > MAX_CLIENT_ID) throw new Refused('client_id_out_of_range', `client ${client}`);
			let entry = byClient.get(client);
			if (!entry) byClient.set(client, (entry = { client, structs: [], next: 0 }));
			entry.structs.push(struct);
			if (struct instanceof Y.Item) this.#checkItem(struct);
		}

		const written = new Set<number>();
		/** The client a struct waits for (another client's clock not reached yet), or null. */
		const waitsFor = (item: Y.Item): number | null => {
			const own = item.id;
			for (const dep of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
				if (!dep) continue;
				if (dep.client === own.client) {
					// Yjs assumes its own client's earlier clocks; a later one makes it throw mid-way.
					if (dep.clock >= own.clock) throw new Refused('invalid_reference', `${idText(own)} → ${idText(dep)}`);
				} else if (dep.clock >= stateOf(dep.client)) {
					return dep.client;
				}
			}
			return null;
		};

		// Integrate client by client; a struct waiting for another client's clock first drains
		// that client (as Yjs does with its stack), so every struct is looked at a bounded number
		// of times. Whatever cannot be reached this way would stay pending: refused.
		for (const start of byClient.values()) {
			const stack: ClientStructs[] = [start];
			const onStack = new Set<number>([start.client]);
			while (stack.length > 0) {
				const top = stack[stack.length - 1]!;
				const struct = top.structs[top.next];
				if (struct === undefined) {
					stack.pop();
					onStack.delete(top.client);
					if (stack.length > 0) {
						const waiting = stack[stack.length - 1]!;
						throw new Refused('missing_dependency', `${idText(waiting.structs[waiting.next]!.id)} waits for client ${top.client}`);
					}
					continue;
				}
				if (struct instanceof Y.Skip) {
					top.next += 1;
					continue;
				}
				const clock = stateOf(top.client);
				if (struct.id.clock > clock) {
					throw new Refused('missing_dependency', `${idText(struct.id)} after a gap from ${clock}`);
				}
				const end = struct.id.clock + struct.length;
				// like Yjs, even a struct the document already has waits for its dependencies
				const dependency = struct instanceof Y.Item ? waitsFor(struct) : null;
				if (dependency !== null) {
					const other = byClient.get(dependency);
					if (!other || onStack.has(dependency) || other.next >= other.structs.length) {
						throw new Refused('missing_dependency', `${idText(struct.id)} waits for client ${dependency}`);
					}
					stack.push(other);
					onStack.add(dependency);
					continue;
				}
				if (end > clock) {
					if (struct instanceof Y.Item) this.#checkParentIsType(struct, initial, byClient);
					known.set(top.client, end);
					written.add(top.client);
				}
				top.next += 1;
				// back to the struct that waited for this client, which may now go ahead
				if (stack.length > 1) {
					stack.pop();
					onStack.delete(top.client);
				}
			}
		}

		for (const [client, ranges] of deletes) {
			const clock = stateOf(client);
			for (const { clock: from, len } of ranges) {
				if (from + len > clock && !covered(deleteRanges, client, from, from + len)) throw new Refused('pending_delete', `client ${client} ${from}+${len} beyond ${clock}`);
			}
		}
		return [...written];
	}

	#pendingRanges(): { structRanges: Ranges | null; deleteRanges: Ranges | null } {
		const { pendingStructs, pendingDs } = this.#doc.store;
		const cached = this.#pending;
		if (cached && cached.structs === pendingStructs && cached.ds === pendingDs) return cached;
		let structRanges: Ranges | null = null;
		let deleteRanges: Ranges | null = null;
		// Yjs keeps both in its V2 encoding
		if (pendingStructs) {
			structRanges = new Map();
			for (const struct of Y.decodeUpdateV2(pendingStructs.update).structs as Struct[]) {
				if (!(struct instanceof Y.Skip)) addRange(structRanges, struct.id.client, struct.id.clock, struct.id.clock + struct.length);
			}
		}
		if (pendingDs) {
			deleteRanges = new Map();
			for (const [client, ranges] of (Y.decodeUpdateV2(pendingDs).ds as unknown as { clients: DeleteRanges }).clients) {
				for (const { clock, len } of ranges) addRange(deleteRanges, client, clock, clock + len);
			}
		}
		this.#pending = { structs: pendingStructs, ds: pendingDs, structRanges, deleteRanges };
		return this.#pending;
	}

	#checkItem(item: Y.Item): void {
		// decoded, not integrated: a root's name is still the string of the update
		const parent = item.parent as unknown;
		if (typeof parent === 'string' && !this.#roots.has(parent)) {
			throw new Refused('root_outside_schema', JSON.stringify(parent.slice(0, 40)));
		}
		if (item.content instanceof Y.ContentDoc) throw new Refused('subdocument', idText(item.id));
	}

	/** A parent given by id must be an item holding a shared type (or deleted: a GC). */
	#checkParentIsType(
		item: Y.Item,
		initialState: (client: number) => number,
		byClient: ReadonlyMap<number, ClientStructs>
	): void {
		const parent = item.parent;
		if (!(parent instanceof Y.ID)) return;
		// in the document already, or earlier in this update (the parent was integrated first)
		if (parent.clock < initialState(parent.client)) {
			const found = Y.getItem(this.#doc.store, parent) as Y.Item | Y.GC;
			if (found instanceof Y.GC || found.content instanceof Y.ContentType) return;
		} else {
			const found = structAt(byClient.get(parent.client)?.structs ?? [], parent.clock);
			if (found instanceof Y.GC || (found instanceof Y.Item && found.content instanceof Y.ContentType)) return;
		}
		throw new Refused('invalid_reference', `${idText(item.id)} has parent ${idText(parent)}, not a shared type`);
	}
}

/** The struct of one client's list (ascending clocks) that covers `clock`. */
function structAt(structs: readonly Struct[], clock: number): Struct | undefined {
	let low = 0;
	let high = structs.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const struct = structs[mid]!;
		if (clock < struct.id.clock) high = mid - 1;
		else if (clock >= struct.id.clock + struct.length) low = mid + 1;
		else return struct;
	}
	return undefined;
}
