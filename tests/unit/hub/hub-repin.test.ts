/**
 * Key renewal on the venue hub (re-pin): a device holding the old and the new key moves the
 * session's pin to the new token; the old-token sockets are closed and the old token is refused
 * from then on, across restarts; a wrong `previous` changes nothing; re-pins are idempotent and
 * serialized (the first one wins).
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSessionKey, hubAccessToken, encodeHubAuth, HUB_CLOSE } from '$lib/sync';
import { tokenHash } from '../../../src/hub/session-store';
import { until } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';

const { cleanups, hubFor, device } = useHubCleanup();

interface Outcome {
	ready: boolean;
	closed: Promise<{ code: number; reason: string }>;
	ws: WebSocket;
}

/** A bare socket that sends one auth message; `ready` once the hub answered ready. */
async function auth(url: string, token: string, previous: string | null = null): Promise<Outcome> {
	const ws = new WebSocket(url);
	const out: Outcome = { ready: false, ws, closed: new Promise((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() }))) };
	ws.on('message', (data, isBinary) => {
		if (!isBinary && JSON.parse(data.toString()).type === 'ready') out.ready = true;
	});
	await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
	ws.send(encodeHubAuth(SESSION, token, previous));
	cleanups.push(() => ws.terminate());
	return out;
}

const SESSION = 'atelier-2026';
const token = (key: string) => hubAccessToken(SESSION, key);
const pinFile = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'sessions', SESSION, 'pin.json'), 'utf8')) as { tokenHash: string; previousHash?: string };

