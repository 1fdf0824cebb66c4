/**
 * Placeholders for discarded updates.
 *
 * Yjs numbers every change of a client consecutively, and a change is only applied once all
 * earlier ones of that client are present. If the server simply dropped an update from a member
 * (because the board was locked at that moment), every later edit of that member's Y.Doc would
 * wait for the dropped one forever, even after the board is unlocked. So instead of the content,
 * the server records the same clock ranges as already-deleted (garbage-collected) structs: the
 * content and any deletions are gone, but the client's numbering stays contiguous.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** V1 update encoding: struct info byte of a GC struct and of a Skip (gap). */
const GC_INFO = 0;
const SKIP_INFO = 10;

interface Range {
	clock: number;
	end: number;
	/** A Skip: clocks the update does not carry (left unknown, not consumed). */
	skip: boolean;
}

/**
 * An update covering exactly the clock ranges of `update` with deleted content and no delete set,
 * or null when the update carries no structs. Throws if `update` is not a readable Yjs update.
 */
export function placeholderFor(update: Uint8Array): Uint8Array | null {
	const { structs } = Y.decodeUpdate(update);
	const byClient = new Map<number, Range[]>();
	for (const struct of structs) {
		const { client, clock } = struct.id;
		const ranges = byClient.get(client) ?? [];
		ranges.push({ clock, end: clock + struct.length, skip: struct instanceof Y.Skip });
		byClient.set(client, ranges);
	}
	const blocks: Array<{ client: number; start: number; parts: Array<{ info: number; length: number }> }> = [];
	for (const [client, ranges] of byClient) {
		ranges.sort((a, b) => a.clock - b.clock);
		const parts: Array<{ info: number; length: number }> = [];
		let start = -1;
		let at = 0;
		for (const r of ranges) {
			if (r.skip) continue;
			if (start < 0) start = at = r.clock;
			if (r.end <= at) continue;
			if (r.clock > at) parts.push({ info: SKIP_INFO, length: r.clock - at });
			const from = Math.max(r.clock, at);
			parts.push({ info: GC_INFO, length: r.end - from });
			at = r.end;
		}
		if (parts.length > 0) blocks.push({ client, start, parts });
	}
	if (blocks.length === 0) return null;

	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, blocks.length);
	for (const block of blocks) {
		encoding.writeVarUint(encoder, block.parts.length);
		encoding.writeVarUint(encoder, block.client);
		encoding.writeVarUint(encoder, block.start);
		for (const part of block.parts) {
			encoding.writeUint8(encoder, part.info);
			encoding.writeVarUint(encoder, part.length);
		}
	}
	encoding.writeVarUint(encoder, 0); // no deletions
	return encoding.toUint8Array(encoder);
}
