import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { BroadcastChannelTransport, LinkTransport, SessionSyncEngine, generateSessionKey, listRevokedDevices, type ByteLink, type SyncState } from '$lib/sync';
import { contributionIds, rawNote } from './domain-ops';
import { SimNetwork, startReplica, stopReplica, makeDevice, testSeed, NO_RATE_LIMIT, SESSION_ID, SESSION_KEY, type Replica } from './sync-fixtures';

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

function tab(index: number, key = SESSION_KEY, sessionId = SESSION_ID) {
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId, key, device: makeDevice(index) });
	const states: SyncState[] = [];
	sync.on('status', (s) => states.push(s.state));
	const transport = new BroadcastChannelTransport({ heartbeatMs: 0 });
	sync.addTransport(transport);
	cleanups.push(() => {
		sync.destroy();
		doc.destroy();
	});
	return { doc, sync, states, transport };
}

describe('BroadcastChannel transport (Node)', () => {
	it('syncs two docs both ways and reports caught-up', async () => {
		const a = tab(1);
		a.doc.getMap('contributions').set('before', 'a');
		const b = tab(2);
		await b.sync.whenSynced;
		await until(() => a.sync.state === 'caught-up' && b.doc.getMap('contributions').get('before') === 'a', 'initial sync');
		b.doc.getMap('contributions').set('after', 'b');
		await until(() => a.doc.getMap('contributions').get('after') === 'b', 'b -> a');
		// Up to date once b has said it holds what a holds now, not merely on receipt.
		await until(() => a.sync.state === 'caught-up' && b.sync.state === 'caught-up', 'each to confirm its state to the other');
		expect(a.sync.peers).toMatchObject([{ deviceId: 'device-2', role: 'station', deviceName: 'Tablette 2', transport: 'broadcast-channel', synced: true }]);
		expect(b.states).toContain('syncing');
		expect(b.states.at(-1)).toBe('caught-up');
		expect(a.sync.lastExchange).not.toBeNull();
	});

	it('keeps sessions and keys apart; a key rotation drops old-key tabs', async () => {
		const a = tab(1);
		const b = tab(2);
		const other = tab(3, SESSION_KEY, 'another-session');
		await until(() => a.sync.state === 'caught-up' && b.sync.state === 'caught-up', 'pairing');
		expect(other.sync.state).toBe('connecting');
		const newKey = generateSessionKey();
		a.sync.rotateKey(newKey);
		await until(() => a.sync.peers.length === 0 && b.sync.peers.length === 0, 'old-key peer to drop');
		a.doc.getMap('contributions').set('secret', 1);
		await new Promise((r) => setTimeout(r, 50));
		expect(b.doc.getMap('contributions').has('secret')).toBe(false);
		b.sync.rotateKey(newKey);
		await until(() => b.doc.getMap('contributions').get('secret') === 1, 'new-key sync');
		expect(a.sync.key).toBe(newKey);
	});

	it('destroy undoes everything', async () => {
		const doc = new Y.Doc();
		const baseline = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;
		const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(1) });
		sync.addTransport(new BroadcastChannelTransport());
		const b = tab(2);
		await until(() => sync.state === 'caught-up', 'pairing');
		sync.destroy();
		expect((doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0).toBe(baseline);
		await until(() => b.sync.peers.length === 0, 'goodbye');
		doc.getMap('contributions').set('late', 1);
		await new Promise((r) => setTimeout(r, 30));
		expect(b.doc.getMap('contributions').has('late')).toBe(false);
		expect(sync.transports).toEqual([]);
	});
});

