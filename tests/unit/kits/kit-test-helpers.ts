/** Shared test helpers: kit fixtures as file maps, and byte-level surgery on zip archives. */
import { zipSync, type ZipOptions } from 'fflate';
import type { KitFiles, KitManifest } from '$lib/kits';
import { readKitFolder, readKitFolderFiles } from '$lib/kits/kit-folder.server';

export function fixtureFiles(name: string): KitFiles {
	const read = readKitFolderFiles(`tests/fixtures/kits/valid/${name}`);
	if (!read.ok) throw new Error(`fixture ${name} unreadable`);
	return read.value;
}

/** The manifest of a bundled kit (`workshop-kits/<folder>`), read and checked as the app does. */
export function bundledManifest(folder: string): KitManifest {
	const read = readKitFolder(`workshop-kits/${folder}`);
	if (!read.ok) throw new Error(`bundled kit ${folder} invalid: ${JSON.stringify(read.problem.detail.slice(0, 3))}`);
	return read.value.manifest;
}

export function zipOf(files: KitFiles | Record<string, Uint8Array>, options: ZipOptions = {}, prefix = ''): Uint8Array {
	const input: Record<string, [Uint8Array, ZipOptions]> = {};
	const entries = files instanceof Map ? [...files] : Object.entries(files);
	for (const [path, bytes] of entries) input[prefix + path] = [bytes, options];
	return zipSync(input);
}

const encoder = new TextEncoder();

/** Replaces every occurrence of a name (same length) in the archive: local and central headers. */
export function renameInZip(zip: Uint8Array, from: string, to: string): Uint8Array {
	const a = encoder.encode(from);
	const b = encoder.encode(to);
	if (a.length !== b.length) throw new Error('rename must keep the length');
	const out = zip.slice();
	for (let i = 0; i + a.length <= out.length; i++) {
		if (a.every((byte, k) => out[i + k] === byte)) out.set(b, i);
	}
	return out;
}

/** Offsets of the central directory headers of an archive. */
export function centralHeaders(zip: Uint8Array): number[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const found: number[] = [];
	for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x02014b50) found.push(i);
	return found;
}

/** Offsets of the local file headers of an archive. */
export function localHeaders(zip: Uint8Array): number[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const found: number[] = [];
	for (let i = 0; i + 4 <= zip.length; i++) if (view.getUint32(i, true) === 0x04034b50) found.push(i);
	return found;
}

/** Sets a little-endian field in every central (and optionally local) header. */
export function patchHeaders(zip: Uint8Array, field: { central: number; local?: number; size: 2 | 4 }, value: number, which?: (index: number) => boolean): Uint8Array {
	const out = zip.slice();
	const view = new DataView(out.buffer);
	const set = (at: number) => (field.size === 2 ? view.setUint16(at, value, true) : view.setUint32(at, value, true));
	centralHeaders(out).forEach((at, i) => {
		if (!which || which(i)) set(at + field.central);
	});
	if (field.local !== undefined) {
		localHeaders(out).forEach((at, i) => {
			if (!which || which(i)) set(at + field.local!);
		});
	}
	return out;
}

export const text = (s: string) => encoder.encode(s);
