/**
 * Property-based convergence: 2–8 replicas joined by real `LinkTransport`s over a simulated
 * network (reordering, duplication, drops, partitions, healing), random workshop operations
 * through the session model's typed operations,
 * and crash-restarts from state persisted at random points. After healing every replica must
 * hold the same document and state vector, every acknowledged contribution must be present and
 * nothing that was never created may appear. After every step, no replica may report a peer as up
 * to date while that peer lacks part of its state (`checkSyncedClaims`). Transports' timers
 * (state announcements, repairs, pacing) run on fake timers, advanced by the test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { SimNetwork, checkSyncedClaims, startReplica, stopReplica, testSeed, type Replica } from './sync-fixtures';
import { contributionIds, docSnapshot, makeModel, randomOp, rawNote } from './domain-ops';
import type { SessionDocModel } from '$lib/session';

const RUNS = 240;
const CHAOS = { reorder: 0.35, duplicate: 0.1, drop: 0.1 };

function topology(gen: prng.PRNG, n: number): number[][] {
	const adj: Set<number>[] = Array.from({ length: n }, () => new Set());
	for (let i = 1; i < n; i++) {
		const j = prng.int32(gen, 0, i - 1);
		adj[i]!.add(j);
		adj[j]!.add(i);
	}
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			if (prng.real53(gen) < 0.3) {
				adj[i]!.add(j);
				adj[j]!.add(i);
			}
		}
	}
	return adj.map((s) => [...s]);
}

function sameVector(a: Y.Doc, b: Y.Doc): boolean {
	const va = Y.decodeStateVector(Y.encodeStateVector(a));
	const vb = Y.decodeStateVector(Y.encodeStateVector(b));
	return va.size === vb.size && [...va].every(([c, k]) => vb.get(c) === k);
}

function converged(replicas: Replica[]): boolean {
	const [first, ...rest] = replicas;
	const snap = docSnapshot(first!.doc);
	return rest.every((r) => sameVector(first!.doc, r.doc) && docSnapshot(r.doc) === snap);
}

function runOnce(seed: number, run: number): number {
	const gen = prng.create(seed + run);
	const where = `seed ${seed} run ${run} (SYNC_SEED=${seed})`;
	const n = prng.int32(gen, 2, 8);
	const adj = topology(gen, n);
	const net = new SimNetwork(gen);
	const replicas = adj.map((neighbours, i) => startReplica(net, i, neighbours));
	let time = 1_700_000_000_000;
	const now = () => time;
	const models: SessionDocModel[] = replicas.map((r) => makeModel(r.doc, `device-${r.index}`, gen, now));
	const persisted: (Uint8Array | undefined)[] = new Array(n).fill(undefined);
	const created = new Set<string>();
	const steps = prng.int32(gen, 30, 90);
	let claims = 0;
	for (let s = 0; s < steps; s++) {
		const r = prng.real53(gen);
		const i = prng.int32(gen, 0, n - 1);
		const replica = replicas[i]!;
		time += prng.int32(gen, 0, 30_000);
		if (r < 0.45) {
			for (const id of randomOp(models[i]!, gen)) created.add(id);
		} else if (r < 0.75) {
			const k = prng.int32(gen, 1, 20);
			for (let m = 0; m < k; m++) net.step(CHAOS);
			vi.advanceTimersByTime(prng.int32(gen, 0, 4_000));
		} else if (r < 0.82) {
			persisted[i] = Y.encodeStateAsUpdate(replica.doc);
		} else if (r < 0.87) {
			models[i]!.destroy();
			stopReplica(replica);
			replicas[i] = startReplica(net, i, adj[i]!, persisted[i]);
			models[i] = makeModel(replicas[i]!.doc, `device-${i}`, gen, now);
		} else if (r < 0.93) {
			const neighbours = adj[i]!;
			if (neighbours.length > 0) net.cut(i, prng.oneOf(gen, neighbours));
		} else if (r < 0.97) {
			net.healAll();
			replica.sync.resync();
		} else {
			replica.sync.resync();
		}
		for (const r of replicas) claims += checkSyncedClaims(r, replicas, `${where} step ${s}`);
	}
	// What live replicas hold now is acknowledged: it must survive healing.
	const acknowledged = new Set<string>();
	for (const r of replicas) for (const id of contributionIds(r.doc)) acknowledged.add(id);
	net.healAll();
	net.dropInFlight();
	for (let round = 0; round < 4 && !(round > 0 && converged(replicas)); round++) {
		for (const r of replicas) r.sync.resync();
		net.settle(gen);
	}
	for (const r of replicas) claims += checkSyncedClaims(r, replicas, `${where} healed`);
	try {
		expect(converged(replicas), `replicas differ after healing: ${where}`).toBe(true);
		const final = contributionIds(replicas[0]!.doc);
		for (const id of acknowledged) expect(final.has(id), `acknowledged ${id} lost: ${where}`).toBe(true);
		for (const id of final) expect(created.has(id), `unexpected ${id}: ${where}`).toBe(true);
		for (const r of replicas) expect(r.sync.state, `replica ${r.index} state: ${where}`).toBe('caught-up');
	} finally {
		for (const m of models) m.destroy();
		for (const r of replicas) stopReplica(r);
	}
	return claims;
}

describe('sync convergence (property-based)', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it(`converges after chaos, partitions and crash-restarts (${RUNS} runs)`, () => {
		const seed = testSeed('convergence');
		let claims = 0;
		for (let run = 0; run < RUNS; run++) claims += runOnce(seed, run);
		// The claims check must have had something to check.
		expect(claims).toBeGreaterThan(RUNS);
	}, 120_000);

	it('gives a replica restored from an older state its lost edits back', () => {
		const seed = testSeed('restore');
		const gen = prng.create(seed);
		const net = new SimNetwork(gen);
		let a = startReplica(net, 0, [1]);
		const b = startReplica(net, 1, [0]);
		try {
			rawNote(a.doc, 'early', 'kept');
			net.settle(gen);
			const old = Y.encodeStateAsUpdate(a.doc);
			const lost = new Set<string>();
			for (let k = 0; k < 10; k++) {
				rawNote(a.doc, `late-${k}`, `note ${k}`);
				lost.add(`contributions:late-${k}`);
			}
			net.settle(gen);
			stopReplica(a);
			a = startReplica(net, 0, [1], old);
			const before = contributionIds(a.doc);
			for (const id of lost) expect(before.has(id), `seed ${seed}`).toBe(false);
			net.settle(gen);
			const after = contributionIds(a.doc);
			for (const id of lost) expect(after.has(id), `seed ${seed}: ${id} not restored`).toBe(true);
			expect(docSnapshot(a.doc)).toBe(docSnapshot(b.doc));
		} finally {
			stopReplica(a);
			stopReplica(b);
		}
	});
});
