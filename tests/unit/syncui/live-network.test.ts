import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSession, resetDatabase } from '$lib/storage';
import { LiveNetwork } from '$lib/live/live-network.svelte';
import { SessionSync, type SyncStatus } from '$lib/sync';
import { removeDir, startTestHub } from '../hub/hub-fixtures';

/**
 * `LiveNetwork` and the venue hub: attached when a signaling address is a hub's and the page may
 * open it (mixed content), without WebCrypto; dropped by "work offline", back on reconnect;
 * detached with a message on key rotation (the hub pins the first key).
 */
const cleanups: (() => unknown)[] = [];
const realCrypto = globalThis.crypto;
/** `crypto` as on an insecure origin: random values, no `subtle`. */
const insecureCrypto = { getRandomValues: <T extends ArrayBufferView>(a: T) => realCrypto.getRandomValues(a) };

afterEach(async () => {
	for (const fn of cleanups.splice(0).reverse()) await fn();
	vi.unstubAllGlobals();
	await resetDatabase();
});

async function setup(signaling: string[]) {
	const row = await createSession({ title: 'Essai', kit: { id: 'kit', version: '1.0.0', hash: 'abcdef0123456789' }, agendaId: 'a', language: 'fr-CA' });
	const doc = new Y.Doc();
	const sync = new SessionSync({ doc, sessionId: row.id, key: row.syncKey, device: { id: 'device-1', role: 'facilitator', name: 'Tablette' } });
	cleanups.push(() => sync.destroy());
	const network = new LiveNetwork(sync, { signaling });
	return { row, sync, network };
}

const hubStatus = (status: SyncStatus) => status.transports.find((t) => t.kind === 'hub')?.status;

function waitFor(sync: SessionSync, test: (status: SyncStatus) => boolean): Promise<void> {
	return new Promise((resolve) => {
		if (test(sync.status)) return resolve();
		const on = (status: SyncStatus) => {
			if (!test(status)) return;
			sync.off('status', on);
			resolve();
		};
		sync.on('status', on);
	});
}

describe('LiveNetwork and the venue hub', () => {
	it('keeps an https page away from a ws:// hub on the LAN (mixed content), with the reason', async () => {
		vi.stubGlobal('location', { protocol: 'https:' });
		const { network, sync } = await setup(['ws://192.168.1.10:8080/signaling']);
		expect(network.hubOrigin).toBe('http://192.168.1.10:8080');
		expect(network.hubUrl).toBe('ws://192.168.1.10:8080/sync');
		expect(network.usesHub).toBe(false);
		expect(network.hubProblem).toMatchObject({ key: 'sync.error.mixedContent' });
		expect(hubStatus(sync.status)).toBeUndefined();
	});

	it('uses no hub when no signaling address is a hub’s', async () => {
		vi.stubGlobal('location', { protocol: 'http:' });
		vi.stubGlobal('crypto', insecureCrypto);
		const { network } = await setup(['ws://192.168.1.10:4444']);
		expect(network.hubUrl).toBeNull();
		expect(network.usesHub).toBe(false);
		expect(network.hubProblem).toBeNull();
	});

	it('connects through the hub on an insecure page, goes offline and back, and leaves the hub on key rotation', async () => {
		const { hub, appDir, dataDir } = await startTestHub();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir), () => hub.close());
		vi.stubGlobal('location', { protocol: 'http:' });
		vi.stubGlobal('crypto', insecureCrypto);
		vi.stubGlobal('WebSocket', WebSocket);
		const { network, sync } = await setup([`ws://127.0.0.1:${hub.port}/signaling`]);
		expect(network.unavailable).toEqual({ key: 'sync.error.insecureContext' });
		expect(network.usesHub).toBe(true);
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');

		network.goOffline();
		expect(network.usesHub).toBe(false);
		expect(hubStatus(sync.status)).toBeUndefined();
		network.reconnect();
		expect(network.usesHub).toBe(true);
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');

		const before = network.key;
		const after = await network.rotateKey();
		expect(after).not.toBe(before);
		expect(network.usesHub).toBe(false);
		expect(network.hubProblem).toEqual({ key: 'sync.error.hubRotated' });
		expect(hubStatus(sync.status)).toBeUndefined();
		// Going offline and back does not bring back a hub that would refuse the new key.
		network.goOffline();
		network.reconnect();
		expect(network.usesHub).toBe(false);
		expect(network.hubProblem).toEqual({ key: 'sync.error.hubRotated' });
	});
});
