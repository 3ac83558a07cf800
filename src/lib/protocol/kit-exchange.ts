/**
 * Kits travelling with the session: a device that lacks the session's kit asks its peers for it
 * by content hash and receives it in chunks over the frame transports (same-device tabs, QR links,
 * hub links). `SessionSyncEngine` owns one `KitExchange`; transports hand it the kit frames of
 * registered peers only (peers whose hello carried the session's key tag).
 *
 * Sending: only hashes registered with `provide` are served (the session's own kit), paced at
 * `KIT_TRANSFER_LIMITS.chunksPerTick` per `tickMs` so a receiver's rate limit is never reached,
 * at most `concurrentSends` at once; anything else is answered `kit-unavailable`.
 *
 * Receiving: one peer at a time. Chunks must agree with the first one (same size and count, no
 * index twice), else the peer is refused (blocked by its transport). Once complete, the zip goes to
 * the caller's `accept` (unzip, hash check, import through the library's validated path); a zip
 * that fails there refuses the peer too. Silence, `kit-unavailable` or a refused peer move on to
 * the next peer; peers that declined are asked again after `retryMs` (they may have received the
 * kit since). The request gives up after `timeoutMs` without progress.
 */
import { fail, ok, type Problem, type Result } from '../result';
import { KIT_TRANSFER_LIMITS } from './sync-limits';
import { isKitHash, kitChunkCount, type KitChunkBody, type KitFrameBody } from './wire-protocol';

/** A transport that can carry kit frames to its registered peers (every `FrameTransport`). */
export interface KitCarrier {
	readonly carriesKits: true;
	readonly peers: readonly { readonly id: string }[];
	/** False when `peerId` is not a registered peer. */
	sendKitFrame(peerId: string, body: KitFrameBody): boolean;
	/** Blocks a peer that sent a bad kit. */
	refusePeer(peerId: string): void;
}

export interface KitFrameSink {
	receive(carrier: KitCarrier, peerId: string, body: KitFrameBody): void;
}

export function isKitCarrier(transport: unknown): transport is KitCarrier {
	return typeof transport === 'object' && transport !== null && (transport as Partial<KitCarrier>).carriesKits === true;
}

/** How a session names its kit (the session header holds all three). */
export interface KitRef {
	id: string;
	version: string;
	hash: string;
}

/**
 * What the caller did with a complete zip. `peer`: the zip is not the kit asked for (invalid, other
 * hash): the sender is refused and the next peer asked. `local`: this device could not store it.
 * Either may say why in `params.reason` (already in the person's words).
 */
export type KitAcceptResult = Result<void, Problem<'peer' | 'local'>>;

export interface KitProgress {
	received: number;
	size: number;
}

export interface KitRequestOptions {
	accept(zip: Uint8Array): Promise<KitAcceptResult>;
	onProgress?(progress: KitProgress): void;
	signal?: AbortSignal;
	/** Give up after this long without any chunk (default 30 s). */
	timeoutMs?: number;
	/** Move to another peer after this long without a chunk from the one asked (default 8 s). */
	peerTimeoutMs?: number;
	/** Ask a peer that declined or went silent again after this long (default 5 s). */
	retryMs?: number;
}

/**
 * noPeers: no peer of the session was reached. notFound: peers were reached but none sent a valid
 * kit in time. local: the kit arrived but could not be stored (`params.reason`). aborted: cancelled.
 */
export type KitRequestOutcome = Result<void, Problem<'noPeers' | 'notFound' | 'aborted' | 'closed' | 'local'>>;

type Loader = () => Promise<Uint8Array | null>;

interface Outgoing {
	carrier: KitCarrier;
	peerId: string;
	hash: string;
	zip: Uint8Array;
	next: number;
	timer: ReturnType<typeof setTimeout> | null;
}

export class KitExchange implements KitFrameSink {
	#carriers: () => readonly KitCarrier[];
	#now: () => number;
	#provided = new Map<string, { load: Loader; pending: Promise<Uint8Array | null> | null }>();
	#outgoing = new Map<string, Outgoing>();
	#requests = new Set<KitRequest>();
	#closed = false;

	#lookup: ((hash: string) => Promise<Uint8Array | null>) | null;

	/** `lookup`: serves any hash it finds a zip for, besides those given to `provide` (the hub's bundled kits). */
	constructor(carriers: () => readonly KitCarrier[], now: () => number = () => Date.now(), lookup: ((hash: string) => Promise<Uint8Array | null>) | null = null) {
		this.#carriers = carriers;
		this.#now = now;
		this.#lookup = lookup;
	}

