/**
 * Healing a partition: 30 tablets (seeded random mesh, about four links each, like y-webrtc's
 * partial mesh) split in two halves; every tablet writes 20 notes while cut off; then the links
 * come back and every tablet re-runs the state exchange. Measured: the time from healing until
 * all 30 documents are identical, for Tablée's sync (SessionSyncEngine + LinkTransport: framed, guarded,
 * rate-limited) and for a stock y-protocols baseline over the same simulated links (same
 * messages delivered in the same order, no checks). Budget: 2 s. Run with `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { SimNetwork, startReplica, stopReplica, testSeed } from '../unit/sync/sync-fixtures';
import { rawNote } from '../unit/sync/domain-ops';

const REPLICAS = 30;
const NOTES_EACH = 20;
const BUDGET_MS = 2000;

function mesh(gen: prng.PRNG, n: number, degree: number): number[][] {
	const adj: Set<number>[] = Array.from({ length: n }, () => new Set());
	const link = (a: number, b: number) => {
		if (a === b) return;
		adj[a]!.add(b);
		adj[b]!.add(a);
	};
	for (let i = 1; i < n; i++) link(i, prng.int32(gen, 0, i - 1));
	while (adj.reduce((s, x) => s + x.size, 0) / n < degree) link(prng.int32(gen, 0, n - 1), prng.int32(gen, 0, n - 1));
	return adj.map((s) => [...s]);
}

const half = (i: number) => i < REPLICAS / 2;

function cutHalves(net: SimNetwork, adj: number[][]): number {
	let cut = 0;
	adj.forEach((ns, i) => ns.forEach((j) => half(i) !== half(j) && i < j && (net.cut(i, j), cut++)));
	return cut;
}

function identical(docs: Y.Doc[]): boolean {
	const first = Y.encodeStateVector(docs[0]!).toString();
	return docs.every((d) => Y.encodeStateVector(d).toString() === first);
}

function report(name: string, ms: number): void {
	console.log(`${name}: ${ms.toFixed(1)} ms (budget ${BUDGET_MS} ms) ${ms <= BUDGET_MS ? 'OK' : 'OVER'}`);
}

/** Tablée: real SessionSyncEngine replicas with one LinkTransport per neighbour. */
function tablee(seed: number, adj: number[][]): { ms: number; notes: number } {
	const net = new SimNetwork(prng.create(seed));
	const replicas = adj.map((ns, i) => startReplica(net, i, ns));
	net.drain(net.gen, 0);
	cutHalves(net, adj);
	replicas.forEach((r) => {
		for (let k = 0; k < NOTES_EACH; k++) rawNote(r.doc, `n-${r.index}-${k}`, `Note ${k} de la tablette ${r.index}`);
	});
	net.drain(net.gen, 0);
	expect(identical(replicas.map((r) => r.doc)), 'halves differ from each other while cut').toBe(false);
	const start = performance.now();
	net.healAll();
	for (const r of replicas) r.sync.resync();
	net.drain(net.gen, 0);
	const ms = performance.now() - start;
	expect(identical(replicas.map((r) => r.doc)), `replicas converge after healing (seed ${seed})`).toBe(true);
	const notes = replicas[0]!.doc.getMap('contributions').size;
	replicas.forEach(stopReplica);
	return { ms, notes };
}

/** Baseline: plain Y.Docs speaking y-protocols sync directly over the same simulated links. */
function baseline(seed: number, adj: number[][]): { ms: number; notes: number } {
	const net = new SimNetwork(prng.create(seed));
	const docs = adj.map(() => new Y.Doc());
	const send = (from: number, to: number, bytes: Uint8Array) => net.link(from, to).send(bytes);
	const step1 = (from: number, to: number) => {
		const e = encoding.createEncoder();
		syncProtocol.writeSyncStep1(e, docs[from]!);
		send(from, to, encoding.toUint8Array(e));
	};
	adj.forEach((ns, i) => {
		const doc = docs[i]!;
		for (const j of ns) {
			net.link(i, j).listen((bytes) => {
				const e = encoding.createEncoder();
				syncProtocol.readSyncMessage(decoding.createDecoder(bytes as Uint8Array), e, doc, j);
				if (encoding.length(e) > 0) send(i, j, encoding.toUint8Array(e));
			});
		}
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			for (const j of ns) {
				if (j === origin) continue;
				const e = encoding.createEncoder();
				syncProtocol.writeUpdate(e, update);
				send(i, j, encoding.toUint8Array(e));
			}
		});
	});
	adj.forEach((ns, i) => ns.forEach((j) => step1(i, j)));
	net.drain(net.gen, 0);
	cutHalves(net, adj);
	docs.forEach((doc, i) => {
		for (let k = 0; k < NOTES_EACH; k++) {
			const m = new Y.Map<unknown>();
			m.set('text', `Note ${k} de la tablette ${i}`);
			doc.getMap('contributions').set(`n-${i}-${k}`, m);
		}
	});
	net.drain(net.gen, 0);
	const start = performance.now();
	net.healAll();
	adj.forEach((ns, i) => ns.forEach((j) => step1(i, j)));
	net.drain(net.gen, 0);
	const ms = performance.now() - start;
	expect(identical(docs), `baseline converges after healing (seed ${seed})`).toBe(true);
	const notes = docs[0]!.getMap('contributions').size;
	docs.forEach((d) => d.destroy());
	return { ms, notes };
}

describe('sync benchmark', () => {
	it(`${REPLICAS} tablets converge after a partition heals`, () => {
		const seed = testSeed('sync.bench');
		const adj = mesh(prng.create(seed), REPLICAS, 4);
		const links = adj.reduce((s, ns) => s + ns.length, 0) / 2;
		const runs = [0, 1, 2].map(() => tablee(seed, adj));
		const base = [0, 1, 2].map(() => baseline(seed, adj));
		for (const r of [...runs, ...base]) expect(r.notes).toBe(REPLICAS * NOTES_EACH);
		const best = (xs: { ms: number }[]) => Math.min(...xs.map((x) => x.ms));
		report(`sync heal, ${REPLICAS} tablets, ${links} links, ${REPLICAS * NOTES_EACH} notes (Tablée)`, best(runs));
		report(`sync heal, ${REPLICAS} tablets, ${links} links, ${REPLICAS * NOTES_EACH} notes (y-protocols baseline)`, best(base));
	});
});
