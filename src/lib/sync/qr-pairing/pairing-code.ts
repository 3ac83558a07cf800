/**
 * Pairing codes: what one tablet shows as a QR code (or as text) so that another can open a
 * direct WebRTC link to it with no server. Two codes make a pairing:
 *
 *   offer  (shown by a tablet already in the session): session id, session key, the role the
 *          newcomer takes, and the essentials of the offer SDP;
 *   answer (shown by the newcomer once it scanned the offer): session id, a proof that it holds
 *          the key and answers *this* offer, and the essentials of its answer SDP.
 *
 * Binary layout (then Crockford base32, which QR codes store in alphanumeric mode):
 *
 *   header:u8  = version:3 | kind:1 (0 offer, 1 answer) | setup:2 | role:2 (offer only)
 *   session    = 0:u8 bytes[16] (a 22-character base64url id) | len:u8 utf8[len]
 *   offer:  key bytes[16]          answer: proof bytes[8]
 *   ufrag, pwd = len:u8 packed6[ceil(len*6/8)]   (ICE characters are exactly 64 symbols)
 *   fingerprint bytes[32] (SHA-256)   mid = len:u8 utf8[len]
 *   candidates = count:u8 (kind:u8 (0 IPv4, 1 IPv6, 2 mDNS) address[4|16|16] port:u16)*
 *   check bytes[2] = first bytes of SHA-256 of everything before (catches typing mistakes)
 *
 * An offer with two candidates is 120–135 bytes, 190–215 symbols: QR version 6–7 at level L
 * (a code shown on a clean screen needs little error correction).
 * `decodePairingCode` never throws; it returns a message key saying what is wrong.
 */
import { digest } from 'lib0/hash/sha256';
import { encodeUtf8, decodeUtf8 } from 'lib0/string';
import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import type { Result } from '$lib/result';
import { PEER_ROLES, type PeerRole, type SyncMessage } from '../sync-types';
import { isValidId } from '../../protocol/wire-protocol';
import { isValidSessionKey, sameBytes } from '../session-key';
import { decodeBase32, encodeBase32 } from './base32';
import {
	formatIpv6,
	formatMdns,
	ipv4Bytes,
	ipv6Bytes,
	mdnsBytes,
	MAX_CANDIDATES,
	type HostCandidate,
	type SdpEssentials,
	type SetupRole
} from './sdp-codec';

export const PAIRING_CODE_VERSION = 1;
/** The header version of a re-link code (`relink-code.ts`): one scan re-links a known tablet. */
export const RELINK_CODE_VERSION = 2;
export const ICE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SETUPS: readonly SetupRole[] = ['actpass', 'active', 'passive'];
const PROOF_BYTES = 8;
export const CHECK_BYTES = 2;
/** Longest text accepted as a code (a real one is about 200 symbols). */
export const MAX_CODE_CHARS = 600;

export interface OfferCode {
	kind: 'offer';
	sessionId: string;
	key: string;
	role: PeerRole;
	sdp: SdpEssentials;
}

export interface AnswerCode {
	kind: 'answer';
	sessionId: string;
	proof: Uint8Array;
	sdp: SdpEssentials;
}

export type PairingCode = OfferCode | AnswerCode;
export type CodeResult = Result<PairingCode, SyncMessage>;

/** The proof an answer carries: it holds the session key and answers this very offer. */
export function answerProof(sessionId: string, key: string, offer: SdpEssentials, answer: SdpEssentials): Uint8Array {
	const text = encodeUtf8(`tablee/qr-answer\u0000${sessionId}\u0000${key}\u0000${offer.ufrag}\u0000${offer.pwd}\u0000${answer.ufrag}\u0000${answer.pwd}\u0000`);
	const all = new Uint8Array(text.byteLength + 64);
	all.set(text);
	all.set(offer.fingerprint, text.byteLength);
	all.set(answer.fingerprint, text.byteLength + 32);
	return Uint8Array.from(digest(all).subarray(0, PROOF_BYTES));
}

export function checkAnswerProof(code: AnswerCode, key: string, offer: SdpEssentials): boolean {
	return sameBytes(code.proof, answerProof(code.sessionId, key, offer, code.sdp));
}

