/**
 * Sync through the venue hub (`src/hub`): a `LinkTransport` over a WebSocket to the hub's
 * `/sync` endpoint, for devices that cannot use WebRTC or run on an insecure origin (phones on
 * `http://<LAN-IP>`). The hub is one more peer: it holds a copy of the session doc, relays
 * between its clients and keeps everything on disk.
 *
 *   const transport = createHubTransport({ url: 'ws://192.168.1.10:8080/sync', sessionId, key });
 *   sync.addTransport(transport);
 *
 * Access: the first message on the socket is `{ type: 'auth', v, session, token }` where the
 * token is a one-way function of the session key (`hubAccessToken`), so the hub never learns
 * the key. The hub pins the first token it sees for a session and closes any socket with
 * another one (`HUB_CLOSE.badToken`). Frames flow only after the hub answers `{ type: 'ready' }`.
 *
 * New sessions: a device holding the hub code (`hubCode`, set once under Réglages) adds
 * `proof` = `hubAdmissionProof(code, session, token)` to every auth message; the hub creates a
 * session it does not hold only for such a device (`HUB_CLOSE.notAdmitted` otherwise). Joining
 * a session the hub holds needs the token alone.
 *
 * Key renewal: `setKey` (from `SessionSyncEngine.rotateKey`) reconnects with the new token and the old
 * one as `previous`, so the hub re-pins the session and cuts off the devices on the old key
 * (`HUB_CLOSE.keyRenewed`). `previous` is sent on every attempt until the hub accepted the new
 * token once (a renewal while the hub is down still carries it along later); renewing again before
 * that keeps the oldest token, the one the hub still holds. `previousKey` gives a fresh transport
 * the same start (the hub may have been detached while the key was renewed).
 *
 * The socket reconnects with exponential backoff. Nothing typed meanwhile is lost: the doc is
 * local, and the state exchange after reconnecting sends whatever the hub is missing.
 */
import { LinkTransport, type ByteLink } from './link-transport';
import { hubAdmissionProof } from '../protocol/hub-admission';
import { HUB_CLOSE, HUB_SYNC_PATH, encodeHubAuth, hubAccessToken, isHubReady } from '../protocol/hub-wire';
import type { FrameTransportOptions } from './frame-transport';
import type { SyncContext, SyncMessageKey } from './sync-types';


/** Close codes after which a hub client stops retrying: the hub will not take this token. */
const HUB_FINAL_CLOSES: ReadonlySet<number> = new Set([HUB_CLOSE.badToken, HUB_CLOSE.repinConflict, HUB_CLOSE.keyRenewed]);
/**
 * Refusals that may lift without this device changing anything (another device brings the
 * session; the organiser restarts the hub with a larger quota): retried at the slowest pace, so a
 * refused device costs the hub one short connection every `maxDelayMs`.
 */
const HUB_WAITING_CLOSES: ReadonlySet<number> = new Set([HUB_CLOSE.notAdmitted, HUB_CLOSE.quotaExceeded]);


/**
 * The hub's sync URL from any URL on the hub: the page's own address when the app was loaded
 * from the hub (`http://192.168.1.10:8080/station?…` -> `ws://192.168.1.10:8080/sync`) or a
 * signaling URL from a join link (`ws://…/signaling`). Null for anything else.
 */
export function hubSyncUrl(from: string): string | null {
	let url: URL;
	try {
		url = new URL(from);
	} catch {
		return null;
	}
	const scheme = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' }[url.protocol];
	if (!scheme || url.username || url.password) return null;
	return `${scheme}//${url.host}${HUB_SYNC_PATH}`;
}

