/**
 * The venue hub's door for NEW sessions: the hub code.
 *
 * A device that joins a session the hub already holds needs only the session token (phones and
 * tablets joining by link). To make the hub create, pin and store a session it has never seen,
 * a device must also prove it holds the hub code, which the hub prints in its terminal at start
 * and the organiser types (or scans) once under Réglages on the facilitator's tablet.
 *
 * The code never travels: the auth message carries
 *
 *   proof = base64url( HMAC-SHA256(key = code, 'tablee-hub-admit:' + sessionId + ':' + token) )
 *
 * bound to one session id and token, so a proof seen on the LAN admits nothing else. lib0's
 * SHA-256 (HMAC built on it here) because `crypto.subtle` is missing on insecure origins.
 *
 * Code: 12 characters of Crockford's base32 (60 bits), shown as `K7QM-4TZP-9XRA`. Typing is
 * forgiving: case, spaces and dashes are ignored, O reads as 0, I and L as 1. 60 bits keep an
 * offline guess from one overheard proof out of reach for the length of a workshop series
 * (years on a GPU), and online guessing is bounded by the hub's connection limits.
 *
 * The code may travel with the hub's address in one scan: `ws://<hub>/signaling#hub-code=<code>`
 * (`hubLinkWithCode`, read back by `splitHubLink`). The fragment is stripped before the address is
 * stored or shared, so the code never reaches a join link or the hub.
 */
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';

export const HUB_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const HUB_CODE_LENGTH = 12;
/** A stored (normalized) hub code. */
export const HUB_CODE_PATTERN = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$/;
/** An admission proof: base64url of 32 bytes. */
export const HUB_PROOF_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The fragment parameter that carries the code in a hub link. */
export const HUB_CODE_PARAM = 'hub-code';

/** The code as stored and compared, or null when `text` is not a hub code. */
export function normalizeHubCode(text: string): string | null {
	const code = text
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	return HUB_CODE_PATTERN.test(code) ? code : null;
}

/** `K7QM4TZP9XRA` → `K7QM-4TZP-9XRA`, for reading aloud and typing. */
export function formatHubCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** A fresh code from `randomBytes` (32 symbols: one byte's low five bits each, unbiased). */
export function generateHubCode(randomBytes: (length: number) => Uint8Array): string {
	return Array.from(randomBytes(HUB_CODE_LENGTH), (b) => HUB_CODE_ALPHABET[b & 31]).join('');
}

/** HMAC-SHA256 (RFC 2104) over lib0's SHA-256. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
	const block = 64;
	const padded = new Uint8Array(block);
	padded.set(key.byteLength > block ? digest(key) : key);
	const inner = new Uint8Array(block + message.byteLength);
	const outer = new Uint8Array(block + 32);
	for (let i = 0; i < block; i++) {
		inner[i] = padded[i]! ^ 0x36;
		outer[i] = padded[i]! ^ 0x5c;
	}
	inner.set(message, block);
	outer.set(digest(inner), block);
	return digest(outer);
}

/** What a device sends to show it holds `code`, for one session id and token. */
export function hubAdmissionProof(code: string, sessionId: string, token: string): string {
	return toBase64UrlEncoded(hmacSha256(encodeUtf8(code), encodeUtf8(`tablee-hub-admit:${sessionId}:${token}`)));
}

/** The hub's signaling address with the code in its fragment, for the terminal's QR code. */
export function hubLinkWithCode(signalingUrl: string, code: string): string {
	return `${signalingUrl.replace(/#.*$/, '')}#${HUB_CODE_PARAM}=${code}`;
}

/**
 * Reads an address that may carry a hub code (`…#hub-code=K7QM-4TZP-9XRA`): the address without
 * its fragment, and the code (null when there is none). `code` is `false` when a fragment names a
 * code that is not one, so the caller can say so rather than drop it silently.
 */
export function splitHubLink(text: string): { address: string; code: string | null | false } {
	const hash = text.indexOf('#');
	if (hash < 0) return { address: text, code: null };
	const params = new URLSearchParams(text.slice(hash + 1));
	const raw = params.get(HUB_CODE_PARAM);
	return { address: text.slice(0, hash), code: raw === null ? null : (normalizeHubCode(raw) ?? false) };
}
