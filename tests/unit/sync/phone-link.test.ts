import { describe, expect, it } from 'vitest';
import { buildPhoneLink, encodePhonePayload, generateSessionKey, hubOriginFromSignaling, parsePhoneLink, type PhoneLinkData } from '$lib/sync';

const station: PhoneLinkData = { view: 'station', sessionId: 'atelier-2026-03', key: generateSessionKey(), station: 'sante' };

describe('phone links', () => {
	it('round-trips every view through a URL on the hub origin', () => {
		const link = buildPhoneLink('http://192.168.1.10:8080/anything?x=1#old', station);
		expect(link.startsWith('http://192.168.1.10:8080/phone#p=')).toBe(true);
		expect(parsePhoneLink(link)).toEqual({ ok: true, value: station });
		for (const view of ['join', 'summary'] as const) {
			const data = { ...station, view, station: '' };
			expect(parsePhoneLink(`#p=${encodePhonePayload(data)}`)).toEqual({ ok: true, value: data });
			expect(parsePhoneLink(encodePhonePayload(data))).toEqual({ ok: true, value: data });
		}
	});

	it('stays short enough for a QR code scanned from a printed sheet', () => {
		// 180 bytes fit QR version 9 at error-correction level M: easy to scan from paper.
		expect(buildPhoneLink('http://192.168.100.200:8080', { ...station, station: 'a'.repeat(32) }).length).toBeLessThanOrEqual(180);
	});

	it('refuses invalid data when encoding', () => {
		expect(() => encodePhonePayload({ ...station, station: '' })).toThrow(RangeError);
		expect(() => encodePhonePayload({ ...station, view: 'join' })).toThrow(RangeError);
		expect(() => encodePhonePayload({ ...station, key: 'short' })).toThrow(RangeError);
	});

	it('returns typed errors for wrong links', () => {
		expect(parsePhoneLink('http://192.168.1.10:8080/phone')).toEqual({ ok: false, problem: { key: 'sync.join.missing' } });
		expect(parsePhoneLink('http://192.168.1.10:8080/phone#join=abc')).toEqual({ ok: false, problem: { key: 'sync.join.missing' } });
		expect(parsePhoneLink('#p=%%%')).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
		const payload = encodePhonePayload(station);
		expect(parsePhoneLink(`#p=${payload.slice(0, 12)}`)).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
		expect(parsePhoneLink(`#p=${payload}AAAA`)).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
		expect(parsePhoneLink(`#p=Ag${payload.slice(2)}`)).toEqual({ ok: false, problem: { key: 'sync.join.version' } });
		// View index 7 does not exist.
		expect(parsePhoneLink(`#p=AQc${payload.slice(3)}`)).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
	});

	it('finds the hub origin among signaling addresses', () => {
		expect(hubOriginFromSignaling(['ws://10.0.0.2:4444', 'ws://192.168.1.10:8080/signaling'])).toBe('http://192.168.1.10:8080');
		expect(hubOriginFromSignaling(['wss://hub.local/signaling/'])).toBe('https://hub.local');
		expect(hubOriginFromSignaling(['ws://10.0.0.2:4444', 'not a url'])).toBeNull();
		expect(hubOriginFromSignaling([])).toBeNull();
	});
});
