/**
 * One session as the hub holds it: a Y.Doc (the backup replica), the `UpdateGuard` every
 * client update goes through, an Awareness relay, the on-disk log, and the connected clients.
 *
 * The hub is a peer in the frame protocol (`wire-protocol.ts`) towards each client: it answers
 * hello with hello + sync-step1, serves sync-step2 parts, and forwards every doc update to the
 * other clients. It never holds the session key: its hello echoes the key tag the client sent
 * (every client of a session has passed the same token check, hence holds the same key).
 *
 * Acknowledgement: an update is relayed to other clients only after it is on disk, so anything
 * another device has received through the hub survives a SIGKILL of the hub. Step-2 answers
 * likewise wait for pending writes.
 *
 * Kit frames: a device asking for the session's kit gets it from the hub when it is one of the
 * app's bundled kits (`bundled-kit-source.ts`, sent paced in chunks like any peer does), else
 * `kit-unavailable`; the hub does not relay kit frames between clients.
 *
 * Outgoing updates are merged and sent at most every `flushIntervalMs` (presence every 100 ms), so a client's
 * per-peer rate limit (`DEFAULT_RATE_LIMIT`) is never hit by a hub relaying for 60 phones.
 *
 * Any size: payloads larger than one frame travel as `part` frames both ways (`stream-parts.ts`;
 * one assembler for all clients of the session, so its memory bound holds for the session), and
 * each client has its own `SendPacer` (its rate allowance, the socket's buffer).
 *
 * Disk quota: an update that would take the session (or the hub's data folder) past its quota
 * (`disk-quota.ts`) is not applied: its sender is dropped with `HUB_CLOSE.quotaExceeded`, nothing
 * is written, what is stored stays. Updates that bring nothing new still pass (a device's state
 * exchange), so devices keep reading the session.
 *
 * Evidence: after anything a client sends, the hub tells its clients the state vector it holds
 * once the log holding it is on disk (`state` frame), so a device shows the hub as up to date only
 * for what the hub has stored.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { encodeFrame, parseFrame, type FrameBody, randomEndpointId, UpdateGuard, SYNC_LIMITS, SendPacer, PartAssembler, splitIntoParts, readStateVector, sameBytes, KitExchange, HUB_CLOSE, type PartKind, type KitCarrier } from '../lib/protocol';
import type { KitZipLookup } from './bundled-kit-source';
import { SessionLog, type SessionLogOptions } from './session-log';
import { RECORD_HEADER_BYTES } from './durable-files';
import type { DiskQuota, QuotaExceeded } from './disk-quota';
import type { HubLogger } from './hub-logger';

/** The connection side of a client, provided by the sync endpoint. */
export interface ClientSocket {
	/** Short id for logs (never contribution text). */
	readonly id: string;
	send(frame: Uint8Array): void;
	/** Close the connection with a code and a short reason. */
	drop(code: number, reason: string): void;
	/** Bytes queued in the socket, not yet sent. */
	bufferedAmount(): number;
}

export interface HubReplicaOptions {
	log?: SessionLogOptions;
	/** The kits the hub can send to a device that lacks one (the app's bundled kits), by hash. */
	kits?: KitZipLookup;
	flushIntervalMs?: number;
	/** The hub's disk quotas; none: unbounded. */
	quota?: DiskQuota;
	logger: HubLogger;
}

export const HUB_DEVICE = { id: 'tablee-hub', role: 'station', name: 'Tablée hub' } as const;
const CLOSE_MALFORMED = HUB_CLOSE.malformed;
const PAYLOAD_LIMIT = SYNC_LIMITS.messageBytes - 1024;

class ClientState {
	endpoint: string | null = null;
	/** This client as the kit exchange sees it (created on its first kit request). */
	kitCarrier: KitCarrier | null = null;
	tag: Uint8Array | null = null;
	awarenessIn = new Set<number>();
	readonly pacer: SendPacer;
	/** The last step 1 answered, to answer a repeat once. */
	answered: { stateVector: Uint8Array; at: number } | null = null;
	constructor(readonly socket: ClientSocket) {
		this.pacer = new SendPacer({ post: (bytes) => socket.send(bytes), buffered: () => socket.bufferedAmount() });
	}
}

