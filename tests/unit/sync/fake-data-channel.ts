/**
 * A stand-in for `RTCDataChannel` in Node: two instances wired to each other deliver what one
 * sends to the other on a later microtask, as a browser does, and every message sent is recorded
 * (sizes) so tests can check it against what a browser accepts in one data-channel message.
 * Both the `on*` properties and `addEventListener` work, like the real thing.
 */
type Listener = (event: Event) => void;

/** Chromium's SCTP max-message-size: larger data-channel messages are refused. */
export const BROWSER_MESSAGE_LIMIT = 256 * 1024;

export class FakeChannel {
	readyState: RTCDataChannelState = 'connecting';
	binaryType: BinaryType = 'blob';
	bufferedAmount = 0;
	peer: FakeChannel | null = null;
	sizes: number[] = [];
	onopen: ((event: Event) => void) | null = null;
	onclose: ((event: Event) => void) | null = null;
	onmessage: ((event: MessageEvent) => void) | null = null;
	#listeners = new Map<string, Set<Listener>>();

	addEventListener(type: string, listener: Listener): void {
		let set = this.#listeners.get(type);
		if (!set) this.#listeners.set(type, (set = new Set()));
		set.add(listener);
	}

	removeEventListener(type: string, listener: Listener): void {
		this.#listeners.get(type)?.delete(listener);
	}

	send(data: Uint8Array | string): void {
		if (this.readyState !== 'open') throw new Error('closed');
		const size = typeof data === 'string' ? data.length : data.byteLength;
		if (size > BROWSER_MESSAGE_LIMIT) throw new TypeError('message too large');
		this.sizes.push(size);
		const copy = typeof data === 'string' ? data : data.slice().buffer;
		queueMicrotask(() => {
			const peer = this.peer;
			if (peer && peer.readyState === 'open') peer.#dispatch('message', new MessageEvent('message', { data: copy }));
		});
	}

	close(): void {
		if (this.readyState === 'closed') return;
		this.readyState = 'closed';
		this.#dispatch('close', new Event('close'));
		this.peer?.close();
	}

	open(): void {
		if (this.readyState !== 'connecting') return;
		this.readyState = 'open';
		this.#dispatch('open', new Event('open'));
	}

	#dispatch(type: 'open' | 'close' | 'message', event: Event): void {
		if (type === 'message') this.onmessage?.(event as MessageEvent);
		else if (type === 'open') this.onopen?.(event);
		else this.onclose?.(event);
		for (const listener of [...(this.#listeners.get(type) ?? [])]) listener(event);
	}
}

/** Two channels, each the other's remote, still connecting (call `open()` on both). */
export function pairedChannels(): [FakeChannel, FakeChannel] {
	const a = new FakeChannel();
	const b = new FakeChannel();
	a.peer = b;
	b.peer = a;
	return [a, b];
}
