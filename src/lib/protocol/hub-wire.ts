/**
 * The hub's side of the wire that devices and the hub both follow: the `/sync` path, the protocol
 * version, the first (text) message a device sends — auth — and the close codes the hub answers
 * with. The client (`sync/hub-transport.ts`) encodes; the hub (`hub/sync-endpoint.ts`) parses.
 */
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';

export const HUB_PROTOCOL_VERSION = 1;

/** Close codes the hub uses (4000–4999 are free for applications). */
export const HUB_CLOSE = {
	/** The first message was not a well-formed auth message. */
	badRequest: 4400,
	/** The token does not match the one pinned for this session: never retried. */
	badToken: 4401,
	/** No auth message in time. */
	authTimeout: 4408,
	/**
	 * A re-pin was asked from a token that is not (or no longer) the session's pin: the hub
	 * already moved this session to another key. Never retried.
	 */
	repinConflict: 4409,
	/**
	 * The session's key was renewed on the hub (re-pin): this socket's token is the old one. Sent
	 * to the sockets still open on the old token and to old-token devices afterwards. Never retried.
	 */
	keyRenewed: 4410,
	/** A frame failed validation (garbage, oversize update): the sender is dropped. */
	malformed: 4422,
	/**
	 * The hub does not hold this session and the device did not prove it holds the hub code: only
	 * an authorised tablet brings new sessions. Retried slowly (another device may bring it).
	 */
	notAdmitted: 4403,
	/** Too many messages or bytes per second. */
	rateLimited: 4429,
	/** Too many sessions, clients in the session, or connections from this address. */
	full: 4503,
	/** The client reads too slowly (send buffer over its bound). */
	slow: 4504,
	/**
	 * Writing this update would pass the hub's disk quota (per session or in total): the hub
	 * stores nothing more for the session; what it holds stays. Retried slowly.
	 */
	quotaExceeded: 4507
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

/**
 * The auth message a client sends first (a text WebSocket message). `previous` (after a key
 * renewal) is the token of the key it replaced: the hub re-pins the session to `token` when
 * `previous` is the pinned one, and admits `token` alone once that is done. `proof` (from
 * `hubAdmissionProof`) lets the hub create the session when it does not hold it yet.
 */
export function encodeHubAuth(sessionId: string, token: string, previous: string | null = null, proof: string | null = null): string {
	const message: Record<string, unknown> = { type: 'auth', v: HUB_PROTOCOL_VERSION, session: sessionId, token };
	if (previous !== null && previous !== token) message.previous = previous;
	if (proof !== null) message.proof = proof;
	return JSON.stringify(message);
}

/** Path of the hub's sync endpoint (`src/hub/venue-hub.ts`). */
export const HUB_SYNC_PATH = '/sync';

/** What a device presents on `/sync` (see `encodeHubAuth`). */
export interface HubAuth {
	session: string;
	token: string;
	/** The token of the key a renewal replaced (asks for a re-pin). */
	previous?: string | null;
	/** Proof of the hub code (`hubAdmissionProof`; needed only for a session the hub does not hold). */
	proof?: string | null;
}

/** Longest auth message the hub reads (a well-formed one is under 300 bytes). */
export const HUB_AUTH_MAX_BYTES = 1024;

/** The auth message from its bytes, or null when it is not a well-formed one of this version. */
export function parseHubAuth(bytes: Uint8Array): HubAuth | null {
	if (bytes.byteLength > HUB_AUTH_MAX_BYTES) return null;
	try {
		const m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
		if (typeof m !== 'object' || m === null) return null;
		const r = m as Record<string, unknown>;
		if (r.type !== 'auth' || r.v !== HUB_PROTOCOL_VERSION) return null;
		if (typeof r.session !== 'string' || typeof r.token !== 'string') return null;
		if (r.previous !== undefined && typeof r.previous !== 'string') return null;
		if (r.proof !== undefined && typeof r.proof !== 'string') return null;
		return { session: r.session, token: r.token, previous: r.previous ?? null, proof: r.proof ?? null };
	} catch {
		return null;
	}
}

/** The hub's answer once a device is admitted: frames flow after it (a text message). */
export function encodeHubReady(): string {
	return JSON.stringify({ type: 'ready', v: HUB_PROTOCOL_VERSION });
}

export function isHubReady(text: string): boolean {
	try {
		const m = JSON.parse(text) as { type?: unknown } | null;
		return m !== null && typeof m === 'object' && m.type === 'ready';
	} catch {
		return false;
	}
}
