/**
 * Zip files that no well-behaved library will write, for tests of the zip checks: entries whose
 * central directory declares any size we like (a lying directory), and deflate streams of huge
 * runs produced chunk by chunk, so that building a bomb never holds its inflated size in memory.
 */
import { createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface CraftedEntry {
	name: string;
	/** The raw deflate stream of the entry. */
	deflated: Buffer;
	/** The inflated size the directory (and the local header) declares. */
	declaredSize: number;
}

/** Raw deflate of `head`, then `repeat` bytes of `fill`, then `tail`, streamed. */
export async function deflatedRun(head: string, fill: string, repeat: number, tail: string): Promise<{ deflated: Buffer; size: number }> {
	const deflate = createDeflateRaw({ level: 9 });
	const out: Buffer[] = [];
	deflate.on('data', (c: Buffer) => out.push(c));
	const done = new Promise<void>((resolve, reject) => {
		deflate.on('end', resolve);
		deflate.on('error', reject);
	});
	const chunk = Buffer.alloc(1024 * 1024, fill);
	const write = (b: Buffer) => new Promise<void>((resolve) => (deflate.write(b) ? resolve() : deflate.once('drain', resolve)));
	await write(Buffer.from(head));
	let left = repeat;
	while (left > 0) {
		const n = Math.min(left, chunk.length);
		await write(n === chunk.length ? chunk : chunk.subarray(0, n));
		left -= n;
	}
	deflate.end(Buffer.from(tail));
	await done;
	return { deflated: Buffer.concat(out), size: Buffer.byteLength(head) + repeat + Buffer.byteLength(tail) };
}

export function deflatedText(text: string | Buffer): CraftedEntry['deflated'] {
	return deflateRawSync(typeof text === 'string' ? Buffer.from(text) : text);
}

/** A zip of deflated entries with the declared sizes given (CRC left 0: readers here do not check it). */
export function craftZip(entries: readonly CraftedEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name, 'utf8');
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt32LE(0, 14); // crc
		local.writeUInt32LE(e.deflated.length, 18);
		local.writeUInt32LE(e.declaredSize, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, e.deflated);

		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(0, 16);
		central.writeUInt32LE(e.deflated.length, 20);
		central.writeUInt32LE(e.declaredSize, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + e.deflated.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
