/**
 * QR link fixtures: a stand-in for the browser's RTCPeerConnection, enough for PeerLink's data
 * channels (two instances are wired to each other, and every message sent is checked against the
 * size a browser guarantees for one data-channel message), and two open PeerLinks joined by it.
 */
import { PeerLink } from '../../../src/lib/sync/qr-pairing/peer-link';

export class FakeChannel {
	readyState = 'connecting';
	binaryType = 'blob';
	peer: FakeChannel | null = null;
	sizes: number[] = [];
	onopen: (() => void) | null = null;
	onclose: (() => void) | null = null;
	onmessage: ((e: { data: unknown }) => void) | null = null;
	send(data: Uint8Array | string) {
		if (this.readyState !== 'open') throw new Error('closed');
		const size = typeof data === 'string' ? data.length : data.byteLength;
		this.sizes.push(size);
		const copy = typeof data === 'string' ? data : data.slice().buffer;
		queueMicrotask(() => this.peer?.onmessage?.({ data: copy }));
	}
	close() {
		if (this.readyState === 'closed') return;
		this.readyState = 'closed';
		this.onclose?.();
		this.peer?.close();
	}
	open() {
		this.readyState = 'open';
		this.onopen?.();
	}
}

export class FakePeerConnection {
	channels: FakeChannel[] = [];
	connectionState = 'new';
	iceConnectionState = 'new';
	onconnectionstatechange: (() => void) | null = null;
	oniceconnectionstatechange: (() => void) | null = null;
	createDataChannel() {
		const c = new FakeChannel();
		this.channels.push(c);
		return c;
	}
	close() {
		for (const c of this.channels) c.close();
	}
}

/** Two open PeerLinks of session `sessionId`, each the other's remote. */
export function pairedLinks(sessionId = 'session-1'): [PeerLink, PeerLink] {
	const Ctor = FakePeerConnection as unknown as typeof RTCPeerConnection;
	const a = new PeerLink({ sessionId, RTCPeerConnection: Ctor });
	const b = new PeerLink({ sessionId, RTCPeerConnection: Ctor });
	const ca = (a.pc as unknown as FakePeerConnection).channels;
	const cb = (b.pc as unknown as FakePeerConnection).channels;
	ca.forEach((c, i) => (c.peer = cb[i]!));
	cb.forEach((c, i) => (c.peer = ca[i]!));
	for (const c of [...ca, ...cb]) c.open();
	return [a, b];
}