describe('SessionSyncEngine status and revocation', () => {
	let replicas: Replica[] = [];
	afterEach(() => {
		for (const r of replicas) stopReplica(r);
		replicas = [];
	});

	it('goes offline -> connecting -> syncing -> caught-up', () => {
		const doc = new Y.Doc();
		const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
		cleanups.push(() => sync.destroy());
		expect(sync.state).toBe('offline');
		const seed = testSeed('status');
		const net = new SimNetwork(prng.create(seed));
		replicas = [startReplica(net, 0, [1]), startReplica(net, 1, [0])];
		const seen: SyncState[] = [replicas[0]!.sync.state];
		replicas[0]!.sync.on('status', (s) => seen.push(s.state));
		replicas[0]!.sync.resync();
		net.drain(prng.create(seed), 0);
		expect(seen[0]).toBe('connecting');
		expect(seen).toContain('syncing');
		expect(seen.indexOf('syncing')).toBeLessThan(seen.lastIndexOf('caught-up'));
		expect(seen.at(-1)).toBe('caught-up');
	});

	it('a change whose every frame was lost is repaired, however quiet both sides stay afterwards', () => {
		vi.useFakeTimers();
		try {
			const seed = testSeed('lost change');
			const gen = prng.create(seed);
			const net = new SimNetwork(gen);
			replicas = [startReplica(net, 0, [1]), startReplica(net, 1, [0])];
			net.settle(gen, 0);
			expect(replicas.map((r) => r.sync.state)).toEqual(['caught-up', 'caught-up']);
			// The link fails exactly while A writes: the update and A's state announcement are lost,
			// and B, with nothing new, never says anything either.
			net.cut(0, 1);
			rawNote(replicas[0]!.doc, 'lost-note', 'écrite pendant la coupure');
			net.settle(gen, 0, 50);
			expect(replicas[0]!.sync.state, `seed ${seed}`).toBe('syncing');
			net.healAll();
			net.settle(gen, 0);
			expect(contributionIds(replicas[1]!.doc).has('contributions:lost-note'), `seed ${seed}`).toBe(true);
			expect(replicas.map((r) => r.sync.state), `seed ${seed}`).toEqual(['caught-up', 'caught-up']);
		} finally {
			vi.useRealTimers();
		}
	});

	it('refuses a revoked device and stops a device that learns it was revoked', () => {
		const seed = testSeed('revocation');
		const gen = prng.create(seed);
		const net = new SimNetwork(gen);
		replicas = [startReplica(net, 0, [1, 2]), startReplica(net, 1, [0]), startReplica(net, 2, [0])];
		net.drain(gen);
		const [hub, kept, revoked] = replicas as [Replica, Replica, Replica];
		expect(hub.sync.peers.map((p) => p.deviceId).sort()).toEqual(['device-1', 'device-2']);
		let told = 0;
		revoked.sync.on('revoked', () => told++);
		hub.sync.revokeDevice('device-2');
		expect(hub.sync.peers.map((p) => p.deviceId)).toEqual(['device-1']);
		net.drain(gen);
		expect(listRevokedDevices(kept.doc)).toMatchObject([{ deviceId: 'device-2', by: 'device-0' }]);
		expect(told).toBe(1);
		expect(revoked.sync.status).toMatchObject({ state: 'offline', revoked: true });
		// Its own contributions stay on it; new ones no longer travel.
		revoked.doc.getMap('contributions').set('after-revocation', 1);
		net.drain(gen);
		expect(hub.doc.getMap('contributions').has('after-revocation')).toBe(false);
		// A restarted revoked device is refused at hello time.
		stopReplica(revoked);
		replicas[2] = startReplica(net, 2, [0]);
		const rejected: string[] = [];
		hub.sync.on('rejected', (e) => rejected.push(e.reason));
		net.drain(gen);
		expect(rejected).toContain('revoked');
		expect(hub.sync.peers.map((p) => p.deviceId)).toEqual(['device-1']);
	});

	it('forgets a silent peer after the timeout and re-pairs by heartbeat when the link returns', async () => {
		let plugged = true;
		const handlers: ((b: unknown) => void)[] = [];
		const link = (self: number): ByteLink => ({
			send: (bytes) => {
				if (plugged) setTimeout(() => handlers[1 - self]?.(bytes.slice()), 0);
			},
			listen: (h) => ((handlers[self] = h), () => delete handlers[self])
		});
		const sides = [0, 1].map((i) => {
			const doc = new Y.Doc();
			const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(i) });
			sync.addTransport(new LinkTransport({ link: link(i), rateLimit: NO_RATE_LIMIT, heartbeatMs: 20, peerTimeoutMs: 70 }));
			cleanups.push(() => sync.destroy());
			return { doc, sync };
		});
		const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
		await until(() => a.sync.state === 'caught-up' && b.sync.state === 'caught-up', 'pairing');
		plugged = false;
		await until(() => a.sync.peers.length === 0 && b.sync.peers.length === 0, 'timeout of the silent peer');
		expect(a.sync.state).toBe('connecting');
		a.doc.getMap('contributions').set('while-apart', 1);
		plugged = true;
		await until(() => b.doc.getMap('contributions').get('while-apart') === 1 && a.sync.state === 'caught-up', 're-pairing');
	});

	it('validates its options', () => {
		const doc = new Y.Doc();
		expect(() => new SessionSyncEngine({ doc, sessionId: 'bad id', key: SESSION_KEY, device: makeDevice(0) })).toThrow(RangeError);
		expect(() => new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: 'x', device: makeDevice(0) })).toThrow(RangeError);
		expect(() => new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: { id: 'd', role: 'boss' as never, name: 'x' } })).toThrow(RangeError);
	});
});

describe('large exchanges', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('streams a first exchange over the message limit in parts the peer accepts', () => {
		const seed = testSeed('large exchange');
		const gen = prng.create(seed);
		const net = new SimNetwork(gen);
		const a = startReplica(net, 0, [1]);
		cleanups.push(() => stopReplica(a));
		// Two devices' worth of content, 700 KB each: 1.4 MB in all, over the 1 MiB limit.
		for (const author of ['x', 'y']) {
			const other = new Y.Doc();
			other.getMap('contributions').set(author, 'z'.repeat(700 * 1024));
			Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(other));
		}
		const b = startReplica(net, 1, [0]);
		cleanups.push(() => stopReplica(b));
		const rejected: string[] = [];
		for (const r of [a, b]) r.sync.on('rejected', (e) => rejected.push(e.reason));
		net.settle(gen);
		expect(rejected, `seed ${seed}`).toEqual([]);
		expect(String(b.doc.getMap('contributions').get('x')).length).toBe(700 * 1024);
		expect(String(b.doc.getMap('contributions').get('y')).length).toBe(700 * 1024);
		// A live change over the limit travels as a stream too.
		const sizes: number[] = [];
		a.doc.on('update', (u: Uint8Array) => sizes.push(u.byteLength));
		a.doc.transact(() => {
			for (const [key, fill] of [['w', 'q'], ['v', 'r']] as const) {
				const big = new Y.Doc();
				big.getMap('contributions').set(key, fill.repeat(600 * 1024));
				Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(big));
			}
		});
		expect(sizes[0]).toBeGreaterThan(1024 * 1024);
		net.settle(gen);
		expect(rejected, `seed ${seed}`).toEqual([]);
		expect(String(b.doc.getMap('contributions').get('v')).length).toBe(600 * 1024);
	});
});
