/**
 * Sync with other devices through y-webrtc, bridged so that the session doc never receives an
 * unchecked update.
 *
 * Why a bridge: y-webrtc applies what it receives straight to the doc it was given, inside its
 * own handlers, so there is no place to validate a message before it lands. The provider is
 * therefore given a separate *wire doc*. Two one-way copies keep it equal to the session doc:
 *   - session -> wire: every session update not coming from this transport is applied to the
 *     wire doc (tagged BRIDGE so the copy back is skipped); y-webrtc then sends it to peers;
 *   - wire -> session: every wire update not tagged BRIDGE came from a peer through y-webrtc; it
 *     is rate-limited and handed to the session's `UpdateGuard` with this transport as origin.
 * If the guard or the rate limit refuses an update, the wire doc is no longer a faithful mirror
 * (it holds something the session doc refused) and y-webrtc cannot disconnect one peer from
 * outside, so the whole provider is torn down and restarted after a delay on a fresh wire doc.
 *
 * Secrecy: the room name carries a key fingerprint and `password` is the session key, so
 * signaling and y-webrtc's own BroadcastChannel messages are AES-GCM encrypted and peers on
 * another key never meet. y-webrtc derives the key with `crypto.subtle`, which is missing on
 * insecure origins (http on the LAN): the transport then reports `sync.error.insecureContext`
 * instead of letting the library throw.
 */
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import { Awareness } from 'y-protocols/awareness';
import { keyFingerprint } from './session-key';
import { checkSignalingUrls } from './signaling-urls';
import { PeerRateLimiter } from './token-bucket';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './sync-limits';
import { readDeviceState } from './device-state';
import type { PeerInfo, RejectReason, SyncContext, SyncTransport, TransportEvents, TransportStatus } from './sync-types';

/** The part of y-webrtc's WebrtcProvider this transport uses (a test seam). */
export interface WebrtcProviderLike {
	on(name: 'synced', f: (event: { synced: boolean }) => void): unknown;
	/** Closes signaling connections too (y-webrtc's `destroy` alone leaves them open). */
	disconnect(): void;
	destroy(): void;
}

export interface WebrtcProviderOptions {
	signaling: string[];
	password: string;
	awareness: Awareness;
	maxConns: number;
	filterBcConns: boolean;
}

export type WebrtcProviderFactory = (room: string, doc: Y.Doc, options: WebrtcProviderOptions) => Promise<WebrtcProviderLike>;

export interface WebrtcEnvironment {
	/** `crypto.subtle` exists (secure context). */
	subtle: boolean;
	/** `location.protocol` of the page, or null outside a browser. */
	pageProtocol: string | null;
}

export function detectWebrtcEnvironment(): WebrtcEnvironment {
	const g = globalThis as { crypto?: { subtle?: unknown }; location?: { protocol?: string } };
	return { subtle: g.crypto?.subtle !== undefined, pageProtocol: g.location?.protocol ?? null };
}

const createYWebrtcProvider: WebrtcProviderFactory = async (room, doc, options) => {
	const { WebrtcProvider } = await import('y-webrtc');
	return new WebrtcProvider(room, doc, options);
};

export interface WebrtcTransportOptions {
	/** Signaling servers (ws:// or wss://); never the library defaults. */
	signaling: string[];
	createProvider?: WebrtcProviderFactory;
	environment?: WebrtcEnvironment;
	maxConns?: number;
	rateLimit?: RateLimit;
	/** Wait before restarting after a refused update or a failed start. */
	restartDelayMs?: number;
}

const BRIDGE = Symbol('webrtc-bridge');

export function webrtcRoomName(sessionId: string, key: string): string {
	return `tablee:${sessionId}:${keyFingerprint(sessionId, key)}`;
}

