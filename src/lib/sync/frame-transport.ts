/**
 * The protocol engine shared by every transport that carries our own binary frames
 * (`wire-protocol.ts`): same-device tabs, direct duplex links, and later QR-paired links and the
 * venue hub. Subclasses only open/close their medium, post frames, and hand received bytes to
 * `receive`.
 *
 * Conversation: on start a transport broadcasts `hello` (key tag + device) and `sync-step1`
 * (state vector). A peer is registered on a valid hello whose key tag matches; both sides then
 * exchange step1 -> step2 (missing updates) and afterwards stream `update`s. Everything received
 * is untrusted: size-bounded, parsed defensively, rate-limited per sender, and document updates
 * go through the session's `UpdateGuard`. A sender of anything invalid is blocked for the life of
 * this transport (on a shared medium "disconnect" means "ignore from now on").
 *
 * Any size: a step-2 answer or update larger than one frame travels as `part` frames
 * (`stream-parts.ts`), reassembled under a memory bound; everything sent goes through one
 * `SendPacer`, which keeps within the receiver's rate limit and the medium's send buffer.
 *
 * "Up to date" is evidence, not a connection: after any change, a device tells its peers its
 * state vector (`state`, debounced). A peer counts as synced only while the state vector it last
 * sent equals this device's (`state-evidence.ts`); a local edit makes every peer unsynced until it
 * answers with the new state. A peer still behind (or ahead) a few seconds after saying so is sent
 * what it lacks (or asked for what it has), with a back-off, which repairs anything lost on the way.
 */
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { encodeFrame, parseFrame, randomEndpointId, type Frame, type FrameBody, type HelloBody, type KitFrameBody } from '../protocol/wire-protocol';
import { keyTag, sameBytes } from './session-key';
import { PeerTable } from './peer-table';
import { DEFAULT_RATE_LIMIT, SYNC_LIMITS, type RateLimit } from '../protocol/sync-limits';
import { peekSender } from '../protocol/wire-peek';
import { SendPacer } from '../protocol/send-pacer';
import { PartAssembler, splitIntoParts } from '../protocol/stream-parts';
import { compareStates, localStateVector, readStateVector, sameState, type StateVector } from '../protocol/state-evidence';
import type { PartKind } from '../protocol/wire-protocol';
import type {
	KitCarrier,
	PeerInfo,
	RejectReason,
	SyncMessage,
	SyncContext,
	SyncTransport,
	TransportEvents,
	TransportKind,
	TransportStatus
} from './sync-types';

export interface FrameTransportOptions {
	rateLimit?: RateLimit;
	/** Re-announce every so often so silent peers can be detected; 0 turns it off. */
	heartbeatMs?: number;
	/** Forget a peer not heard from for this long; 0 turns it off. */
	peerTimeoutMs?: number;
	maxBytes?: number;
	/**
	 * The medium reaches exactly one remote at a time (a point-to-point link): a new endpoint
	 * on it supersedes the previous one (the remote restarted without a goodbye).
	 */
	singleRemote?: boolean;
}

/** A change is told to peers (`state`) this long after it, so a burst of changes costs one frame. */
const STATE_DELAY_MS = 100;
/** A peer still out of step this long after its last state is sent (or asked for) the difference. */
const REPAIR_AFTER_MS = 3_000;
const REPAIR_MAX_BACKOFF_MS = 30_000;

interface Evidence {
	state: StateVector;
	bytes: Uint8Array;
	at: number;
	/** Next time a repair may be tried, and the back-off after it. */
	repairAt: number;
	backoff: number;
}


