import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { resetDatabase, setSetting } from '$lib/storage';
import {
	deviceHubCode,
	deviceSignaling,
	parseSignalingInput,
	sessionRole,
	setDeviceHubCode,
	setSessionRole,
	sessionSignaling,
	setDeviceSignaling,
	setSessionSignaling,
	signalingFor
} from '$lib/connect/network-settings';
import { sessionFileName } from '$lib/ui/sync/sync-labels';
import { checkDevice } from '$lib/ui/sync/device-check';

afterEach(async () => {
	await resetDatabase();
});

describe('parseSignalingInput', () => {
	it('accepts one address per line, spaces or commas, without duplicates', () => {
		expect(parseSignalingInput(' ws://hub.local:4444 \n wss://hub.example, ws://hub.local:4444 ', 'http:')).toEqual({
			ok: true,
			value: { urls: ['ws://hub.local:4444', 'wss://hub.example'] }
		});
	});
	it('reads an empty text as "no server"', () => {
		expect(parseSignalingInput('  \n ', 'https:')).toEqual({ ok: true, value: { urls: [] } });
	});
	it('names the bad address', () => {
		expect(parseSignalingInput('http://192.168.1.10:4444', 'http:')).toEqual({
			ok: false,
			problem: { key: 'sync.error.signalingUrl', params: { url: 'http://192.168.1.10:4444' } }
		});
	});
	it('applies the mixed-content rule of an https page, loopback excepted', () => {
		expect(parseSignalingInput('ws://192.168.1.10:4444', 'https:')).toMatchObject({ ok: false, problem: { key: 'sync.error.mixedContent' } });
		expect(parseSignalingInput('ws://localhost:4444', 'https:')).toEqual({ ok: true, value: { urls: ['ws://localhost:4444'] } });
	});
	it('refuses more addresses than a join link can carry', () => {
		const text = [1, 2, 3, 4, 5].map((n) => `ws://hub${n}.local`).join('\n');
		expect(parseSignalingInput(text, 'http:')).toEqual({ ok: false, problem: { key: 'syncui.settings.tooMany', params: { max: 4 } } });
	});
});

describe('signaling settings', () => {
	it('prefers the session’s own addresses over the device’s', async () => {
		expect(await signalingFor('session-123')).toEqual([]);
		await setDeviceSignaling(['ws://device.local:4444']);
		expect(await signalingFor('session-123')).toEqual(['ws://device.local:4444']);
		await setSessionSignaling('session-123', ['ws://venue.local:4444']);
		expect(await signalingFor('session-123')).toEqual(['ws://venue.local:4444']);
		expect(await signalingFor('session-456')).toEqual(['ws://device.local:4444']);
	});
	it('reads a damaged stored list as none, and refuses to store a bad one', async () => {
		await setSetting('sync.signaling', ['http://not-ws']);
		expect(await deviceSignaling()).toEqual([]);
		await setSetting('session.s-12345678.signaling', 'ws://not-a-list');
		expect(await sessionSignaling('s-12345678')).toEqual([]);
		await expect(setDeviceSignaling(['javascript:alert(1)'])).rejects.toThrow();
		expect(await deviceSignaling()).toEqual([]);
	});
});

describe('hub code setting', () => {
	it('takes the hub code out of a pasted or scanned hub address, so the stored address never carries it', () => {
		expect(parseSignalingInput('ws://192.168.1.10:8080/signaling#hub-code=k7qm-4tzp-9xra', 'http:')).toEqual({
			ok: true,
			value: { urls: ['ws://192.168.1.10:8080/signaling'], hubCode: 'K7QM4TZP9XRA' }
		});
		expect(parseSignalingInput('ws://192.168.1.10:8080/signaling#hub-code=abc', 'http:')).toEqual({ ok: false, problem: { key: 'syncui.settings.hubCodeInvalid' } });
	});

	it('stores the code as typed, normalized; forgets it on an empty text; refuses what is not a code', async () => {
		expect(await deviceHubCode()).toBeNull();
		expect(await setDeviceHubCode('k7qm 4tzp 9xra')).toBe('K7QM4TZP9XRA');
		expect(await deviceHubCode()).toBe('K7QM4TZP9XRA');
		expect(await setDeviceHubCode('K7QM')).toBe(false);
		expect(await deviceHubCode()).toBe('K7QM4TZP9XRA');
		expect(await setDeviceHubCode('  ')).toBeNull();
		expect(await deviceHubCode()).toBeNull();
		// A damaged stored value reads as none.
		await setSetting('sync.hubCode', 'pas un code');
		expect(await deviceHubCode()).toBeNull();
	});
});

describe('session role', () => {
	it('remembers the role a session was joined with, and refuses an unknown one', async () => {
		expect(await sessionRole('session-123')).toBeUndefined();
		await setSessionRole('session-123', 'participant');
		expect(await sessionRole('session-123')).toBe('participant');
		await expect(setSessionRole('session-123', 'admin' as never)).rejects.toThrow();
		await setSetting('session.session-456.role', 'admin');
		expect(await sessionRole('session-456')).toBeUndefined();
	});
});

describe('sessionFileName', () => {
	it('keeps the title’s letters and digits, without accents', () => {
		expect(sessionFileName('Atelier « Imaginer » — Rimouski 2026', 'abc12345', '.tablee-session')).toBe('atelier-imaginer-rimouski-2026.tablee-session');
	});
	it('falls back to the session id', () => {
		expect(sessionFileName(' — ', 'abc12345', '.tablee-session')).toBe('abc12345.tablee-session');
	});
});

describe('checkDevice', () => {
	it('reports what the globals offer', () => {
		const media = { mediaDevices: { getUserMedia: () => {} } };
		const full = { isSecureContext: true, crypto: { subtle: {} }, BroadcastChannel: class {}, RTCPeerConnection: class {}, navigator: media };
		expect(checkDevice(full as unknown as typeof globalThis)).toEqual({ secureContext: true, subtle: true, broadcastChannel: true, peerConnection: true, camera: true });
		const bare = { isSecureContext: false, crypto: {} };
		expect(checkDevice(bare as unknown as typeof globalThis)).toEqual({ secureContext: false, subtle: false, broadcastChannel: false, peerConnection: false, camera: false });
		// The camera is offered to secure pages only, even where getUserMedia exists.
		expect(checkDevice({ ...full, isSecureContext: false } as unknown as typeof globalThis).camera).toBe(false);
	});
});
