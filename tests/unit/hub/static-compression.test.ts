/**
 * The hub's static files over real HTTP: precompressed encodings chosen by Accept-Encoding, Vary,
 * strong ETags, Last-Modified and 304s, with today's rules (HEAD, fallback, no traversal) kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestHub, removeDir } from './hub-fixtures';
import { chooseEncoding } from '../../../src/hub/http-validators';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

const SCRIPT = `export const greeting = ${JSON.stringify('bonjour '.repeat(200))};`;
const PAGE = `<!doctype html><title>fallback</title>${'<p>salut</p>'.repeat(100)}`;

/** A hub whose app folder holds precompressed siblings, as adapter-static's precompress writes them. */
async function hub() {
	const h = await startTestHub();
	cleanups.push(() => removeDir(h.appDir), () => removeDir(h.dataDir), () => h.hub.close());
	const script = join(h.appDir, '_app', 'immutable', 'app.js');
	writeFileSync(script, SCRIPT);
	writeFileSync(`${script}.br`, brotliCompressSync(SCRIPT));
	writeFileSync(`${script}.gz`, gzipSync(SCRIPT));
	const page = join(h.appDir, '200.html');
	writeFileSync(page, PAGE);
	writeFileSync(`${page}.br`, brotliCompressSync(PAGE));
	writeFileSync(`${page}.gz`, gzipSync(PAGE));
	return { port: h.hub.port, appDir: h.appDir };
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A raw request: no automatic decompression, the path sent exactly as given. */
function request(port: number, path: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (d: Buffer) => chunks.push(d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('hub static files: compression and validators', () => {
	it('sends brotli, gzip or identity by Accept-Encoding, always with Vary and the right length', async () => {
		const h = await hub();
		const path = '/_app/immutable/app.js';
		const br = await request(h.port, path, { 'accept-encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toBe('Accept-Encoding');
		expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
		expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(Number(br.headers['content-length'])).toBe(br.body.length);
		expect(br.body.length).toBeLessThan(SCRIPT.length / 4);
		expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

		const gz = await request(h.port, path, { 'accept-encoding': 'gzip' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gz.headers.vary).toBe('Accept-Encoding');
		expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

		const refusedBr = await request(h.port, path, { 'accept-encoding': 'br;q=0, *;q=0.5' });
		expect(refusedBr.headers['content-encoding']).toBe('gzip');

		for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
			const plain = await request(h.port, path, accept === undefined ? {} : { 'accept-encoding': accept });
			expect(plain.headers['content-encoding'], String(accept)).toBeUndefined();
			expect(plain.headers.vary, String(accept)).toBe('Accept-Encoding');
			expect(plain.body.toString()).toBe(SCRIPT);
		}

		// The fallback page of an app route is compressed too; a file without siblings does not vary.
		const route = await request(h.port, '/activity?session=s1', { 'accept-encoding': 'br' });
		expect(route.headers['content-encoding']).toBe('br');
		expect(brotliDecompressSync(route.body).toString()).toBe(PAGE);
		const json = await request(h.port, '/kits/index.json', { 'accept-encoding': 'br' });
		expect(json.headers['content-encoding']).toBeUndefined();
		expect(json.headers.vary).toBeUndefined();
		expect(json.body.toString()).toBe('{"kits":[]}');

		const head = await request(h.port, path, { 'accept-encoding': 'br' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-encoding']).toBe('br');
		expect(head.headers['content-length']).toBe(br.headers['content-length']);
		expect(head.body.length).toBe(0);
	});

	it('gives each encoding its own strong ETag and answers If-None-Match and If-Modified-Since with 304', async () => {
		const h = await hub();
		const path = '/_app/immutable/app.js';
		const br = await request(h.port, path, { 'accept-encoding': 'br' });
		const gz = await request(h.port, path, { 'accept-encoding': 'gzip' });
		const plain = await request(h.port, path);
		const tags = [br, gz, plain].map((r) => r.headers.etag);
		for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
		expect(new Set(tags).size).toBe(3);
		// The same bytes give the same tag: a content hash, not a request counter or a time.
		expect((await request(h.port, path, { 'accept-encoding': 'br' })).headers.etag).toBe(br.headers.etag);

		const revalidated = await request(h.port, path, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
		expect(revalidated.status).toBe(304);
		expect(revalidated.body.length).toBe(0);
		expect(revalidated.headers.etag).toBe(br.headers.etag);
		expect(revalidated.headers.vary).toBe('Accept-Encoding');
		expect(revalidated.headers['cache-control']).toContain('immutable');
		expect((await request(h.port, path, { 'accept-encoding': 'br', 'if-none-match': `"x", ${br.headers.etag}` })).status).toBe(304);
		expect((await request(h.port, path, { 'accept-encoding': 'br', 'if-none-match': `W/${br.headers.etag}` })).status).toBe(304);
		// A tag of another encoding is another representation: sent in full.
		const other = await request(h.port, path, { 'accept-encoding': 'br', 'if-none-match': gz.headers.etag });
		expect(other.status).toBe(200);
		expect(brotliDecompressSync(other.body).toString()).toBe(SCRIPT);

		const lastModified = plain.headers['last-modified']!;
		expect(Date.parse(lastModified)).not.toBeNaN();
		expect(br.headers['last-modified']).toBe(lastModified);
		expect((await request(h.port, path, { 'if-modified-since': lastModified })).status).toBe(304);
		const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
		expect((await request(h.port, path, { 'if-modified-since': earlier })).status).toBe(200);
		expect((await request(h.port, path, { 'if-modified-since': 'not a date' })).status).toBe(200);
		// If-None-Match wins over If-Modified-Since.
		expect((await request(h.port, path, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status).toBe(200);

		// The revalidating pages (HTML, kits) get validators too: a second visit costs a 304.
		const page = await request(h.port, '/', {});
		expect(page.headers['cache-control']).toBe('no-cache');
		const again = await request(h.port, '/', { 'if-none-match': page.headers.etag });
		expect(again.status).toBe(304);
		expect(again.headers['cache-control']).toBe('no-cache');
		expect((await request(h.port, '/kits/index.json', { 'if-none-match': '*' })).status).toBe(304);
	});

	it('ignores a compressed sibling older than its file (the file was replaced after the build)', async () => {
		const h = await hub();
		const script = join(h.appDir, '_app', 'immutable', 'app.js');
		const past = new Date(Date.now() - 3_600_000);
		utimesSync(`${script}.br`, past, past);
		const res = await request(h.port, '/_app/immutable/app.js', { 'accept-encoding': 'br, gzip' });
		expect(res.headers['content-encoding']).toBe('gzip');
		utimesSync(`${script}.gz`, past, past);
		const plain = await request(h.port, '/_app/immutable/app.js', { 'accept-encoding': 'br, gzip' });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(SCRIPT);
	});

	it('still refuses traversal and listings, and never serves a compressed sibling outside the app', async () => {
		const h = await hub();
		for (const path of ['/..%2f..%2fetc%2fpasswd', '/_app/immutable/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd.gz']) {
			const res = await request(h.port, path, { 'accept-encoding': 'br, gzip' });
			expect(res.body.toString(), path).not.toContain('root:');
			expect([200, 404], path).toContain(res.status);
		}
		expect((await request(h.port, '/..%2f..%2fetc%2fpasswd', { 'accept-encoding': 'gzip' })).status).toBe(404);
		const listing = await request(h.port, '/_app/immutable/', { 'accept-encoding': 'br' });
		expect(listing.body.toString()).not.toContain('app.js');
		expect((await request(h.port, '/', { 'accept-encoding': 'br' }, 'POST')).status).toBe(405);
	});
});

describe('chooseEncoding', () => {
	it('prefers brotli, honours q-values, the wildcard and x-gzip', () => {
		const both = ['br', 'gzip'] as const;
		expect(chooseEncoding('gzip, deflate, br, zstd', both)).toBe('br');
		expect(chooseEncoding('gzip;q=1, br;q=0.5', both)).toBe('gzip');
		expect(chooseEncoding('br;q=0', both)).toBeUndefined();
		expect(chooseEncoding('*', both)).toBe('br');
		expect(chooseEncoding('*;q=0, gzip', both)).toBe('gzip');
		expect(chooseEncoding('x-gzip', both)).toBe('gzip');
		expect(chooseEncoding('identity', both)).toBeUndefined();
		expect(chooseEncoding('', both)).toBeUndefined();
		expect(chooseEncoding(undefined, both)).toBeUndefined();
		expect(chooseEncoding('br', ['gzip'])).toBeUndefined();
		expect(chooseEncoding('BR ; Q=0.9', both)).toBe('br');
	});
});
