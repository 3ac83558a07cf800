import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { buildSdp, parseSdp, formatIpv6, ipv6Bytes, type SdpEssentials } from '../../../src/lib/sync/qr-pairing/sdp-codec';
import { decodeBase32, encodeBase32 } from '../../../src/lib/sync/qr-pairing/base32';
import {
	answerProof,
	checkAnswerProof,
	decodePairingCode,
	encodePairingCode,
	type AnswerCode,
	type OfferCode
} from '../../../src/lib/sync/qr-pairing/pairing-code';
import { generateSessionKey } from '../../../src/lib/sync/session-key';

/** SDPs captured from Debian's Chromium: without camera permission (mDNS names) and with it (raw IPs). */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sdp/${name}.sdp`, import.meta.url), 'utf8');
const FIXTURES = ['chromium-mdns-offer', 'chromium-mdns-answer', 'chromium-camera-offer', 'chromium-camera-answer'];
const SESSION = 'AbCdEfGhIjKlMnOpQrStUw';

function essentials(name: string): SdpEssentials {
	const parsed = parseSdp(fixture(name));
	if (!parsed.ok) throw new Error(`${name}: ${parsed.problem}`);
	return parsed.value;
}

/** The attributes a browser reads from a data-channel SDP, as a comparable record. */
function meaning(sdp: string) {
	const lines = sdp.split(/\r?\n/);
	const get = (p: string) => lines.find((l) => l.startsWith(p))?.slice(p.length);
	const candidates = lines
		.filter((l) => l.startsWith('a=candidate:') && / udp /i.test(l))
		.map((l) => l.split(' ').slice(4, 6).join(':'))
		.slice(0, 3)
		.sort();
	return {
		ufrag: get('a=ice-ufrag:'),
		pwd: get('a=ice-pwd:'),
		fingerprint: get('a=fingerprint:')?.toUpperCase(),
		setup: get('a=setup:'),
		mid: get('a=mid:'),
		candidates
	};
}

describe('SDP essentials', () => {
	it.each(FIXTURES)('%s: parse, rebuild and parse again gives the same SDP meaning', (name) => {
		const original = fixture(name);
		const rebuilt = buildSdp(essentials(name));
		expect(meaning(rebuilt)).toEqual(meaning(original));
		expect(rebuilt).toContain('m=application 9 UDP/DTLS/SCTP webrtc-datachannel');
		expect(rebuilt).toContain('a=sctp-port:5000');
		const again = parseSdp(rebuilt);
		expect(again.ok && again.value).toEqual(essentials(name));
	});

	it('keeps UDP host candidates only, IPv4 first, and drops TCP ones', () => {
		const e = essentials('chromium-camera-offer');
		expect(e.candidates.map((c) => c.address.kind)).toEqual(['ipv4', 'ipv6']);
		expect(fixture('chromium-camera-offer')).toMatch(/ tcp /);
		expect(essentials('chromium-mdns-offer').candidates.every((c) => c.address.kind === 'mdns')).toBe(true);
	});

	it('says why an SDP cannot be paired', () => {
		const offer = fixture('chromium-mdns-offer');
		expect(parseSdp(offer.replace(/^a=candidate:.*$/gm, ''))).toEqual({ ok: false, problem: { key: 'noCandidate' } });
		expect(parseSdp(offer.replace(/^a=fingerprint:.*$/m, ''))).toEqual({ ok: false, problem: { key: 'noFingerprint' } });
		expect(parseSdp(offer.replace(/^a=ice-pwd:.*$/m, ''))).toEqual({ ok: false, problem: { key: 'noCredentials' } });
		expect(parseSdp('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n')).toEqual({ ok: false, problem: { key: 'noDataChannel' } });
	});

	it('reads and writes IPv6 addresses', () => {
		for (const a of ['fd00::2', '::1', 'fe80::fc:ff:fe00:1', '2001:db8:0:1:1:1:1:1', '1::']) {
			expect(formatIpv6(ipv6Bytes(a)!)).toBe(a);
		}
		expect(ipv6Bytes('1::2::3')).toBeNull();
		expect(ipv6Bytes('1:2:3')).toBeNull();
	});
});

describe('base32', () => {
	it('round-trips every length and reads lower case, spaces and look-alike letters', () => {
		for (let n = 0; n < 40; n++) {
			const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
			const text = encodeBase32(bytes);
			expect(text).toMatch(/^[0-9A-Z]*$/);
			expect(decodeBase32(text)).toEqual(bytes);
			expect(decodeBase32(text.toLowerCase().replace(/0/g, 'o').replace(/(.{5})/g, '$1 '))).toEqual(bytes);
		}
		expect(decodeBase32('U')).toBeNull();
		expect(decodeBase32('A!')).toBeNull();
	});
});

describe('pairing codes', () => {
	const key = generateSessionKey();
	const offerSdp = essentials('chromium-mdns-offer');
	const answerSdp = essentials('chromium-mdns-answer');
	const offer: OfferCode = { kind: 'offer', sessionId: SESSION, key, role: 'station', sdp: offerSdp };
	const answer: AnswerCode = { kind: 'answer', sessionId: SESSION, proof: answerProof(SESSION, key, offerSdp, answerSdp), sdp: answerSdp };

	it.each([
		['mdns offer', offer],
		['mdns answer', answer],
		['camera offer', { ...offer, role: 'participant', sdp: essentials('chromium-camera-offer') } as OfferCode],
		['camera answer', { ...answer, sessionId: 'long-session-id_with-other-chars', sdp: essentials('chromium-camera-answer') } as AnswerCode]
	])('%s round-trips and fits a QR code of version 7 or less', (_name, code) => {
		const text = encodePairingCode(code);
		const decoded = decodePairingCode(text);
		expect(decoded).toEqual({ ok: true, value: code });
		expect(decodePairingCode(text.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual({ ok: true, value: code });
		// Level L: a code shown on a clean screen needs little error correction.
		const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
		expect(qr.version).toBeLessThanOrEqual(7);
		// Alphanumeric (or numeric) segments only: 5.5 bits a symbol, never 8.
		expect(qr.segments.some((s: { mode: { id: string } }) => s.mode.id === 'Byte')).toBe(false);
	});

	it('the answer proof binds the key and the offer', () => {
		expect(checkAnswerProof(answer, key, offerSdp)).toBe(true);
		expect(checkAnswerProof(answer, generateSessionKey(), offerSdp)).toBe(false);
		expect(checkAnswerProof(answer, key, essentials('chromium-camera-offer'))).toBe(false);
	});

	it('rejects malformed codes with a message', () => {
		const text = encodePairingCode(offer);
		const error = (input: string) => {
			const r = decodePairingCode(input);
			return r.ok ? null : r.problem.key;
		};
		expect(error('')).toBe('sync.qr.code.empty');
		expect(error('https://tablee.example/join#join=AAAA')).toBe('sync.qr.code.joinLink');
		expect(error('hello world!')).toBe('sync.qr.code.notCode');
		expect(error(text.slice(0, 30))).toBe('sync.qr.code.notCode');
		// One mistyped symbol anywhere is caught by the check bytes.
		for (const at of [0, 17, 60, text.length - 5]) {
			const wrong = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
			expect(error(wrong)).toBe('sync.qr.code.corrupt');
		}
		expect(error(text.slice(0, -8))).toBe('sync.qr.code.corrupt');
		expect(error(text + '00')).toBe('sync.qr.code.corrupt');
		expect(error('Z'.repeat(700))).toBe('sync.qr.code.notCode');
	});

	it('rejects a code of another version with its own message', async () => {
		const { digest } = await import('lib0/hash/sha256');
		const bytes = decodeBase32(encodePairingCode(offer))!;
		const body = bytes.slice(0, -2);
		// Version 2 is the re-link code (relink-code.ts), named as such; 3 is unknown.
		const withVersion = (v: number) => {
			body[0] = (v << 5) | (body[0]! & 31);
			const all = new Uint8Array(bytes.length);
			all.set(body);
			all.set(digest(body).slice(0, 2), body.length);
			const r = decodePairingCode(encodeBase32(all));
			return r.ok ? null : r.problem.key;
		};
		expect(withVersion(3)).toBe('sync.qr.code.version');
		expect(withVersion(2)).toBe('sync.qr.code.relink');
	});
});
