/**
 * The tablets this device was linked to by QR (or through the mesh) in a session: device id,
 * name shown, and the SHA-256 fingerprint of its persistent DTLS certificate. Kept in
 * localStorage per session (like `qr-links.ts`'s "was linked" flag), so that after the other
 * tablet reloads, this one can re-link it with a single scan (`relink-flow.ts`).
 */
import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { isValidId } from '../../protocol/wire-protocol';

export interface KnownPeer {
	deviceId: string;
	name: string;
	fingerprint: Uint8Array;
}

const MAX_PEERS = 64;
const storageKey = (sessionId: string) => `tablee.qr-peers.${sessionId}`;

function readAll(sessionId: string): Record<string, { n: string; f: string }> {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(sessionId)) ?? '{}');
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, { n: string; f: string }>) : {};
	} catch {
		return {};
	}
}

export function knownPeers(sessionId: string): KnownPeer[] {
	const out: KnownPeer[] = [];
	for (const [deviceId, v] of Object.entries(readAll(sessionId))) {
		if (!isValidId(deviceId) || typeof v?.n !== 'string' || typeof v?.f !== 'string') continue;
		let fingerprint: Uint8Array;
		try {
			fingerprint = fromBase64UrlEncoded(v.f);
		} catch {
			continue;
		}
		if (fingerprint.byteLength === 32) out.push({ deviceId, name: v.n.slice(0, 64), fingerprint });
	}
	return out;
}

export function knownPeer(sessionId: string, deviceId: string): KnownPeer | null {
	return knownPeers(sessionId).find((p) => p.deviceId === deviceId) ?? null;
}

/** Records (or updates) a linked tablet. */
export function rememberPeer(sessionId: string, peer: KnownPeer): void {
	if (!isValidId(peer.deviceId) || peer.fingerprint.byteLength !== 32) return;
	const all = readAll(sessionId);
	const entry = { n: peer.name.slice(0, 64), f: toBase64UrlEncoded(peer.fingerprint) };
	const old = all[peer.deviceId];
	if (old && old.n === entry.n && old.f === entry.f) return;
	delete all[peer.deviceId];
	all[peer.deviceId] = entry;
	const ids = Object.keys(all);
	for (const id of ids.slice(0, Math.max(0, ids.length - MAX_PEERS))) delete all[id];
	try {
		localStorage.setItem(storageKey(sessionId), JSON.stringify(all));
	} catch {
		// No storage: re-linking this tablet will need the two-scan pairing.
	}
}
