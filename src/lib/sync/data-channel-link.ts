/**
 * A `ByteLink` over one ordered, reliable WebRTC data channel: QR-paired links (`PeerLink`) and
 * the connections y-webrtc opens (`webrtc-transport.ts`) both carry our frames this way.
 *
 * Frames can be up to `SYNC_LIMITS.messageBytes` while Chromium refuses any data-channel message
 * over 256 KiB (SCTP max-message-size) and other browsers guarantee less, so every frame goes in
 * pieces of at most `CHUNK_BYTES`: a flag byte (1: more pieces follow, 0: last) then the bytes.
 * The receiver puts them back together up to `MAX_FRAME_BYTES`; a remote whose pieces add up to
 * more, or that sends anything but binary pieces, is hung up on.
 */
import { SYNC_LIMITS } from '../protocol/sync-limits';
import type { ByteLink } from './link-transport';

export const CHUNK_BYTES = 16 * 1024;
/** A frame at the receivers' limit plus room for its header. */
export const MAX_FRAME_BYTES = SYNC_LIMITS.messageBytes + 4096;

/** The part of `RTCDataChannel` a link uses (tests hand in fakes). */
export interface DataChannelLike {
	readonly readyState: RTCDataChannelState;
	readonly bufferedAmount: number;
	binaryType: BinaryType;
	send(data: Uint8Array<ArrayBuffer>): void;
	close(): void;
	addEventListener(type: 'open' | 'message' | 'close', listener: (event: Event) => void): void;
	removeEventListener(type: 'open' | 'message' | 'close', listener: (event: Event) => void): void;
}

/**
 * Why a link ended. `local`: `close()` was called. `remote`: the channel closed (the other side
 * hung up, or the connection under it ended). `refused`: the remote broke the piece framing.
 */
export type LinkCloseReason = 'local' | 'remote' | 'refused';

export interface DataChannelLinkOptions {
	/** Called once when the link ends, whatever ended it: close what carries the channel. */
	onClose?: (reason: LinkCloseReason) => void;
}

export class DataChannelLink implements ByteLink {
	readonly channel: DataChannelLike;
	#listeners = new Set<(bytes: Uint8Array) => void>();
	#pieces: Uint8Array[] = [];
	#pending = 0;
	#closed = false;
	#onClose: ((reason: LinkCloseReason) => void) | undefined;

	constructor(channel: DataChannelLike, options: DataChannelLinkOptions = {}) {
		this.channel = channel;
		this.#onClose = options.onClose;
		channel.binaryType = 'arraybuffer';
		channel.addEventListener('message', this.#onMessage);
		channel.addEventListener('close', this.#onChannelClose);
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Throws when the channel is not open (`FrameTransport` treats that as "not sent"). */
	send(bytes: Uint8Array): void {
		if (this.#closed || this.channel.readyState !== 'open') throw new Error('link not open');
		for (let at = 0; at < bytes.byteLength || at === 0; at += CHUNK_BYTES) {
			const piece = bytes.subarray(at, at + CHUNK_BYTES);
			const out = new Uint8Array(piece.byteLength + 1);
			out[0] = at + CHUNK_BYTES < bytes.byteLength ? 1 : 0;
			out.set(piece, 1);
			this.channel.send(out);
			if (bytes.byteLength === 0) break;
		}
	}

	listen(onBytes: (bytes: unknown) => void): () => void {
		this.#listeners.add(onBytes);
		return () => this.#listeners.delete(onBytes);
	}

	/** Bytes queued in the channel and not yet handed to the network (for sender backpressure). */
	bufferedAmount(): number {
		return this.#closed ? 0 : this.channel.bufferedAmount;
	}

	close(): void {
		this.#end('local');
	}

	#end(reason: LinkCloseReason): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#listeners.clear();
		this.#pieces = [];
		this.#pending = 0;
		this.channel.removeEventListener('message', this.#onMessage);
		this.channel.removeEventListener('close', this.#onChannelClose);
		try {
			this.channel.close();
		} catch {
			// Already closed.
		}
		this.#onClose?.(reason);
	}

	#onChannelClose = (): void => this.#end('remote');

	#onMessage = (event: Event): void => {
		const data = (event as MessageEvent).data;
		if (!(data instanceof ArrayBuffer) || data.byteLength === 0) return this.#end('refused');
		const bytes = new Uint8Array(data);
		const flag = bytes[0];
		const piece = bytes.subarray(1);
		this.#pending += piece.byteLength;
		if (this.#pending > MAX_FRAME_BYTES || (flag !== 0 && flag !== 1)) return this.#end('refused');
		this.#pieces.push(piece);
		if (flag === 1) return;
		const frame = this.#pieces.length === 1 ? this.#pieces[0]! : concat(this.#pieces, this.#pending);
		this.#pieces = [];
		this.#pending = 0;
		for (const listener of [...this.#listeners]) listener(frame);
	};
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
