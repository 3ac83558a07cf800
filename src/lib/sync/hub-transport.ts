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
 * The socket reconnects with exponential backoff. Nothing typed meanwhile is lost: the doc is
 * local, and the state exchange after reconnecting sends whatever the hub is missing.
 */
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import { LinkTransport, type ByteLink } from './link-transport';
import type { FrameTransportOptions } from './frame-transport';
import type { SyncContext } from './sync-types';

export const HUB_PROTOCOL_VERSION = 1;

/** Close codes the hub uses (4000–4999 are free for applications). */
export const HUB_CLOSE = {
	/** The first message was not a well-formed auth message. */
	badRequest: 4400,
	/** The token does not match the one pinned for this session: never retried. */
	badToken: 4401,
	/** No auth message in time. */
	authTimeout: 4408,
	/** A frame failed validation (garbage, oversize update): the sender is dropped. */
	malformed: 4422,
	/** Too many messages or bytes per second. */
	rateLimited: 4429,
	/** Too many sessions, clients in the session, or connections from this address. */
	full: 4503,
	/** The client reads too slowly (send buffer over its bound). */
	slow: 4504
} as const;

/**
 * The hub access token for (session, key): base64url SHA-256 of a purpose-tagged string. One-way,
 * so holding the token (the hub does) reveals nothing of the key. lib0's SHA-256 because
 * `crypto.subtle` is missing on insecure origins.
 */
export function hubAccessToken(sessionId: string, key: string): string {
	return toBase64UrlEncoded(digest(encodeUtf8(`tablee-hub-token:${sessionId}:${key}`)));
}

export const HUB_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The auth message a client sends first (a text WebSocket message). */
export function encodeHubAuth(sessionId: string, token: string): string {
	return JSON.stringify({ type: 'auth', v: HUB_PROTOCOL_VERSION, session: sessionId, token });
}

/** Path of the hub's sync endpoint (`src/hub/venue-hub.ts`). */
export const HUB_SYNC_PATH = '/sync';

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
	onDown: (refused: boolean) => void = () => {};
	#handler: ((bytes: unknown) => void) | null = null;
	#socket: WebSocketLike | null = null;
	#ready = false;
	#stopped = false;
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#token: string;

	constructor(
		readonly options: Required<Pick<HubTransportOptions, 'url' | 'sessionId' | 'createSocket' | 'minDelayMs' | 'maxDelayMs'>>,
		token: string
	) {
		this.#token = token;
	}

	get ready(): boolean {
		return this.#ready;
	}

	start(): void {
		this.#stopped = false;
		if (!this.#socket && !this.#timer) this.#connect();
	}

	/** New credentials (key rotation): reconnect with them. */
	setToken(token: string): void {
		this.#token = token;
		this.#drop();
		if (!this.#stopped) this.#connect();
	}

	send(bytes: Uint8Array): void {
		if (this.#ready && this.#socket?.readyState === OPEN) this.#socket.send(bytes);
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
			return this.#retry(false);
		}
		this.#socket = socket;
		socket.binaryType = 'arraybuffer';
		socket.addEventListener('open', () => {
			if (this.#socket === socket) socket.send(encodeHubAuth(this.options.sessionId, this.#token));
		});
		socket.addEventListener('message', (event: MessageEventLike) => {
			if (this.#socket !== socket) return;
			const data = event.data;
			if (typeof data === 'string') {
				if (!this.#ready && isReady(data)) {
					this.#ready = true;
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
			this.#retry(event.code === HUB_CLOSE.badToken);
		});
		// An error is always followed by a close event.
		socket.addEventListener('error', () => {});
	}

	#retry(refused: boolean): void {
		this.onDown(refused);
		if (this.#stopped || refused) return;
		const { minDelayMs, maxDelayMs } = this.options;
		const base = Math.min(maxDelayMs, minDelayMs * 2 ** this.#attempt);
		this.#attempt = Math.min(this.#attempt + 1, 16);
		// Jitter so 60 phones do not reconnect in lockstep after the hub restarts.
		const delay = base / 2 + Math.random() * (base / 2);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (!this.#stopped) this.#connect();
		}, delay);
	}
}

function isReady(text: string): boolean {
	try {
		const m = JSON.parse(text) as { type?: unknown };
		return m.type === 'ready';
	} catch {
		return false;
	}
}

/** A `LinkTransport` of kind 'hub' whose status follows the hub connection. */
export class HubTransport extends LinkTransport {
	#link: HubLink;
	#sessionId: string;

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
				maxDelayMs: options.maxDelayMs ?? 15_000
			},
			hubAccessToken(options.sessionId, options.key)
		);
		super({ ...options, link, kind: 'hub' });
		this.#link = link;
		this.#sessionId = options.sessionId;
		link.onReady = () => {
			this.setStatus({ state: 'connected' });
			this.resync();
		};
		link.onDown = (refused) => {
			if (!this.ctx) return;
			this.setStatus(
				refused
					? { state: 'unavailable', message: { key: 'sync.error.hubRefused' } }
					: { state: 'connecting', message: { key: 'sync.error.hubUnreachable' } }
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

	override setKey(key: string): void {
		if (!this.ctx || key === this.key) return;
		super.setKey(key);
		this.#link.setToken(hubAccessToken(this.#sessionId, key));
		this.setStatus({ state: 'connecting' });
	}
}

export function createHubTransport(options: HubTransportOptions): HubTransport {
	return new HubTransport(options);
}