export class Writer {
	bytes: number[] = [];
	u8(v: number) {
		this.bytes.push(v & 255);
	}
	raw(b: Uint8Array) {
		for (const x of b) this.bytes.push(x);
	}
	short(text: string) {
		const b = encodeUtf8(text);
		if (b.byteLength > 255) throw new RangeError('pairing code: field too long');
		this.u8(b.byteLength);
		this.raw(b);
	}
}

export class Reader {
	#b: Uint8Array;
	#i = 0;
	constructor(b: Uint8Array) {
		this.#b = b;
	}
	get done() {
		return this.#i === this.#b.byteLength;
	}
	u8(): number {
		if (this.#i >= this.#b.byteLength) throw new RangeError('short');
		return this.#b[this.#i++]!;
	}
	raw(n: number): Uint8Array {
		if (this.#i + n > this.#b.byteLength) throw new RangeError('short');
		const out = this.#b.slice(this.#i, this.#i + n);
		this.#i += n;
		return out;
	}
	short(): string {
		return decodeUtf8(this.raw(this.u8()));
	}
}

export function writeIce(w: Writer, text: string) {
	if (text.length > 255) throw new RangeError('pairing code: ICE field too long');
	w.u8(text.length);
	let buffer = 0;
	let bits = 0;
	for (const c of text) {
		const v = ICE_ALPHABET.indexOf(c);
		if (v < 0) throw new RangeError('pairing code: not an ICE character');
		buffer = (buffer << 6) | v;
		bits += 6;
		while (bits >= 8) {
			bits -= 8;
			w.u8(buffer >> bits);
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) w.u8(buffer << (8 - bits));
}

export function readIce(r: Reader): string {
	const length = r.u8();
	const packed = r.raw(Math.ceil((length * 6) / 8));
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of packed) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 6 && out.length < length) {
			bits -= 6;
			out += ICE_ALPHABET[(buffer >> bits) & 63];
		}
		buffer &= (1 << bits) - 1;
	}
	if (out.length !== length || length === 0) throw new RangeError('ice');
	return out;
}

export function writeSession(w: Writer, id: string) {
	if (/^[A-Za-z0-9_-]{22}$/.test(id)) {
		const bytes = fromBase64UrlEncoded(id);
		if (bytes.byteLength === 16 && toBase64UrlEncoded(bytes) === id) {
			w.u8(0);
			w.raw(bytes);
			return;
		}
	}
	w.short(id);
}

export function readSession(r: Reader): string {
	const tag = r.u8();
	const id = tag === 0 ? toBase64UrlEncoded(r.raw(16)) : decodeUtf8(r.raw(tag));
	if (!isValidId(id)) throw new RangeError('session');
	return id;
}

export function writeCandidate(w: Writer, c: HostCandidate) {
	const a = c.address;
	const bytes = a.kind === 'ipv4' ? ipv4Bytes(a.address) : a.kind === 'ipv6' ? ipv6Bytes(a.address) : mdnsBytes(a.address);
	if (!bytes) throw new RangeError('pairing code: bad candidate address');
	w.u8(a.kind === 'ipv4' ? 0 : a.kind === 'ipv6' ? 1 : 2);
	w.raw(bytes);
	w.u8(c.port >> 8);
	w.u8(c.port);
}

export function readCandidate(r: Reader): HostCandidate {
	const kind = r.u8();
	let address: HostCandidate['address'];
	if (kind === 0) address = { kind: 'ipv4', address: [...r.raw(4)].join('.') };
	else if (kind === 1) address = { kind: 'ipv6', address: formatIpv6(r.raw(16)) };
	else if (kind === 2) address = { kind: 'mdns', address: formatMdns(r.raw(16)) };
	else throw new RangeError('candidate');
	const port = (r.u8() << 8) | r.u8();
	if (port === 0) throw new RangeError('port');
	return { address, port };
}

/**
 * The connection details every code carries, in this order: ICE ufrag and pwd, DTLS
 * fingerprint, media id, host candidates. Throws RangeError on input no browser produces.
 */
export function writeConnection(w: Writer, sdp: SdpEssentials): void {
	writeIce(w, sdp.ufrag);
	writeIce(w, sdp.pwd);
	if (sdp.fingerprint.byteLength !== 32) throw new RangeError('pairing code: bad fingerprint');
	w.raw(sdp.fingerprint);
	w.short(sdp.mid);
	const candidates = sdp.candidates.slice(0, MAX_CANDIDATES);
	w.u8(candidates.length);
	for (const c of candidates) writeCandidate(w, c);
}

