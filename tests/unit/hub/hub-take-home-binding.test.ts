/**
 * Take-home pages cannot be planted: a take-home id is derived from its session's hub token, the
 * hub checks that derivation on every publish, so a session writes its own id and no other, and a
 * key renewal never releases the old id (the code shown before it keeps opening the summary).
 */
import { describe, expect, it } from 'vitest';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSessionKey, hubAccessToken, publishTakeHome, takeHomeId, takeHomeUrl } from '$lib/sync';
import { makeAppDir, makeTempDir, removeDir, until } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';

const { cleanups, hubFor, device } = useHubCleanup();

/** A PUT as a stranger sends it: their own session and token, someone else's id. */
function put(base: string, id: string, sessionId: string, token: string, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const url = new URL(`/take-home/${id}`, base);
		const req = http.request(
			{ host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { authorization: `Bearer ${token}`, 'x-tablee-session': sessionId, 'content-type': 'text/html' } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function pin(syncUrl: string, sessionId: string, key: string, previousKey?: string): Promise<void> {
	const d = device({ url: syncUrl, sessionId, key, previousKey });
	await until(() => d.transport.connected, 5000, `${sessionId} on the hub`);
	d.destroy();
}

const PAGE = '<!doctype html><title>Bilan</title><main><h1>Bilan de la vraie séance</h1></main>';
const PLANTED = '<!doctype html><title>Bilan</title><main><h1>Faux bilan</h1></main>';

describe('hub /take-home binding', () => {
	it('refuses a stranger’s PUT to another session’s unclaimed id; the real session then publishes there', async () => {
		const { base, syncUrl } = await hubFor();
		const victimKey = generateSessionKey();
		const strangerKey = generateSessionKey();
		await pin(syncUrl, 'atelier-victime', victimKey);
		await pin(syncUrl, 'atelier-etranger', strangerKey);
		// The victim's code is public (the wall shows it) before anything is published.
		const victimId = takeHomeId('atelier-victime', victimKey);
		expect(await put(base, victimId, 'atelier-etranger', hubAccessToken('atelier-etranger', strangerKey), PLANTED)).toBe(409);
		expect((await fetch(`${base}/take-home/${victimId}`)).status).toBe(404);
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-victime', key: victimKey, html: PAGE })).toEqual({ ok: true, value: Buffer.byteLength(PAGE) });
		expect(await (await fetch(takeHomeUrl(base, 'atelier-victime', victimKey))).text()).toBe(PAGE);
		// Nor can a stranger overwrite it once published.
		expect(await put(base, victimId, 'atelier-etranger', hubAccessToken('atelier-etranger', strangerKey), PLANTED)).toBe(409);
		expect(await (await fetch(`${base}/take-home/${victimId}`)).text()).toBe(PAGE);
		// The stranger's own id works for the stranger.
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-etranger', key: strangerKey, html: PLANTED })).ok).toBe(true);
	});

	it('keeps the id of the key before a renewal bound to its session, across restarts, serving the latest summary', async () => {
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const first = await hubFor({ appDir, dataDir });
		const oldKey = generateSessionKey();
		const strangerKey = generateSessionKey();
		await pin(first.syncUrl, 'atelier-1', oldKey);
		await pin(first.syncUrl, 'atelier-etranger', strangerKey);
		expect((await publishTakeHome({ hubOrigin: first.base, sessionId: 'atelier-1', key: oldKey, html: PAGE })).ok).toBe(true);
		const oldId = takeHomeId('atelier-1', oldKey);

		const newKey = generateSessionKey();
		await pin(first.syncUrl, 'atelier-1', newKey, oldKey);
		const stranger = hubAccessToken('atelier-etranger', strangerKey);
		expect(await put(first.base, oldId, 'atelier-etranger', stranger, PLANTED)).toBe(409);
		expect(await (await fetch(`${first.base}/take-home/${oldId}`)).text()).toBe(PAGE);

		// Published under the new key: the printed (old) code and the new one open the same, latest page.
		const final = PAGE.replace('vraie séance', 'séance, version finale');
		expect((await publishTakeHome({ hubOrigin: first.base, sessionId: 'atelier-1', key: newKey, html: final })).ok).toBe(true);
		expect(await (await fetch(`${first.base}/take-home/${oldId}`)).text()).toBe(final);
		expect(await (await fetch(takeHomeUrl(first.base, 'atelier-1', newKey))).text()).toBe(final);
		await first.hub.close();

		const second = await hubFor({ appDir, dataDir });
		expect(await put(second.base, oldId, 'atelier-etranger', stranger, PLANTED)).toBe(409);
		expect(await (await fetch(`${second.base}/take-home/${oldId}`)).text()).toBe(final);
		expect(await (await fetch(takeHomeUrl(second.base, 'atelier-1', newKey))).text()).toBe(final);
	});

	it('binds the old id at the re-pin itself, when nothing was published before the renewal', async () => {
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const first = await hubFor({ appDir, dataDir });
		const oldKey = generateSessionKey();
		const newKey = generateSessionKey();
		await pin(first.syncUrl, 'atelier-1', oldKey);
		await pin(first.syncUrl, 'atelier-1', newKey, oldKey);
		const oldId = takeHomeId('atelier-1', oldKey);
		expect(JSON.parse(readFileSync(join(dataDir, 'sessions', 'atelier-1', 'pin.json'), 'utf8')).takeHomeIds).toEqual([oldId]);
		expect(first.hub.takeHome.ownerOf(oldId)).toBe('atelier-1');
		await first.hub.close();

		const second = await hubFor({ appDir, dataDir });
		expect(second.hub.takeHome.ownerOf(oldId)).toBe('atelier-1');
		expect((await fetch(`${second.base}/take-home/${oldId}`)).status).toBe(404);
		expect((await publishTakeHome({ hubOrigin: second.base, sessionId: 'atelier-1', key: newKey, html: PAGE })).ok).toBe(true);
		expect(await (await fetch(`${second.base}/take-home/${oldId}`)).text()).toBe(PAGE);
		// The old key itself is refused: it can no longer publish, under any id.
		expect(await publishTakeHome({ hubOrigin: second.base, sessionId: 'atelier-1', key: oldKey, html: PLANTED })).toEqual({ ok: false, problem: { key: 'refused' } });
	});
});
