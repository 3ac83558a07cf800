/**
 * The hub closed to strangers: only a device proving it holds the hub code makes the hub create,
 * pin and store a session; anyone else is refused before anything reaches the disk. Devices
 * without the code still join sessions the hub holds (phones, tablets joining by link). The code
 * survives restarts and can be replaced.
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	encodeHubAuth,
	formatHubCode,
	generateHubCode,
	generateSessionKey,
	hubAccessToken,
	hubAdmissionProof,
	hubLinkWithCode,
	normalizeHubCode,
	splitHubLink,
	HUB_CLOSE,
	HUB_CODE_PATTERN
} from '$lib/sync';
import { HUB_CODE_FILE, isAdmitted, loadHubCode } from '../../../src/hub/hub-code';
import { authorisedAuth, makeAppDir, makeTempDir, removeDir, until, TEST_HUB_CODE } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';

const { cleanups, hubFor, device } = useHubCleanup();

const SESSION = 'atelier-porte';

async function send(url: string, message: string): Promise<{ closed: Promise<{ code: number; reason: string }>; texts: string[]; binary: number }> {
	const ws = new WebSocket(url);
	const out = { texts: [] as string[], binary: 0, closed: new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() }))) };
	ws.on('message', (data, isBinary) => (isBinary ? out.binary++ : out.texts.push(data.toString())));
	await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
	ws.send(message);
	cleanups.push(() => ws.terminate());
	return out;
}

const sessionFolders = (dataDir: string) => (existsSync(join(dataDir, 'sessions')) ? readdirSync(join(dataDir, 'sessions')) : []);

describe('venue hub: new sessions only with the hub code', () => {
	it('refuses an unknown session without the code, writes nothing, and logs the refusal with ids and counts', async () => {
		const lines: string[] = [];
		const { syncUrl, dataDir, hub } = await hubFor({ logger: (event, fields) => lines.push(`${event} ${JSON.stringify(fields)}`) });
		const key = generateSessionKey();
		const token = hubAccessToken(SESSION, key);

		const stranger = await send(syncUrl, encodeHubAuth(SESSION, token));
		expect(await stranger.closed).toEqual({ code: HUB_CLOSE.notAdmitted, reason: 'this hub takes new sessions only from a device with the hub code' });
		expect(stranger.texts).toEqual([]);
		expect(stranger.binary).toBe(0);
		// A proof made with another code, or for another session, is no better than none.
		const wrongCode = await send(syncUrl, encodeHubAuth(SESSION, token, null, hubAdmissionProof(generateHubCode((n) => crypto.getRandomValues(new Uint8Array(n))), SESSION, token)));
		expect((await wrongCode.closed).code).toBe(HUB_CLOSE.notAdmitted);
		const replayed = await send(syncUrl, encodeHubAuth('autre-atelier', hubAccessToken('autre-atelier', key), null, hubAdmissionProof(TEST_HUB_CODE, SESSION, token)));
		expect((await replayed.closed).code).toBe(HUB_CLOSE.notAdmitted);
		const otherToken = await send(syncUrl, encodeHubAuth(SESSION, hubAccessToken(SESSION, generateSessionKey()), null, hubAdmissionProof(TEST_HUB_CODE, SESSION, token)));
		expect((await otherToken.closed).code).toBe(HUB_CLOSE.notAdmitted);

		// The stock transport without the code says why, in words a facilitator can act on.
		const tablet = device({ url: syncUrl, sessionId: SESSION, key, hubCode: null, role: 'facilitator' });
		tablet.notes.set('n', 'une contribution');
		await until(() => tablet.transport.status.state === 'unavailable', 5000, 'refused status');
		expect(tablet.transport.status.message).toEqual({ key: 'sync.error.hubNotAdmitted' });

		expect(sessionFolders(dataDir)).toEqual([]);
		expect(hub.registry.size).toBe(0);
		const refusals = lines.filter((l) => l.startsWith('session.refused'));
		expect(refusals.length).toBeGreaterThanOrEqual(5);
		expect(refusals[0]).toBe(`session.refused ${JSON.stringify({ session: SESSION, reason: 'noHubCode', refusedNew: 1 })}`);
		expect(refusals[1]).toContain('"reason":"wrongHubCode"');
		const log = lines.join('\n');
		expect(log).not.toContain('une contribution');
		expect(log).not.toContain(TEST_HUB_CODE);
		expect(log).not.toContain(token);
	});

	it('admits a device with the code; devices without it then join that session, and one waiting for it gets in once it is there', async () => {
		const { syncUrl, dataDir, hub } = await hubFor();
		const key = generateSessionKey();
		// A phone scanned before the facilitator's tablet reached the hub: refused, it keeps asking.
		const early = device({ url: syncUrl, sessionId: SESSION, key, hubCode: null });
		await until(() => early.transport.status.message?.key === 'sync.error.hubNotAdmitted', 5000, 'early phone refused');
		expect(sessionFolders(dataDir)).toEqual([]);

		const facilitator = device({ url: syncUrl, sessionId: SESSION, key, role: 'facilitator' });
		facilitator.notes.set('f', 'de la tablette de l’animation');
		await until(() => facilitator.transport.connected, 5000, 'facilitator admitted');
		expect(existsSync(join(dataDir, 'sessions', SESSION, 'pin.json'))).toBe(true);
		await until(() => early.transport.connected, 5000, 'early phone got in once the session was there');
		expect(early.transport.status).toEqual({ state: 'connected' });

		const phone = device({ url: syncUrl, sessionId: SESSION, key, hubCode: null });
		await until(() => phone.notes.get('f') === 'de la tablette de l’animation', 5000, 'phone without the code reads the session');
		phone.notes.set('p', 'du téléphone');
		await until(() => facilitator.notes.get('p') === 'du téléphone' && early.notes.get('p') === 'du téléphone', 5000, 'phone writes to the session');
		expect(hub.registry.size).toBe(1);
		// The token is still the key: the code opens no session by itself.
		const wrongKey = await send(syncUrl, authorisedAuth(SESSION, hubAccessToken(SESSION, generateSessionKey())));
		expect((await wrongKey.closed).code).toBe(HUB_CLOSE.badToken);
	});

	it('keeps its code across restarts in the data folder, and replaces it on request', async () => {
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const first = await hubFor({ appDir, dataDir, hubCode: undefined });
		expect(first.hub.hubCode).toMatch(HUB_CODE_PATTERN);
		expect(first.hub.hubCodeCreated).toBe(true);
		expect(JSON.parse(readFileSync(join(dataDir, HUB_CODE_FILE), 'utf8'))).toMatchObject({ v: 1, code: first.hub.hubCode });
		const code = first.hub.hubCode;
		const key = generateSessionKey();
		const facilitator = device({ url: first.syncUrl, sessionId: SESSION, key, hubCode: code });
		await until(() => facilitator.transport.connected, 5000, 'admitted with the stored code');
		facilitator.destroy();
		await first.hub.close();

		const second = await hubFor({ appDir, dataDir, hubCode: undefined });
		expect(second.hub.hubCode).toBe(code);
		expect(second.hub.hubCodeCreated).toBe(false);
		const again = device({ url: second.syncUrl, sessionId: 'atelier-suivant', key, hubCode: code });
		await until(() => again.transport.connected, 5000, 'same code after a restart');
		again.destroy();
		await second.hub.close();

		const third = await hubFor({ appDir, dataDir, hubCode: undefined, newHubCode: true });
		expect(third.hub.hubCode).not.toBe(code);
		expect(third.hub.hubCodeCreated).toBe(true);
		const old = await send(third.syncUrl, authorisedAuth('atelier-trois', hubAccessToken('atelier-trois', key), code));
		expect((await old.closed).code).toBe(HUB_CLOSE.notAdmitted);
		// Sessions brought before keep working without any code.
		const phone = device({ url: third.syncUrl, sessionId: SESSION, key, hubCode: null });
		await until(() => phone.transport.connected, 5000, 'an existing session after a new code');
	});
});

describe('hub code format and proof', () => {
	it('computes the documented HMAC-SHA256, checked by the hub in constant time', () => {
		const token = hubAccessToken(SESSION, generateSessionKey());
		const expected = createHmac('sha256', TEST_HUB_CODE).update(`tablee-hub-admit:${SESSION}:${token}`).digest('base64url');
		expect(hubAdmissionProof(TEST_HUB_CODE, SESSION, token)).toBe(expected);
		// A key longer than a SHA-256 block is hashed first (RFC 2104), as node does.
		const long = 'K'.repeat(100);
		expect(hubAdmissionProof(long, SESSION, token)).toBe(createHmac('sha256', long).update(`tablee-hub-admit:${SESSION}:${token}`).digest('base64url'));
		expect(isAdmitted(TEST_HUB_CODE, SESSION, token, expected)).toBe(true);
		expect(isAdmitted(TEST_HUB_CODE, SESSION, token, null)).toBe(false);
		expect(isAdmitted(TEST_HUB_CODE, SESSION, token, 'x')).toBe(false);
		expect(isAdmitted(TEST_HUB_CODE, 'autre', token, expected)).toBe(false);
	});

	it('reads codes as people type them, and links that carry one', () => {
		expect(normalizeHubCode('k7qm-4tzp-9xra')).toBe('K7QM4TZP9XRA');
		expect(normalizeHubCode(' K7QM 4TZP 9XRA ')).toBe('K7QM4TZP9XRA');
		expect(normalizeHubCode('OIL0-0000-0000')).toBe('0110' + '00000000');
		expect(normalizeHubCode('K7QM-4TZP-9XR')).toBeNull();
		expect(normalizeHubCode('K7QM-4TZP-9XRU')).toBeNull();
		expect(formatHubCode('K7QM4TZP9XRA')).toBe('K7QM-4TZP-9XRA');
		const link = hubLinkWithCode('ws://192.168.1.10:8080/signaling', 'K7QM4TZP9XRA');
		expect(link).toBe('ws://192.168.1.10:8080/signaling#hub-code=K7QM4TZP9XRA');
		expect(splitHubLink(link)).toEqual({ address: 'ws://192.168.1.10:8080/signaling', code: 'K7QM4TZP9XRA' });
		expect(splitHubLink('ws://h/signaling')).toEqual({ address: 'ws://h/signaling', code: null });
		expect(splitHubLink('ws://h/signaling#hub-code=nope')).toEqual({ address: 'ws://h/signaling', code: false });
		const codes = new Set(Array.from({ length: 200 }, () => generateHubCode((n) => crypto.getRandomValues(new Uint8Array(n)))));
		expect(codes.size).toBe(200);
		for (const c of codes) expect(c).toMatch(HUB_CODE_PATTERN);
	});

	it('makes a new code when the stored file is damaged, and keeps a good one', async () => {
		const dir = makeTempDir();
		cleanups.push(() => removeDir(dir));
		const made = await loadHubCode(dir);
		expect(made.created).toBe(true);
		expect(await loadHubCode(dir)).toEqual({ code: made.code, created: false });
		const { writeFileSync } = await import('node:fs');
		writeFileSync(join(dir, HUB_CODE_FILE), '{ pas du json');
		const remade = await loadHubCode(dir);
		expect(remade.created).toBe(true);
		expect(remade.code).toMatch(HUB_CODE_PATTERN);
	});
});
