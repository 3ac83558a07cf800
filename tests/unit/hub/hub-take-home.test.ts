/**
 * The hub's take-home endpoint: publish with the token pinned on /sync, read without any key,
 * locked-down headers, limits, claims, and durability across a restart.
 */
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateSessionKey, hubAccessToken, publishTakeHome, takeHomeId, takeHomeIdFromToken, takeHomeUrl, TAKE_HOME_MAX_BYTES } from '$lib/sync';
import { startTestHub, startDevice, removeDir, until, makeAppDir, makeTempDir } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';

const { cleanups, hubFor } = useHubCleanup();

/** Opens the session on the hub the way devices do (which pins its token), then leaves. */
async function pinSession(syncUrl: string, sessionId: string, key: string): Promise<void> {
	const device = startDevice({ url: syncUrl, sessionId, key });
	try {
		await until(() => device.transport.connected, 5000, 'hub ready');
	} finally {
		device.destroy();
	}
}

function rawRequest(base: string, path: string, init: { method: string; headers?: Record<string, string>; body?: Buffer }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		const url = new URL(path, base);
		let answered = false;
		const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: init.method, headers: init.headers }, (res) => {
			answered = true;
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		// A server that answers before the body is sent may reset the rest of the upload.
		req.on('error', (error) => (answered ? undefined : reject(error)));
		req.end(init.body);
	});
}

const SUMMARY = '<!doctype html><html lang="fr-CA"><head><meta charset="utf-8"><title>Bilan</title></head><body><main><h1>Bilan</h1><p>Une note très confidentielle des participants</p></main></body></html>';

