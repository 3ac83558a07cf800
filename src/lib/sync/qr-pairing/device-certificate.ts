/**
 * This device's DTLS identity for QR links: one ECDSA P-256 `RTCCertificate`, made once and kept
 * in IndexedDB (certificates are structured-cloneable), so its fingerprint stays the same across
 * reloads. A tablet that paired once can then be re-linked by a single scan: the other tablet
 * knows the fingerprint to expect (`relink-flow.ts`). A certificate is renewed a day before it
 * expires (browsers make them for 30 days). Without IndexedDB or `generateCertificate` (tests,
 * old browsers) links use the browser's throw-away certificate and re-linking needs two scans.
 */
const DB = 'tablee-webrtc';
const STORE = 'identity';
const KEY = 'dtls-certificate';
const RENEW_BEFORE_MS = 24 * 60 * 60_000;

let current: RTCCertificate | null = null;
let loading: Promise<RTCCertificate | null> | null = null;

/** The certificate once loaded (PeerLink uses it when present). */
export function deviceCertificate(): RTCCertificate | null {
	return current && current.expires - Date.now() > RENEW_BEFORE_MS ? current : null;
}

/** Loads (or makes and stores) the device certificate; null when the browser cannot. */
export function loadDeviceCertificate(): Promise<RTCCertificate | null> {
	if (deviceCertificate()) return Promise.resolve(current);
	loading ??= load().then(
		(cert) => {
			current = cert;
			loading = null;
			return cert;
		},
		() => {
			loading = null;
			return null;
		}
	);
	return loading;
}

async function load(): Promise<RTCCertificate | null> {
	if (typeof indexedDB === 'undefined' || typeof RTCPeerConnection === 'undefined' || !RTCPeerConnection.generateCertificate) return null;
	const db = await openDb();
	try {
		const stored = await request<unknown>(db.transaction(STORE).objectStore(STORE).get(KEY));
		if (stored instanceof RTCCertificate && stored.expires - Date.now() > RENEW_BEFORE_MS) return stored;
		const made = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams);
		const tx = db.transaction(STORE, 'readwrite');
		tx.objectStore(STORE).put(made, KEY);
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		return made;
	} finally {
		db.close();
	}
}

function openDb(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const r = indexedDB.open(DB, 1);
		r.onupgradeneeded = () => r.result.createObjectStore(STORE);
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});
}

function request<T>(r: IDBRequest): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result as T);
		r.onerror = () => reject(r.error);
	});
}