describe('venue hub key renewal (re-pin)', () => {
	it('moves the pin to the new key, cuts off the old-key sockets, refuses the old key afterwards and across a restart', async () => {
		const first = await hubFor();
		const oldKey = generateSessionKey();
		const facilitator = device({ url: first.syncUrl, sessionId: SESSION, key: oldKey, role: 'facilitator' });
		const phone = device({ url: first.syncUrl, sessionId: SESSION, key: oldKey });
		facilitator.notes.set('a', 'avant le renouvellement');
		await until(() => facilitator.transport.connected && phone.transport.connected && phone.notes.size === 1, 5000, 'both on the hub');
		const raw = await auth(first.syncUrl, token(oldKey));
		await until(() => raw.ready, 5000, 'raw old-key socket ready');

		const newKey = generateSessionKey();
		facilitator.sync.rotateKey(newKey);
		expect(await raw.closed).toEqual({ code: HUB_CLOSE.keyRenewed, reason: 'the session key was renewed' });
		await until(() => phone.transport.status.state === 'unavailable', 5000, 'phone cut off');
		expect(phone.transport.status.message).toEqual({ key: 'sync.error.hubKeyRenewed' });
		await until(() => facilitator.transport.connected, 5000, 'facilitator back on the hub with the new key');
		expect(facilitator.transport.pendingPreviousKey).toBeNull();
		expect(pinFile(first.dataDir)).toMatchObject({ tokenHash: tokenHash(token(newKey)), previousHash: tokenHash(token(oldKey)) });

		// The facilitator keeps syncing through the hub; the old-key phone gets nothing more.
		facilitator.notes.set('b', 'après le renouvellement');
		const newPhone = device({ url: first.syncUrl, sessionId: SESSION, key: newKey });
		await until(() => newPhone.notes.size === 2, 5000, 'new-key phone reads both notes');
		newPhone.notes.set('c', 'du nouveau téléphone');
		await until(() => facilitator.notes.get('c') === 'du nouveau téléphone', 5000, 'new-key phone reaches the facilitator');
		expect(phone.notes.has('b')).toBe(false);
		const late = await auth(first.syncUrl, token(oldKey));
		expect(await late.closed).toEqual({ code: HUB_CLOSE.keyRenewed, reason: 'the session key was renewed' });
		expect(late.ready).toBe(false);

		// Across a restart: the new pin holds, the old key is still told it was renewed.
		facilitator.destroy();
		newPhone.destroy();
		phone.destroy();
		await first.hub.close();
		const second = await hubFor({ dataDir: first.dataDir });
		const oldAgain = await auth(second.syncUrl, token(oldKey));
		expect((await oldAgain.closed).code).toBe(HUB_CLOSE.keyRenewed);
		const stranger = await auth(second.syncUrl, token(generateSessionKey()));
		expect((await stranger.closed).code).toBe(HUB_CLOSE.badToken);
		const back = device({ url: second.syncUrl, sessionId: SESSION, key: newKey });
		await until(() => back.notes.size === 3, 5000, 'new key reads everything after the restart');
	});

	it('refuses a re-pin from a token that is not the pin, changing nothing', async () => {
		const { syncUrl, dataDir } = await hubFor();
		const key = generateSessionKey();
		const owner = device({ url: syncUrl, sessionId: SESSION, key });
		await until(() => owner.transport.connected, 5000, 'owner pinned');
		const before = pinFile(dataDir);

		const forger = await auth(syncUrl, token(generateSessionKey()), token(generateSessionKey()));
		expect(await forger.closed).toEqual({ code: HUB_CLOSE.repinConflict, reason: 'the hub already moved this session to another key' });
		expect(pinFile(dataDir)).toEqual(before);
		expect(owner.transport.connected).toBe(true);
		// A malformed previous token is a bad request.
		const garbage = await auth(syncUrl, token(generateSessionKey()), 'not-a-token');
		expect((await garbage.closed).code).toBe(HUB_CLOSE.badRequest);
		expect(pinFile(dataDir)).toEqual(before);
	});

	it('is idempotent: a second device with the same pair or the new token alone is admitted', async () => {
		const { syncUrl } = await hubFor();
		const oldKey = generateSessionKey();
		const owner = device({ url: syncUrl, sessionId: SESSION, key: oldKey });
		owner.notes.set('n', 'note');
		await until(() => owner.transport.connected, 5000, 'pinned');
		const newKey = generateSessionKey();
		const [a, b] = await Promise.all([auth(syncUrl, token(newKey), token(oldKey)), auth(syncUrl, token(newKey), token(oldKey))]);
		await until(() => a.ready && b.ready, 5000, 'both re-pinning devices admitted');
		const again = device({ url: syncUrl, sessionId: SESSION, key: newKey, previousKey: oldKey });
		const alone = device({ url: syncUrl, sessionId: SESSION, key: newKey });
		await until(() => again.notes.get('n') === 'note' && alone.notes.get('n') === 'note', 5000, 'later devices read the session');
		// The re-pin closed only the sockets on the old token.
		expect(a.ready && b.ready).toBe(true);
		expect(a.ws.readyState).toBe(WebSocket.OPEN);
		expect(owner.transport.status.message).toEqual({ key: 'sync.error.hubKeyRenewed' });
	});

	it('lets the first of two racing re-pins win; the loser is told the hub moved on', async () => {
		const { syncUrl, dataDir } = await hubFor();
		const oldKey = generateSessionKey();
		const owner = device({ url: syncUrl, sessionId: SESSION, key: oldKey, role: 'facilitator' });
		await until(() => owner.transport.connected, 5000, 'pinned');
		const x = generateSessionKey();
		const y = generateSessionKey();
		const [rx, ry] = await Promise.all([auth(syncUrl, token(x), token(oldKey)), auth(syncUrl, token(y), token(oldKey))]);
		const [cx, cy] = await Promise.race([
			Promise.all([rx.closed, until(() => ry.ready).then(() => null)]),
			Promise.all([until(() => rx.ready).then(() => null), ry.closed])
		]);
		const loser = cx ?? cy;
		expect(loser?.code).toBe(HUB_CLOSE.repinConflict);
		const winner = cx ? y : x;
		expect(pinFile(dataDir).tokenHash).toBe(tokenHash(token(winner)));

		// The facilitator renewing afterwards (an attacker with the old key was faster) is refused plainly.
		owner.sync.rotateKey(generateSessionKey());
		await until(() => owner.transport.status.state === 'unavailable' && owner.transport.status.message?.key === 'sync.error.hubMovedOn', 5000, 'facilitator told');
		expect(pinFile(dataDir).tokenHash).toBe(tokenHash(token(winner)));
	});

	it('carries a renewal made while the hub was down, from the key the hub still holds', async () => {
		const first = await hubFor();
		const oldKey = generateSessionKey();
		const owner = device({ url: first.syncUrl, sessionId: SESSION, key: oldKey, role: 'facilitator' });
		owner.notes.set('n', 'note');
		await until(() => owner.transport.connected, 5000, 'pinned');
		const port = first.hub.port;
		await first.hub.close();
		await until(() => !owner.transport.connected, 2000, 'hub down');
		owner.sync.rotateKey(generateSessionKey());
		const latest = generateSessionKey();
		owner.sync.rotateKey(latest);
		expect(owner.transport.pendingPreviousKey).toBe(oldKey);
		const second = await hubFor({ dataDir: first.dataDir, port });
		await until(() => owner.transport.connected, 8000, 'back on the hub with the latest key');
		expect(pinFile(second.dataDir).tokenHash).toBe(tokenHash(token(latest)));
		const reader = device({ url: second.syncUrl, sessionId: SESSION, key: latest });
		await until(() => reader.notes.get('n') === 'note', 5000, 'new key reads the session');
	});
});
