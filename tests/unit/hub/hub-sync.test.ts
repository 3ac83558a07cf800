/** The hub's /sync endpoint with real hub transports over loopback WebSockets. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { generateSessionKey, hubAccessToken, hubSyncUrl, encodeHubAuth, HUB_CLOSE } from '$lib/sync';
import { encodeFrame, parseFrame } from '../../../src/lib/protocol/wire-protocol';
import { keyTag } from '../../../src/lib/sync/session-key';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until, sleep, makeAppDir, authorisedAuth } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';
import { memoryLibrary, realisticKit } from '../sync/kit-fixtures';

const { cleanups, hubFor, device } = useHubCleanup();

interface RawClient {
	ws: WebSocket;
	text: string[];
	binary: Uint8Array[];
	closed: Promise<{ code: number; reason: string }>;
}

async function rawClient(url: string): Promise<RawClient> {
	const ws = new WebSocket(url);
	const client: RawClient = {
		ws,
		text: [],
		binary: [],
		closed: new Promise((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })))
	};
	ws.on('message', (data, isBinary) => {
		if (isBinary) client.binary.push(new Uint8Array(data as Buffer));
		else client.text.push(data.toString());
	});
	await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
	cleanups.push(() => ws.terminate());
	return client;
}

const SESSION = 'atelier-2026';

describe('venue hub /sync', () => {
	it('relays between two devices until they converge, both ways', async () => {
		const { syncUrl, hub } = await hubFor();
		const key = generateSessionKey();
		const a = device({ url: syncUrl, sessionId: SESSION, key, role: 'facilitator' });
		const b = device({ url: syncUrl, sessionId: SESSION, key });
		a.notes.set('a1', 'Expliquer les décisions automatisées');
		await until(() => a.transport.connected && b.transport.connected, 5000, 'both connected');
		b.notes.set('b1', 'Garder un recours humain');
		await until(() => a.notes.size === 2 && b.notes.size === 2, 5000, 'convergence');
		expect(b.notes.get('a1')).toBe('Expliquer les décisions automatisées');
		expect(a.notes.get('b1')).toBe('Garder un recours humain');
		expect(a.transport.peers.map((p) => p.deviceId)).toEqual(['tablee-hub']);
		expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
		await until(() => hub.registry.get(SESSION)?.doc.getMap('notes').size === 2, 2000, 'hub replica');
	});

	it('keeps notes typed while the hub is down and sends them when it is back', async () => {
		const first = await hubFor();
		const key = generateSessionKey();
		const phone = device({ url: first.syncUrl, sessionId: SESSION, key });
		await until(() => phone.transport.connected, 5000, 'connected');
		phone.notes.set('before', 'avant la coupure');
		await until(() => first.hub.registry.get(SESSION)?.doc.getMap('notes').size === 1, 2000, 'first note on hub');
		const port = first.hub.port;
		await first.hub.close();
		await until(() => !phone.transport.connected && phone.transport.status.state === 'connecting', 2000, 'disconnected');
		phone.notes.set('during', 'pendant la coupure');
		const second = await hubFor({ dataDir: first.dataDir, port });
		await until(() => second.hub.registry.get(SESSION)?.doc.getMap('notes').size === 2, 8000, 'offline note reached the hub');
		const late = device({ url: second.syncUrl, sessionId: SESSION, key });
		await until(() => late.notes.size === 2, 5000, 'late device caught up from disk');
		expect(late.notes.get('during')).toBe('pendant la coupure');
	});

	it('refuses a wrong token with a clear close reason and sends no data', async () => {
		const { syncUrl, hub } = await hubFor();
		const key = generateSessionKey();
		const owner = device({ url: syncUrl, sessionId: SESSION, key });
		owner.notes.set('secret', 'contribution privée');
		await until(() => hub.registry.get(SESSION)?.doc.getMap('notes').size === 1, 5000, 'pinned session');

		const intruder = await rawClient(syncUrl);
		intruder.ws.send(encodeHubAuth(SESSION, hubAccessToken(SESSION, generateSessionKey())));
		expect(await intruder.closed).toEqual({ code: HUB_CLOSE.badToken, reason: 'invalid token for this session' });
		expect(intruder.binary).toEqual([]);
		expect(intruder.text).toEqual([]);

		// Frames before auth are refused too, without any answer.
		const eager = await rawClient(syncUrl);
		eager.ws.send(encodeFrame('eager', '', { type: 'sync-step1', stateVector: new Uint8Array([0]) }));
		expect((await eager.closed).code).toBe(HUB_CLOSE.badRequest);
		expect(eager.binary).toEqual([]);

		// The stock transport with another key is refused and does not retry.
		const wrong = device({ url: syncUrl, sessionId: SESSION, key: generateSessionKey() });
		await until(() => wrong.transport.status.state === 'unavailable', 5000, 'refused status');
		expect(wrong.transport.status.message).toEqual({ key: 'sync.error.hubRefused' });
		expect(wrong.notes.size).toBe(0);
	});

	it('drops a sender of garbage or oversize frames; the hub doc and other clients are unaffected', async () => {
		const { syncUrl, hub } = await hubFor();
		const key = generateSessionKey();
		const good = device({ url: syncUrl, sessionId: SESSION, key });
		good.notes.set('n1', 'première note');
		await until(() => hub.registry.get(SESSION)?.doc.getMap('notes').size === 1, 5000, 'first note');
		const before = Y.encodeStateAsUpdate(hub.registry.get(SESSION)!.doc);
		const token = hubAccessToken(SESSION, key);

		const garbage = await rawClient(syncUrl);
		garbage.ws.send(encodeHubAuth(SESSION, token));
		await until(() => garbage.text.length === 1, 2000, 'ready');
		garbage.ws.send(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
		expect((await garbage.closed).code).toBe(HUB_CLOSE.malformed);

		const forged = await rawClient(syncUrl);
		forged.ws.send(encodeHubAuth(SESSION, token));
		await until(() => forged.text.length === 1, 2000, 'ready');
		const tag = keyTag(SESSION, key);
		forged.ws.send(encodeFrame('forger', '', { type: 'hello', keyTag: tag, deviceId: 'forger', role: 'participant', name: 'x', wantReply: true }));
		forged.ws.send(encodeFrame('forger', '', { type: 'update', update: new Uint8Array([255, 255, 255, 255, 255]) }));
		expect((await forged.closed).code).toBe(HUB_CLOSE.malformed);

		const huge = await rawClient(syncUrl);
		huge.ws.send(encodeHubAuth(SESSION, token));
		await until(() => huge.text.length === 1, 2000, 'ready');
		huge.ws.send(new Uint8Array(1024 * 1024 + 1));
		expect((await huge.closed).code).toBe(1009);

		expect(Y.encodeStateAsUpdate(hub.registry.get(SESSION)!.doc)).toEqual(before);
		good.notes.set('n2', 'deuxième note');
		const other = device({ url: syncUrl, sessionId: SESSION, key });
		await until(() => other.notes.size === 2, 5000, 'hub still relays');
		expect(good.transport.connected).toBe(true);
	});

	it('keeps a client that sends kit frames: declines kits it does not have, ignores chunks, still relays', async () => {
		const { syncUrl, hub } = await hubFor();
		const key = generateSessionKey();
		const hash = 'ab'.repeat(32);
		const raw = await rawClient(syncUrl);
		raw.ws.send(authorisedAuth(SESSION, hubAccessToken(SESSION, key)));
		await until(() => raw.text.length === 1, 2000, 'ready');
		raw.ws.send(encodeFrame('kit-asker', '', { type: 'hello', keyTag: keyTag(SESSION, key), deviceId: 'kit-asker', role: 'station', name: 'x', wantReply: true }));
		raw.ws.send(encodeFrame('kit-asker', '', { type: 'kit-request', hash }));
		raw.ws.send(encodeFrame('kit-asker', '', { type: 'kit-chunk', hash, index: 0, total: 1, size: 3, bytes: new Uint8Array([1, 2, 3]) }));
		raw.ws.send(encodeFrame('kit-asker', '', { type: 'kit-unavailable', hash }));
		const frames = () => raw.binary.map((b) => parseFrame(b));
		await until(() => frames().some((f) => f?.type === 'kit-unavailable'), 2000, 'kit-unavailable');
		expect(frames().find((f) => f?.type === 'kit-unavailable')).toMatchObject({ hash, to: 'kit-asker' });

		// A real device asking the hub for a kit is told no at once and stays connected.
		const asker = device({ url: syncUrl, sessionId: SESSION, key });
		await until(() => asker.transport.peers.length === 1, 5000, 'hub peer');
		const outcome = await asker.sync.requestKit({ id: 'kit', version: '1.0.0', hash }, { timeoutMs: 300, retryMs: 10_000, accept: async () => ({ ok: true, value: undefined }) });
		expect(outcome).toEqual({ ok: false, problem: { key: 'notFound' } });
		expect(asker.transport.connected).toBe(true);
		const other = device({ url: syncUrl, sessionId: SESSION, key });
		asker.notes.set('n1', 'après la demande de trousse');
		await until(() => other.notes.get('n1') === 'après la demande de trousse', 5000, 'hub still relays');
		expect(hub.registry.get(SESSION)?.clientCount).toBe(3);
		raw.ws.send(encodeFrame('kit-asker', '', { type: 'bye' }));
		expect(raw.ws.readyState).toBe(WebSocket.OPEN);
	});

	it('sends a bundled kit of the app it serves to a device that lacks it, checked and imported', async () => {
		const { kit, zip } = await realisticKit();
		const appDir = makeAppDir();
		writeFileSync(join(appDir, 'kits', `${kit.manifest.id}.zip`), zip);
		writeFileSync(join(appDir, 'kits', 'index.json'), JSON.stringify([{ id: kit.manifest.id, version: kit.manifest.version, hash: kit.hash, file: `kits/${kit.manifest.id}.zip` }]));
		const { syncUrl } = await hubFor({ appDir });
		const key = generateSessionKey();
		const tablet = device({ url: syncUrl, sessionId: SESSION, key });
		await until(() => tablet.transport.peers.length === 1, 5000, 'hub peer');
		const library = memoryLibrary();
		const ref = { id: kit.manifest.id, version: kit.manifest.version, hash: kit.hash };
		const outcome = await tablet.sync.requestKit(ref, { timeoutMs: 3000, accept: library.accept(kit.hash) });
		expect(outcome).toEqual({ ok: true });
		expect(library.stored.get(`${ref.id}@${ref.version}`)?.hash).toBe(kit.hash);
		expect(tablet.transport.connected).toBe(true);
	});

	it('enforces the per-session client cap and the rate limit', async () => {
		const { syncUrl } = await hubFor({
			maxClientsPerSession: 1,
			sync: { rateLimit: { messagesBurst: 20, messagesPerSecond: 1, bytesBurst: 1e6, bytesPerSecond: 1e6 } }
		});
		const key = generateSessionKey();
		const token = hubAccessToken(SESSION, key);
		const first = await rawClient(syncUrl);
		first.ws.send(authorisedAuth(SESSION, token));
		await until(() => first.text.length === 1, 2000, 'ready');
		const second = await rawClient(syncUrl);
		second.ws.send(encodeHubAuth(SESSION, token));
		expect(await second.closed).toEqual({ code: HUB_CLOSE.full, reason: 'session has too many clients' });
		for (let i = 0; i < 40; i++) first.ws.send(encodeFrame('flood', '', { type: 'bye' }));
		expect((await first.closed).code).toBe(HUB_CLOSE.rateLimited);
	});

	it('keeps the pinned token across a restart and caps the number of sessions', async () => {
		const first = await hubFor({ maxSessions: 1 });
		const key = generateSessionKey();
		const owner = device({ url: first.syncUrl, sessionId: SESSION, key });
		owner.notes.set('n', 'note');
		await until(() => first.hub.registry.get(SESSION)?.doc.getMap('notes').size === 1, 5000, 'pinned');
		const other = await rawClient(first.syncUrl);
		other.ws.send(authorisedAuth('autre-session', hubAccessToken('autre-session', generateSessionKey())));
		expect(await other.closed).toEqual({ code: HUB_CLOSE.full, reason: 'hub holds too many sessions' });
		owner.destroy();
		await first.hub.close();

		const second = await hubFor({ dataDir: first.dataDir, maxSessions: 1 });
		const intruder = await rawClient(second.syncUrl);
		intruder.ws.send(encodeHubAuth(SESSION, hubAccessToken(SESSION, generateSessionKey())));
		expect((await intruder.closed).code).toBe(HUB_CLOSE.badToken);
		expect(intruder.binary).toEqual([]);
		const back = device({ url: second.syncUrl, sessionId: SESSION, key });
		await until(() => back.notes.get('n') === 'note', 5000, 'owner reads back after restart');
	});

	it('relays presence between devices and removes it when a device leaves', async () => {
		const { syncUrl } = await hubFor();
		const key = generateSessionKey();
		const a = device({ url: syncUrl, sessionId: SESSION, key, role: 'facilitator' });
		const b = device({ url: syncUrl, sessionId: SESSION, key });
		const bId = b.sync.awareness.clientID;
		await until(() => a.sync.awareness.getStates().has(bId), 5000, 'presence of b on a');
		expect(a.sync.awareness.getStates().get(bId)).toEqual({ device: b.sync.device });
		b.destroy();
		await until(() => !a.sync.awareness.getStates().has(bId), 5000, 'b left');
	});

	it('caps connections per address', async () => {
		const { syncUrl, hub } = await hubFor({ sync: { maxConnectionsPerAddress: 2 } });
		await rawClient(syncUrl);
		await rawClient(syncUrl);
		const third = await rawClient(syncUrl);
		expect(await third.closed).toEqual({ code: HUB_CLOSE.full, reason: 'too many connections' });
		expect(hub.sync.connections).toBe(2);
	});

	it('derives the sync URL from the page address or a signaling URL', () => {
		expect(hubSyncUrl('http://192.168.1.10:8080/station?s=1#k')).toBe('ws://192.168.1.10:8080/sync');
		expect(hubSyncUrl('ws://192.168.1.10:8080/signaling')).toBe('ws://192.168.1.10:8080/sync');
		expect(hubSyncUrl('https://hub.local/')).toBe('wss://hub.local/sync');
		expect(hubSyncUrl('file:///tmp/x')).toBeNull();
		expect(hubSyncUrl('http://user:pw@h/')).toBeNull();
		expect(hubSyncUrl('pas une url')).toBeNull();
	});

	it('closes a socket that never authenticates', async () => {
		const { syncUrl } = await hubFor({ sync: { authTimeoutMs: 100 } });
		const idle = await rawClient(syncUrl);
		expect((await idle.closed).code).toBe(HUB_CLOSE.authTimeout);
		await sleep(10);
	});
});
