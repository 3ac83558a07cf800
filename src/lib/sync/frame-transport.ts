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
 */
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { encodeFrame, parseFrame, type Frame, type FrameBody, type HelloBody, type KitFrameBody } from './wire-protocol';
import { keyTag, sameBytes } from './session-key';
import { PeerTable } from './peer-table';
import { DEFAULT_RATE_LIMIT, SYNC_LIMITS, type RateLimit } from './sync-limits';
import { peekSender } from './wire-peek';
import { encodeMissingUpdates } from './update-split';
import type {
	KitCarrier,
	PeerInfo,
	RejectReason,
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

export function randomEndpointId(): string {
	return toBase64UrlEncoded(crypto.getRandomValues(new Uint8Array(12)));
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
			this.ctx.doc.off('update', this.#onDocUpdate);
			this.ctx.awareness.off('update', this.#onAwarenessUpdate);
			this.ctx = null;
		}
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
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
		if (!this.#peers.allow(frame.from, size)) return this.#reject(frame.from, 'rateLimited');
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
			case 'sync-step1': {
				let parts: Uint8Array[];
				try {
					parts = encodeMissingUpdates(ctx.doc, frame.stateVector, this.#payloadLimit()).parts;
				} catch {
					return this.#reject(frame.from, 'malformed');
				}
				for (const update of parts) this.#send(frame.from, { type: 'sync-step2', update });
				return;
			}
			case 'sync-step2':
			case 'update': {
				const result = ctx.guard.apply(frame.update, this);
				if (!result.ok) return this.#reject(frame.from, result.reason);
				if (frame.type === 'sync-step2' && this.#peers.markSynced(frame.from, true)) this.#emitPeers();
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
		this.#send('', { type: 'bye' });
		this.close();
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
		try {
			this.post(encodeFrame(this.endpointId, to, body));
		} catch {
			// A closed medium: the state exchange after reconnecting repairs anything not sent.
		}
	}

	#reject(from: string | null, reason: RejectReason): void {
		if (from !== null) {
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
		this.emit('peers', [this.peers]);
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === this || this.#peers.size === 0) return;
		if (update.byteLength <= this.#payloadLimit()) return this.#send('', { type: 'update', update });
		// Too big for one message: ask every peer for a state exchange, answered in parts.
		this.#send('', this.#hello(true));
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
