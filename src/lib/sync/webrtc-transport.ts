/**
 * Sync with other devices over WebRTC connections that y-webrtc finds and opens.
 *
 * Why not y-webrtc's own doc sync: it sends a whole sync step (or a whole update) as one
 * data-channel message; Chromium refuses messages over 256 KiB and y-webrtc swallows the error,
 * so a session over ~450 notes never reached a joining tablet, and a large merged file never
 * reached linked ones, while every screen said "up to date". It also applied what it received
 * straight to the doc it was given, with no place to check it first.
 *
 * So y-webrtc only does discovery and connections (`y-webrtc-connections.ts`: signaling, stock
 * protocol, `password` = session key; a placeholder doc). On each connection it opens, both sides
 * add one negotiated data channel, and our own frame protocol runs over it: one `LinkTransport`
 * (kind 'webrtc') per connection, attached to the session's `SyncContext` exactly like a
 * QR-paired link (hello with key tag, state exchange, updates, awareness, kit frames), with
 * frames cut into 16 KiB pieces (`DataChannelLink`). This transport is their sum: its peers are
 * the children's peers, it forwards their events, and it carries kits for them.
 *
 * A child that blocks its remote (garbage, rate, revoked device) hangs up: the connection is
 * closed, and the remote's room id is refused until this transport leaves the room. y-webrtc
 * re-announces after any closed connection, so a refused remote is connected again at once; its
 * channel is then closed and its connection kept, which ends the loop.
 *
 * Secrecy: the room name carries a key fingerprint and `password` is the session key, so
 * signaling and y-webrtc's BroadcastChannel messages are AES-GCM encrypted and peers on another
 * key never meet. y-webrtc derives the key with `crypto.subtle`, which is missing on insecure
 * origins (http on the LAN): the transport then reports `sync.error.insecureContext` instead of
 * letting the library throw. The room name is versioned: an app version that still uses
 * y-webrtc's doc sync is in another room and does not meet this one.
 */
import { ObservableV2 } from 'lib0/observable';
import { keyFingerprint } from './session-key';
import { checkSignalingUrls } from './signaling-urls';
import { DEFAULT_RATE_LIMIT, type RateLimit } from '../protocol/sync-limits';
import { LinkTransport } from './link-transport';
import type { ByteLink } from './link-transport';
import { DataChannelLink, type LinkCloseReason } from './data-channel-link';
import { joinYWebrtcRoom, type WebrtcConnection, type WebrtcRoomFactory, type WebrtcRoomLike } from './y-webrtc-connections';
import type { KitFrameBody } from '../protocol/wire-protocol';
import type {
	KitCarrier,
	PeerInfo,
	RejectedEvent,
	SyncContext,
	SyncTransport,
	TransportEvents,
	TransportStatus
} from './sync-types';

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

export interface WebrtcTransportOptions {
	/** Signaling servers (ws:// or wss://); never the library defaults. */
	signaling: string[];
	/** Joins a room; the default loads y-webrtc (tests hand in fakes). */
	joinRoom?: WebrtcRoomFactory;
	environment?: WebrtcEnvironment;
	maxConns?: number;
	/** Per remote, on each connection. */
	rateLimit?: RateLimit;
	/** Wait before trying again after a failed start. */
	restartDelayMs?: number;
}

/** Version of the room-name scheme; 2: our frames on a channel of their own (no y-webrtc doc sync). */
export const WEBRTC_ROOM_VERSION = 2;

export function webrtcRoomName(sessionId: string, key: string): string {
	return `tablee/${WEBRTC_ROOM_VERSION}:${sessionId}:${keyFingerprint(sessionId, key)}`;
}

interface Child {
	connection: WebrtcConnection;
	link: DataChannelLink;
	transport: LinkTransport | null;
	retired: boolean;
	stopWaiting: () => void;
	onRejected: (event: RejectedEvent) => void;
}