/** Reads what `writeConnection` wrote; null when the counts or the media id are out of range. */
export function readConnection(r: Reader): Omit<SdpEssentials, 'setup'> | null {
	const ufrag = readIce(r);
	const pwd = readIce(r);
	const fingerprint = r.raw(32);
	const mid = r.short();
	const count = r.u8();
	if (count === 0 || count > MAX_CANDIDATES || mid === '' || mid.length > 32) return null;
	const candidates = Array.from({ length: count }, () => readCandidate(r));
	return { ufrag, pwd, fingerprint, mid, candidates };
}

/** The code's text: the written bytes, then their check bytes, in base32. */
export function sealCode(w: Writer): string {
	const body = Uint8Array.from(w.bytes);
	const all = new Uint8Array(body.byteLength + CHECK_BYTES);
	all.set(body);
	all.set(digest(body).slice(0, CHECK_BYTES), body.byteLength);
	return encodeBase32(all);
}

/** Encodes a code as base32 text; throws RangeError on input no browser produces. */
export function encodePairingCode(code: PairingCode): string {
	const w = new Writer();
	const setup = SETUPS.indexOf(code.sdp.setup);
	const role = code.kind === 'offer' ? PEER_ROLES.indexOf(code.role) : 0;
	if (setup < 0 || role < 0) throw new RangeError('pairing code: bad setup or role');
	w.u8((PAIRING_CODE_VERSION << 5) | ((code.kind === 'answer' ? 1 : 0) << 4) | (setup << 2) | role);
	writeSession(w, code.sessionId);
	if (code.kind === 'offer') {
		if (!isValidSessionKey(code.key)) throw new RangeError('pairing code: bad key');
		w.raw(fromBase64UrlEncoded(code.key));
	} else {
		if (code.proof.byteLength !== PROOF_BYTES) throw new RangeError('pairing code: bad proof');
		w.raw(code.proof);
	}
	writeConnection(w, code.sdp);
	return sealCode(w);
}

export function decodePairingCode(input: string): CodeResult {
	const fail = (key: SyncMessage['key']): CodeResult => ({ ok: false, problem: { key } });
	if (typeof input !== 'string' || input.trim() === '') return fail('sync.qr.code.empty');
	const text = input.trim();
	if (/#join=|^https?:\/\//i.test(text)) return fail('sync.qr.code.joinLink');
	if (text.length > MAX_CODE_CHARS) return fail('sync.qr.code.notCode');
	const bytes = decodeBase32(text);
	if (!bytes || bytes.byteLength < 40) return fail('sync.qr.code.notCode');
	const body = bytes.subarray(0, bytes.byteLength - CHECK_BYTES);
	if (!sameBytes(bytes.subarray(body.byteLength), digest(body).slice(0, CHECK_BYTES))) return fail('sync.qr.code.corrupt');
	try {
		const r = new Reader(body);
		const header = r.u8();
		if (header >> 5 === RELINK_CODE_VERSION) return fail('sync.qr.code.relink');
		if (header >> 5 !== PAIRING_CODE_VERSION) return fail('sync.qr.code.version');
		const kind = (header >> 4) & 1 ? 'answer' : 'offer';
		const setup = SETUPS[(header >> 2) & 3];
		const role = PEER_ROLES[header & 3];
		if (!setup || !role) return fail('sync.qr.code.corrupt');
		const sessionId = readSession(r);
		const secret = r.raw(kind === 'offer' ? 16 : PROOF_BYTES);
		const connection = readConnection(r);
		if (!connection || !r.done) return fail('sync.qr.code.corrupt');
		const sdp: SdpEssentials = { ...connection, setup };
		if (kind === 'offer') {
			if (setup !== 'actpass') return fail('sync.qr.code.corrupt');
			return { ok: true, value: { kind, sessionId, key: toBase64UrlEncoded(secret), role, sdp } };
		}
		if (setup === 'actpass') return fail('sync.qr.code.corrupt');
		return { ok: true, value: { kind, sessionId, proof: secret, sdp } };
	} catch {
		return fail('sync.qr.code.corrupt');
	}
}
