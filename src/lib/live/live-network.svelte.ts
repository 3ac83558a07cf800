/**
 * The transports a live session uses to reach other devices, and the controls a facilitator has
 * over them: attach (same-device tabs always; y-webrtc when signaling addresses are configured
 * and the page allows it), "work offline" (drop the network transports while edits keep being
 * saved locally, then reconnect), and key rotation (new key stored, then handed to every
 * transport: devices on the old key drop off).
 */
import { rotateSyncKey } from '$lib/storage';
import {
	BroadcastChannelTransport,
	WebrtcTransport,
	attachQrLinks,
	wasQrLinked,
	checkSignalingUrls,
	detectWebrtcEnvironment,
	type SessionSync,
	type SyncMessage
} from '$lib/sync';

export interface LiveNetworkOptions {
	/** Signaling addresses for this session (may be empty: same-device tabs only). */
	signaling: readonly string[];
}

export class LiveNetwork {
	readonly signaling: readonly string[];
	/** The session key in use (changes on rotation). */
	key = $state('');
	/** True while the person chose to work offline on this device. */
	offline = $state(false);
	/** Why peer-to-peer sync is off on this device, or null when it is on. */
	unavailable = $state.raw<SyncMessage | null>(null);
	/** Direct links opened by QR pairing that this session uses now. */
	qrLinkCount = $state(0);
	/** This device was linked by QR for this session before (so a lost link needs a new scan). */
	qrLinkedBefore = $state(false);
	#sync: SessionSync;
	#webrtc: WebrtcTransport | null = null;
	#qr: { detach(): void } | null = null;

	constructor(sync: SessionSync, options: LiveNetworkOptions) {
		this.#sync = sync;
		this.signaling = [...options.signaling];
		this.key = sync.key;
		sync.addTransport(new BroadcastChannelTransport());
		this.#connect();
	}

	/** No QR link left although this device was linked by QR before: it needs a new pairing. */
	get qrLinksLost(): boolean {
		return !this.offline && this.qrLinkedBefore && this.qrLinkCount === 0;
	}

	/** Leaves the session screen: QR links stay open for the next screen. */
	destroy(): void {
		this.#qr?.detach();
		this.#qr = null;
	}

	/** Whether this device can use peer-to-peer sync at all (addresses set, secure page). */
	get canConnect(): boolean {
		return this.unavailable === null;
	}

	/** Stops network sync on this device; contributions keep being saved locally. */
	goOffline(): void {
		if (this.offline) return;
		this.offline = true;
		if (this.#webrtc) this.#sync.removeTransport(this.#webrtc);
		this.#webrtc = null;
		this.#qr?.detach();
		this.#qr = null;
	}

	/** Reconnects; the state exchange on reconnection brings both sides up to date. */
	reconnect(): void {
		if (!this.offline) return;
		this.offline = false;
		this.#connect();
	}

	/** Stores a fresh session key and switches every transport to it; returns the new key. */
	async rotateKey(): Promise<string> {
		const row = await rotateSyncKey(this.#sync.sessionId);
		this.#sync.rotateKey(row.syncKey);
		this.key = row.syncKey;
		return row.syncKey;
	}

	#connect(): void {
		this.qrLinkedBefore = wasQrLinked(this.#sync.sessionId);
		this.#qr = attachQrLinks(this.#sync, (count) => {
			this.qrLinkCount = count;
			if (count > 0) this.qrLinkedBefore = true;
		});
		this.#connectWebrtc();
	}

	#connectWebrtc(): void {
		const env = detectWebrtcEnvironment();
		if (this.signaling.length === 0) {
			this.unavailable = { key: 'sync.error.noSignaling' };
			return;
		}
		if (!env.subtle) {
			this.unavailable = { key: 'sync.error.insecureContext' };
			return;
		}
		const problem = checkSignalingUrls(this.signaling, env.pageProtocol);
		this.unavailable = problem;
		if (problem) return;
		this.#webrtc = new WebrtcTransport({ signaling: [...this.signaling], environment: env });
		this.#sync.addTransport(this.#webrtc);
	}
}
