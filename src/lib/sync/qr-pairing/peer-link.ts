/**
 * One direct WebRTC link to another tablet, opened by QR pairing: an `RTCPeerConnection` with no
 * STUN/TURN server (host candidates only) and one ordered, reliable data channel, negotiated
 * in advance (same id on both sides) so the SDP rebuilt from a pairing code needs nothing more.
 *
 * It is a `ByteLink` for `LinkTransport`: the sync channel is a `DataChannelLink` (frames in
 * pieces, see `data-channel-link.ts`); a remote that breaks the piece framing closes the whole link.
 */
import { ObservableV2 } from 'lib0/observable';
import { DataChannelLink } from '../data-channel-link';
import { deviceCertificate } from './device-certificate';

export { CHUNK_BYTES } from '../data-channel-link';

/** A mesh message holds at most one complete SDP. */
export const MAX_MESH_MESSAGE = 16 * 1024;
const DISCONNECTED_MS = 8_000;

export type PeerLinkState = 'new' | 'connecting' | 'open' | 'closed';

export type PeerLinkEvents = {
	state: (state: PeerLinkState) => void;
	meshOpen: () => void;
};

export interface PeerLinkOptions {
	/** Session the link belongs to (links are kept per session). */
	sessionId: string;
	/** For tests and the device check: a constructor other than the page's. */
	RTCPeerConnection?: typeof RTCPeerConnection;
}

export class PeerLink extends ObservableV2<PeerLinkEvents> {
	readonly sessionId: string;
	readonly pc: RTCPeerConnection;
	readonly channel: RTCDataChannel;
	/** Second channel: signaling relayed for other tablets of the mesh (`mesh-signaling.ts`). */
	readonly meshChannel: RTCDataChannel;
	/** Set once known: the remote device id (from its hello on the sync channel). */
	remoteDevice: string | null = null;
	#state: PeerLinkState = 'new';
	#sync: DataChannelLink;
	#meshListeners = new Set<(message: unknown) => void>();
	#disconnectedTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: PeerLinkOptions) {
		super();
		this.sessionId = options.sessionId;
		const Ctor = options.RTCPeerConnection ?? RTCPeerConnection;
		// The device's persistent DTLS identity when loaded: its fingerprint lets another tablet
		// re-link this one with a single scan (`relink-flow.ts`).
		const cert = deviceCertificate();
		this.pc = new Ctor(cert ? { iceServers: [], certificates: [cert] } : { iceServers: [] });
		this.channel = this.pc.createDataChannel('tablee-sync', { negotiated: true, id: 0, ordered: true });
		this.#sync = new DataChannelLink(this.channel, { onClose: () => this.close() });
		this.meshChannel = this.pc.createDataChannel('tablee-mesh', { negotiated: true, id: 1, ordered: true });
		this.meshChannel.onmessage = (event) => {
			if (typeof event.data !== 'string' || event.data.length > MAX_MESH_MESSAGE) return;
			let message: unknown;
			try {
				message = JSON.parse(event.data);
			} catch {
				return;
			}
			for (const listener of [...this.#meshListeners]) listener(message);
		};
		this.channel.onopen = () => this.#setState('open');
		this.pc.onconnectionstatechange = () => {
			const s = this.pc.connectionState;
			if (s === 'failed' || s === 'closed') this.close();
		};
		this.meshChannel.onopen = () => this.emit('meshOpen', []);
		// A remote that reloaded or left the Wi-Fi stops answering ICE consent checks: the
		// connection is 'disconnected' (it may come back), then 'failed' much later. A link
		// disconnected for DISCONNECTED_MS is closed, so the mesh can replace it.
		this.pc.oniceconnectionstatechange = () => {
			const s = this.pc.iceConnectionState;
			if (s === 'disconnected') {
				this.#disconnectedTimer ??= setTimeout(() => this.close(), DISCONNECTED_MS);
			} else if (s === 'connected' || s === 'completed') {
				if (this.#disconnectedTimer) clearTimeout(this.#disconnectedTimer);
				this.#disconnectedTimer = undefined;
			}
		};
	}

	get state(): PeerLinkState {
		return this.#state;
	}

	/** Resolves when the channel opens; false when the link closes first or `timeoutMs` passes. */
	whenOpen(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
		if (this.#state === 'open') return Promise.resolve(true);
		if (this.#state === 'closed') return Promise.resolve(false);
		return new Promise((resolve) => {
			const done = (ok: boolean) => {
				clearTimeout(timer);
				this.off('state', onState);
				signal?.removeEventListener('abort', onAbort);
				resolve(ok);
			};
			const onState = (s: PeerLinkState) => {
				if (s === 'open') done(true);
				else if (s === 'closed') done(false);
			};
			const onAbort = () => done(false);
			const timer = setTimeout(() => done(false), timeoutMs);
			this.on('state', onState);
			signal?.addEventListener('abort', onAbort);
		});
	}

	send(bytes: Uint8Array): void {
		if (this.#state !== 'open') throw new Error('link not open');
		this.#sync.send(bytes);
	}

	/** Bytes queued on the sync channel, not yet sent (read by the sender's backpressure). */
	bufferedAmount(): number {
		return this.#sync.bufferedAmount();
	}

	/** Sends one mesh message (JSON); false when the mesh channel is not open. */
	sendMesh(message: object): boolean {
		if (this.meshChannel.readyState !== 'open') return false;
		const text = JSON.stringify(message);
		if (text.length > MAX_MESH_MESSAGE) return false;
		try {
			this.meshChannel.send(text);
			return true;
		} catch {
			return false;
		}
	}

	/** Mesh messages as parsed JSON (untrusted: the receiver checks every field). */
	onMesh(listener: (message: unknown) => void): () => void {
		this.#meshListeners.add(listener);
		return () => this.#meshListeners.delete(listener);
	}

	listen(onBytes: (bytes: unknown) => void): () => void {
		return this.#sync.listen(onBytes);
	}

	close(): void {
		if (this.#state === 'closed') return;
		this.#setState('closed');
		if (this.#disconnectedTimer) clearTimeout(this.#disconnectedTimer);
		this.#sync.close();
		this.#meshListeners.clear();
		try {
			this.meshChannel.close();
			this.pc.close();
		} catch {
			// Already closed.
		}
	}

	override destroy(): void {
		this.close();
		super.destroy();
	}

	#setState(state: PeerLinkState): void {
		if (this.#state === state || this.#state === 'closed') return;
		this.#state = state;
		this.emit('state', [state]);
	}
}
