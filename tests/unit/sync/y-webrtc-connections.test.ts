/**
 * The adapter over y-webrtc's internals, against a fake provider shaped like y-webrtc 10.3.0
 * (a room with `webrtcConns`, `peers` events) and fake simple-peer instances.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import type { Awareness } from 'y-protocols/awareness';
import { YWebrtcRoom, SYNC_CHANNEL_ID, type PeersEvent, type YWebrtcConn, type WebrtcConnection } from '../../../src/lib/sync/y-webrtc-connections';
import { FakeChannel } from './fake-data-channel';

class FakePc {
	created: { label: string; init: RTCDataChannelInit }[] = [];
	createDataChannel(label: string, init: RTCDataChannelInit) {
		this.created.push({ label, init });
		return new FakeChannel();
	}
}

class FakePeer extends EventEmitter {
	_pc: FakePc | null = new FakePc();
	connected = false;
	destroyed = false;
	destroy() {
		if (this.destroyed) return;
		this.destroyed = true;
		this._pc = null;
		queueMicrotask(() => this.emit('close'));
	}
	connect() {
		this.connected = true;
		this.emit('connect');
	}
}

class FakeProvider extends ObservableV2<{ peers: (e: PeersEvent) => void }> {
	room = { webrtcConns: new Map<string, YWebrtcConn>() };
	disconnected = false;
	destroyed = false;
	constructor(
		readonly doc: Y.Doc,
		readonly awareness: Awareness
	) {
		super();
	}
	/** What y-webrtc does when signaling brings a new remote. */
	add(id: string, connected = false): FakePeer {
		const peer = new FakePeer();
		peer.connected = connected;
		this.room.webrtcConns.set(id, { remotePeerId: id, peer: peer as never });
		this.emit('peers', [{ added: [id] }]);
		return peer;
	}
	disconnect() {
		this.disconnected = true;
	}
	override destroy() {
		this.destroyed = true;
		super.destroy();
	}
}

function setup() {
	let provider: FakeProvider | null = null;
	const room = new YWebrtcRoom((doc, awareness) => (provider = new FakeProvider(doc, awareness)));
	const opened: WebrtcConnection[] = [];
	const closed: WebrtcConnection[] = [];
	room.on('connection', (c) => opened.push(c));
	room.on('disconnection', (c) => closed.push(c));
	return { room, provider: provider! as FakeProvider, opened, closed };
}

describe('YWebrtcRoom', () => {
	it('gives y-webrtc an empty placeholder doc and an awareness with no local state', () => {
		const { provider, room } = setup();
		expect(provider.doc.share.size).toBe(0);
		expect(Y.encodeStateVector(provider.doc)).toEqual(Uint8Array.of(0));
		expect(provider.awareness.getLocalState()).toBeNull();
		room.destroy();
	});

	it('adds our negotiated channel (id 64) to each connection once simple-peer connects, and reports it', () => {
		const { provider, opened, room } = setup();
		const peer = provider.add('remote-1');
		expect(opened).toEqual([]);
		peer.connect();
		expect(peer._pc!.created).toEqual([{ label: 'tablee-sync', init: { negotiated: true, id: SYNC_CHANNEL_ID, ordered: true } }]);
		expect(opened).toHaveLength(1);
		expect(opened[0]!.remoteId).toBe('remote-1');
		// Already connected when announced (a connection that existed before), reported at once.
		const early = provider.add('remote-2', true);
		expect(early._pc!.created).toHaveLength(1);
		expect(opened.map((c) => c.remoteId)).toEqual(['remote-1', 'remote-2']);
		// BroadcastChannel peers have no connection; a repeated `added` reports nothing twice.
		provider.emit('peers', [{ added: ['same-browser-tab', 'remote-1'] }]);
		expect(opened).toHaveLength(2);
		room.destroy();
	});

	it('reports the end of a connection, and hangs up through simple-peer', async () => {
		const { provider, opened, closed, room } = setup();
		const peer = provider.add('remote-1');
		peer.connect();
		opened[0]!.close();
		expect(peer.destroyed).toBe(true);
		await new Promise((r) => setTimeout(r, 0));
		expect(closed).toEqual([opened[0]]);
		// A connection that closes before connecting is never reported.
		const never = provider.add('remote-2');
		never.destroy();
		await new Promise((r) => setTimeout(r, 0));
		never.emit('connect');
		expect(opened).toHaveLength(1);
		room.destroy();
	});

	it('leaves the room on destroy: signaling closed, provider and placeholder doc destroyed', () => {
		const { provider, room } = setup();
		let docDestroyed = false;
		provider.doc.on('destroy', () => (docDestroyed = true));
		room.destroy();
		expect(provider.disconnected && provider.destroyed && docDestroyed).toBe(true);
	});
});
