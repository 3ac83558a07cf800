/**
 * The one place that reaches into y-webrtc's internals (10.3.0, simple-peer 9.11.1).
 *
 * y-webrtc finds the room's peers through signaling servers (its stock protocol, encrypted with
 * `password`) and opens an `RTCPeerConnection` to each; that is all this project uses it for. Its
 * own doc sync sends a whole sync step as one data-channel message, which Chromium refuses over
 * 256 KiB, so the provider gets a placeholder doc that never changes (and a throwaway awareness
 * without local state): its own messages stay a few bytes.
 *
 * On each connection, once simple-peer reports it connected, this module adds one more data
 * channel, negotiated (same id on both sides, no renegotiation: the SCTP association already
 * exists): `tablee-sync`, id 64 (simple-peer's own channel takes id 0 or 1). A channel created
 * after the association is up opens at once, so what one side sends before the other side has
 * created its end is lost (checked in Chromium 150); the frame protocol recovers, since each side
 * says hello when its channel opens and only sends multi-piece frames to a peer it has heard from.
 */
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import { Awareness } from 'y-protocols/awareness';
import type { DataChannelLike } from './data-channel-link';

export const SYNC_CHANNEL_LABEL = 'tablee-sync';
export const SYNC_CHANNEL_ID = 64;

/** One peer connection of the room, with our sync channel on it. */
export interface WebrtcConnection {
	/**
	 * The room's id for the remote: y-webrtc's peer id, new each time the remote's provider joins
	 * the room (a reload, a new key), stable while it stays.
	 */
	readonly remoteId: string;
	/** Our negotiated channel on that connection; it may still be connecting. */
	readonly channel: DataChannelLike;
	/** Hang up: ends the whole peer connection. */
	close(): void;
}

export type WebrtcRoomEvents = {
	/** A connection whose sync channel now exists. */
	connection: (connection: WebrtcConnection) => void;
	/** That connection ended, whichever side ended it. */
	disconnection: (connection: WebrtcConnection) => void;
};

/** A joined room, as the WebRTC transport uses it (a test seam: tests hand in fakes). */
export interface WebrtcRoomLike {
	on<N extends keyof WebrtcRoomEvents>(name: N, f: WebrtcRoomEvents[N]): void;
	/** Leaves the room: signaling connections and every peer connection are closed. */
	destroy(): void;
}

export interface WebrtcRoomOptions {
	/** Signaling servers (ws:// or wss://); never the library defaults. */
	signaling: string[];
	/** Encrypts signaling and y-webrtc's BroadcastChannel messages (AES-GCM, needs `crypto.subtle`). */
	password: string;
	maxConns: number;
	filterBcConns: boolean;
}

export type WebrtcRoomFactory = (room: string, options: WebrtcRoomOptions) => Promise<WebrtcRoomLike>;

/** simple-peer, as far as this module uses it. */
export interface SimplePeer {
	_pc: RTCPeerConnection | null;
	readonly connected: boolean;
	readonly destroyed: boolean;
	once(event: 'connect' | 'close', f: () => void): void;
	removeListener(event: 'connect' | 'close', f: () => void): void;
	destroy(): void;
}

/** y-webrtc's `WebrtcConn`: one peer connection of the room. */
export interface YWebrtcConn {
	remotePeerId: string;
	peer: SimplePeer;
}

/** y-webrtc's `peers` event, as far as this module uses it. */
export interface PeersEvent {
	added: string[];
}

/** y-webrtc's `WebrtcProvider`, as far as this module uses it. */
export interface YWebrtcProvider {
	room: { webrtcConns: Map<string, unknown> } | null;
	on(name: 'peers', f: (event: PeersEvent) => void): void;
	off(name: 'peers', f: (event: PeersEvent) => void): void;
	disconnect(): void;
	destroy(): void;
}

export const joinYWebrtcRoom: WebrtcRoomFactory = async (room, options) => {
	const { WebrtcProvider } = await import('y-webrtc');
	return new YWebrtcRoom((doc, awareness) => new WebrtcProvider(room, doc, { ...options, awareness }) as unknown as YWebrtcProvider);
};

/** y-webrtc's provider seen as a room (exported for tests, which hand in a fake provider). */
export class YWebrtcRoom extends ObservableV2<WebrtcRoomEvents> implements WebrtcRoomLike {
	#placeholder = new Y.Doc();
	#provider: YWebrtcProvider;
	#seen = new WeakSet<YWebrtcConn>();
	#open = new Map<YWebrtcConn, WebrtcConnection>();
	#destroyed = false;

	/** `create` makes the provider for the placeholder doc and awareness. */
	constructor(create: (doc: Y.Doc, awareness: Awareness) => YWebrtcProvider) {
		super();
		const awareness = new Awareness(this.#placeholder);
		// Presence travels in our frames; y-webrtc's awareness messages stay empty.
		awareness.setLocalState(null);
		this.#provider = create(this.#placeholder, awareness);
		this.#provider.on('peers', this.#onPeers);
	}

	override destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#provider.off('peers', this.#onPeers);
		// `destroy` alone leaves the signaling connections open.
		this.#provider.disconnect();
		this.#provider.destroy();
		// Also destroys the placeholder's awareness (it listens to the doc's destroy).
		this.#placeholder.destroy();
		this.#open.clear();
		super.destroy();
	}

	/** y-webrtc emits `added` when it creates a connection (and for BroadcastChannel peers, which have none). */
	#onPeers = ({ added }: PeersEvent): void => {
		const conns = this.#provider.room?.webrtcConns;
		if (!conns) return;
		for (const id of added) {
			const conn = conns.get(id) as YWebrtcConn | undefined;
			if (!conn || this.#seen.has(conn)) continue;
			this.#seen.add(conn);
			const onConnect = () => this.#connected(conn);
			conn.peer.once('close', () => {
				conn.peer.removeListener('connect', onConnect);
				this.#closed(conn);
			});
			if (conn.peer.connected) this.#connected(conn);
			else conn.peer.once('connect', onConnect);
		}
	};

	#connected(conn: YWebrtcConn): void {
		const pc = conn.peer._pc;
		if (this.#destroyed || !pc || conn.peer.destroyed) return;
		let channel: RTCDataChannel;
		try {
			channel = pc.createDataChannel(SYNC_CHANNEL_LABEL, { negotiated: true, id: SYNC_CHANNEL_ID, ordered: true });
		} catch {
			// A connection that cannot carry our channel is of no use.
			return conn.peer.destroy();
		}
		const connection: WebrtcConnection = { remoteId: conn.remotePeerId, channel, close: () => conn.peer.destroy() };
		this.#open.set(conn, connection);
		this.emit('connection', [connection]);
	}

	#closed(conn: YWebrtcConn): void {
		const connection = this.#open.get(conn);
		if (!connection) return;
		this.#open.delete(conn);
		this.emit('disconnection', [connection]);
	}
}
