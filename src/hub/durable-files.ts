/**
 * Small durability helpers for the hub's data folder: checksummed records, atomic file
 * replacement (write a temp file, fsync, rename, fsync the folder) so a crash at any instant
 * leaves either the old or the new file, never a mix.
 */
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (IEEE), to tell a torn or corrupted record from a good one. */
export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** Record = length:u32le crc:u32le payload. */
export const RECORD_HEADER_BYTES = 8;

export function encodeRecord(payload: Uint8Array): Uint8Array {
	const out = new Uint8Array(RECORD_HEADER_BYTES + payload.byteLength);
	const view = new DataView(out.buffer);
	view.setUint32(0, payload.byteLength, true);
	view.setUint32(4, crc32(payload), true);
	out.set(payload, RECORD_HEADER_BYTES);
	return out;
}

/**
 * Reads records from the start of `bytes`; stops at the first incomplete or corrupt one (a write
 * torn by a crash). Returns the payloads and the length of the valid prefix.
 */
export function decodeRecords(bytes: Uint8Array, maxRecordBytes: number): { records: Uint8Array[]; validBytes: number } {
	const records: Uint8Array[] = [];
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let at = 0;
	while (at + RECORD_HEADER_BYTES <= bytes.byteLength) {
		const length = view.getUint32(at, true);
		const crc = view.getUint32(at + 4, true);
		const end = at + RECORD_HEADER_BYTES + length;
		if (length > maxRecordBytes || end > bytes.byteLength) break;
		const payload = bytes.subarray(at + RECORD_HEADER_BYTES, end);
		if (crc32(payload) !== crc) break;
		records.push(payload);
		at = end;
	}
	return { records, validBytes: at };
}

export async function fsyncDir(dir: string): Promise<void> {
	const handle = await open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Replaces `path` with `data` atomically and durably. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
	const temp = `${path}.tmp`;
	const handle = await open(temp, 'w', 0o600);
	try {
		await handle.writeFile(data);
		await handle.datasync();
	} finally {
		await handle.close();
	}
	try {
		await rename(temp, path);
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
	await fsyncDir(dirname(path));
}