/** Minimal WebSocket surface shared by the browser's `WebSocket` and Node's `ws`. */
export interface WebSocketLike {
	binaryType: string;
	readonly readyState: number;
	/** Bytes queued but not yet sent (browser `WebSocket` and `ws` both have it). */
	readonly bufferedAmount?: number;
	send(data: string | Uint8Array): void;
	close(code?: number, reason?: string): void;
	addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: never) => void): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface HubTransportOptions extends FrameTransportOptions {
	/** The hub's sync endpoint, `ws://host:port/sync`. */
	url: string;
	sessionId: string;
	key: string;
	/** The key this session used before a renewal the hub may not know of yet (see above). */
	previousKey?: string | null;
	/** The hub code this device holds (normalized), which lets it bring new sessions to the hub. */
	hubCode?: string | null;
	/** Defaults to `new globalThis.WebSocket(url)`; Node tests pass `ws`. */
	createSocket?: WebSocketFactory;
	/** Reconnect backoff bounds (ms). */
	minDelayMs?: number;
	maxDelayMs?: number;
}

const OPEN = 1;

interface MessageEventLike {
	data: unknown;
}
interface CloseEventLike {
	code: number;
}

/**
 * A reconnecting, authenticated WebSocket presented as a `ByteLink`. `send` drops frames while
 * the socket is not ready; `onReady` fires after every successful auth so the transport re-runs
 * the state exchange.
 */
class HubLink implements ByteLink {
	onReady: () => void = () => {};
	/** `refusal` is the close code when the hub refused this device (see the close sets), else null. */
	onDown: (refusal: number | null) => void = () => {};
	#handler: ((bytes: unknown) => void) | null = null;
	#socket: WebSocketLike | null = null;
	#ready = false;
	#stopped = false;
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#token: string;
	/** The token to re-pin from, until the hub has accepted `#token` once. */
	#previous: string | null;

	constructor(
		readonly options: Required<Pick<HubTransportOptions, 'url' | 'sessionId' | 'createSocket' | 'minDelayMs' | 'maxDelayMs' | 'hubCode'>>,
		token: string,
		previous: string | null
	) {
		this.#token = token;
		this.#previous = previous === token ? null : previous;
	}

	get ready(): boolean {
		return this.#ready;
	}