export abstract class FrameTransport extends ObservableV2<TransportEvents> implements SyncTransport, KitCarrier {
	readonly carriesKits = true;
	abstract readonly kind: TransportKind;
	/** This endpoint's id on the medium; new for every transport instance. */
	readonly endpointId = randomEndpointId();
	protected ctx: SyncContext | null = null;
	protected key = '';
	#status: TransportStatus = { state: 'idle' };
	#peers: PeerTable;
	#tag: Uint8Array = new Uint8Array(8);
	#timer: ReturnType<typeof setInterval> | null = null;
	#options: Required<FrameTransportOptions>;
	#pacer: SendPacer;
	#assembler = new PartAssembler<string>();
	#evidence = new Map<string, Evidence>();
	/**
	 * Catch-ups sent per peer: when, and until when the peer may take to integrate it before a
	 * repair sends it again (a large session takes the receiver seconds to apply).
	 */
	#sentTo = new Map<string, { at: number; until: number }>();
	/** When each sender's last part arrived: a stream silent for long lost parts on the way. */
	#lastPartAt = new Map<string, number>();
	/** Peers asked for their state (no step 1 heard from them): next time, and the back-off. */
	#askedState = new Map<string, { at: number; backoff: number }>();
	/** The last step 1 answered per peer (see `#recentlyAnswered`). */
	#answered = new Map<string, { stateVector: Uint8Array; at: number }>();
	#streamId = 0;
	#stateTimer: ReturnType<typeof setTimeout> | null = null;
	#repairTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(options: FrameTransportOptions = {}) {
		super();
		this.#options = {
			rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
			heartbeatMs: options.heartbeatMs ?? 10_000,
			peerTimeoutMs: options.peerTimeoutMs ?? 35_000,
			maxBytes: options.maxBytes ?? SYNC_LIMITS.messageBytes,
			singleRemote: options.singleRemote ?? false
		};
		this.#peers = new PeerTable(this.#options.rateLimit, () => this.ctx?.now() ?? Date.now());
		this.#pacer = new SendPacer({ post: (bytes) => this.post(bytes), buffered: () => this.buffered() });
	}

	/** Bytes the medium still has to send (a data channel's or socket's buffer); 0 if unknown. */
	protected buffered(): number {
		return 0;
	}

	/** Open the medium for the current `ctx`/`key`; received bytes go to `receive`. */
	protected abstract open(): void;
	protected abstract close(): void;
	protected abstract post(frame: Uint8Array): void;

	get status(): TransportStatus {
		return this.#status;
	}

	get peers(): readonly PeerInfo[] {
		return this.#peers.list();
	}

	attach(context: SyncContext): void {
		if (this.ctx) throw new Error('transport already attached');
		this.ctx = context;
		this.key = context.key;
		this.#tag = keyTag(context.sessionId, this.key);
		context.doc.on('update', this.#onDocUpdate);
		context.awareness.on('update', this.#onAwarenessUpdate);
		this.#start();
		const { heartbeatMs } = this.#options;
		if (heartbeatMs > 0) this.#timer = setInterval(() => this.#heartbeat(), heartbeatMs);
	}

	setKey(key: string): void {
		if (!this.ctx || key === this.key) return;
		this.#stop();
		this.key = key;
		this.#tag = keyTag(this.ctx.sessionId, key);
		this.#start();
	}

	resync(): void {
		if (!this.ctx) return;
		// What peers hold is unknown again until they answer this step 1 with theirs.
		this.#evidence.clear();
		this.#answered.clear();
		this.#askedState.clear();
		this.#sentTo.clear();
		this.#peers.markAllUnsynced();
		this.#emitPeers();
		this.#send('', this.#hello(true));
		this.#send('', { type: 'sync-step1', stateVector: Y.encodeStateVector(this.ctx.doc) });
	}

	/** Sends a kit frame to one registered peer; false when that peer is not (or no longer) here. */
	sendKitFrame(peerId: string, body: KitFrameBody): boolean {
		if (!this.ctx || !this.#peers.has(peerId)) return false;
		this.#send(peerId, body);
		return true;
	}

	/** Drops a peer that sent a bad kit (garbage chunks, wrong hash): it is blocked like any bad sender. */
	refusePeer(peerId: string): void {
		this.#reject(peerId, 'malformed');
	}

	dropDevice(deviceId: string): void {
		if (this.#peers.blockDevice(deviceId)) this.#emitPeers();
	}

	override destroy(): void {
		if (this.ctx) {
			this.#stop();
			this.#pacer.close();
			this.ctx.doc.off('update', this.#onDocUpdate);
			this.ctx.awareness.off('update', this.#onAwarenessUpdate);
			this.ctx = null;
		}
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.#clearTimers();
		super.destroy();
	}

	/** Entry point for bytes arriving from the medium. Never throws. */
	receive(bytes: unknown): void {
		const ctx = this.ctx;
		if (!ctx) return;
		const size = bytes instanceof Uint8Array ? bytes.byteLength : 0;
		if (size > this.#options.maxBytes) return this.#reject(peekSender(bytes), 'tooLarge');
		const frame = parseFrame(bytes, this.#options.maxBytes);
		if (!frame) return this.#reject(peekSender(bytes), 'malformed');
		if (frame.from === this.endpointId || (frame.to !== '' && frame.to !== this.endpointId)) return;
		if (this.#peers.isBlocked(frame.from)) return;
		if (!this.#peers.allow(frame.from, size)) {
			// Parts of a catch-up come paced by the sender, but a receiver busy for seconds (applying a
			// large update) handles a backlog at once: over the allowance, the stream is dropped (the
			// sender's repair sends it again later) rather than the honest sender blocked. Parts are
			// bounded anyway: one stream per sender, at most `documentBytes`.
			if (frame.type === 'part') return this.#dropStream(frame.from);
			return this.#reject(frame.from, 'rateLimited');
		}
		this.#handle(ctx, frame);
	}

	#handle(ctx: SyncContext, frame: Frame): void {
		const now = ctx.now();
		if (frame.type === 'hello') return this.#onHello(ctx, frame, now);
		if (frame.type === 'bye') {
			if (this.#peers.remove(frame.from)) this.#emitPeers();
			return;
		}
		if (!this.#peers.touch(frame.from, now)) {
			// A message from a sender we do not know yet (reordered, or we restarted): ask who it is.
			this.#send(frame.from, this.#hello(true));
			return;
		}
		this.emit('exchange', [now]);
		switch (frame.type) {
			case 'sync-step1':
				if (!this.#noteState(frame.from, frame.stateVector)) return this.#reject(frame.from, 'malformed');
				// Joining, a peer asks twice with the same state vector (its broadcast step 1, then
				// again when it registers this device): one answer is enough, a whole session is big.
				if (this.#recentlyAnswered(frame.from, frame.stateVector)) return;
				return this.#sendMissing(ctx, frame.from, frame.stateVector);
			case 'state':
				if (!this.#noteState(frame.from, frame.stateVector)) return this.#reject(frame.from, 'malformed');
				return;
			case 'sync-step2':
			case 'update':
				return this.#applyRemote(ctx, frame.from, frame.update);
			case 'part': {
				this.#lastPartAt.set(frame.from, this.#clock());
				const outcome = this.#assembler.accept(frame.from, frame);
				if (outcome.status === 'refused') {
					if (outcome.reason === 'malformed') return this.#reject(frame.from, 'malformed');
					return this.#setReceiving(frame.from, null);
				}
				if (outcome.status === 'progress') return this.#setReceiving(frame.from, { received: outcome.received, total: outcome.size });
				if (outcome.status === 'done') {
					// Cleared silently first: the update's own events then report a consistent state.
					this.#peers.setReceiving(frame.from, null);
					this.#applyRemote(ctx, frame.from, outcome.payload);
					this.#recomputeSynced(false);
					this.#emitPeers();
				}
				return;
			}
			case 'awareness':
				try {
					applyAwarenessUpdate(ctx.awareness, frame.update, this);
				} catch {
					return this.#reject(frame.from, 'malformed');
				}
				return;
			case 'kit-request':
			case 'kit-chunk':
			case 'kit-unavailable': {
				// Only registered peers get here: they passed the hello key check.
				const { from: _from, to: _to, ...body } = frame;
				if (ctx.kits) ctx.kits.receive(this, frame.from, body);
				else if (frame.type === 'kit-request') this.#send(frame.from, { type: 'kit-unavailable', hash: frame.hash });
				return;
			}
		}
	}

	#applyRemote(ctx: SyncContext, from: string, update: Uint8Array): void {
		const result = ctx.guard.apply(update, this);
		if (!result.ok) return this.#reject(from, result.problem.key);
		// Even an update that changed nothing tells the sender something: that this device holds it.
		this.#scheduleState();
	}

	/** Records what a peer says it holds; false when the bytes are not a state vector. */
	#noteState(from: string, bytes: Uint8Array): boolean {
		const state = readStateVector(bytes);
		if (!state) return false;
		const now = this.#clock();
		const known = this.#evidence.get(from);
		this.#evidence.set(from, { state, bytes, at: now, repairAt: known?.repairAt ?? now + REPAIR_AFTER_MS, backoff: known?.backoff ?? REPAIR_AFTER_MS });
		this.#recomputeSynced();
		this.#scheduleRepair();
		return true;
	}

	#recentlyAnswered(from: string, stateVector: Uint8Array): boolean {
		const now = this.#clock();
		const last = this.#answered.get(from);
		if (last && now - last.at < REPAIR_AFTER_MS && sameBytes(last.stateVector, stateVector)) return true;
		this.#answered.set(from, { stateVector, at: now });
		return false;
	}

	/** Answers a state vector with everything the peer lacks, in one frame or as a stream. */
	#sendMissing(ctx: SyncContext, to: string, stateVector: Uint8Array): void {
		let update: Uint8Array;
		try {
			update = Y.encodeStateAsUpdate(ctx.doc, stateVector);
		} catch {
			return this.#reject(to, 'malformed');
		}
		const now = this.#clock();
		// Time to send at the paced rate, plus time to apply (Yjs takes ~2 s of CPU per 10 MB).
		const allowance = REPAIR_AFTER_MS + (update.byteLength / (1024 * 1024)) * 500;
		this.#sentTo.set(to, { at: now, until: now + allowance });
		this.#sendPayload(to, 'sync-step2', update);
	}

	#sendPayload(to: string, kind: PartKind, payload: Uint8Array): void {
		if (payload.byteLength > SYNC_LIMITS.documentBytes) {
			return this.#setProblem({ key: 'sync.error.tooLargeToSend', params: { mb: Math.round(SYNC_LIMITS.documentBytes / (1024 * 1024)) } });
		}
		if (payload.byteLength <= this.#payloadLimit()) {
			return this.#send(to, kind === 'sync-step2' ? { type: 'sync-step2', update: payload } : { type: 'update', update: payload });
		}
		const stream = (this.#streamId = (this.#streamId + 1) % 0xffffffff);
		for (const part of splitIntoParts(stream, kind, payload)) {
			this.#pacer.push({
				to,
				size: part.bytes.byteLength + 64,
				encode: () => encodeFrame(this.endpointId, to, { type: 'part', ...part })
			});
		}
	}

	#dropStream(from: string): void {
		this.#assembler.drop(from);
		this.#setReceiving(from, null);
	}

	#setReceiving(from: string, progress: { received: number; total: number } | null): void {
		if (!this.#peers.setReceiving(from, progress)) return;
		// A peer sending something has something this device lacks, whatever it said before; once
		// it is done (even if it brought nothing new), its stated state decides again. One event
		// for both changes, so no listener sees "receiving" and "up to date" together.
		this.#recomputeSynced(false);
		this.#emitPeers();
	}

	#setProblem(message: SyncMessage): void {
		this.#setStatus({ ...this.#status, message });
	}

	#clock(): number {
		return this.ctx?.now() ?? Date.now();
	}

	/**
	 * Peers are synced exactly while their last stated state equals this device's and nothing is
	 * arriving from them (a peer that streams holds something this device does not have yet).
	 */
	#recomputeSynced(emit = true): void {
		const ctx = this.ctx;
		if (!ctx || this.#peers.size === 0) return;
		const local = localStateVector(ctx.doc);
		let changed = false;
		let outOfStep = false;
		for (const peer of this.#peers.list()) {
			const evidence = this.#evidence.get(peer.id);
			const synced = evidence !== undefined && this.#assembler.progressOf(peer.id) === null && sameState(local, evidence.state);
			changed = this.#peers.markSynced(peer.id, synced) || changed;
			outOfStep ||= !synced;
		}
		// Any peer out of step keeps the repair running: the frames that would have brought it back
		// in step (the update itself, or the peer's answer saying it holds it) may have been lost.
		if (outOfStep) this.#scheduleRepair();
		if (changed && emit) this.#emitPeers();
	}

	/** Tells every peer what this device holds now (once per burst of changes). */
	#scheduleState(): void {
		if (this.#stateTimer !== null || !this.ctx) return;
		this.#stateTimer = setTimeout(() => {
			this.#stateTimer = null;
			const ctx = this.ctx;
			if (!ctx || this.#peers.size === 0) return;
			// Encoded when it leaves the queue, so it says what is held then, after what precedes it.
			this.#pacer.push({ to: '', size: 64, encode: () => encodeFrame(this.endpointId, '', { type: 'state', stateVector: Y.encodeStateVector(ctx.doc) }) });
		}, STATE_DELAY_MS);
	}

	#scheduleRepair(): void {
		if (this.#repairTimer !== null) return;
		this.#repairTimer = setTimeout(() => {
			this.#repairTimer = null;
			this.#repair();
		}, REPAIR_AFTER_MS);
	}

	/**
	 * Peers still out of step: a peer that lacks something gets it (unless this device is still
	 * sending), a peer that has more is asked for it (unless it is streaming to this device).
	 */
	#repair(): void {
		const ctx = this.ctx;
		if (!ctx) return;
		// Re-read what is known first: a flag left stale by any path is corrected here at the latest.
		this.#recomputeSynced();
		const local = localStateVector(ctx.doc);
		const now = this.#clock();
		let pending = this.#peers.list().some((p) => !p.synced);
		for (const peer of this.#peers.list()) {
			// A stream that stopped arriving lost parts on the way: forget it, the repair asks again.
			if (this.#assembler.progressOf(peer.id) !== null && now - (this.#lastPartAt.get(peer.id) ?? 0) >= REPAIR_AFTER_MS) {
				this.#assembler.drop(peer.id);
				this.#peers.setReceiving(peer.id, null);
				this.#recomputeSynced(false);
				this.#emitPeers();
			}
			const evidence = this.#evidence.get(peer.id);
			if (!evidence) {
				// Registered, but what it holds was never heard (its step 1 was lost): ask it.
				pending = true;
				const asked = this.#askedState.get(peer.id);
				if (asked === undefined) this.#askedState.set(peer.id, { at: now + REPAIR_AFTER_MS, backoff: REPAIR_AFTER_MS });
				else if (now >= asked.at) {
					this.#send(peer.id, this.#hello(true));
					this.#askedState.set(peer.id, { at: now + asked.backoff, backoff: Math.min(asked.backoff * 2, REPAIR_MAX_BACKOFF_MS) });
				}
				continue;
			}
			const { remoteBehind, localBehind } = compareStates(local, evidence.state);
			if (!remoteBehind && !localBehind) {
				evidence.backoff = REPAIR_AFTER_MS;
				continue;
			}
			pending = true;
			if (now < evidence.repairAt) continue;
			// Not while what was last sent is still on its way or being applied: the peer says so when done.
			const sent = this.#sentTo.get(peer.id);
			const integrating = sent !== undefined && evidence.at <= sent.at && now < sent.until;
			if (remoteBehind && this.#pacer.idle && !integrating) this.#sendMissing(ctx, peer.id, evidence.bytes);
			if (localBehind && this.#assembler.progressOf(peer.id) === null) {
				this.#send(peer.id, { type: 'sync-step1', stateVector: Y.encodeStateVector(ctx.doc) });
			}
			evidence.repairAt = now + evidence.backoff;
			evidence.backoff = Math.min(evidence.backoff * 2, REPAIR_MAX_BACKOFF_MS);
		}
		if (pending || this.#assembler.senders().length > 0) this.#scheduleRepair();
	}

	#clearTimers(): void {
		if (this.#stateTimer) clearTimeout(this.#stateTimer);
		if (this.#repairTimer) clearTimeout(this.#repairTimer);
		this.#stateTimer = null;
		this.#repairTimer = null;
	}

	#onHello(ctx: SyncContext, hello: Frame & HelloBody, now: number): void {
		const known = this.#peers.has(hello.from);
		if (!sameBytes(hello.keyTag, this.#tag)) {
			// Another key generation: not (or no longer) part of this session.
			if (known && this.#peers.remove(hello.from)) this.#emitPeers();
			return;
		}
		if (ctx.isRevoked(hello.deviceId)) return this.#reject(hello.from, 'revoked');
		this.emit('exchange', [now]);
		if (known) {
			this.#peers.touch(hello.from, now);
			if (!hello.wantReply) return;
		} else {
			if (this.#options.singleRemote) this.#peers.clear();
			this.#peers.add(
				{ id: hello.from, deviceId: hello.deviceId, role: hello.role, deviceName: hello.name, transport: this.kind, synced: false },
				now
			);
			this.#emitPeers();
			// Its step 1 (what it holds) should follow; if it is lost, the repair asks again.
			this.#scheduleRepair();
		}
		this.#send(hello.from, this.#hello(false));
		this.#send(hello.from, { type: 'sync-step1', stateVector: Y.encodeStateVector(ctx.doc) });
		const local = ctx.awareness.clientID;
		if (ctx.awareness.getStates().has(local)) {
			this.#send(hello.from, { type: 'awareness', update: encodeAwarenessUpdate(ctx.awareness, [local]) });
		}
	}

	#start(): void {
		this.open();
		if (this.#status.state === 'unavailable') return;
		this.#setStatus({ state: 'connected' });
		this.resync();
	}

	#stop(): void {
		this.#pacer.clear();
		this.#send('', { type: 'bye' });
		this.close();
		this.#clearTimers();
		this.#peers.clear();
		this.#emitPeers();
		this.#setStatus({ state: 'idle' });
	}

	#heartbeat(): void {
		const ctx = this.ctx;
		if (!ctx) return;
		const timeout = this.#options.peerTimeoutMs;
		if (timeout > 0 && this.#peers.prune(ctx.now() - timeout)) this.#emitPeers();
		this.#send('', this.#hello(false));
	}

	#hello(wantReply: boolean): FrameBody {
		const d = this.ctx!.device;
		return { type: 'hello', keyTag: this.#tag, deviceId: d.id, role: d.role, name: d.name, wantReply };
	}

	#send(to: string, body: FrameBody): void {
		const bytes = encodeFrame(this.endpointId, to, body);
		// A goodbye goes out at once, ahead of anything queued: the medium closes right after.
		if (body.type === 'bye') {
			try {
				this.post(bytes);
			} catch {
				// Already closed.
			}
			return;
		}
		this.#pacer.push({ to, size: bytes.byteLength, bytes });
	}

	#reject(from: string | null, reason: RejectReason): void {
		if (from !== null) {
			this.#pacer.dropFor(from);
			this.#assembler.drop(from);
			if (this.#peers.block(from)) this.#emitPeers();
			this.onBlocked(from);
		}
		this.emit('rejected', [{ transport: this.kind, peerId: from, reason, message: { key: `sync.rejected.${reason}` } }]);
	}

	/** Hook for point-to-point media that can actually hang up on a blocked sender. */
	protected onBlocked(_from: string): void {}

	protected setStatus(status: TransportStatus): void {
		this.#setStatus(status);
	}

	#setStatus(status: TransportStatus): void {
		this.#status = status;
		this.emit('status', [status]);
	}

	#emitPeers(): void {
		this.#forgetDeparted();
		this.emit('peers', [this.peers]);
	}

	/** Drops what is kept for peers that are gone: their evidence, half-received streams, queued sends. */
	#forgetDeparted(): void {
		for (const id of [...this.#evidence.keys(), ...this.#assembler.senders(), ...this.#answered.keys(), ...this.#askedState.keys(), ...this.#lastPartAt.keys(), ...this.#sentTo.keys()]) {
			if (this.#peers.has(id)) continue;
			this.#sentTo.delete(id);
			this.#lastPartAt.delete(id);
			this.#evidence.delete(id);
			this.#askedState.delete(id);
			this.#answered.delete(id);
			this.#assembler.drop(id);
			this.#pacer.dropFor(id);
		}
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (this.#peers.size === 0) return;
		this.#recomputeSynced();
		this.#scheduleState();
		if (origin === this) return;
		this.#sendPayload('', 'update', update);
	};

	/** Largest update that still fits in a frame under the receivers' message limit. */
	#payloadLimit(): number {
		return this.#options.maxBytes - 1024;
	}

	#onAwarenessUpdate = (
		change: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const ctx = this.ctx;
		if (!ctx || origin === this || this.#peers.size === 0) return;
		const local = ctx.awareness.clientID;
		const mine = [...change.added, ...change.updated, ...change.removed].includes(local);
		if (mine) this.#send('', { type: 'awareness', update: encodeAwarenessUpdate(ctx.awareness, [local]) });
	};
}
