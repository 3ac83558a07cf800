/**
 * Runs the device checks in the page. Every probe reads the globals it is given (the page's by
 * default), so a unit test can hand in a browser that lacks things. Nothing here asks for a
 * permission: the camera is tried only by `testCamera`, when the person taps its button.
 */
import { emptyChecks, type CheckResult, type DeviceReport } from './report-model';
import { parseUserAgent } from './user-agent';

/** The pairing self-test's outcome, as `runPairingSelfTest` (src/lib/sync) gives it. */
export interface SelfTestOutcome {
	candidates: { ipv4: number; ipv6: number; mdns: number };
	connected: boolean;
}

export interface CollectOptions {
	/** The page's globals (tests pass a fake). */
	globals?: typeof globalThis;
	app: string;
	now?: Date;
	/** The loopback pairing self-test; called only where RTCPeerConnection exists. */
	selfTest: () => Promise<SelfTestOutcome>;
	/** Longest wait for one asynchronous probe. */
	timeoutMs?: number;
}

type Loose = Record<string, unknown> & {
	navigator?: Record<string, unknown> & {
		userAgent?: string;
		language?: string;
		maxTouchPoints?: number;
		serviceWorker?: { controller?: unknown };
		storage?: { persisted?: () => Promise<boolean>; persist?: () => Promise<boolean>; estimate?: () => Promise<{ usage?: number; quota?: number }> };
		mediaDevices?: { getUserMedia?: unknown };
		wakeLock?: unknown;
	};
	screen?: { width?: number; height?: number };
	devicePixelRatio?: number;
	isSecureContext?: boolean;
	crypto?: { subtle?: unknown };
	indexedDB?: { open?: (name: string) => IDBOpenDBRequest; deleteDatabase?: (name: string) => unknown };
};

const ok = (detail?: string): CheckResult => (detail ? { status: 'ok', detail } : { status: 'ok' });
const missing: CheckResult = { status: 'missing' };
const failed = (detail: string): CheckResult => ({ status: 'failed', detail });

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		promise.then(
			(v) => (clearTimeout(timer), resolve(v)),
			(e: unknown) => (clearTimeout(timer), reject(e))
		);
	});
}

const reason = (e: unknown) => (e instanceof Error && e.message === 'timeout' ? 'timeout' : e instanceof Error ? e.name : 'error');

/** Opens (and removes) a scratch database: IndexedDB can be present and still refuse (private modes). */
function probeIndexedDb(g: Loose, ms: number): Promise<CheckResult> {
	const idb = g.indexedDB;
	const open = idb?.open?.bind(idb);
	if (!open) return Promise.resolve(missing);
	const name = 'tablee-device-check';
	return withTimeout(
		new Promise<CheckResult>((resolve) => {
			const request = open(name);
			request.onsuccess = () => {
				request.result.close();
				idb?.deleteDatabase?.(name);
				resolve(ok());
			};
			request.onerror = () => resolve(failed(request.error?.name ?? 'error'));
		}),
		ms
	).catch((e: unknown) => failed(reason(e)));
}

/**
 * Reads whether storage is protected; does not ask again (the app asks once at start, and a
 * second `persist()` can wait forever on a browser prompt, as in Firefox).
 */
async function probePersistence(g: Loose, ms: number): Promise<CheckResult> {
	const storage = g.navigator?.storage;
	if (!storage?.persisted || !storage.persist) return missing;
	try {
		return (await withTimeout(storage.persisted(), ms)) ? ok() : failed('not-granted');
	} catch (e) {
		return failed(reason(e));
	}
}

async function probeEstimate(g: Loose, ms: number): Promise<CheckResult> {
	const storage = g.navigator?.storage;
	if (!storage?.estimate) return missing;
	try {
		const { usage = 0, quota = 0 } = await withTimeout(storage.estimate(), ms);
		const mb = (n: number) => Math.round(n / 1_048_576);
		return ok(`${mb(usage)}/${mb(quota)}`);
	} catch (e) {
		return failed(reason(e));
	}
}

