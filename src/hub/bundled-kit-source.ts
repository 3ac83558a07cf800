/**
 * The bundled kits of the app the hub serves (`<appDir>/kits/index.json` and the zips it names),
 * by content hash, so a device of a session running a bundled kit it lacks (an older copy of the
 * app) can receive it from the hub. The files are the build's own output; they are still read
 * defensively: only `kits/<id>.zip` paths, within the kit zip limit, re-read on each request so a
 * rebuilt app is picked up.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KIT_TRANSFER_LIMITS, isKitHash } from '../lib/protocol';

const zipPath = /^kits\/[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.zip$/;

export type KitZipLookup = (hash: string) => Promise<Uint8Array | null>;

export function bundledKitSource(appDir: string): KitZipLookup {
	return async (hash) => {
		if (!isKitHash(hash)) return null;
		try {
			const index: unknown = JSON.parse(await readFile(join(appDir, 'kits', 'index.json'), 'utf8'));
			if (!Array.isArray(index)) return null;
			const entry = index.find((e: { hash?: unknown; file?: unknown }) => e?.hash === hash && typeof e.file === 'string' && zipPath.test(e.file));
			if (!entry) return null;
			const path = join(appDir, entry.file as string);
			if ((await stat(path)).size > KIT_TRANSFER_LIMITS.zipBytes) return null;
			return new Uint8Array(await readFile(path));
		} catch {
			return null;
		}
	};
}
