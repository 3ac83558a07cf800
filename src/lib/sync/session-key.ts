/**
 * Session keys: 128 random bits, written base64url (22 characters). The key travels only inside
 * join links (URL fragments, never sent to a server) and QR codes; it is never stored in the
 * session doc, which every device syncs.
 *
 * Hashing uses lib0's SHA-256 because `crypto.subtle` is missing on insecure origins (plain http
 * on the LAN); `crypto.getRandomValues` exists everywhere.
 */
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded, fromBase64UrlEncoded, toHexString } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
export { sameBytes } from '../protocol/bytes';

export const SESSION_KEY_BYTES = 16;
const keyPattern = /^[A-Za-z0-9_-]{22}$/;

export function generateSessionKey(): string {
	return toBase64UrlEncoded(crypto.getRandomValues(new Uint8Array(SESSION_KEY_BYTES)));
}

export function isValidSessionKey(key: unknown): key is string {
	if (typeof key !== 'string' || !keyPattern.test(key)) return false;
	try {
		return fromBase64UrlEncoded(key).byteLength === SESSION_KEY_BYTES;
	} catch {
		return false;
	}
}

function derive(purpose: string, sessionId: string, key: string): Uint8Array {
	return digest(encodeUtf8(`tablee/${purpose}\u0000${sessionId}\u0000${key}`));
}

/**
 * 8 bytes proving "I hold the current key" in a hello frame. It is static for a (session, key)
 * pair, so it separates key generations (old-key peers drop off after rotation); it does not
 * authenticate against an eavesdropper on the same medium, which is why frames only travel on
 * media that are already private (same-origin BroadcastChannel, encrypted links).
 */
export function keyTag(sessionId: string, key: string): Uint8Array {
	return derive('hello', sessionId, key).slice(0, 8);
}

/** Short public name for (session, key), used in channel and room names. Reveals nothing of the key. */
export function keyFingerprint(sessionId: string, key: string): string {
	return toHexString(derive('room', sessionId, key).slice(0, 8));
}

