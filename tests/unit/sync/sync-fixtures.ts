/**
 * Factories for sync tests: session replicas wired with real `LinkTransport`s over a simulated
 * network whose links can reorder, duplicate, drop and be cut.
 */
import { vi } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { SessionSyncEngine, LinkTransport, generateSessionKey, type ByteLink, type LocalDevice, type RateLimit } from '$lib/sync';

export const NO_RATE_LIMIT: RateLimit = { messagesBurst: 1e12, messagesPerSecond: 1e12, bytesBurst: 1e15, bytesPerSecond: 1e15 };

/** The seed of a randomised test: env SYNC_SEED when set, else random; always printed. */
export function testSeed(name: string): number {
	const fromEnv = process.env.SYNC_SEED;
	const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
	console.log(`[${name}] seed ${seed} (replay with SYNC_SEED=${seed})`);
	return seed;
}

type Handler = (bytes: unknown) => void;

interface Edge {
	queue: Uint8Array[];
	handler: Handler | null;
	cut: boolean;
}

/** Directed queues between replicas; delivery is driven by the test, never by timers. */
export class SimNetwork {
	#edges = new Map<string, Edge>();
	constructor(readonly gen: prng.PRNG) {}

	#edge(from: number, to: number): Edge {
		const k = `${from}>${to}`;
		let e = this.#edges.get(k);
		if (!e) this.#edges.set(k, (e = { queue: [], handler: null, cut: false }));
		return e;
	}

	/** The byte link replica `self` uses to talk to replica `other`. */
	link(self: number, other: number): ByteLink {
		return {
			send: (bytes) => {
				const e = this.#edge(self, other);
				if (!e.cut) e.queue.push(bytes.slice());
			},
			listen: (onBytes) => {
				const e = this.#edge(other, self);
				e.handler = onBytes;
				return () => {
					if (e.handler === onBytes) e.handler = null;
				};
			}
		};
	}

	cut(a: number, b: number): void {
		for (const e of [this.#edge(a, b), this.#edge(b, a)]) {
			e.cut = true;
			e.queue = [];
		}
	}

	healAll(): void {
		for (const e of this.#edges.values()) e.cut = false;
	}

	dropInFlight(): void {
		for (const e of this.#edges.values()) e.queue = [];
	}

	pending(): number {
		let n = 0;
		for (const e of this.#edges.values()) n += e.queue.length;
		return n;
	}

	/** Delivers one message from a random non-empty queue, with reordering, duplication, drops. */
	step(chaos: { reorder: number; duplicate: number; drop: number }): boolean {
		const busy = [...this.#edges.values()].filter((e) => e.queue.length > 0);
		if (busy.length === 0) return false;
		const e = prng.oneOf(this.gen, busy);
		const reorder = prng.real53(this.gen) < chaos.reorder;
		const i = reorder ? prng.int32(this.gen, 0, Math.min(e.queue.length, 4) - 1) : 0;
		const msg = e.queue[i]!;
		const r = prng.real53(this.gen);
		if (r < chaos.drop) {
			e.queue.splice(i, 1);
			return true;
		}
		if (r >= chaos.drop + chaos.duplicate) e.queue.splice(i, 1);
		e.handler?.(msg.slice());
		return true;
	}

	/**
	 * Delivers everything and runs the transports' timers (state announcements, repairs, paced
	 * sends: tests using this call `vi.useFakeTimers()`) until nothing is left to deliver or run.
	 */
	settle(gen: prng.PRNG, reorder = 0.3, maxRounds = 600): void {
		for (let round = 0; round < maxRounds; round++) {
			this.drain(gen, reorder);
			if (vi.getTimerCount() === 0) return;
			vi.advanceTimersByTime(100);
		}
		if (this.pending() > 0) throw new Error('network does not settle');
	}

	/** Delivers everything (with reordering only) until no message is left. */
	drain(gen: prng.PRNG, reorder = 0.3, max = 200_000): void {
		let n = 0;
		while (this.step({ reorder, duplicate: 0, drop: 0 })) {
			if (++n > max) throw new Error('network does not quiesce');
		}
		void gen;
	}
}

export function makeDevice(i: number, role: LocalDevice['role'] = 'station'): LocalDevice {
	return { id: `device-${i}`, role, name: `Tablette ${i}` };
}

export interface Replica {
	index: number;
	doc: Y.Doc;
	sync: SessionSyncEngine;
	transports: Map<number, LinkTransport>;
}

export const SESSION_ID = 'session-test';
export const SESSION_KEY = generateSessionKey();

/** A replica connected by one `LinkTransport` per neighbour. */
export function startReplica(net: SimNetwork, index: number, neighbours: number[], state?: Uint8Array): Replica {
	const doc = new Y.Doc();
	// Seeded client ids make a failing seed replay exactly (conflict order depends on them).
	doc.clientID = prng.uint32(net.gen, 1, 2 ** 31);
	if (state) Y.applyUpdate(doc, state);
	const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(index) });
	const transports = new Map<number, LinkTransport>();
	for (const n of neighbours) {
		const t = new LinkTransport({ link: net.link(index, n), rateLimit: NO_RATE_LIMIT, heartbeatMs: 0 });
		transports.set(n, t);
		sync.addTransport(t);
	}
	return { index, doc, sync, transports };
}

/** The state vector of `doc` as a map. */
export function stateOf(doc: Y.Doc): Map<number, number> {
	return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** `a` holds everything `b` holds (every clock of `b` reached in `a`). */
export function covers(a: Map<number, number>, b: Map<number, number>): boolean {
	return [...b].every(([client, clock]) => (a.get(client) ?? 0) >= clock);
}

/**
 * Every peer that `replica` reports as up to date must hold everything `replica` holds. Peers are
 * found by their endpoint among the live replicas' transports (a crashed replica's old endpoint
 * is gone; its link closing is what tells real devices). Returns how many claims were checked.
 */
export function checkSyncedClaims(replica: Replica, replicas: readonly Replica[], where: string): number {
	let checked = 0;
	const mine = stateOf(replica.doc);
	for (const peer of replica.sync.peers) {
		if (!peer.synced) continue;
		const owner = replicas.find((r) => [...r.transports.values()].some((t) => t.endpointId === peer.id));
		if (!owner) continue;
		checked++;
		if (!covers(stateOf(owner.doc), mine)) {
			throw new Error(`replica ${replica.index} claims replica ${owner.index} is up to date, which lacks part of its state: ${where}`);
		}
	}
	return checked;
}

export function stopReplica(r: Replica): void {
	r.sync.destroy();
	r.doc.destroy();
}