export class HubReplica {
	readonly id: string;
	readonly doc = new Y.Doc();
	readonly endpointId = randomEndpointId();
	#guard: UpdateGuard;
	#awareness: Awareness;
	#log: SessionLog;
	#clients = new Map<ClientSocket, ClientState>();
	#logger: HubLogger;
	#flushIntervalMs: number;
	#awarenessIntervalMs: number;
	/** Durable updates and changed presence ids waiting for the next relay tick. */
	#outUpdates: { update: Uint8Array; origin: ClientState | null }[] = [];
	#outAwareness = new Set<number>();
	#lastUpdateFlush = 0;
	#timers: { updates: ReturnType<typeof setTimeout> | null; awareness: ReturnType<typeof setTimeout> | null } = { updates: null, awareness: null };
	#relayed = 0;
	#closed = false;
	/** True while the disk state is replayed: those updates are already in the log. */
	#loading = false;
	#kits: KitExchange;
	#assembler = new PartAssembler<ClientState>();
	#streamId = 0;
	#stateTimer: ReturnType<typeof setTimeout> | null = null;
	#quota: DiskQuota | null;
	/** Writes refused for the quota since the hub started (for the log). */
	#quotaRefusals = 0;

	private constructor(id: string, log: SessionLog, options: HubReplicaOptions) {
		this.id = id;
		this.#log = log;
		this.#logger = options.logger;
		this.#flushIntervalMs = options.flushIntervalMs ?? 20;
		this.#quota = options.quota ?? null;
		this.#awarenessIntervalMs = Math.max(this.#flushIntervalMs, 100);
		this.#guard = new UpdateGuard(this.doc);
		// The hub only serves kits; it never asks for one, hence no carriers to ask.
		this.#kits = new KitExchange(() => [], Date.now, options.kits ?? null);
		this.#awareness = new Awareness(this.doc);
		this.#awareness.setLocalState(null);
		this.doc.on('update', this.#onDocUpdate);
		this.#awareness.on('update', this.#onAwarenessUpdate);
	}

	/** Loads the session from `dir` (snapshot + log) and opens its log for appending. */
	static async load(id: string, dir: string, options: HubReplicaOptions): Promise<HubReplica> {
		let doc: Y.Doc | null = null;
		const quota = options.quota;
		const log = quota ? { ...options.log, onSize: (bytes: number) => quota.set(id, 'log', bytes) } : options.log;
		const loaded = await SessionLog.open(dir, () => Y.encodeStateAsUpdate(doc!), log);
		const session = new HubReplica(id, loaded.log, options);
		doc = session.doc;
		let failed = 0;
		session.#loading = true;
		session.doc.transact(() => {
			for (const update of loaded.updates) {
				try {
					Y.applyUpdate(session.doc, update, 'disk');
				} catch {
					failed++;
				}
			}
		}, 'disk');
		session.#loading = false;
		session.#guard.destroy();
		session.#guard = new UpdateGuard(session.doc);
		options.logger('session.loaded', {
			session: id,
			records: loaded.updates.length,
			discardedBytes: loaded.discardedBytes,
			failedRecords: failed
		});
		return session;
	}

	get clientCount(): number {
		return this.#clients.size;
	}
	get relayedUpdates(): number {
		return this.#relayed;
	}
	get sessionLog(): SessionLog {
		return this.#log;
	}

	addClient(socket: ClientSocket): void {
		this.#clients.set(socket, new ClientState(socket));
	}

	removeClient(socket: ClientSocket): void {
		const state = this.#clients.get(socket);
		if (!state) return;
		this.#clients.delete(socket);
		state.pacer.close();
		this.#assembler.drop(state);
		if (state.awarenessIn.size > 0) removeAwarenessStates(this.#awareness, [...state.awarenessIn], 'leave');
	}

	/** Bytes from a client; anything invalid drops that client, the doc stays untouched. */
	receive(socket: ClientSocket, bytes: Uint8Array): void {
		const state = this.#clients.get(socket);
		if (!state) return;
		const frame = parseFrame(bytes, SYNC_LIMITS.messageBytes);
		if (!frame) return this.#drop(state, 'malformed frame', bytes.byteLength);
		switch (frame.type) {
			case 'hello': {
				const known = state.endpoint === frame.from;
				state.endpoint = frame.from;
				state.tag = frame.keyTag;
				if (known && !frame.wantReply) return;
				this.#send(state, this.#hello(state, false));
				this.#send(state, { type: 'sync-step1', stateVector: Y.encodeStateVector(this.doc) });
				const ids = [...this.#awareness.getStates().keys()];
				if (ids.length > 0) this.#send(state, { type: 'awareness', update: encodeAwarenessUpdate(this.#awareness, ids) });
				return;
			}
			case 'bye':
				state.endpoint = null;
				return;
			default:
				break;
		}
		if (state.endpoint === null) return;
		switch (frame.type) {
			case 'sync-step1':
				void this.#answerStep1(state, frame.stateVector);
				return;
			case 'sync-step2':
			case 'update':
				return this.#applyFrom(state, frame.update);
			case 'part': {
				const outcome = this.#assembler.accept(state, frame);
				if (outcome.status === 'refused' && outcome.reason === 'malformed') return this.#drop(state, 'malformed part', frame.bytes.byteLength);
				if (outcome.status === 'refused') this.#logger('stream.refused', { session: this.id, client: state.socket.id, reason: 'busy', bytes: frame.size });
				if (outcome.status === 'done') this.#applyFrom(state, outcome.payload);
				return;
			}
			case 'state':
				// What a client holds matters to the client's own status, not to the hub's relaying.
				if (!readStateVector(frame.stateVector)) this.#drop(state, 'malformed state vector', frame.stateVector.byteLength);
				return;
			case 'awareness':
				try {
					applyAwarenessUpdate(this.#awareness, frame.update, state);
				} catch {
					this.#drop(state, 'malformed awareness', frame.update.byteLength);
				}
				return;
			// Kits travel between devices (`kit-exchange.ts`); the hub sends bundled kits only and
			// relays nothing, so anything else is declined at once and the device asks another peer.
			case 'kit-request':
				this.#kits.receive(this.#carrier(state), state.endpoint, { type: 'kit-request', hash: frame.hash });
				return;
			case 'kit-chunk':
			case 'kit-unavailable':
				return;
		}
	}

	#applyFrom(state: ClientState, update: Uint8Array): void {
		const over = this.#quota?.wouldExceed(this.id, 'log', this.#log.diskBytes + RECORD_HEADER_BYTES + update.byteLength) ?? null;
		if (over !== null && !this.#bringsNothing(update)) return this.#refuseWrite(state, over, update.byteLength);
		const result = this.#guard.apply(update, state);
		if (!result.ok) return this.#drop(state, `update ${result.problem.key}`, update.byteLength);
		this.#scheduleState();
	}

	/**
	 * True when `update` holds no struct the doc lacks and no deletion (checked only near the
	 * quota: decoding costs). A deletion may be known already; it is counted as a write anyway.
	 */
	#bringsNothing(update: Uint8Array): boolean {
		try {
			const { structs, ds } = Y.decodeUpdate(update);
			if (ds.clients.size > 0) return false;
			const known = Y.decodeStateVector(Y.encodeStateVector(this.doc));
			return structs.every((s) => s.id.clock + s.length <= (known.get(s.id.client) ?? 0));
		} catch {
			return false;
		}
	}

	#refuseWrite(state: ClientState, over: QuotaExceeded, bytes: number): void {
		this.#quotaRefusals++;
		const limit = over === 'session' ? this.#quota!.limits.sessionBytes : this.#quota!.limits.totalBytes;
		const used = over === 'session' ? this.#quota!.used(this.id) : this.#quota!.totalUsed;
		this.#logger('session.quotaExceeded', { session: this.id, client: state.socket.id, quota: over, bytes, usedBytes: used, limitBytes: limit, refusals: this.#quotaRefusals });
		this.removeClient(state.socket);
		state.socket.drop(HUB_CLOSE.quotaExceeded, over === 'session' ? 'disk quota of this session reached' : 'disk quota of the hub reached');
	}

	/**
	 * Tells every client what the hub holds, once that is on disk: the state vector is read now,
	 * and sent after the log has flushed every update applied so far.
	 */
	#scheduleState(): void {
		if (this.#stateTimer !== null || this.#closed) return;
		this.#stateTimer = setTimeout(() => {
			this.#stateTimer = null;
			if (this.#closed) return;
			const stateVector = Y.encodeStateVector(this.doc);
			void this.#log.flushed().then(
				() => {
					if (!this.#closed) this.#broadcast({ type: 'state', stateVector });
				},
				() => {}
			);
		}, Math.max(this.#flushIntervalMs, 50));
	}

	#carrier(state: ClientState): KitCarrier {
		if (state.kitCarrier) return state.kitCarrier;
		const peer = (): { id: string }[] => (state.endpoint && this.#clients.has(state.socket) ? [{ id: state.endpoint }] : []);
		state.kitCarrier = {
			carriesKits: true,
			get peers() {
				return peer();
			},
			sendKitFrame: (peerId, body) => {
				if (this.#closed || state.endpoint !== peerId || !this.#clients.has(state.socket)) return false;
				this.#send(state, body);
				return true;
			},
			refusePeer: () => this.#drop(state, 'bad kit', 0)
		};
		return state.kitCarrier;
	}

	/** Forgets the stream a client was sending (it went over its rate; it sends again later). */
	dropStream(socket: ClientSocket): void {
		const state = this.#clients.get(socket);
		if (state) this.#assembler.drop(state);
	}

	/** Closes every client (a key renewal: they all hold the old token); returns how many. */
	dropAllClients(code: number, reason: string): number {
		const sockets = [...this.#clients.keys()];
		for (const socket of sockets) {
			this.removeClient(socket);
			socket.drop(code, reason);
		}
		return sockets.length;
	}

	/** Keeps each client's peer entry for the hub alive (clients forget silent peers). */
	heartbeat(): void {
		for (const state of this.#clients.values()) if (state.tag) this.#send(state, this.#hello(state, false));
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		for (const timer of Object.values(this.#timers)) if (timer) clearTimeout(timer);
		if (this.#stateTimer) clearTimeout(this.#stateTimer);
		for (const state of this.#clients.values()) state.pacer.close();
		this.#assembler.clear();
		this.#kits.close();
		this.#clients.clear();
		this.doc.off('update', this.#onDocUpdate);
		this.#awareness.destroy();
		this.#guard.destroy();
		await this.#log.close();
		this.doc.destroy();
	}

	async #answerStep1(state: ClientState, stateVector: Uint8Array): Promise<void> {
		// A device asks twice with the same state vector when it connects (its step 1, then again
		// in its reply to the hub's hello): one answer, a whole session is big.
		const now = Date.now();
		if (state.answered && now - state.answered.at < 3_000 && sameBytes(state.answered.stateVector, stateVector)) return;
		state.answered = { stateVector, at: now };
		await this.#log.flushed().catch(() => {});
		if (!this.#clients.has(state.socket)) return;
		let update: Uint8Array;
		try {
			if (!readStateVector(stateVector)) throw new Error('not a state vector');
			update = Y.encodeStateAsUpdate(this.doc, stateVector);
		} catch {
			return this.#drop(state, 'malformed state vector', stateVector.byteLength);
		}
		this.#sendPayload([state], 'sync-step2', update);
	}

	/** One frame when it fits, else a stream of parts (encoded once, shared by every recipient). */
	#sendPayload(recipients: ClientState[], kind: PartKind, payload: Uint8Array): void {
		if (payload.byteLength > SYNC_LIMITS.documentBytes) {
			this.#logger('stream.tooLarge', { session: this.id, bytes: payload.byteLength });
			return;
		}
		if (payload.byteLength <= PAYLOAD_LIMIT) {
			const frame = encodeFrame(this.endpointId, '', kind === 'sync-step2' ? { type: 'sync-step2', update: payload } : { type: 'update', update: payload });
			for (const state of recipients) state.pacer.push({ to: '', size: frame.byteLength, bytes: frame });
			return;
		}
		const stream = (this.#streamId = (this.#streamId + 1) % 0xffffffff);
		for (const part of splitIntoParts(stream, kind, payload)) {
			let frame: Uint8Array | null = null;
			// Encoded when the first recipient's pacer gets to it, then shared.
			const encode = () => (frame ??= encodeFrame(this.endpointId, '', { type: 'part', ...part }));
			for (const state of recipients) state.pacer.push({ to: '', size: part.bytes.byteLength + 64, encode });
		}
	}

	#hello(state: ClientState, wantReply: boolean): FrameBody {
		return { type: 'hello', keyTag: state.tag!, deviceId: HUB_DEVICE.id, role: HUB_DEVICE.role, name: HUB_DEVICE.name, wantReply };
	}

	#send(state: ClientState, body: FrameBody): void {
		const frame = encodeFrame(this.endpointId, state.endpoint ?? '', body);
		state.pacer.push({ to: '', size: frame.byteLength, bytes: frame });
	}

	#drop(state: ClientState, reason: string, bytes: number): void {
		this.#logger('client.dropped', { session: this.id, client: state.socket.id, reason, bytes });
		this.removeClient(state.socket);
		state.socket.drop(CLOSE_MALFORMED, reason);
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (this.#loading) return;
		const from = origin instanceof ClientState ? origin : null;
		const persisted = this.#log.append(update).catch((error: unknown) => {
			// Keep relaying (the workshop goes on); the failure is visible in the hub's log.
			this.#logger('log.writeFailed', { session: this.id, bytes: update.byteLength, error: String((error as NodeJS.ErrnoException)?.code ?? 'error') });
		});
		void persisted.then(() => {
			this.#relayed++;
			this.#outUpdates.push({ update, origin: from });
			// Throttle with a leading edge: after a quiet spell the update goes out at once (what
			// arrived in the same turn shares the frame); under load, one frame per interval.
			const wait = Math.max(0, this.#lastUpdateFlush + this.#flushIntervalMs - Date.now());
			this.#timers.updates ??= setTimeout(() => this.#flushUpdates(), wait);
		});
	};

	#onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
		if (origin instanceof ClientState) {
			for (const id of [...change.added, ...change.updated]) origin.awarenessIn.add(id);
			for (const id of change.removed) origin.awarenessIn.delete(id);
		}
		for (const id of [...change.added, ...change.updated, ...change.removed]) this.#outAwareness.add(id);
		this.#timers.awareness ??= setTimeout(() => this.#flushAwareness(), this.#awarenessIntervalMs);
	};

	/**
	 * One merged update per tick, the same frame for every client (addressed to all: `to` = '').
	 * Its sender gets its own changes back, which its guard recognises as known (no change):
	 * cheaper than merging a different set per client. Past one frame, each update is streamed to
	 * every client but its sender.
	 */
	#flushUpdates(): void {
		this.#timers.updates = null;
		this.#lastUpdateFlush = Date.now();
		const queue = this.#outUpdates;
		this.#outUpdates = [];
		if (queue.length === 0 || this.#closed) return;
		const size = queue.reduce((sum, entry) => sum + entry.update.byteLength, 0);
		if (size <= PAYLOAD_LIMIT) {
			const merged = queue.length === 1 ? queue[0]!.update : Y.mergeUpdates(queue.map((entry) => entry.update));
			return this.#sendPayload(this.#listening(), 'update', merged);
		}
		// Large: each update goes to everyone but the device it came from (a merged session file
		// is not worth sending back to the tablet that merged it).
		for (const { update, origin } of queue) this.#sendPayload(this.#listening().filter((state) => state !== origin), 'update', update);
	}

	#listening(): ClientState[] {
		return [...this.#clients.values()].filter((state) => state.endpoint !== null);
	}

	#flushAwareness(): void {
		this.#timers.awareness = null;
		const ids = [...this.#outAwareness].filter((id) => this.#awareness.meta.has(id));
		this.#outAwareness.clear();
		if (ids.length === 0 || this.#closed) return;
		this.#broadcast({ type: 'awareness', update: encodeAwarenessUpdate(this.#awareness, ids) });
	}

	#broadcast(body: FrameBody): void {
		const frame = encodeFrame(this.endpointId, '', body);
		for (const state of this.#listening()) state.pacer.push({ to: '', size: frame.byteLength, bytes: frame });
	}
}
