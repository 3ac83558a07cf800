/**
 * Serves the built app (a SvelteKit adapter-static `build/` folder) for the venue hub and for
 * `npm start` (serve-cli.ts):
 *   - GET and HEAD only; files only, never a directory listing;
 *   - no path outside the root (decoded, NUL refused, normalised, prefix-checked);
 *   - unknown extension-less paths get `200.html` (the app's fallback page), others 404;
 *   - `/_app/immutable/` is cached for a year, everything else revalidates;
 *   - a file with a `.br` / `.gz` sibling (written at build by adapter-static's `precompress`) is
 *     sent in the best encoding the request accepts, with `Vary: Accept-Encoding` (a sibling
 *     older than its file is stale and ignored);
 *   - every response carries a strong `ETag` (a hash of the bytes sent, so each encoding has its
 *     own) and `Last-Modified`; `If-None-Match` / `If-Modified-Since` get 304.
 */
import type http from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chooseEncoding, isNotModified, type ContentEncoding } from './http-validators';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.zip': 'application/zip',
	'.csv': 'text/csv; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm'
};

export const FALLBACK_PAGE = '200.html';

/** Maps a URL path to a regular file under `root`, or undefined. Never leaves `root`. */
export function resolveAppFile(root: string, pathname: string): string | undefined {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return undefined;
	}
	if (decoded.includes('\0')) return undefined;
	const candidates = decoded.endsWith('/') ? [join(decoded, 'index.html')] : [decoded, `${decoded}.html`];
	for (const candidate of candidates) {
		const file = normalize(join(root, candidate));
		if (file !== root && !file.startsWith(root + sep)) return undefined;
		try {
			if (statSync(file).isFile()) return file;
		} catch {
			// try the next candidate
		}
	}
	return undefined;
}

/** True when `dir` looks like a built app (holds the fallback page). */
export function isBuiltApp(dir: string): boolean {
	try {
		return statSync(join(resolve(dir), FALLBACK_PAGE)).isFile();
	} catch {
		return false;
	}
}

function statFile(file: string): Stats | undefined {
	try {
		const stats = statSync(file);
		return stats.isFile() ? stats : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Strong ETags by content hash, remembered per file while its size and mtime stay the same, so a
 * file is hashed once per build rather than once per request.
 */
class EtagCache {
	#entries = new Map<string, { size: number; mtimeMs: number; etag: string }>();

	get(file: string, stats: Stats): string {
		const known = this.#entries.get(file);
		if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) return known.etag;
		const etag = `"${createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, 22)}"`;
		this.#entries.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, etag });
		return etag;
	}
}

/** The representation to send: the file itself or a precompressed sibling. */
function pickRepresentation(file: string, acceptEncoding: string | undefined): { path: string; stats: Stats; encoding: ContentEncoding | undefined; varies: boolean } | undefined {
	const identity = statFile(file);
	if (!identity) return undefined;
	// A sibling older than the file is stale (the file was replaced after the build): never sent.
	const fresh = (stats: Stats | undefined) => (stats && stats.mtimeMs >= identity.mtimeMs ? stats : undefined);
	const siblings = { br: fresh(statFile(`${file}.br`)), gzip: fresh(statFile(`${file}.gz`)) };
	const available = (['br', 'gzip'] as const).filter((e) => siblings[e] !== undefined);
	if (available.length === 0) return { path: file, stats: identity, encoding: undefined, varies: false };
	const encoding = chooseEncoding(acceptEncoding, available);
	if (!encoding) return { path: file, stats: identity, encoding: undefined, varies: true };
	return { path: `${file}.${encoding === 'br' ? 'br' : 'gz'}`, stats: siblings[encoding]!, encoding, varies: true };
}

export function createStaticHandler(appDir: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
	const root = resolve(appDir);
	const etags = new EtagCache();
	return (req, res) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, { allow: 'GET, HEAD' }).end();
			return;
		}
		let pathname: string;
		try {
			pathname = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
		} catch {
			res.writeHead(400).end();
			return;
		}
		const file =
			resolveAppFile(root, pathname) ?? (extname(pathname) === '' && !pathname.includes('..') ? join(root, FALLBACK_PAGE) : undefined);
		const chosen = file && pickRepresentation(file, req.headers['accept-encoding']);
		if (!file || !chosen) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('Not found');
			return;
		}
		const immutable = pathname.startsWith('/_app/immutable/');
		const etag = etags.get(chosen.path, chosen.stats);
		// Last-Modified names the original file: both encodings are the same content.
		const modified = statFile(file)?.mtime ?? chosen.stats.mtime;
		const headers: http.OutgoingHttpHeaders = {
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			etag,
			'last-modified': modified.toUTCString(),
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'no-referrer'
		};
		if (chosen.varies) headers.vary = 'Accept-Encoding';
		if (isNotModified(req.headers, etag, modified)) {
			res.writeHead(304, headers).end();
			return;
		}
		headers['content-type'] = TYPES[extname(file)] ?? 'application/octet-stream';
		headers['content-length'] = chosen.stats.size;
		if (chosen.encoding) headers['content-encoding'] = chosen.encoding;
		res.writeHead(200, headers);
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		const stream = createReadStream(chosen.path);
		stream.on('error', () => res.destroy());
		stream.pipe(res);
	};
}