export class WebrtcTransport extends ObservableV2<TransportEvents> implements SyncTransport {
	readonly kind = 'webrtc' as const;
	#options: Required<Omit<WebrtcTransportOptions, 'environment'>> & { environment: WebrtcEnvironment };
	#ctx: SyncContext | null = null;
	#key = '';
	#status: TransportStatus = { state: 'idle' };
	#peers: PeerInfo[] = [];
	#wire: Y.Doc | null = null;
	#awareness: Awareness | null = null;
	#provider: WebrtcProviderLike | null = null;
	#synced = false;
	#generation = 0;
	#limiter: PeerRateLimiter | null = null;
	#restartTimer: ReturnType<typeof setTimeout> | null = null;
	#cancelFirstStart: (() => void) | null = null;

	constructor(options: WebrtcTransportOptions) {
		super();
		this.#options = {
			signaling: [...options.signaling],
			createProvider: options.createProvider ?? createYWebrtcProvider,
			environment: options.environment ?? detectWebrtcEnvironment(),
			maxConns: options.maxConns ?? 20,
			rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
			restartDelayMs: options.restartDelayMs ?? 5_000
		};
	}

	get status(): TransportStatus {
		return this.#status;
	}

	get peers(): readonly PeerInfo[] {
		return this.#peers;
	}

	attach(context: SyncContext): void {
		if (this.#ctx) throw new Error('transport already attached');
		this.#ctx = context;
		this.#key = context.key;
		const env = this.#options.environment;
		if (!env.subtle) return this.#setStatus({ state: 'unavailable', message: { key: 'sync.error.insecureContext' } });
		const problem = checkSignalingUrls(this.#options.signaling, env.pageProtocol);
		if (problem) return this.#setStatus({ state: 'unavailable', message: problem });
		context.doc.on('update', this.#onDocUpdate);
		// The first start loads y-webrtc and copies the whole session doc into the wire doc
		// (≈ 300 ms of main thread for 5,000 notes): it waits until the screen that opened the
		// session is done rendering. Updates made meanwhile are in that copy (the doc listener
		// skips them while there is no wire doc).
		this.#setStatus({ state: 'connecting' });
		this.#cancelFirstStart = whenIdle(() => {
			this.#cancelFirstStart = null;
			this.#start();
		});
	}

	setKey(key: string): void {
		if (!this.#ctx || key === this.#key) return;
		this.#key = key;
		if (this.#status.state !== 'unavailable') this.#restart(0);
	}

	/** y-webrtc exchanges full state on every new connection, so a resync is a reconnect. */
	resync(): void {
		if (this.#ctx && this.#status.state !== 'unavailable') this.#restart(0);
	}

	/** y-webrtc cannot hang up on one peer: hide it now; key rotation cuts it off for good. */
	dropDevice(deviceId: string): void {
		this.#peers = this.#peers.filter((p) => p.deviceId !== deviceId);
		this.emit('peers', [this.#peers]);
	}

	override destroy(): void {
		this.#cancelFirstStart?.();
		this.#cancelFirstStart = null;
		this.#teardown();
		if (this.#restartTimer) clearTimeout(this.#restartTimer);
		this.#ctx?.doc.off('update', this.#onDocUpdate);
		this.#ctx = null;
		super.destroy();
	}

	#start(): void {
		const ctx = this.#ctx;
		if (!ctx) return;
		const generation = ++this.#generation;
		const wire = new Y.Doc({ gc: ctx.doc.gc });
		Y.applyUpdate(wire, Y.encodeStateAsUpdate(ctx.doc), BRIDGE);
		wire.on('update', this.#onWireUpdate);
		const awareness = new Awareness(wire);
		awareness.setLocalState({ device: { ...ctx.device } });
		awareness.on('change', this.#onAwarenessChange);
		this.#wire = wire;
		this.#awareness = awareness;
		this.#synced = false;
		this.#limiter = new PeerRateLimiter(this.#options.rateLimit, ctx.now);
		this.#setStatus({ state: 'connecting' });
		this.#options
			.createProvider(webrtcRoomName(ctx.sessionId, this.#key), wire, {
				signaling: this.#options.signaling,
				password: this.#key,
				awareness,
				maxConns: this.#options.maxConns,
				filterBcConns: true
			})
			.then((provider) => {
				if (generation !== this.#generation) {
					provider.disconnect();
					return provider.destroy();
				}
				this.#provider = provider;
				// y-webrtc reports `synced: false` only when a connection closes while another one
				// is flagged unsynced, and it flags no connection made after the room first synced:
				// a false after a true would then stick forever. Keep the first true for this provider.
				provider.on('synced', ({ synced }) => {
					if (!synced) return;
					this.#synced = true;
					this.#onAwarenessChange();
				});
				this.#setStatus({ state: 'connected' });
			})
			.catch(() => {
				if (generation !== this.#generation) return;
				this.#setStatus({ state: 'connecting', message: { key: 'sync.error.providerFailed' } });
				this.#restart(this.#options.restartDelayMs);
			});
	}

	#teardown(): void {
		this.#generation++;
		this.#provider?.disconnect();
		this.#provider?.destroy();
		this.#provider = null;
		this.#awareness?.off('change', this.#onAwarenessChange);
		this.#awareness?.destroy();
		this.#awareness = null;
		this.#wire?.off('update', this.#onWireUpdate);
		this.#wire?.destroy();
		this.#wire = null;
		if (this.#peers.length > 0) {
			this.#peers = [];
			this.emit('peers', [this.#peers]);
		}
	}

	#restart(delayMs: number): void {
		this.#cancelFirstStart?.();
		this.#cancelFirstStart = null;
		this.#teardown();
		if (this.#restartTimer) clearTimeout(this.#restartTimer);
		this.#restartTimer = null;
		if (delayMs <= 0) return this.#start();
		this.#setStatus({ state: 'connecting', message: this.#status.message });
		this.#restartTimer = setTimeout(() => {
			this.#restartTimer = null;
			this.#start();
		}, delayMs);
	}

	#reject(reason: RejectReason): void {
		this.emit('rejected', [{ transport: this.kind, peerId: null, reason, message: { key: `sync.rejected.${reason}` } }]);
		// Leave y-webrtc's handler before tearing its doc down.
		queueMicrotask(() => this.#restart(this.#options.restartDelayMs));
	}

	#onWireUpdate = (update: Uint8Array, origin: unknown): void => {
		const ctx = this.#ctx;
		if (origin === BRIDGE || !ctx) return;
		this.emit('exchange', [ctx.now()]);
		if (!this.#limiter?.allow(update.byteLength)) return this.#reject('rateLimited');
		const result = ctx.guard.apply(update, this);
		if (!result.ok) this.#reject(result.reason);
	};

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === this || !this.#wire) return;
		try {
			Y.applyUpdate(this.#wire, update, BRIDGE);
		} catch {
			this.#restart(0);
		}
	};

	#onAwarenessChange = (): void => {
		const ctx = this.#ctx;
		const awareness = this.#awareness;
		if (!ctx || !awareness) return;
		const peers: PeerInfo[] = [];
		for (const [clientId, state] of awareness.getStates()) {
			if (clientId === awareness.clientID) continue;
			const device = readDeviceState(state);
			if (!device || ctx.isRevoked(device.id)) continue;
			peers.push({
				id: String(clientId),
				deviceId: device.id,
				role: device.role,
				deviceName: device.name,
				transport: this.kind,
				synced: this.#synced
			});
		}
		this.#peers = peers;
		this.emit('peers', [peers]);
	};

	#setStatus(status: TransportStatus): void {
		this.#status = status;
		this.emit('status', [status]);
	}
}

/**
 * Runs `fn` once the screen is likely done rendering: the main thread idle (`requestIdleCallback`,
 * at most 1 s later) after a 200 ms floor, since the idle gaps while a screen loads its parts
 * come earlier; 300 ms later where there is no idle callback (Safari); on the next task outside
 * a page (Node). Returns a cancel.
 */
function whenIdle(fn: () => void): () => void {
	if (typeof document === 'undefined') {
		const timer = setTimeout(fn, 0);
		return () => clearTimeout(timer);
	}
	let idle: number | undefined;
	const timer = setTimeout(() => {
		if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(() => fn(), { timeout: 1_000 });
		else fn();
	}, typeof requestIdleCallback === 'function' ? 200 : 300);
	return () => {
		clearTimeout(timer);
		if (idle !== undefined) cancelIdleCallback(idle);
	};
}
