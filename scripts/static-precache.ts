/**
 * The list of `static/` files the service worker precaches, made at build time by the
 * bundled-kits Vite plugin once it has written `static/kits/`, and handed to the service worker
 * bundle as a compile-time constant (`define`, see `src/service-worker.ts`).
 *
 * Why not SvelteKit's `files` from `$service-worker`: SvelteKit lists `static/` when its own
 * (`order: 'pre'`) config hook runs, which can be before a plugin writes into `static/` during
 * that same build; on a fresh clone the first build then shipped a service worker without the
 * bundled kits. This list is made after the kits are written, every build.
 *
 * Each file is revisioned by a hash of its bytes, not by the app version, so an app update does
 * not make devices download unchanged files (kit zips especially) again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Name of the global the service worker reads; declared in `src/precache-static.d.ts`. */
export const PRECACHE_STATIC_DEFINE = '__TABLEE_PRECACHE_STATIC__';

/** Hex characters of SHA-256 kept as a revision (64 bits: only ever compared to the same URL's). */
const REVISION_LENGTH = 16;

export interface StaticPrecacheEntry {
	/** Root-relative URL, e.g. `/kits/index.json`. */
	url: string;
	/** Truncated SHA-256 (hex) of the file's bytes. */
	revision: string;
}

export function contentRevision(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex').slice(0, REVISION_LENGTH);
}

/**
 * Every file under `staticDir`, sorted by URL, with its content revision. Hidden files and
 * folders (`.gitkeep`, `.DS_Store`) are left out, as they are not part of the app. A missing
 * folder gives an empty list.
 */
export function listStaticPrecache(staticDir: string): StaticPrecacheEntry[] {
	const entries: StaticPrecacheEntry[] = [];
	const walk = (dir: string, prefix: string) => {
		for (const name of readdirSync(dir)) {
			if (name.startsWith('.')) continue;
			const path = join(dir, name);
			const url = `${prefix}/${name}`;
			// statSync follows symbolic links, as SvelteKit does when it copies static/.
			const stats = statSync(path);
			if (stats.isDirectory()) walk(path, url);
			else if (stats.isFile()) entries.push({ url, revision: contentRevision(readFileSync(path)) });
		}
	};
	if (existsSync(staticDir)) walk(staticDir, '');
	return entries.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** The Vite `define` that hands `entries` to the service worker bundle. */
export function staticPrecacheDefine(entries: StaticPrecacheEntry[]): Record<string, string> {
	return { [PRECACHE_STATIC_DEFINE]: JSON.stringify(entries) };
}
