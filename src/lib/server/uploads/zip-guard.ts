/**
 * Reads an uploaded Office zip (.xlsx) without letting it blow up in memory. An .xlsx is a zip,
 * and a few kilobytes of deflate can inflate to gigabytes; exceljs (through JSZip) inflates every
 * entry whole, trusting the file. So before anything is inflated the zip's central directory is
 * read (yauzl) and the entry count, each entry's declared size, the total and the compression
 * ratio are checked against limits; then every entry is inflated here with a byte counter that
 * stops the moment an entry goes beyond what the directory declared (a lying directory), and
 * the reader gets a new zip built only from these checked bytes, stored uncompressed, so that no
 * other parser ever inflates anything of the upload.
 */
import JSZip from 'jszip';
import yauzl from 'yauzl';
import { parsed, refused, type TaskResult } from './task-result';

export interface ZipLimits {
	/** Entries in the directory (files and folders). */
	maxEntries: number;
	/** Inflated size of one entry, bytes. */
	maxEntryBytes: number;
	/** Inflated size of all entries together, bytes. */
	maxTotalBytes: number;
	/** Largest inflated/compressed ratio of an entry of at least `ratioFromBytes` inflated. */
	maxRatio: number;
	ratioFromBytes: number;
}

const MB = 1024 * 1024;

/**
 * Limits for workbooks. Excel's own files compress 5–20 times (sheets full of repeated styles
 * at most ~50); deflate tops out near 1,000, which only a crafted file reaches.
 */
export const XLSX_LIMITS: ZipLimits = {
	maxEntries: 2_000,
	maxEntryBytes: 50 * MB,
	maxTotalBytes: 100 * MB,
	maxRatio: 200,
	ratioFromBytes: 1 * MB
};

export interface ZipEntryBytes {
	name: string;
	data: Buffer;
}

const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** Checks the directory of the zip against the limits, then inflates every file entry, counted. */
export async function inflateWithinLimits(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): Promise<TaskResult<ZipEntryBytes[]>> {
	let zip: yauzl.ZipFile;
	try {
		zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
			lazyEntries: true,
			autoClose: false,
			// the counting below is ours, so that a lie is reported as such and stops inflation at once
			validateEntrySizes: false
		});
	} catch {
		return refused({ limit: 'zip_unreadable' });
	}
	try {
		if (zip.entryCount > limits.maxEntries) {
			return refused({ limit: 'zip_entries', max: limits.maxEntries, found: zip.entryCount });
		}
		const entries: yauzl.Entry[] = [];
		let declaredTotal = 0;
		try {
			for await (const entry of zip.eachEntry()) {
				if (entry.fileName.endsWith('/')) continue;
				if (entry.uncompressedSize > limits.maxEntryBytes) {
					return refused({ limit: 'zip_entry_size', maxMb: mb(limits.maxEntryBytes), entry: entry.fileName });
				}
				declaredTotal += entry.uncompressedSize;
				if (declaredTotal > limits.maxTotalBytes) return refused({ limit: 'zip_total_size', maxMb: mb(limits.maxTotalBytes) });
				if (
					entry.uncompressedSize >= limits.ratioFromBytes &&
					entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
				) {
					return refused({ limit: 'zip_ratio', max: limits.maxRatio, entry: entry.fileName });
				}
				entries.push(entry);
			}
		} catch {
			return refused({ limit: 'zip_unreadable' });
		}

		const out: ZipEntryBytes[] = [];
		let inflatedTotal = 0;
		for (const entry of entries) {
			const result = await inflateEntry(zip, entry, limits, limits.maxTotalBytes - inflatedTotal);
			if (!result.ok) return result;
			inflatedTotal += result.value.length;
			out.push({ name: entry.fileName, data: result.value });
		}
		return parsed(out);
	} finally {
		zip.close();
	}
}

/** Inflates one entry, stopping as soon as it yields more than declared or than the limits allow. */
async function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: ZipLimits, totalLeft: number): Promise<TaskResult<Buffer>> {
	let stream: NodeJS.ReadableStream & { destroy(): void };
	try {
		stream = (await zip.openReadStreamPromise(entry)) as typeof stream;
	} catch {
		return refused({ limit: 'zip_unreadable' });
	}
	const chunks: Buffer[] = [];
	let count = 0;
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			count += chunk.length;
			if (count > limits.maxEntryBytes) {
				stream.destroy();
				return refused({ limit: 'zip_entry_size', maxMb: mb(limits.maxEntryBytes), entry: entry.fileName });
			}
			if (count > totalLeft) {
				stream.destroy();
				return refused({ limit: 'zip_total_size', maxMb: mb(limits.maxTotalBytes) });
			}
			if (count > entry.uncompressedSize) {
				stream.destroy();
				return refused({ limit: 'zip_size_mismatch', entry: entry.fileName });
			}
			chunks.push(chunk);
		}
	} catch {
		return refused({ limit: 'zip_unreadable' });
	}
	if (count !== entry.uncompressedSize) return refused({ limit: 'zip_size_mismatch', entry: entry.fileName });
	return parsed(Buffer.concat(chunks, count));
}

/**
 * The upload as a zip that is safe to hand to exceljs: checked and inflated within the limits,
 * then stored again without compression (so reading it inflates nothing).
 */
export async function checkedZip(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): Promise<TaskResult<Uint8Array>> {
	const inflated = await inflateWithinLimits(bytes, limits);
	if (!inflated.ok) return inflated;
	const repacked = new JSZip();
	for (const { name, data } of inflated.value) repacked.file(name, data, { binary: true, createFolders: false });
	return parsed(await repacked.generateAsync({ type: 'uint8array', compression: 'STORE' }));
}
