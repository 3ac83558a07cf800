import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSession, resetDatabase } from '$lib/storage';
import { LiveNetwork } from '$lib/live/live-network.svelte';
import { HubOutageRecord } from '$lib/live/hub-outage-record';
import { SessionSyncEngine, type SyncStatus } from '$lib/sync';
import { removeDir, startDevice, startTestHub, until, TEST_HUB_CODE } from '../hub/hub-fixtures';

/**
 * `LiveNetwork` and the venue hub: attached when a signaling address is a hub's and the page may
 * open it (mixed content), without WebCrypto; dropped by "work offline", back on reconnect;
 * carried along on key rotation (the hub re-pins the session to the new key, even when the
 * renewal happened while this device was offline).
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

async function setup(signaling: string[], options: { hubCode?: string | null; now?: () => number; outageRecord?: HubOutageRecord } = {}) {
	const row = await createSession({ title: 'Essai', kit: { id: 'kit', version: '1.0.0', hash: 'abcdef0123456789' }, agendaId: 'a', language: 'fr-CA' });
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId: row.id, key: row.syncKey, device: { id: 'device-1', role: 'facilitator', name: 'Tablette' } });
	cleanups.push(() => sync.destroy());
	const network = new LiveNetwork(sync, { signaling, hubCode: options.hubCode ?? null, now: options.now, outageRecord: options.outageRecord });
	return { row, sync, network };
}

/**
 * A test hub (its folders removed after the test; closing it is the caller's, which may restart it)
 * and a page as on the hub's plain-http origin: no WebCrypto, Node's WebSocket.
 */
async function hubForInsecurePage() {
	const started = await startTestHub();
	cleanups.push(() => removeDir(started.appDir), () => removeDir(started.dataDir));
	vi.stubGlobal('location', { protocol: 'http:' });
	vi.stubGlobal('crypto', insecureCrypto);
	vi.stubGlobal('WebSocket', WebSocket);
	return started;
}

const hubStatus = (status: SyncStatus) => status.transports.find((t) => t.kind === 'hub')?.status;

