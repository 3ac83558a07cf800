import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSdp, type SdpEssentials } from '../../../src/lib/sync/qr-pairing/sdp-codec';
import { decodePairingCode } from '../../../src/lib/sync/qr-pairing/pairing-code';
import {
	encodeRelinkCode,
	isRelinkCode,
	newRelinkNonce,
	readRelinkCode,
	relinkIce,
	relinkProof,
	type RelinkCode
} from '../../../src/lib/sync/qr-pairing/relink-code';
import { expectedRelinkAnswer } from '../../../src/lib/sync/qr-pairing/relink-flow';
import { generateSessionKey } from '../../../src/lib/sync/session-key';

const SESSION = 'AbCdEfGhIjKlMnOpQrStUw';
const A = 'deviceAAAAAAAAAAAAAAAA';
const B = 'dev-b_1';
const offer = (): SdpEssentials => {
	const parsed = parseSdp(readFileSync(new URL('../../fixtures/sdp/chromium-camera-offer.sdp', import.meta.url), 'utf8'));
	if (!parsed.ok) throw new Error(parsed.problem.key);
	return parsed.value;
};

function makeCode(key: string, over: Partial<RelinkCode> = {}): string {
	const unsigned = { sessionId: SESSION, from: A, to: B, nonce: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), sdp: offer(), ...over };
	return encodeRelinkCode({ ...unsigned, proof: over.proof ?? relinkProof(unsigned, key) });
}

describe('derived ICE credentials of a re-link', () => {
	const key = generateSessionKey();
	it('are deterministic, within the ICE grammar (ufrag 4–32, pwd 22–256 ice-chars)', () => {
		const nonce = newRelinkNonce();
		const one = relinkIce(SESSION, key, B, nonce);
		expect(relinkIce(SESSION, key, B, nonce)).toEqual(one);
		expect(one.ufrag).toMatch(/^[A-Za-z0-9+/]{16}$/);
		expect(one.pwd).toMatch(/^[A-Za-z0-9+/]{32}$/);
	});
	it('change with the nonce, the device, the key and the session', () => {
		const nonce = Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9]);
		const base = relinkIce(SESSION, key, B, nonce);
		const others = [
			relinkIce(SESSION, key, B, Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 8])),
			relinkIce(SESSION, key, A, nonce),
			relinkIce(SESSION, generateSessionKey(), B, nonce),
			relinkIce('OtherSessionIdentifier', key, B, nonce)
		];
		for (const o of others) {
			expect(o.ufrag).not.toBe(base.ufrag);
			expect(o.pwd).not.toBe(base.pwd);
		}
	});
	it('make the expected answer a data-channel SDP with the peer fingerprint and no candidate', () => {
		const fingerprint = Uint8Array.from({ length: 32 }, (_, i) => i);
		const nonce = newRelinkNonce();
		const sdp = expectedRelinkAnswer({ sessionId: SESSION, key, deviceId: A }, { deviceId: B, name: 'B', fingerprint }, nonce, '0');
		const ice = relinkIce(SESSION, key, B, nonce);
		expect(sdp).toContain(`a=ice-ufrag:${ice.ufrag}\r\n`);
		expect(sdp).toContain(`a=ice-pwd:${ice.pwd}\r\n`);
		expect(sdp).toContain('a=fingerprint:sha-256 00:01:02:03:');
		expect(sdp).toContain('a=setup:active');
		expect(sdp).not.toContain('a=candidate');
	});
});

describe('re-link codes', () => {
	const key = generateSessionKey();
	const me = { sessionId: SESSION, key, deviceId: B };

	it('round-trip: the tablet it is for reads the offer back', () => {
		const text = makeCode(key);
		expect(text).toMatch(/^[0-9A-Z]+$/);
		expect(text.length).toBeLessThan(300);
		expect(isRelinkCode(text)).toBe(true);
		const read = readRelinkCode(text, me);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.value.from).toBe(A);
		expect(read.value.to).toBe(B);
		expect(read.value.nonce).toEqual(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
		const o = offer();
		expect(read.value.sdp).toEqual({ ...o, candidates: o.candidates });
	});

	it('is refused, with a message, for another session, another device or another key', () => {
		const text = makeCode(key);
		expect(readRelinkCode(text, { ...me, sessionId: 'OtherSessionIdentifier' })).toEqual({ ok: false, problem: { key: 'sync.qr.code.otherSession' } });
		expect(readRelinkCode(text, { ...me, deviceId: 'someone-else' })).toEqual({ ok: false, problem: { key: 'sync.qr.code.otherDevice' } });
		expect(readRelinkCode(text, { ...me, key: generateSessionKey() })).toEqual({ ok: false, problem: { key: 'sync.qr.code.relinkWrongKey' } });
		expect(readRelinkCode(makeCode(generateSessionKey()), me)).toEqual({ ok: false, problem: { key: 'sync.qr.code.relinkWrongKey' } });
		expect(readRelinkCode(makeCode(key, { proof: new Uint8Array(8) }), me)).toEqual({ ok: false, problem: { key: 'sync.qr.code.relinkWrongKey' } });
	});

	it('a proof over other credentials than the ones carried is refused', () => {
		const o = offer();
		const signed = { sessionId: SESSION, from: A, to: B, nonce: new Uint8Array(8), sdp: { ...o, pwd: `${o.pwd.slice(0, -1)}A` } };
		const text = makeCode(key, { nonce: new Uint8Array(8), proof: relinkProof(signed, key) });
		expect(readRelinkCode(text, me)).toEqual({ ok: false, problem: { key: 'sync.qr.code.relinkWrongKey' } });
	});

	it('a typing mistake, a pairing code or garbage is refused; the pairing-code reader names a re-link code', () => {
		const text = makeCode(key);
		const typo = text.slice(0, 20) + (text[20] === '7' ? '8' : '7') + text.slice(21);
		expect(readRelinkCode(typo, me)).toEqual({ ok: false, problem: { key: 'sync.qr.code.corrupt' } });
		expect(readRelinkCode('', me)).toEqual({ ok: false, problem: { key: 'sync.qr.code.empty' } });
		expect(readRelinkCode('HELLO', me)).toEqual({ ok: false, problem: { key: 'sync.qr.code.notCode' } });
		expect(decodePairingCode(text)).toEqual({ ok: false, problem: { key: 'sync.qr.code.relink' } });
		expect(isRelinkCode('HELLO WORLD')).toBe(false);
	});
});