	/** Serve the kit with content hash `hash` to peers that ask; `load` returns its zip (or null). */
	provide(hash: string, load: Loader): () => void {
		if (!isKitHash(hash)) throw new RangeError('kit exchange: invalid kit hash');
		const entry = { load, pending: null };
		this.#provided.set(hash, entry);
		return () => {
			if (this.#provided.get(hash) === entry) this.#provided.delete(hash);
		};
	}

	/** Transfers being sent right now (tests, status). */
	get sending(): number {
		return this.#outgoing.size;
	}

	request(ref: KitRef, options: KitRequestOptions): Promise<KitRequestOutcome> {
		if (!isKitHash(ref.hash)) throw new RangeError('kit exchange: invalid kit hash');
		if (this.#closed) return Promise.resolve(fail('closed'));
		return new Promise((resolve) => {
			const request = new KitRequest(ref.hash, options, this.#carriers, this.#now, (outcome) => {
				this.#requests.delete(request);
				resolve(outcome);
			});
			this.#requests.add(request);
			request.start();
		});
	}

	/** The peers of some transport changed: a waiting request may find someone to ask. */
	peersChanged(): void {
		for (const r of this.#requests) r.tick();
	}

	receive(carrier: KitCarrier, peerId: string, body: KitFrameBody): void {
		if (this.#closed) return;
		if (body.type === 'kit-request') return void this.#serve(carrier, peerId, body.hash);
		for (const r of this.#requests) r.receive(carrier, peerId, body);
	}

	close(): void {
		this.#closed = true;
		for (const r of [...this.#requests]) r.finish(fail('closed'));
		for (const o of this.#outgoing.values()) if (o.timer) clearTimeout(o.timer);
		this.#outgoing.clear();
		this.#provided.clear();
	}

	async #serve(carrier: KitCarrier, peerId: string, hash: string): Promise<void> {
		const key = `${this.#carrierId(carrier)}\u0000${peerId}\u0000${hash}`;
		// The peer asks again (it lost chunks, or restarted): start over.
		this.#stopSend(key);
		const lookup = this.#lookup;
		const provided = this.#provided.get(hash) ?? (lookup ? { load: () => lookup(hash), pending: null } : undefined);
		if (!provided || this.#outgoing.size >= KIT_TRANSFER_LIMITS.concurrentSends) {
			carrier.sendKitFrame(peerId, { type: 'kit-unavailable', hash });
			return;
		}
		// The slot is taken before loading, so concurrent requests cannot all pass the check.
		const out: Outgoing = { carrier, peerId, hash, zip: new Uint8Array(0), next: 0, timer: null };
		this.#outgoing.set(key, out);
		provided.pending ??= provided.load().catch(() => null);
		const zip = await provided.pending;
		if (!zip) provided.pending = null;
		if (this.#closed || this.#outgoing.get(key) !== out) return;
		if (!zip || zip.byteLength === 0 || zip.byteLength > KIT_TRANSFER_LIMITS.zipBytes) {
			this.#outgoing.delete(key);
			carrier.sendKitFrame(peerId, { type: 'kit-unavailable', hash });
			return;
		}
		out.zip = zip;
		this.#pump(key, out);
	}

	#carrierIds = new WeakMap<KitCarrier, number>();
	#nextCarrierId = 0;
	#carrierId(carrier: KitCarrier): number {
		let id = this.#carrierIds.get(carrier);
		if (id === undefined) this.#carrierIds.set(carrier, (id = this.#nextCarrierId++));
		return id;
	}

	#pump(key: string, out: Outgoing): void {
		out.timer = null;
		if (this.#outgoing.get(key) !== out) return;
		const { chunkBytes, chunksPerTick, tickMs } = KIT_TRANSFER_LIMITS;
		const total = kitChunkCount(out.zip.byteLength);
		for (let sent = 0; sent < chunksPerTick && out.next < total; sent++) {
			const index = out.next++;
			const bytes = out.zip.subarray(index * chunkBytes, Math.min(out.zip.byteLength, (index + 1) * chunkBytes));
			const chunk: KitChunkBody = { hash: out.hash, index, total, size: out.zip.byteLength, bytes };
			// The peer left: stop sending to nobody.
			if (!out.carrier.sendKitFrame(out.peerId, { type: 'kit-chunk', ...chunk })) return this.#stopSend(key);
		}
		if (out.next >= total) return this.#stopSend(key);
		out.timer = setTimeout(() => this.#pump(key, out), tickMs);
	}

	#stopSend(key: string): void {
		const out = this.#outgoing.get(key);
		if (out?.timer) clearTimeout(out.timer);
		this.#outgoing.delete(key);
	}
}

interface Incoming {
	carrier: KitCarrier;
	peerId: string;
	/** The zip being assembled (allocated on the first chunk, within the kit limits). */
	zip: Uint8Array | null;
	got: Uint8Array;
	size: number;
	received: number;
	lastChunk: number;
	checking: boolean;
}

/** One kit being fetched. */
class KitRequest {
	#hash: string;
	#options: KitRequestOptions;
	#carriers: () => readonly KitCarrier[];
	#now: () => number;
	#done: (outcome: KitRequestOutcome) => void;
	/** When each peer was last asked without success (per carrier). */
	#asked = new WeakMap<KitCarrier, Map<string, number>>();
	#current: Incoming | null = null;
	#lastProgress: number;
	#sawPeer = false;
	#timer: ReturnType<typeof setInterval> | null = null;
	#finished = false;
	#timeoutMs: number;
	#peerTimeoutMs: number;
	#retryMs: number;

	constructor(hash: string, options: KitRequestOptions, carriers: () => readonly KitCarrier[], now: () => number, done: (o: KitRequestOutcome) => void) {
		this.#hash = hash;
		this.#options = options;
		this.#carriers = carriers;
		this.#now = now;
		this.#done = done;
		this.#lastProgress = now();
		this.#timeoutMs = options.timeoutMs ?? 30_000;
		this.#peerTimeoutMs = options.peerTimeoutMs ?? 8_000;
		this.#retryMs = options.retryMs ?? 5_000;
	}

	start(): void {
		const { signal } = this.#options;
		if (signal?.aborted) return this.finish(fail('aborted'));
		signal?.addEventListener('abort', this.#onAbort);
		const every = Math.max(20, Math.min(250, this.#peerTimeoutMs / 4, this.#retryMs / 4));
		this.#timer = setInterval(() => this.tick(), every);
		this.tick();
	}

	finish(outcome: KitRequestOutcome): void {
		if (this.#finished) return;
		this.#finished = true;
		if (this.#timer) clearInterval(this.#timer);
		this.#options.signal?.removeEventListener('abort', this.#onAbort);
		this.#current = null;
		this.#done(outcome);
	}

	#onAbort = () => this.finish(fail('aborted'));

	tick(): void {
		if (this.#finished) return;
		const now = this.#now();
		const current = this.#current;
		if (current && !current.checking) {
			const gone = !current.carrier.peers.some((p) => p.id === current.peerId);
			if (gone || now - current.lastChunk > this.#peerTimeoutMs) this.#moveOn(now);
		}
		if (this.#current) return;
		const next = this.#pickPeer(now);
		if (next) {
			this.#current = { carrier: next.carrier, peerId: next.peerId, zip: null, got: new Uint8Array(0), size: 0, received: 0, lastChunk: now, checking: false };
			if (!next.carrier.sendKitFrame(next.peerId, { type: 'kit-request', hash: this.#hash })) this.#moveOn(now);
			return;
		}
		if (now - this.#lastProgress > this.#timeoutMs) this.finish(fail(this.#sawPeer ? 'notFound' : 'noPeers'));
	}

	receive(carrier: KitCarrier, peerId: string, body: KitFrameBody): void {
		const current = this.#current;
		// Chunks nobody asked for (a peer given up on, another request) are ignored, not trusted.
		if (this.#finished || !current || current.checking || current.carrier !== carrier || current.peerId !== peerId) return;
		if (body.hash !== this.#hash) return;
		if (body.type === 'kit-unavailable') {
			this.#moveOn(this.#now());
			return this.tick();
		}
		if (body.type !== 'kit-chunk') return;
		if (!current.zip) {
			current.size = body.size;
			current.zip = new Uint8Array(body.size);
			current.got = new Uint8Array(body.total);
		}
		// parseFrame checked that the chunk fits its place in a zip of `size` bytes.
		if (body.size !== current.size || body.total !== current.got.length || current.got[body.index]) return this.#refuse();
		current.got[body.index] = 1;
		current.zip.set(body.bytes, body.index * KIT_TRANSFER_LIMITS.chunkBytes);
		current.received += body.bytes.byteLength;
		current.lastChunk = this.#lastProgress = this.#now();
		this.#options.onProgress?.({ received: current.received, size: current.size });
		if (current.received === current.size) void this.#complete(current, current.zip);
	}

	async #complete(current: Incoming, zip: Uint8Array): Promise<void> {
		current.checking = true;
		current.zip = null;
		let result: KitAcceptResult;
		try {
			result = await this.#options.accept(zip);
		} catch (error) {
			result = fail('local', { reason: error instanceof Error ? error.message : String(error) });
		}
		if (this.#finished || this.#current !== current) return;
		if (result.ok) return this.finish(ok());
		if (result.problem.key === 'local') return this.finish(fail('local', result.problem.params));
		this.#refuse();
	}

	/** The current peer sent a bad kit: its transport blocks it; ask someone else. */
	#refuse(): void {
		const current = this.#current;
		if (!current) return;
		this.#current = null;
		current.carrier.refusePeer(current.peerId);
		this.#lastProgress = this.#now();
		this.tick();
	}

	#moveOn(now: number): void {
		const current = this.#current;
		if (!current) return;
		this.#current = null;
		this.#askedOf(current.carrier).set(current.peerId, now);
	}

	#askedOf(carrier: KitCarrier): Map<string, number> {
		let asked = this.#asked.get(carrier);
		if (!asked) this.#asked.set(carrier, (asked = new Map()));
		return asked;
	}

	#pickPeer(now: number): { carrier: KitCarrier; peerId: string } | null {
		for (const carrier of this.#carriers()) {
			const asked = this.#askedOf(carrier);
			for (const peer of carrier.peers) {
				this.#sawPeer = true;
				const at = asked.get(peer.id);
				if (at === undefined || now - at >= this.#retryMs) return { carrier, peerId: peer.id };
			}
		}
		return null;
	}
}