	start(): void {
		this.#stopped = false;
		if (!this.#socket && !this.#timer) this.#connect();
	}

	/** New credentials (key rotation): reconnect with them, asking the hub to re-pin. */
	setToken(token: string): void {
		if (token === this.#token) return;
		this.#previous ??= this.#token;
		this.#token = token;
		this.#attempt = 0;
		this.#drop();
		if (!this.#stopped) this.#connect();
	}

	send(bytes: Uint8Array): void {
		if (this.#ready && this.#socket?.readyState === OPEN) this.#socket.send(bytes);
	}

	bufferedAmount(): number {
		return this.#socket?.bufferedAmount ?? 0;
	}

	listen(onBytes: (bytes: unknown) => void): () => void {
		this.#handler = onBytes;
		return () => {
			if (this.#handler === onBytes) this.#handler = null;
		};
	}

	close(): void {
		this.#stopped = true;
		this.#drop();
	}

	#drop(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const socket = this.#socket;
		this.#socket = null;
		this.#ready = false;
		if (socket) {
			try {
				socket.close(1000);
			} catch {
				// already closed
			}
		}
	}

	#connect(): void {
		let socket: WebSocketLike;
		try {
			socket = this.options.createSocket(this.options.url);
		} catch {
			return this.#retry(null);
		}
		this.#socket = socket;
		socket.binaryType = 'arraybuffer';
		socket.addEventListener('open', () => {
			if (this.#socket !== socket) return;
			const { sessionId, hubCode } = this.options;
			socket.send(encodeHubAuth(sessionId, this.#token, this.#previous, hubCode ? hubAdmissionProof(hubCode, sessionId, this.#token) : null));
		});
		socket.addEventListener('message', (event: MessageEventLike) => {
			if (this.#socket !== socket) return;
			const data = event.data;
			if (typeof data === 'string') {
				if (!this.#ready && isHubReady(data)) {
					this.#ready = true;
					this.#previous = null;
					this.#attempt = 0;
					this.onReady();
				}
				return;
			}
			if (!this.#ready) return;
			const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : null;
			this.#handler?.(bytes);
		});
		socket.addEventListener('close', (event: CloseEventLike) => {
			if (this.#socket !== socket) return;
			this.#socket = null;
			this.#ready = false;
			this.#retry(HUB_FINAL_CLOSES.has(event.code) || HUB_WAITING_CLOSES.has(event.code) ? event.code : null);
		});
		// An error is always followed by a close event.
		socket.addEventListener('error', () => {});
	}

	#retry(refusal: number | null): void {
		this.onDown(refusal);
		if (this.#stopped || (refusal !== null && HUB_FINAL_CLOSES.has(refusal))) return;
		const { minDelayMs, maxDelayMs } = this.options;
		const base = refusal !== null ? maxDelayMs : Math.min(maxDelayMs, minDelayMs * 2 ** this.#attempt);
		this.#attempt = Math.min(this.#attempt + 1, 16);
		// Jitter so 60 phones do not reconnect in lockstep after the hub restarts.
		const delay = base / 2 + Math.random() * (base / 2);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (!this.#stopped) this.#connect();
		}, delay);
	}
}

/** What a device says when the hub refuses it, by close code. */
const REFUSAL_MESSAGES: Partial<Record<number, SyncMessageKey>> = {
	[HUB_CLOSE.badToken]: 'sync.error.hubRefused',
	[HUB_CLOSE.keyRenewed]: 'sync.error.hubKeyRenewed',
	[HUB_CLOSE.repinConflict]: 'sync.error.hubMovedOn',
	[HUB_CLOSE.notAdmitted]: 'sync.error.hubNotAdmitted',
	[HUB_CLOSE.quotaExceeded]: 'sync.error.hubFull'
};

/** A `LinkTransport` of kind 'hub' whose status follows the hub connection. */
export class HubTransport extends LinkTransport {
	#link: HubLink;
	#sessionId: string;
	#previousKey: string | null;

	constructor(options: HubTransportOptions) {
		const createSocket =
			options.createSocket ??
			((url: string) => {
				const Ctor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
				if (!Ctor) throw new Error('hub transport: no WebSocket in this environment');
				return new Ctor(url);
			});
		const link = new HubLink(
			{
				url: options.url,
				sessionId: options.sessionId,
				createSocket,
				minDelayMs: options.minDelayMs ?? 500,
				maxDelayMs: options.maxDelayMs ?? 15_000,
				hubCode: options.hubCode ?? null
			},
			hubAccessToken(options.sessionId, options.key),
			options.previousKey ? hubAccessToken(options.sessionId, options.previousKey) : null
		);
		super({ ...options, link, kind: 'hub' });
		this.#link = link;
		this.#sessionId = options.sessionId;
		this.#previousKey = options.previousKey && options.previousKey !== options.key ? options.previousKey : null;
		link.onReady = () => {
			this.#previousKey = null;
			this.setStatus({ state: 'connected' });
			this.resync();
		};
		link.onDown = (refusal) => {
			if (!this.ctx) return;
			this.setStatus(
				refusal === null
					? { state: 'connecting', message: { key: 'sync.error.hubUnreachable' } }
					: { state: 'unavailable', message: { key: REFUSAL_MESSAGES[refusal] ?? 'sync.error.hubRefused' } }
			);
		};
	}

	/** True while the hub socket is authenticated and open. */
	get connected(): boolean {
		return this.#link.ready;
	}

	override attach(context: SyncContext): void {
		if (context.sessionId !== this.#sessionId) throw new Error('hub transport: session id mismatch');
		super.attach(context);
		if (!this.#link.ready) this.setStatus({ state: 'connecting' });
		this.#link.start();
	}

	/** The key this transport still re-pins from (a renewal the hub has not confirmed yet), or null. */
	get pendingPreviousKey(): string | null {
		return this.#previousKey;
	}

	override setKey(key: string): void {
		if (!this.ctx || key === this.key) return;
		this.#previousKey ??= this.key;
		super.setKey(key);
		this.#link.setToken(hubAccessToken(this.#sessionId, key));
		this.setStatus({ state: 'connecting' });
	}
}

export function createHubTransport(options: HubTransportOptions): HubTransport {
	return new HubTransport(options);
}
