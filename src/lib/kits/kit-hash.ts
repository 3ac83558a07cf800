/**
 * The content hash of a kit. lib0's SHA-256 runs everywhere, including on insecure origins where
 * `crypto.subtle` does not exist (tablets reached over plain http on a LAN).
 */
import { digest } from 'lib0/hash/sha256';
import type { KitFiles } from './kit-types';

const encoder = new TextEncoder();

function compareCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Kit paths in the one order every reader and writer uses (code-unit order, like `Array.sort`). */
export function sortedPaths(files: KitFiles): string[] {
	return [...files.keys()].sort(compareCodeUnits);
}

/**
 * Hex SHA-256 over the files in path order, each as: path length (u32 BE), UTF-8 path, content
 * length (u32 BE), content. The lengths make the encoding unambiguous (no two different kits give
 * the same byte stream).
 */
export function hashKitFiles(files: KitFiles): string {
	return toHex(digest(hashStream(files)));
}

/**
 * `hashKitFiles` with the browser's native SHA-256 where it exists (secure origins): the same
 * value, tens of milliseconds sooner for a kit with images. Falls back to lib0 elsewhere.
 */
export async function hashKitFilesAsync(files: KitFiles): Promise<string> {
	const stream = hashStream(files);
	const subtle = globalThis.crypto?.subtle;
	if (!subtle) return toHex(digest(stream));
	return toHex(new Uint8Array(await subtle.digest('SHA-256', stream as Uint8Array<ArrayBuffer>)));
}

/** The byte stream both hash functions digest. */
function hashStream(files: KitFiles): Uint8Array {
	const parts: Uint8Array[] = [];
	let total = 0;
	for (const path of sortedPaths(files)) {
		const name = encoder.encode(path);
		const bytes = files.get(path)!;
		const head = new Uint8Array(4);
		new DataView(head.buffer).setUint32(0, name.length);
		const size = new Uint8Array(4);
		new DataView(size.buffer).setUint32(0, bytes.length);
		parts.push(head, name, size, bytes);
		total += 8 + name.length + bytes.length;
	}
	const stream = new Uint8Array(total);
	let at = 0;
	for (const part of parts) {
		stream.set(part, at);
		at += part.length;
	}
	return stream;
}

export function toHex(bytes: Uint8Array): string {
	let out = '';
	for (const b of bytes) out += b.toString(16).padStart(2, '0');
	return out;
}