function waitFor(sync: SessionSyncEngine, test: (status: SyncStatus) => boolean): Promise<void> {
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

	it('connects through the hub on an insecure page, goes offline and back, and keeps the hub across key rotations', async () => {
		const { hub } = await hubForInsecurePage();
		cleanups.push(() => hub.close());
		// This device holds the hub code (Réglages): it brings the session to the hub.
		const { network, sync } = await setup([`ws://127.0.0.1:${hub.port}/signaling`], { hubCode: TEST_HUB_CODE });
		expect(network.unavailable).toEqual({ key: 'sync.error.insecureContext' });
		expect(network.usesHub).toBe(true);
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');

		network.goOffline();
		expect(network.usesHub).toBe(false);
		expect(hubStatus(sync.status)).toBeUndefined();
		network.reconnect();
		expect(network.usesHub).toBe(true);
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');

		// A phone on the first key, then a renewal: the hub follows this device, the phone is cut off.
		const phone = startDevice({ url: `ws://127.0.0.1:${hub.port}/sync`, sessionId: sync.sessionId, key: network.key });
		cleanups.push(() => phone.destroy());
		await until(() => phone.transport.connected, 5000, 'old-key phone on the hub');
		expect(network.keyRenewedWithHub).toBe(false);
		const before = network.key;
		const after = await network.rotateKey();
		expect(after).not.toBe(before);
		expect(network.keyRenewedWithHub).toBe(true);
		expect(network.usesHub).toBe(true);
		await until(() => phone.transport.status.state === 'unavailable', 5000, 'old-key phone cut off');
		expect(phone.transport.status.message).toEqual({ key: 'sync.error.hubKeyRenewed' });
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');
		expect(network.hubProblem).toBeNull();
		const newPhone = startDevice({ url: `ws://127.0.0.1:${hub.port}/sync`, sessionId: sync.sessionId, key: after });
		cleanups.push(() => newPhone.destroy());
		newPhone.notes.set('p', 'du téléphone');
		await until(() => sync.doc.getMap('notes').get('p') === 'du téléphone', 5000, 'new-key phone reaches this device');

		// Renewed while offline: the next hub transport re-pins from the key the hub holds.
		network.goOffline();
		const third = await network.rotateKey();
		expect(network.usesHub).toBe(false);
		network.reconnect();
		expect(network.usesHub).toBe(true);
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');
		await until(() => newPhone.transport.status.state === 'unavailable', 5000, 'second-key phone cut off');
		const last = startDevice({ url: `ws://127.0.0.1:${hub.port}/sync`, sessionId: sync.sessionId, key: third });
		cleanups.push(() => last.destroy());
		await until(() => last.notes.get('p') === 'du téléphone', 5000, 'third-key phone reads the session');
	});

	it('remembers since when the hub has been unreachable, and forgets it when the hub answers again', async () => {
		const first = await hubForInsecurePage();
		const { appDir, dataDir } = first;
		let now = 1_000;
		const { network, sync } = await setup([`ws://127.0.0.1:${first.hub.port}/signaling`], { hubCode: TEST_HUB_CODE, now: () => now });
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');
		expect(network.hubUnreachableSince).toBeNull();

		await first.hub.close();
		await waitFor(sync, (s) => hubStatus(s)?.message?.key === 'sync.error.hubUnreachable');
		expect(network.hubUnreachableSince).toBe(1_000);
		// Later failed attempts keep the start of the outage.
		now = 200_000;
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connecting');
		expect(network.hubUnreachableSince).toBe(1_000);

		const again = await startTestHub({ appDir, dataDir, port: first.hub.port });
		cleanups.push(() => again.hub.close());
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected');
		expect(network.hubUnreachableSince).toBeNull();
		// Working offline drops the hub: no outage to report.
		network.goOffline();
		expect(network.hubUnreachableSince).toBeNull();
		network.destroy();
	});

	it('goes on counting an outage on the next screen of the tab (a new LiveNetwork), from its start', async () => {
		const first = await hubForInsecurePage();
		const { appDir, dataDir } = first;
		const store = new Map<string, string>();
		const outageRecord = new HubOutageRecord({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) });
		let now = 1_000;
		const signaling = [`ws://127.0.0.1:${first.hub.port}/signaling`];
		const screen = await setup(signaling, { hubCode: TEST_HUB_CODE, now: () => now, outageRecord });
		await waitFor(screen.sync, (s) => hubStatus(s)?.state === 'connected');
		await first.hub.close();
		await waitFor(screen.sync, (s) => hubStatus(s)?.message?.key === 'sync.error.hubUnreachable');
		expect(screen.network.hubUnreachableSince).toBe(1_000);
		// Three minutes later the facilitator opens another screen (its own sync and network, whose
		// hub transport says "connected" for a moment while attaching): since when, not "just now".
		now = 181_000;
		screen.network.destroy();
		screen.sync.destroy();
		const sync = new SessionSyncEngine({ doc: new Y.Doc(), sessionId: screen.row.id, key: screen.row.syncKey, device: { id: 'device-1', role: 'facilitator', name: 'Tablette' } });
		cleanups.push(() => sync.destroy());
		const next = new LiveNetwork(sync, { signaling, hubCode: TEST_HUB_CODE, now: () => now + 5_000, outageRecord });
		await waitFor(sync, (s) => hubStatus(s)?.message?.key === 'sync.error.hubUnreachable');
		expect(next.hubUnreachableSince).toBe(1_000);

		// The hub answers: the record is cleared, a later outage starts its own clock.
		const again = await startTestHub({ appDir, dataDir, port: first.hub.port });
		cleanups.push(() => again.hub.close());
		await waitFor(sync, (s) => hubStatus(s)?.state === 'connected' && next.hubUnreachableSince === null);
		expect(next.hubUnreachableSince).toBeNull();
		expect(outageRecord.resume(`ws://127.0.0.1:${first.hub.port}/sync`, now)).toBeNull();
		next.destroy();
	});
});
