/**
 * Checks on signaling-server addresses before y-webrtc is started. The library's own default
 * list points at public internet hosts, so the transport always passes an explicit, checked list.
 */
import type { SyncMessage } from './sync-types';
import { SYNC_LIMITS } from '../protocol/sync-limits';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for a ws:// or wss:// URL of reasonable length with no credentials. */
export function isSignalingUrl(value: unknown): value is string {
	if (typeof value !== 'string' || value.length > SYNC_LIMITS.signalingUrlLength) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.username === '' && url.password === '';
	} catch {
		return false;
	}
}

/**
 * Why these URLs cannot be used from a page served with `pageProtocol`, or null when they can.
 * An https page may not open ws:// except to the loopback host (mixed content).
 */
export function checkSignalingUrls(urls: readonly string[], pageProtocol: string | null): SyncMessage | null {
	if (urls.length === 0) return { key: 'sync.error.noSignaling' };
	for (const url of urls) {
		if (!isSignalingUrl(url)) return { key: 'sync.error.signalingUrl', params: { url: String(url).slice(0, 80) } };
		const parsed = new URL(url);
		if (pageProtocol === 'https:' && parsed.protocol === 'ws:' && !loopbackHosts.has(parsed.hostname)) {
			return { key: 'sync.error.mixedContent', params: { url } };
		}
	}
	return null;
}