describe('hub /take-home', () => {
	it('follows a key renewal: publishing takes the new key (new code), refuses the old one', async () => {
		const { base, syncUrl } = await hubFor();
		const oldKey = generateSessionKey();
		await pinSession(syncUrl, 'atelier-1', oldKey);
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key: oldKey, html: SUMMARY })).ok).toBe(true);
		const newKey = generateSessionKey();
		const facilitator = startDevice({ url: syncUrl, sessionId: 'atelier-1', key: newKey, previousKey: oldKey });
		cleanups.push(() => facilitator.destroy());
		await until(() => facilitator.transport.connected, 5000, 're-pinned');
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key: oldKey, html: SUMMARY })).toEqual({ ok: false, problem: { key: 'refused' } });
		const newer = SUMMARY.replace('Bilan</h1>', 'Bilan final</h1>');
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key: newKey, html: newer })).toEqual({ ok: true, value: Buffer.byteLength(newer) });
		expect(await (await fetch(takeHomeUrl(base, 'atelier-1', newKey))).text()).toBe(newer);
	});

	it('publishes with the pinned token, serves the summary without a key with locked-down headers, and replaces it on republish', async () => {
		const lines: string[] = [];
		const { hub, base, syncUrl } = await hubFor({ logger: (event, fields) => lines.push(`${event} ${JSON.stringify(fields)}`) });
		const key = generateSessionKey();
		await pinSession(syncUrl, 'atelier-1', key);
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: SUMMARY })).toEqual({ ok: true, value: Buffer.byteLength(SUMMARY) });

		const url = takeHomeUrl(base, 'atelier-1', key);
		expect(url).toBe(`${base}/take-home/${takeHomeId('atelier-1', key)}`);
		expect(url).not.toContain(key);
		expect(url).not.toContain('#');
		const read = await fetch(url);
		expect(read.status).toBe(200);
		expect(await read.text()).toBe(SUMMARY);
		expect(Object.fromEntries(['content-type', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'cache-control'].map((h) => [h, read.headers.get(h)]))).toEqual({
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'no-referrer',
			'cache-control': 'no-store'
		});
		const head = await fetch(url, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(SUMMARY)));

		const newer = SUMMARY.replace('Une note', 'Une autre note');
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: newer })).ok).toBe(true);
		expect(await (await fetch(url)).text()).toBe(newer);
		expect(hub.takeHome.size).toBe(1);

		// Logs: ids and sizes, never the text.
		expect(lines.some((l) => l.startsWith('takeHome.published') && l.includes(takeHomeId('atelier-1', key)))).toBe(true);
		expect(lines.join('\n')).not.toContain('confidentielle');
		expect(lines.join('\n')).not.toContain(hubAccessToken('atelier-1', key));
	});

	it('refuses a wrong token, a session the hub has not pinned, and malformed requests; nothing is stored', async () => {
		const { base, syncUrl, dataDir } = await hubFor();
		const key = generateSessionKey();
		await pinSession(syncUrl, 'atelier-1', key);
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key: generateSessionKey(), html: SUMMARY })).toEqual({ ok: false, problem: { key: 'refused' } });
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'jamais-vue', key, html: SUMMARY })).toEqual({ ok: false, problem: { key: 'unknownSession' } });
		// Publishing never pins a session.
		expect(existsSync(join(dataDir, 'sessions', 'jamais-vue'))).toBe(false);
		const id = takeHomeId('atelier-1', key);
		const token = hubAccessToken('atelier-1', key);
		const noSession = await rawRequest(base, `/take-home/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: Buffer.from(SUMMARY) });
		expect(noSession.status).toBe(400);
		const notUtf8 = await rawRequest(base, `/take-home/${id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'x-tablee-session': 'atelier-1' },
			body: Buffer.from([0x3c, 0xff, 0xfe, 0x3e])
		});
		expect(notUtf8.status).toBe(400);
		expect((await rawRequest(base, `/take-home/${id}`, { method: 'POST' })).status).toBe(405);
		expect((await fetch(`${base}/take-home/${id}`)).status).toBe(404);
		expect(existsSync(join(dataDir, 'sessions', 'atelier-1', 'take-home.dat'))).toBe(false);
	});

	it('refuses a summary over the size limit, on the client and on the hub', async () => {
		const { base, syncUrl } = await hubFor({ takeHome: { maxBytes: 1000 } });
		const key = generateSessionKey();
		await pinSession(syncUrl, 'atelier-1', key);
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: 'x'.repeat(TAKE_HOME_MAX_BYTES + 1) })).toEqual({ ok: false, problem: { key: 'tooLarge' } });
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: 'é'.repeat(600) })).toEqual({ ok: false, problem: { key: 'tooLarge' } });
		// A body larger than it says, sent in chunks: cut off at the limit too.
		const id = takeHomeId('atelier-1', key);
		const chunked = await rawRequest(base, `/take-home/${id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${hubAccessToken('atelier-1', key)}`, 'x-tablee-session': 'atelier-1', 'transfer-encoding': 'chunked' },
			body: Buffer.alloc(5000, 0x61)
		});
		expect(chunked.status).toBe(413);
		expect((await fetch(`${base}/take-home/${id}`)).status).toBe(404);
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: 'é'.repeat(400) })).ok).toBe(true);
	});

	it('keeps what was published across a restart', async () => {
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const key = generateSessionKey();
		const first = await startTestHub({ appDir, dataDir });
		await pinSession(first.syncUrl, 'atelier-1', key);
		expect((await publishTakeHome({ hubOrigin: first.base, sessionId: 'atelier-1', key, html: SUMMARY })).ok).toBe(true);
		await first.hub.close();

		const second = await hubFor({ appDir, dataDir });
		expect(second.hub.takeHome.size).toBe(1);
		const read = await fetch(takeHomeUrl(second.base, 'atelier-1', key));
		expect(read.status).toBe(200);
		expect(await read.text()).toBe(SUMMARY);
		// The pin survived too: the same token still publishes, another still cannot.
		expect((await publishTakeHome({ hubOrigin: second.base, sessionId: 'atelier-1', key, html: `${SUMMARY} ` })).ok).toBe(true);
		expect((await publishTakeHome({ hubOrigin: second.base, sessionId: 'atelier-1', key: generateSessionKey(), html: SUMMARY })).ok).toBe(false);
	});

	it('answers an unknown id with a bilingual 404 page (French first), never a listing', async () => {
		const { base } = await hubFor();
		for (const path of ['/take-home/AAAAAAAAAAAAAAAAAAAAAA', '/take-home/', '/take-home', '/take-home/..%2F..%2Fsessions', '/take-home/a/b']) {
			const res = await fetch(`${base}${path}`);
			expect(res.status, path).toBe(404);
			expect(res.headers.get('content-security-policy'), path).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
			expect(res.headers.get('cache-control'), path).toBe('no-store');
			const body = await res.text();
			expect(body, path).not.toContain('sessions');
			const fr = body.indexOf('Le bilan n’est pas encore publié');
			const en = body.indexOf('The summary is not published yet');
			expect(fr, path).toBeGreaterThan(0);
			expect(en, path).toBeGreaterThan(fr);
			expect(body).toContain('lang="en"');
		}
	});

	it('a second session cannot claim an id another session published', async () => {
		const { base, syncUrl } = await hubFor();
		const keyA = generateSessionKey();
		const keyB = generateSessionKey();
		await pinSession(syncUrl, 'atelier-a', keyA);
		await pinSession(syncUrl, 'atelier-b', keyB);
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-a', key: keyA, html: SUMMARY })).ok).toBe(true);
		const idA = takeHomeId('atelier-a', keyA);
		const claim = await rawRequest(base, `/take-home/${idA}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${hubAccessToken('atelier-b', keyB)}`, 'x-tablee-session': 'atelier-b' },
			body: Buffer.from('<p>Autre contenu</p>')
		});
		expect(claim.status).toBe(409);
		expect(await (await fetch(`${base}/take-home/${idA}`)).text()).toBe(SUMMARY);
		// B publishes under its own id without trouble.
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-b', key: keyB, html: '<p>B</p>' })).ok).toBe(true);
	});

	it('rate-limits publishes per address and answers the CORS preflight of another origin', async () => {
		const { base, syncUrl } = await hubFor({ takeHome: { burst: 2, refillSeconds: 3600 } });
		const key = generateSessionKey();
		await pinSession(syncUrl, 'atelier-1', key);
		const id = takeHomeId('atelier-1', key);
		const preflight = await rawRequest(base, `/take-home/${id}`, {
			method: 'OPTIONS',
			headers: { origin: 'http://192.168.1.20:8080', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type, x-tablee-session' }
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers['access-control-allow-origin']).toBe('*');
		expect(preflight.headers['access-control-allow-methods']).toBe('PUT');
		expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type, x-tablee-session');
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: SUMMARY })).ok).toBe(true);
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: SUMMARY })).ok).toBe(true);
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-1', key, html: SUMMARY })).toEqual({ ok: false, problem: { key: 'rateLimited' } });
		// Reading is not limited by publishing.
		expect((await fetch(`${base}/take-home/${id}`)).status).toBe(200);
	});

	it('derives the public id as documented: the first 128 bits of a tagged SHA-256 of the hub token, base64url', () => {
		const key = generateSessionKey();
		const token = hubAccessToken('atelier-1', key);
		const expected = createHash('sha256').update(`tablee-take-home:atelier-1:${token}`).digest().subarray(0, 16).toString('base64url');
		expect(takeHomeId('atelier-1', key)).toBe(expected);
		expect(takeHomeIdFromToken('atelier-1', token)).toBe(expected);
	});

	it('says the hub is unreachable when nothing answers', async () => {
		expect(await publishTakeHome({ hubOrigin: 'http://127.0.0.1:9', sessionId: 'atelier-1', key: generateSessionKey(), html: SUMMARY })).toEqual({ ok: false, problem: { key: 'unreachable' } });
	});
});