async function probeSelfTest(g: Loose, options: CollectOptions, ms: number): Promise<CheckResult> {
	if (typeof g.RTCPeerConnection !== 'function') return missing;
	try {
		const r = await withTimeout(options.selfTest(), ms);
		const detail = `i${r.candidates.ipv4}v${r.candidates.ipv6}m${r.candidates.mdns}`;
		return r.connected ? ok(detail) : failed(detail);
	} catch (e) {
		return failed(reason(e));
	}
}

/** Every check but the camera (which needs the person's go-ahead: see `testCamera`). */
export async function collectDeviceReport(options: CollectOptions): Promise<DeviceReport> {
	const g = (options.globals ?? globalThis) as unknown as Loose;
	const ms = options.timeoutMs ?? 15_000;
	const nav = g.navigator ?? {};
	const userAgent = nav.userAgent ?? '';
	const checks = emptyChecks();
	const has = (name: string) => typeof g[name] === 'function';
	checks.secureContext = g.isSecureContext === true ? ok() : missing;
	checks.serviceWorker = nav.serviceWorker ? ok() : missing;
	checks.offlineReady = nav.serviceWorker ? (nav.serviceWorker.controller ? ok() : failed('not-yet')) : missing;
	checks.broadcastChannel = has('BroadcastChannel') ? ok() : missing;
	checks.webCrypto = g.crypto?.subtle ? ok() : missing;
	checks.peerConnection = has('RTCPeerConnection') ? ok() : missing;
	checks.barcodeDetector = has('BarcodeDetector') ? ok() : missing;
	checks.wakeLock = nav.wakeLock ? ok() : missing;
	checks.speech = g.speechSynthesis ? ok() : missing;
	const mediaDevices = nav.mediaDevices;
	// Not tried yet: only present or missing until the person asks for the camera test.
	checks.camera = g.isSecureContext === true && typeof mediaDevices?.getUserMedia === 'function' ? { status: 'notRun' } : missing;
	[checks.indexedDb, checks.storagePersisted, checks.storageEstimate, checks.pairingSelfTest] = await Promise.all([
		probeIndexedDb(g, ms),
		probePersistence(g, ms),
		probeEstimate(g, ms),
		probeSelfTest(g, options, ms * 2)
	]);
	const now = options.now ?? new Date();
	return {
		format: 1,
		app: options.app,
		at: `${now.toISOString().slice(0, 16)}Z`,
		engine: parseUserAgent(userAgent, nav.maxTouchPoints ?? 0),
		userAgent,
		screen: { width: g.screen?.width ?? 0, height: g.screen?.height ?? 0, pixelRatio: Math.round((g.devicePixelRatio ?? 1) * 100) / 100 },
		language: nav.language ?? '',
		checks
	};
}

interface CameraTrack {
	getCapabilities?: () => { width?: { max?: number }; height?: { max?: number } };
	getSettings: () => { width?: number; height?: number };
	stop: () => void;
}
interface CameraStream {
	getVideoTracks: () => CameraTrack[];
	getTracks: () => { stop: () => void }[];
}

/**
 * Opens the back camera once (this asks for permission), reads the largest resolution it
 * offers, and closes it. Ask only when the person taps "test the camera".
 */
export async function testCamera(globals: typeof globalThis = globalThis): Promise<CheckResult> {
	const g = globals as unknown as Loose;
	const media = g.navigator?.mediaDevices as { getUserMedia?: (c: unknown) => Promise<CameraStream> } | undefined;
	if (g.isSecureContext !== true || typeof media?.getUserMedia !== 'function') return missing;
	let stream: CameraStream;
	try {
		stream = await media.getUserMedia({ video: { facingMode: { ideal: 'environment' }, width: { ideal: 4096 }, height: { ideal: 2160 } }, audio: false });
	} catch (e) {
		const name = e instanceof Error ? e.name : 'error';
		if (name === 'NotFoundError' || name === 'OverconstrainedError') return missing;
		return failed(name === 'NotAllowedError' ? 'denied' : name);
	}
	try {
		const track = stream.getVideoTracks()[0];
		if (!track) return missing;
		const caps = track.getCapabilities?.();
		const settings = track.getSettings();
		const width = caps?.width?.max ?? settings.width ?? 0;
		const height = caps?.height?.max ?? settings.height ?? 0;
		return ok(`${width}x${height}`);
	} finally {
		for (const t of stream.getTracks()) t.stop();
	}
}
