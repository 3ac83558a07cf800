/**
 * The hub at real sizes: a device pushes a session far over one frame, a single update over a
 * frame follows, a fresh device and the hub's own folder get all of it; the pushing device calls
 * the hub up to date only while the hub holds everything it holds (the hub says so only once
 * that state is on disk).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateSessionKey, SYNC_LIMITS } from '$lib/sync';
import { until } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';
import { HubReplica } from '../../../src/hub/hub-replica';
import { join } from 'node:path';

const { cleanups, hubFor, device } = useHubCleanup();

const SESSION = 'atelier-grand';

function stateOf(doc: Y.Doc): Map<number, number> {
	return Y.decodeStateVector(Y.encodeStateVector(doc));
}

function covers(a: Map<number, number>, b: Map<number, number>): boolean {
	return [...b].every(([client, clock]) => (a.get(client) ?? 0) >= clock);
}

/** `count` notes of `chars` characters written by one fresh Yjs client, as one update. */
function notesUpdate(prefix: string, count: number, chars: number): Uint8Array {
	const doc = new Y.Doc();
	const notes = doc.getMap<string>('notes');
	doc.transact(() => {
		for (let i = 0; i < count; i++) notes.set(`${prefix}-${i}`, `${prefix} ${i} `.padEnd(chars, 'é'));
	});
	return Y.encodeStateAsUpdate(doc);
}

describe('venue hub at real sizes', () => {
	it('carries a 3 MB session and a single update over a frame to the hub, its disk and a fresh device', async () => {
		const { syncUrl, hub, dataDir } = await hubFor();
		const key = generateSessionKey();
		const a = device({ url: syncUrl, sessionId: SESSION, key, role: 'facilitator' });
		// A device with no claim broken: whenever it calls the hub up to date, the hub holds it all.
		let claims = 0;
		a.sync.on('status', (status) => {
			const hubPeer = status.peers.find((p) => p.transport === 'hub');
			const replica = hub.registry.get(SESSION);
			if (!hubPeer?.synced || !replica) return;
			claims++;
			if (!covers(stateOf(replica.doc), stateOf(a.doc))) throw new Error('device called the hub up to date while the hub lacked part of its state');
		});
		Y.applyUpdate(a.doc, notesUpdate('a', 6_000, 500));
		expect(Y.encodeStateAsUpdate(a.doc).byteLength).toBeGreaterThan(3 * SYNC_LIMITS.messageBytes);
		await until(() => a.sync.state === 'caught-up', 30_000, 'the hub to hold the session');
		expect(a.notes.size).toBe(6_000);
		expect(hub.registry.get(SESSION)!.doc.getMap('notes').size).toBe(6_000);

		const merged = notesUpdate('merged', 1_500, 800);
		expect(merged.byteLength).toBeGreaterThan(SYNC_LIMITS.messageBytes);
		Y.applyUpdate(a.doc, merged);
		expect(a.sync.state).toBe('syncing');
		const b = device({ url: syncUrl, sessionId: SESSION, key });
		const receiving: number[] = [];
		b.sync.on('status', (s) => {
			if (s.receiving) receiving.push(s.receiving.received / s.receiving.total);
		});
		await until(() => b.notes.size === 7_500 && b.sync.state === 'caught-up' && a.sync.state === 'caught-up', 30_000, 'the fresh device and the hub to hold everything');
		expect(receiving.some((r) => r > 0 && r < 1)).toBe(true);
		expect(claims).toBeGreaterThan(0);

		// What the hub stored on disk alone rebuilds the whole session.
		const session = await HubReplica.load(SESSION, join(dataDir, 'sessions', SESSION), { logger: () => {} });
		cleanups.push(() => session.close());
		expect(session.doc.getMap('notes').size).toBe(7_500);
	}, 60_000);
});
