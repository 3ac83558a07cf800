/**
 * One direct WebRTC link to another tablet, opened by QR pairing: an `RTCPeerConnection` with no
 * STUN/TURN server (host candidates only) and one ordered, reliable data channel, negotiated
 * in advance (same id on both sides) so the SDP rebuilt from a pairing code needs nothing more.
 *
 * It is a `ByteLink` for `LinkTransport`. Frames can be up to `SYNC_LIMITS.messageBytes` while
 * browsers guarantee far less per data-channel message, so every frame goes in pieces of at
 * most `CHUNK_BYTES`: a flag byte (1: more pieces follow, 0: last) then the bytes. A peer whose
 * pieces add up to more than the frame limit is hung up on.
 */
import { ObservableV2 } from 'lib0/observable';
import { SYNC_LIMITS } from '../sync-limits';
import { deviceCertificate } from './device-certificate';

export const CHUNK_BYTES = 16 * 1024;
const MAX_FRAME = SYNC_LIMITS.messageBytes + 4096;
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
	#listeners = new Set<(bytes: Uint8Array) => void>();
	#meshListeners = new Set<(message: unknown) => void>();
	#pieces: Uint8Array[] = [];
	#pending = 0;
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
		this.channel.binaryType = 'arraybuffer';
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
		this.channel.onclose = () => this.close();
		this.channel.onmessage = (event) => this.#onMessage(event.data);
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
		if (this.#state !== 'open' || this.channel.readyState !== 'open') throw new Error('link not open');
		for (let at = 0; at < bytes.byteLength || at === 0; at += CHUNK_BYTES) {
			const piece = bytes.subarray(at, at + CHUNK_BYTES);
			const out = new Uint8Array(piece.byteLength + 1);
			out[0] = at + CHUNK_BYTES < bytes.byteLength ? 1 : 0;
			out.set(piece, 1);
			this.channel.send(out);
			if (bytes.byteLength === 0) break;
		}
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
		this.#listeners.add(onBytes);
		return () => this.#listeners.delete(onBytes);
	}

	close(): void {
		if (this.#state === 'closed') return;
		this.#setState('closed');
		if (this.#disconnectedTimer) clearTimeout(this.#disconnectedTimer);
		this.#listeners.clear();
		this.#meshListeners.clear();
		try {
			this.meshChannel.close();
			this.channel.close();
			this.pc.close();
		} catch {
			// Already closed.
		}
	}

	override destroy(): void {
		this.close();
		super.destroy();
	}

	#onMessage(data: unknown): void {
		if (!(data instanceof ArrayBuffer) || data.byteLength === 0) return this.close();
		const bytes = new Uint8Array(data);
		const more = bytes[0] === 1;
		const piece = bytes.subarray(1);
		this.#pending += piece.byteLength;
		if (this.#pending > MAX_FRAME || (bytes[0] !== 0 && bytes[0] !== 1)) return this.close();
		this.#pieces.push(piece);
		if (more) return;
		const frame = this.#pieces.length === 1 ? this.#pieces[0]! : concat(this.#pieces, this.#pending);
		this.#pieces = [];
		this.#pending = 0;
		for (const listener of [...this.#listeners]) listener(frame);
	}

	#setState(state: PeerLinkState): void {
		if (this.#state === state || this.#state === 'closed') return;
		this.#state = state;
		this.emit('state', [state]);
	}
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.byteLength;
	}
	return out;
}
