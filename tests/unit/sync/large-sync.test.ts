/**
 * Sync at the sizes a long day reaches and past them: sessions of 2–20 MB, one device with more
 * than a frame (1 MiB) of new content, single updates over 256 KiB, over simulated links with
 * drops and partitions (what QR links and WebRTC data channels carry) and over same-device tabs
 * (a real BroadcastChannel). The hub's side is in tests/unit/hub/hub-large.test.ts. After every
 * step, no replica may claim a peer is up to date while that peer lacks part of its state.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { BroadcastChannelTransport, SessionSyncEngine, SYNC_LIMITS, type SyncStatus } from '$lib/sync';
import { SimNetwork, checkSyncedClaims, covers, makeDevice, startReplica, stateOf, stopReplica, testSeed, SESSION_ID, SESSION_KEY, type Replica } from './sync-fixtures';
import { contributionIds, rawNote } from './domain-ops';

const CHAOS = { reorder: 0.2, duplicate: 0.05, drop: 0.05 };

/** Notes of `chars` characters from `authors` devices (one Yjs client each) until `bytes` of state. */
function bulkSession(gen: prng.PRNG, bytes: number, chars: number, authors: number): Y.Doc {
	const doc = new Y.Doc();
	const letters = 'abcdefghijklmnopqrstuvwxyzéèàç ';
	const sources = Array.from({ length: authors }, () => {
		const d = new Y.Doc();
		d.clientID = prng.uint32(gen, 1, 2 ** 31);
		return d;
	});
	// Random words rather than random letters: as cheap to make, and as hard to compress.
	const words = Array.from({ length: 512 }, () => Array.from({ length: prng.int32(gen, 2, 9) }, () => letters[prng.int32(gen, 0, letters.length - 1)]).join(''));
	let size = 0;
	for (const source of sources) source.on('update', (u: Uint8Array) => (size += u.byteLength));
	for (let n = 0; size < bytes; n++) {
		let text = '';
		while (text.length < chars) text += `${words[prng.int32(gen, 0, words.length - 1)]} `;
		rawNote(sources[n % authors]!, `bulk-${n}`, text.slice(0, chars));
	}
	for (const s of sources) Y.applyUpdate(doc, Y.encodeStateAsUpdate(s));
	return doc;
}

function sameDocs(replicas: Replica[]): boolean {
	const first = stateOf(replicas[0]!.doc);
	return replicas.every((r) => {
		const s = stateOf(r.doc);
		return covers(s, first) && covers(first, s);
	});
}

describe('large sessions over links (simulated network with drops and partitions)', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	for (const megabytes of [2, 20]) {
		it(`a ${megabytes} MB session and a single update over a frame reach every replica; claims stay true`, () => {
			const seed = testSeed(`large links ${megabytes} MB`);
			const gen = prng.create(seed);
			const where = `seed ${seed} (SYNC_SEED=${seed})`;
			const net = new SimNetwork(gen);
			// Long notes for the big session (the guaranteed maximum has 2,000-character notes).
			const source = bulkSession(gen, megabytes * 1024 * 1024, megabytes > 5 ? 2000 : 120, 6);
			const replicas = [startReplica(net, 0, [1, 2], Y.encodeStateAsUpdate(source)), startReplica(net, 1, [0, 2]), startReplica(net, 2, [0, 1])];
			source.destroy();
			let claims = 0;
			try {
				// One device writes more than a frame in a single transaction (a merged file).
				const merged = bulkSession(gen, SYNC_LIMITS.messageBytes + 64 * 1024, 500, 1);
				const sizes: number[] = [];
				replicas[1]!.doc.on('update', (u: Uint8Array) => sizes.push(u.byteLength));
				Y.applyUpdate(replicas[1]!.doc, Y.encodeStateAsUpdate(merged));
				expect(sizes[0], where).toBeGreaterThan(SYNC_LIMITS.messageBytes);
				merged.destroy();
				for (let step = 0; step < 400; step++) {
					const r = prng.real53(gen);
					if (r < 0.02) net.cut(prng.int32(gen, 0, 2), prng.int32(gen, 0, 2));
					else if (r < 0.05) net.healAll();
					else if (r < 0.08) rawNote(replicas[prng.int32(gen, 0, 2)]!.doc, `live-${step}`, `note ${step}`);
					else for (let k = 0; k < 5; k++) net.step(CHAOS);
					if (step % 10 === 0) vi.advanceTimersByTime(500);
					for (const replica of replicas) claims += checkSyncedClaims(replica, replicas, `${where} step ${step}`);
				}
				net.healAll();
				for (let round = 0; round < 4 && (round === 0 || !sameDocs(replicas)); round++) net.settle(gen, 0.2);
				expect(sameDocs(replicas), `replicas differ: ${where}`).toBe(true);
				for (const replica of replicas) claims += checkSyncedClaims(replica, replicas, `${where} healed`);
				const ids = contributionIds(replicas[0]!.doc);
				for (const replica of replicas.slice(1)) expect(contributionIds(replica.doc).size, where).toBe(ids.size);
				for (const replica of replicas) expect(replica.sync.state, `${where} replica ${replica.index}`).toBe('caught-up');
				expect(claims).toBeGreaterThan(0);
			} finally {
				for (const replica of replicas) stopReplica(replica);
			}
		}, 120_000);
	}
});

describe('large sessions between same-device tabs (BroadcastChannel)', () => {
	it('a 5 MB session reaches a new tab with progress, then an update of 2 MB does; up to date only after', async () => {
		const seed = testSeed('large tabs');
		const gen = prng.create(seed);
		const source = bulkSession(gen, 5 * 1024 * 1024, 120, 4);
		const tabs: { doc: Y.Doc; sync: SessionSyncEngine; statuses: SyncStatus[] }[] = [];
		const open = (index: number, state?: Uint8Array) => {
			const doc = new Y.Doc();
			if (state) Y.applyUpdate(doc, state);
			const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(index) });
			const statuses: SyncStatus[] = [];
			sync.on('status', (s) => statuses.push(s));
			sync.addTransport(new BroadcastChannelTransport({ heartbeatMs: 0 }));
			const tab = { doc, sync, statuses };
			tabs.push(tab);
			return tab;
		};
		try {
			const a = open(0, Y.encodeStateAsUpdate(source));
			const b = open(1);
			const done = () => covers(stateOf(b.doc), stateOf(a.doc)) && a.sync.state === 'caught-up' && b.sync.state === 'caught-up';
			await vi.waitFor(() => expect(done(), `seed ${seed}`).toBe(true), { timeout: 30_000, interval: 20 });
			expect(b.statuses.some((s) => s.receiving !== null && s.receiving.received < s.receiving.total), 'progress shown').toBe(true);
			// No status said caught-up while the session was still arriving.
			const lying = b.statuses.filter((s) => s.state === 'caught-up' && s.receiving !== null);
			expect(lying.map((s) => JSON.stringify(s.peers)).join('\n')).toBe('');
			const merged = bulkSession(gen, 2 * 1024 * 1024, 300, 1);
			Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(merged));
			expect(a.sync.state).toBe('syncing');
			await vi.waitFor(() => expect(done(), `seed ${seed}`).toBe(true), { timeout: 30_000, interval: 20 });
			expect(contributionIds(b.doc).size).toBe(contributionIds(a.doc).size);
		} finally {
			source.destroy();
			for (const tab of tabs) {
				tab.sync.destroy();
				tab.doc.destroy();
			}
		}
	}, 60_000);
});
