import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { collectDeviceReport, testCamera } from '$lib/device-report';

const NOW = new Date('2026-12-05T11:40:30Z');
const noSelfTest = () => Promise.reject(new Error('must not run without RTCPeerConnection'));

/** A bare browser: a user agent and nothing else. */
const bare = () => ({ navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', language: 'fr-CA' } }) as unknown as typeof globalThis;

describe('collecting the device report', () => {
	it('a browser without the APIs gets "missing" everywhere, and no self-test is attempted', async () => {
		const report = await collectDeviceReport({ globals: bare(), app: 'test', now: NOW, selfTest: noSelfTest });
		expect(report.at).toBe('2026-12-05T11:40Z');
		expect(report.engine.engine).toBe('gecko');
		expect(Object.entries(report.checks).filter(([, c]) => c.status !== 'missing')).toEqual([]);
	});

	it('reads storage, persistence, the self-test and the rest from what the browser offers; never opens the camera', async () => {
		let cameraAsked = 0;
		const globals = {
			...bare(),
			isSecureContext: true,
			indexedDB,
			crypto: { subtle: {} },
			BroadcastChannel: class {},
			RTCPeerConnection: class {},
			speechSynthesis: {},
			navigator: {
				...bare().navigator,
				serviceWorker: { controller: {} },
				storage: { persisted: async () => false, persist: () => Promise.reject(new Error('the report must not ask again')), estimate: async () => ({ usage: 5 * 1_048_576, quota: 2048 * 1_048_576 }) },
				mediaDevices: { getUserMedia: () => (cameraAsked++, Promise.reject(new Error('never asked on load'))) }
			}
		} as unknown as typeof globalThis;
		const report = await collectDeviceReport({
			globals,
			app: 'test',
			now: NOW,
			selfTest: async () => ({ candidates: { ipv4: 1, ipv6: 0, mdns: 2 }, connected: true })
		});
		expect(report.checks).toEqual({
			secureContext: { status: 'ok' },
			serviceWorker: { status: 'ok' },
			offlineReady: { status: 'ok' },
			indexedDb: { status: 'ok' },
			storagePersisted: { status: 'failed', detail: 'not-granted' },
			storageEstimate: { status: 'ok', detail: '5/2048' },
			broadcastChannel: { status: 'ok' },
			webCrypto: { status: 'ok' },
			peerConnection: { status: 'ok' },
			pairingSelfTest: { status: 'ok', detail: 'i1v0m2' },
			camera: { status: 'notRun' },
			barcodeDetector: { status: 'missing' },
			wakeLock: { status: 'missing' },
			speech: { status: 'ok' }
		});
		expect(cameraAsked).toBe(0);
	});

	it('a self-test that fails or hangs is reported as failed, with the reason', async () => {
		const globals = { ...bare(), RTCPeerConnection: class {} } as unknown as typeof globalThis;
		const failedLink = await collectDeviceReport({ globals, app: 't', now: NOW, selfTest: async () => ({ candidates: { ipv4: 0, ipv6: 0, mdns: 0 }, connected: false }) });
		expect(failedLink.checks.pairingSelfTest).toEqual({ status: 'failed', detail: 'i0v0m0' });
		const hung = await collectDeviceReport({ globals, app: 't', now: NOW, timeoutMs: 20, selfTest: () => new Promise(() => {}) });
		expect(hung.checks.pairingSelfTest).toEqual({ status: 'failed', detail: 'timeout' });
	});
});

describe('camera test', () => {
	const withCamera = (getUserMedia: () => Promise<unknown>) => ({ isSecureContext: true, navigator: { mediaDevices: { getUserMedia } } }) as unknown as typeof globalThis;

	it('reports the largest resolution and closes the camera', async () => {
		let stopped = 0;
		const track = { getCapabilities: () => ({ width: { max: 1920 }, height: { max: 1080 } }), getSettings: () => ({ width: 640, height: 480 }), stop: () => stopped++ };
		const result = await testCamera(withCamera(async () => ({ getVideoTracks: () => [track], getTracks: () => [track] })));
		expect(result).toEqual({ status: 'ok', detail: '1920x1080' });
		expect(stopped).toBe(1);
	});

	it('a refusal is "failed: denied", no camera is "missing"', async () => {
		const refuse = (name: string) => withCamera(() => Promise.reject(Object.assign(new Error('x'), { name })));
		expect(await testCamera(refuse('NotAllowedError'))).toEqual({ status: 'failed', detail: 'denied' });
		expect(await testCamera(refuse('NotFoundError'))).toEqual({ status: 'missing' });
		expect(await testCamera({ isSecureContext: false } as unknown as typeof globalThis)).toEqual({ status: 'missing' });
	});
});
