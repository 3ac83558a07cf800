/**
 * The QR-paired links of this page, per session. A link outlives the screen that opened it:
 * moving from the pairing screen to the console or a station screen closes the session's
 * transports but keeps the WebRTC connection, and the next screen's `attachQrLinks` picks it up
 * again. A reload or a lost network closes every link; the device then remembers (in
 * localStorage) that the session was linked by QR here, so the screens can say plainly that a
 * new scan is needed.
 */
import { ObservableV2 } from 'lib0/observable';
import { LinkTransport } from '../link-transport';
import type { ByteLink } from '../link-transport';
import type { SessionSyncEngine } from '../session-sync-engine';
import type { PeerLink } from './peer-link';
import { QrMesh } from './mesh-signaling';
import { loadDeviceCertificate } from './device-certificate';

type RegistryEvents = { change: (sessionId: string) => void };

class QrLinkRegistry extends ObservableV2<RegistryEvents> {
	#links = new Map<string, Set<PeerLink>>();

	/** Keeps an open link for its session until it closes. */
	add(link: PeerLink): void {
		if (link.state === 'closed') return;
		let set = this.#links.get(link.sessionId);
		if (!set) this.#links.set(link.sessionId, (set = new Set()));
		if (set.has(link)) return;
		set.add(link);
		rememberLinked(link.sessionId);
		link.on('state', (state) => {
			if (state !== 'closed') return;
			set.delete(link);
			this.emit('change', [link.sessionId]);
		});
		this.emit('change', [link.sessionId]);
	}

	list(sessionId: string): PeerLink[] {
		return [...(this.#links.get(sessionId) ?? [])].filter((l) => l.state !== 'closed');
	}

	/** Hangs up every link of a session (the device left or was removed). */
	closeAll(sessionId: string): void {
		for (const link of this.list(sessionId)) link.close();
	}
}

export const qrLinks = new QrLinkRegistry();

const storageKey = (sessionId: string) => `tablee.qr-linked.${sessionId}`;

function rememberLinked(sessionId: string): void {
	try {
		localStorage.setItem(storageKey(sessionId), '1');
	} catch {
		// No storage: the screens just will not know that this device was linked before.
	}
}

/** Whether this device was ever linked to another tablet by QR for this session. */
export function wasQrLinked(sessionId: string): boolean {
	try {
		return localStorage.getItem(storageKey(sessionId)) === '1';
	} catch {
		return false;
	}
}

/**
 * One mesh per session and key, kept across screens (like the links): a negotiation in
 * progress survives moving from one screen to the next.
 */
const meshes = new Map<string, { key: string; mesh: QrMesh }>();

function meshFor(sync: SessionSyncEngine): QrMesh {
	const known = meshes.get(sync.sessionId);
	if (known && known.key === sync.key) return known.mesh;
	known?.mesh.destroy();
	// Links the mesh opens use the device's persistent certificate too (loaded by now after a pairing).
	void loadDeviceCertificate();
	const mesh = new QrMesh({ sessionId: sync.sessionId, deviceId: sync.device.id, deviceName: sync.device.name, key: sync.key, onLink: (link) => qrLinks.add(link) });
	meshes.set(sync.sessionId, { key: sync.key, mesh });
	qrLinks.on('change', (sessionId) => {
		if (sessionId === sync.sessionId && meshes.get(sessionId)?.mesh === mesh) mesh.update(qrLinks.list(sessionId));
	});
	return mesh;
}

interface Attached {
	transport: LinkTransport;
	view: { detached: boolean };
}

/**
 * Attaches every QR link of `sync`'s session as a `LinkTransport` of kind `qr`, now and as links
 * come and go, and runs the mesh signaling over them (new links to the tablets the neighbours
 * know). `detach` removes the transports but keeps the links open.
 */
export function attachQrLinks(sync: SessionSyncEngine, onChange: (count: number) => void = () => {}): { detach(): void } {
	const attached = new Map<PeerLink, Attached>();
	const mesh = meshFor(sync);
	const refresh = (sessionId: string) => {
		if (sessionId !== sync.sessionId) return;
		const live = new Set(qrLinks.list(sync.sessionId));
		for (const [link, entry] of attached) {
			if (live.has(link)) continue;
			entry.view.detached = true;
			attached.delete(link);
			sync.removeTransport(entry.transport);
		}
		for (const link of live) {
			if (attached.has(link)) continue;
			const view = { detached: false };
			const byteLink: ByteLink = {
				send: (bytes) => link.send(bytes),
				listen: (f) => link.listen(f),
				close: () => {
					if (!view.detached) link.close();
				},
				bufferedAmount: () => link.bufferedAmount()
			};
			const transport = new LinkTransport({ link: byteLink, kind: 'qr' });
			attached.set(link, { transport, view });
			sync.addTransport(transport);
		}
		mesh.update([...live]);
		onChange(attached.size);
	};
	qrLinks.on('change', refresh);
	refresh(sync.sessionId);
	return {
		detach() {
			qrLinks.off('change', refresh);
			for (const { transport, view } of attached.values()) {
				view.detached = true;
				sync.removeTransport(transport);
			}
			attached.clear();
			onChange(0);
		}
	};
}
