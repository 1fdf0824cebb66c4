/**
 * Encodes text as Shift_JIS, the way Excel on Japanese Windows saves a CSV, so tests can feed
 * the importers such files. Node has a Shift_JIS decoder (TextDecoder) but no encoder; the table
 * is built once by decoding every two-byte code. Throws on a character Shift_JIS cannot hold.
 */
let table: Map<string, number[]> | null = null;

function buildTable(): Map<string, number[]> {
	const map = new Map<string, number[]>();
	const decoder = new TextDecoder('shift_jis');
	for (let b = 0xa1; b <= 0xdf; b++) map.set(decoder.decode(new Uint8Array([b])), [b]);
	for (let lead = 0x81; lead <= 0xfc; lead++) {
		if (lead > 0x9f && lead < 0xe0) continue;
		for (let trail = 0x40; trail <= 0xfc; trail++) {
			if (trail === 0x7f) continue;
			const ch = decoder.decode(new Uint8Array([lead, trail]));
			if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [lead, trail]);
		}
	}
	return map;
}

export function encodeShiftJis(text: string): Uint8Array {
	table ??= buildTable();
	const out: number[] = [];
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code < 0x80) {
			out.push(code);
			continue;
		}
		const bytes = table.get(ch);
		if (!bytes) throw new Error(`Shift_JIS has no 「${ch}」 (U+${code.toString(16)})`);
		out.push(...bytes);
	}
	return new Uint8Array(out);
}
