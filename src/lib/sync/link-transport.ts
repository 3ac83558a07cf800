/**
 * Sync over one duplex, ordered-or-not byte link to one other device: a MessagePort, a WebRTC
 * data channel opened by QR pairing, a hub WebSocket. The link is given as three functions so
 * this class does not depend on any particular API.
 */
import { FrameTransport, type FrameTransportOptions } from './frame-transport';
import type { TransportKind } from './sync-types';

export interface ByteLink {
	send(bytes: Uint8Array): void;
	/** Registers the receive handler; returns a function that unregisters it. */
	listen(onBytes: (bytes: unknown) => void): () => void;
	/** Hang up (called when the remote is blocked or the transport is destroyed). */
	close?(): void;
	/** Bytes sent but still queued in the medium (data channel, socket): sending waits above a mark. */
	bufferedAmount?(): number;
}

export interface LinkTransportOptions extends FrameTransportOptions {
	link: ByteLink;
	kind?: TransportKind;
}

export class LinkTransport extends FrameTransport {
	readonly kind: TransportKind;
	#link: ByteLink;
	#unlisten: (() => void) | null = null;

	constructor(options: LinkTransportOptions) {
		super({ ...options, singleRemote: true });
		this.#link = options.link;
		this.kind = options.kind ?? 'link';
	}

	protected open(): void {
		this.#unlisten = this.#link.listen((bytes) => this.receive(bytes));
	}

	protected close(): void {
		this.#unlisten?.();
		this.#unlisten = null;
	}

	protected post(frame: Uint8Array): void {
		this.#link.send(frame);
	}

	protected override buffered(): number {
		return this.#link.bufferedAmount?.() ?? 0;
	}

	/** A point-to-point link has a single remote: blocking it means hanging up. */
	protected override onBlocked(): void {
		this.close();
		this.#link.close?.();
		this.setStatus({ state: 'idle' });
	}

	override destroy(): void {
		super.destroy();
		this.#link.close?.();
	}
}
