/**
 * Serves the built app (a SvelteKit adapter-static `build/` folder) for the venue hub and for
 * `npm start` (serve-cli.ts):
 *   - GET and HEAD only; files only, never a directory listing;
 *   - no path outside the root (decoded, NUL refused, normalised, prefix-checked);
 *   - unknown extension-less paths get `200.html` (the app's fallback page), others 404;
 *   - `/_app/immutable/` is cached for a year, everything else revalidates.
 */
import type http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

export function createStaticHandler(appDir: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
	const root = resolve(appDir);
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
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('Not found');
			return;
		}
		const immutable = pathname.startsWith('/_app/immutable/');
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'no-referrer'
		});
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		const stream = createReadStream(file);
		stream.on('error', () => res.destroy());
		stream.pipe(res);
	};
}
