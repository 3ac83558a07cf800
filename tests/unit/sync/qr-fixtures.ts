/**
 * QR link fixtures: a stand-in for the browser's RTCPeerConnection, enough for PeerLink's data
 * channels (`FakeChannel`s, wired to each other by `pairedLinks`), and two open PeerLinks joined
 * by it.
 */
import { PeerLink } from '../../../src/lib/sync/qr-pairing/peer-link';
import { FakeChannel } from './fake-data-channel';

export { FakeChannel };

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
