/**
 * Sync between tabs of the same browser profile over a BroadcastChannel. The channel name is
 * derived from the session id and a fingerprint of the session key, so tabs still on an old key
 * land on another channel after a key rotation. BroadcastChannel is same-origin only, so frames
 * are not encrypted; they are still treated as untrusted (another script of the origin, or a
 * buggy older version of the app in another tab).
 */
import { FrameTransport, type FrameTransportOptions } from './frame-transport';
import { keyFingerprint } from './session-key';

export function broadcastChannelName(sessionId: string, key: string): string {
	return `tablee-sync:${sessionId}:${keyFingerprint(sessionId, key)}`;
}

export class BroadcastChannelTransport extends FrameTransport {
	readonly kind = 'broadcast-channel' as const;
	#channel: BroadcastChannel | null = null;

	constructor(options: FrameTransportOptions = {}) {
		super(options);
	}

	protected open(): void {
		if (typeof BroadcastChannel === 'undefined' || !this.ctx) {
			this.setStatus({ state: 'unavailable', message: { key: 'sync.error.noBroadcastChannel' } });
			return;
		}
		const channel = new BroadcastChannel(broadcastChannelName(this.ctx.sessionId, this.key));
		channel.onmessage = (event: MessageEvent) => this.receive(event.data);
		channel.onmessageerror = () => this.receive(null);
		this.#channel = channel;
	}

	protected close(): void {
		this.#channel?.close();
		this.#channel = null;
	}

	protected post(frame: Uint8Array): void {
		this.#channel?.postMessage(frame);
	}
}