export class WebrtcTransport extends ObservableV2<TransportEvents> implements SyncTransport, KitCarrier {
	readonly kind = 'webrtc' as const;
	readonly carriesKits = true;
	#options: Required<Omit<WebrtcTransportOptions, 'environment'>> & { environment: WebrtcEnvironment };
	#ctx: SyncContext | null = null;
	#key = '';
	#status: TransportStatus = { state: 'idle' };
	#peers: readonly PeerInfo[] = [];
	#room: WebrtcRoomLike | null = null;
	#children = new Map<WebrtcConnection, Child>();
	/** Room ids of remotes hung up on in the current room. */
	#refused = new Set<string>();
	#generation = 0;
	#restartTimer: ReturnType<typeof setTimeout> | null = null;
	#cancelFirstStart: (() => void) | null = null;

	constructor(options: WebrtcTransportOptions) {
		super();
		this.#options = {
			signaling: [...options.signaling],
			joinRoom: options.joinRoom ?? joinYWebrtcRoom,
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

	/** Open connections that carry a sync channel (tests, diagnostics). */
	get connections(): number {
		return this.#children.size;
	}

	attach(context: SyncContext): void {
		if (this.#ctx) throw new Error('transport already attached');
		this.#ctx = context;
		this.#key = context.key;
		const env = this.#options.environment;
		if (!env.subtle) return this.#setStatus({ state: 'unavailable', message: { key: 'sync.error.insecureContext' } });
		const problem = checkSignalingUrls(this.#options.signaling, env.pageProtocol);
		if (problem) return this.#setStatus({ state: 'unavailable', message: problem });
		// The first start loads y-webrtc and derives the room key (PBKDF2): it waits until the
		// screen that opened the session is done rendering.
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

	resync(): void {
		for (const child of this.#children.values()) child.transport?.resync();
	}

	/** Revoked devices are ignored from now on; they learn of their revocation through the doc. */
	dropDevice(deviceId: string): void {
		for (const child of this.#children.values()) child.transport?.dropDevice(deviceId);
	}

	sendKitFrame(peerId: string, body: KitFrameBody): boolean {
		return this.#transportOf(peerId)?.sendKitFrame(peerId, body) ?? false;
	}

	refusePeer(peerId: string): void {
		this.#transportOf(peerId)?.refusePeer(peerId);
	}

	override destroy(): void {
		this.#cancelFirstStart?.();
		this.#cancelFirstStart = null;
		this.#teardown();
		if (this.#restartTimer) clearTimeout(this.#restartTimer);
		this.#ctx = null;
		super.destroy();
	}

	#start(): void {
		const ctx = this.#ctx;
		if (!ctx) return;
		const generation = ++this.#generation;
		this.#setStatus({ state: 'connecting' });
		this.#options
			.joinRoom(webrtcRoomName(ctx.sessionId, this.#key), {
				signaling: this.#options.signaling,
				password: this.#key,
				maxConns: this.#options.maxConns,
				filterBcConns: true
			})
			.then((room) => {
				if (generation !== this.#generation) return room.destroy();
				this.#room = room;
				room.on('connection', (connection) => {
					if (this.#room === room) this.#onConnection(connection);
				});
				room.on('disconnection', (connection) => this.#retire(connection, false));
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
		// Children first: their goodbye still leaves on the open channels.
		for (const connection of [...this.#children.keys()]) this.#retire(connection, false);
		this.#refused.clear();
		this.#room?.destroy();
		this.#room = null;
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

	#onConnection(connection: WebrtcConnection): void {
		if (this.#refused.has(connection.remoteId)) {
			// Closing the connection again would only make y-webrtc open another one at once.
			try {
				connection.channel.close();
			} catch {
				// Already closed.
			}
			return;
		}
		const channel = connection.channel;
		if (channel.readyState !== 'open' && channel.readyState !== 'connecting') return;
		const onOpen = () => this.#open(child);
		const child: Child = {
			connection,
			link: new DataChannelLink(channel, { onClose: (reason) => this.#onLinkClosed(child, reason) }),
			transport: null,
			retired: false,
			stopWaiting: () => channel.removeEventListener('open', onOpen),
			onRejected: (event) => {
				this.emit('rejected', [event]);
				// Garbage with no readable sender: on a point-to-point channel it can only be the remote's.
				if (event.peerId === null) this.#hangUp(child);
			}
		};
		this.#children.set(connection, child);
		if (channel.readyState === 'open') this.#open(child);
		else channel.addEventListener('open', onOpen);
	}

	#open(child: Child): void {
		child.stopWaiting();
		const ctx = this.#ctx;
		if (!ctx || child.retired || child.transport) return;
		const link = child.link;
		const byteLink: ByteLink = {
			send: (bytes) => link.send(bytes),
			listen: (onBytes) => link.listen(onBytes),
			// LinkTransport calls this when it blocks the remote (and when it is destroyed).
			close: () => this.#hangUp(child),
			bufferedAmount: () => link.bufferedAmount()
		};
		const transport = new LinkTransport({ link: byteLink, kind: 'webrtc', rateLimit: this.#options.rateLimit });
		child.transport = transport;
		transport.on('peers', this.#onChildPeers);
		transport.on('exchange', this.#onChildExchange);
		transport.on('rejected', child.onRejected);
		transport.attach(this.#childContext(ctx));
	}

	/** The session's context; kit frames are handed on as coming from this transport, which the kit exchange knows. */
	#childContext(ctx: SyncContext): SyncContext {
		const { kits, ...rest } = ctx;
		const child: SyncContext = { ...rest, key: this.#key };
		if (kits) child.kits = { receive: (_carrier, peerId, body) => kits.receive(this, peerId, body) };
		return child;
	}

	#onLinkClosed(child: Child, reason: LinkCloseReason): void {
		if (reason === 'refused') this.#hangUp(child);
		else this.#retire(child.connection, false);
	}

	/** The remote was blocked by its frame transport, or broke the piece framing. */
	#hangUp(child: Child): void {
		if (child.retired) return;
		this.#refused.add(child.connection.remoteId);
		// Deferred: LinkTransport hangs up from inside its reject path and emits `rejected` after.
		this.#retire(child.connection, true);
		child.connection.close();
	}

	#retire(connection: WebrtcConnection, defer: boolean): void {
		const child = this.#children.get(connection);
		if (!child) return;
		this.#children.delete(connection);
		child.retired = true;
		child.stopWaiting();
		const end = () => {
			const transport = child.transport;
			if (transport) {
				transport.destroy();
				transport.off('peers', this.#onChildPeers);
				transport.off('exchange', this.#onChildExchange);
				transport.off('rejected', child.onRejected);
			}
			child.link.close();
		};
		if (defer) queueMicrotask(end);
		else end();
		this.#onChildPeers();
	}

	#transportOf(peerId: string): LinkTransport | null {
		for (const child of this.#children.values()) {
			if (child.transport?.peers.some((p) => p.id === peerId)) return child.transport;
		}
		return null;
	}

	#onChildPeers = (): void => {
		const peers: PeerInfo[] = [];
		for (const child of this.#children.values()) if (child.transport) peers.push(...child.transport.peers);
		if (samePeers(peers, this.#peers)) return;
		this.#peers = peers;
		this.emit('peers', [peers]);
	};

	#onChildExchange = (at: number): void => this.emit('exchange', [at]);

	#setStatus(status: TransportStatus): void {
		this.#status = status;
		this.emit('status', [status]);
	}
}

function samePeers(a: readonly PeerInfo[], b: readonly PeerInfo[]): boolean {
	return a.length === b.length && a.every((p, i) => {
		const q = b[i];
		return q !== undefined && p.id === q.id && p.synced === q.synced && p.receiving === q.receiving;
	});
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
