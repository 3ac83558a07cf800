import { describe, expect, it } from 'vitest';
import { hubFromSignaling, isLoopbackHost, parseHubAddress } from '$lib/sheets';

describe('hub address typed by a facilitator', () => {
	it('accepts what the hub prints, with or without scheme, slash or a pasted signaling address', () => {
		for (const input of ['http://192.168.1.10:8080', ' http://192.168.1.10:8080/ ', '192.168.1.10:8080', 'ws://192.168.1.10:8080/signaling', 'HTTP://192.168.1.10:8080']) {
			expect(parseHubAddress(input), input).toEqual({ ok: true, value: 'http://192.168.1.10:8080' });
		}
		expect(parseHubAddress('https://hub.local')).toEqual({ ok: true, value: 'https://hub.local' });
		expect(parseHubAddress('wss://hub.local/signaling')).toEqual({ ok: true, value: 'https://hub.local' });
	});

	it('names what is wrong', () => {
		const key = (input: string) => {
			const parsed = parseHubAddress(input);
			return parsed.ok ? undefined : parsed.problem.key;
		};
		expect(key('')).toBe('sheets.hub.error.empty');
		expect(key('   ')).toBe('sheets.hub.error.empty');
		expect(key('http://192.168.1.10 :8080')).toBe('sheets.hub.error.invalid');
		expect(key('http://192.168.1.10:99999')).toBe('sheets.hub.error.invalid');
		expect(key('http://user:pw@192.168.1.10:8080')).toBe('sheets.hub.error.invalid');
		expect(key('ftp://192.168.1.10')).toBe('sheets.hub.error.scheme');
		expect(key('http://192.168.1.10:8080/phone')).toBe('sheets.hub.error.path');
		expect(key('http://192.168.1.10:8080/#p=abc')).toBe('sheets.hub.error.path');
		expect(key('ws://192.168.1.10:4444')).toBe('sheets.hub.error.path');
		expect(key('x'.repeat(400))).toBe('sheets.hub.error.invalid');
	});

	it('refuses addresses only this computer can open, naming them', () => {
		expect(parseHubAddress('http://localhost:8080')).toEqual({ ok: false, problem: { key: 'sheets.hub.error.loopback', params: { host: 'localhost:8080' } } });
		for (const input of ['127.0.0.1:8080', 'http://[::1]:8080', 'http://app.localhost']) {
			expect(parseHubAddress(input).ok, input).toBe(false);
		}
		expect(isLoopbackHost('192.168.1.10')).toBe(false);
		expect(isLoopbackHost('localhost')).toBe(true);
	});
});

describe('hub from signaling addresses', () => {
	it('uses a hub phones can reach and sets aside one only this computer reaches', () => {
		expect(hubFromSignaling(['ws://192.168.1.10:8080/signaling'])).toEqual({ origin: 'http://192.168.1.10:8080', loopback: null });
		expect(hubFromSignaling(['ws://localhost:8080/signaling'])).toEqual({ origin: null, loopback: 'http://localhost:8080' });
		expect(hubFromSignaling(['ws://10.0.0.2:4444'])).toEqual({ origin: null, loopback: null });
		expect(hubFromSignaling([])).toEqual({ origin: null, loopback: null });
	});
});
