#!/usr/bin/env node
// Serves the built app (build/) on localhost: the `npm start` server. Static files only, no
// directory listing, no path outside build/, unknown paths get the app's fallback page.
// Usage: node scripts/serve.mjs [--port 4173] [--host 127.0.0.1] [--root build]
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(option('root', fileURLToPath(new URL('../build', import.meta.url))));
const port = Number(option('port', process.env.PORT || 4173));
const host = option('host', '127.0.0.1');

const TYPES = {
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
	'.woff2': 'font/woff2'
};

/** Maps a URL path to a file under root, or undefined. Never leaves root. */
function resolveFile(pathname) {
	let decoded;
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

const server = createServer((req, res) => {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { allow: 'GET, HEAD' }).end();
		return;
	}
	const url = new URL(req.url ?? '/', 'http://localhost');
	const file = resolveFile(url.pathname) ?? (extname(url.pathname) === '' ? join(root, '200.html') : undefined);
	if (!file) {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
		return;
	}
	const immutable = url.pathname.startsWith('/_app/immutable/');
	res.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
		'x-content-type-options': 'nosniff'
	});
	if (req.method === 'HEAD') res.end();
	else createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
	console.log(`Tablée is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
