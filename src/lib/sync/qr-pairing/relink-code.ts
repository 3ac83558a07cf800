/**
 * Re-link codes: ONE QR code that re-links a tablet this one was linked to before in the
 * session (it reloaded, or lost the Wi-Fi). The tablet still in the mesh (A) shows it; the
 * disconnected one (B) scans it and connects, with no code shown back:
 *
 *   - A knows B's persistent DTLS fingerprint (`known-peers.ts`, `device-certificate.ts`);
 *   - B's ICE credentials are derived from the session key, B's device id and a nonce A chose
 *     (`relinkIce`), so A can set B's answer itself; B's address reaches A as a peer-reflexive
 *     candidate with B's first connectivity check.
 *
 * Binary layout (then Crockford base32, like pairing codes):
 *
 *   header:u8 = RELINK_CODE_VERSION << 5      session, from (A), to (B) = id (see pairing-code)
 *   nonce bytes[8]   proof bytes[8]           ufrag, pwd, fingerprint[32], mid, candidates of A
 *   check bytes[2]
 *
 * The proof shows the code was made with the session key, by A, for B, with this nonce and
 * these credentials. `readRelinkCode` never throws; it returns a message key saying what is wrong.
 */
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8 } from 'lib0/string';
import { toBase64UrlEncoded } from 'lib0/buffer';
import type { Result } from '$lib/result';
import type { SyncMessage } from '../sync-types';
import { sameBytes } from '../session-key';
import { decodeBase32 } from './base32';
import {
	CHECK_BYTES,
	ICE_ALPHABET,
	MAX_CODE_CHARS,
	RELINK_CODE_VERSION,
	Reader,
	Writer,
	readConnection,
	readSession,
	sealCode,
	writeConnection,
	writeSession
} from './pairing-code';
import type { SdpEssentials } from './sdp-codec';

const NONCE_BYTES = 8;
const PROOF_BYTES = 8;

export interface RelinkCode {
	sessionId: string;
	/** The tablet showing the code (still in the mesh). */
	from: string;
	/** The tablet the code is for (the one that lost its links). */
	to: string;
	nonce: Uint8Array;
	proof: Uint8Array;
	/** Essentials of the offer of `from` (setup actpass). */
	sdp: SdpEssentials;
}

export type RelinkResult = Result<RelinkCode, SyncMessage>;

function iceText(seed: string, length: number): string {
	const h = digest(encodeUtf8(seed));
	let out = '';
	for (let i = 0; i < length; i++) out += ICE_ALPHABET[h[i % h.length]! & 63];
	return out;
}

/** The ICE credentials the re-linking tablet `to` uses: 16-character ufrag, 32-character pwd. */
export function relinkIce(sessionId: string, key: string, to: string, nonce: Uint8Array): { ufrag: string; pwd: string } {
	const seed = `tablee/qr-relink-ice\u0000${sessionId}\u0000${key}\u0000${to}\u0000${toBase64UrlEncoded(nonce)}\u0000`;
	return { ufrag: iceText(`${seed}ufrag`, 16), pwd: iceText(`${seed}pwd`, 32) };
}

export function relinkProof(code: Omit<RelinkCode, 'proof'>, key: string): Uint8Array {
	const s = code.sdp;
	const text = encodeUtf8(`tablee/qr-relink\u0000${code.sessionId}\u0000${key}\u0000${code.from}\u0000${code.to}\u0000${toBase64UrlEncoded(code.nonce)}\u0000${s.ufrag}\u0000${s.pwd}\u0000`);
	const all = new Uint8Array(text.byteLength + 32);
	all.set(text);
	all.set(s.fingerprint, text.byteLength);
	return Uint8Array.from(digest(all).subarray(0, PROOF_BYTES));
}

export function newRelinkNonce(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
}

/** Encodes a code as base32 text; throws RangeError on input no browser produces. */
export function encodeRelinkCode(code: RelinkCode): string {
	if (code.nonce.byteLength !== NONCE_BYTES || code.proof.byteLength !== PROOF_BYTES) throw new RangeError('relink code: bad nonce or proof');
	if (code.sdp.fingerprint.byteLength !== 32 || code.sdp.setup !== 'actpass') throw new RangeError('relink code: bad offer');
	const w = new Writer();
	w.u8(RELINK_CODE_VERSION << 5);
	writeSession(w, code.sessionId);
	writeSession(w, code.from);
	writeSession(w, code.to);
	w.raw(code.nonce);
	w.raw(code.proof);
	writeConnection(w, code.sdp);
	return sealCode(w);
}

/** Whether a scanned text is a re-link code at all (its header), to route it before reading it. */
export function isRelinkCode(input: string): boolean {
	if (typeof input !== 'string' || input.trim().length > MAX_CODE_CHARS) return false;
	const bytes = decodeBase32(input.trim());
	return !!bytes && bytes.byteLength > 0 && bytes[0]! >> 5 === RELINK_CODE_VERSION;
}

/**
 * Reads a re-link code on the tablet that lost its links, and checks it: it must be for this
 * session, for this device, and made with the session key.
 */
export function readRelinkCode(input: string, expected: { sessionId: string; key: string; deviceId: string }): RelinkResult {
	const fail = (key: SyncMessage['key']): RelinkResult => ({ ok: false, problem: { key } });
	if (typeof input !== 'string' || input.trim() === '') return fail('sync.qr.code.empty');
	const text = input.trim();
	if (text.length > MAX_CODE_CHARS) return fail('sync.qr.code.notCode');
	const bytes = decodeBase32(text);
	if (!bytes || bytes.byteLength < 40) return fail('sync.qr.code.notCode');
	const body = bytes.subarray(0, bytes.byteLength - CHECK_BYTES);
	if (!sameBytes(bytes.subarray(body.byteLength), digest(body).slice(0, CHECK_BYTES))) return fail('sync.qr.code.corrupt');
	let code: RelinkCode;
	try {
		const r = new Reader(body);
		if (r.u8() !== RELINK_CODE_VERSION << 5) return fail('sync.qr.code.version');
		const sessionId = readSession(r);
		const from = readSession(r);
		const to = readSession(r);
		const nonce = r.raw(NONCE_BYTES);
		const proof = r.raw(PROOF_BYTES);
		const connection = readConnection(r);
		if (!connection || !r.done) return fail('sync.qr.code.corrupt');
		code = { sessionId, from, to, nonce, proof, sdp: { ...connection, setup: 'actpass' } };
	} catch {
		return fail('sync.qr.code.corrupt');
	}
	if (code.sessionId !== expected.sessionId) return fail('sync.qr.code.otherSession');
	if (code.to !== expected.deviceId) return fail('sync.qr.code.otherDevice');
	if (!sameBytes(code.proof, relinkProof(code, expected.key))) return fail('sync.qr.code.relinkWrongKey');
	return { ok: true, value: code };
}
