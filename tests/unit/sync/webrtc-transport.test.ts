/**
 * The y-webrtc bridge with a fake provider (WebRTC itself does not run in Node), plus one check
 * that the real y-webrtc provider, driven by this transport, reaches our signaling server with
 * an encrypted announce.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } from 'y-protocols/awareness';
import { WebSocket } from 'ws';
import {
	SessionSync,
	WebrtcTransport,
	generateSessionKey,
	webrtcRoomName,
	type WebrtcProviderFactory,
	type WebrtcProviderOptions,
	type RejectedEvent
} from '$lib/sync';
import { startSignalingServer } from '../../../src/hub/signaling-server';
import { SESSION_ID, SESSION_KEY, makeDevice } from './sync-fixtures';

interface FakeProvider {
	room: string;
	doc: Y.Doc;
	options: WebrtcProviderOptions;
	synced: ((e: { synced: boolean }) => void)[];
	destroyed: boolean;
	disconnected: boolean;
}

function fakeFactory() {
	const made: FakeProvider[] = [];
	const factory: WebrtcProviderFactory = async (room, doc, options) => {
		const p: FakeProvider = { room, doc, options, synced: [], destroyed: false, disconnected: false };
		made.push(p);
		return {
			on: (_name: 'synced', f: (e: { synced: boolean }) => void) => p.synced.push(f),
			disconnect: () => (p.disconnected = true),
			destroy: () => (p.destroyed = true)
		};
	};
	return { made, factory };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

function session() {
	const doc = new Y.Doc();
	const sync = new SessionSync({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
	const rejected: RejectedEvent[] = [];
	sync.on('rejected', (e) => rejected.push(e));
	cleanups.push(() => sync.destroy());
	return { doc, sync, rejected };
}

describe('WebrtcTransport', () => {
	it('reports an insecure origin instead of throwing, and never starts y-webrtc there', () => {
		const { sync } = session();
		const { made, factory } = fakeFactory();
		const t = new WebrtcTransport({ signaling: ['ws://192.168.1.2:4444'], createProvider: factory, environment: { subtle: false, pageProtocol: 'http:' } });
		expect(() => sync.addTransport(t)).not.toThrow();
		expect(t.status).toEqual({ state: 'unavailable', message: { key: 'sync.error.insecureContext' } });
		expect(sync.state).toBe('offline');
		expect(sync.status.transports[0]?.status.message?.key).toBe('sync.error.insecureContext');
		expect(made).toEqual([]);
	});

	it('refuses missing, invalid and mixed-content signaling URLs', () => {
		const { sync } = session();
		const env = { subtle: true, pageProtocol: 'https:' };
		const cases: [string[], string][] = [
			[[], 'sync.error.noSignaling'],
			[['http://x:4444'], 'sync.error.signalingUrl'],
			[['ws://192.168.1.2:4444'], 'sync.error.mixedContent']
		];
		for (const [signaling, key] of cases) {
			const t = new WebrtcTransport({ signaling, createProvider: fakeFactory().factory, environment: env });
			sync.addTransport(t);
			expect(t.status.message?.key).toBe(key);
		}
		const ok = new WebrtcTransport({ signaling: ['ws://localhost:4444', 'wss://hub.local'], createProvider: fakeFactory().factory, environment: env });
		sync.addTransport(ok);
		expect(ok.status.state).toBe('connecting');
	});

	it('bridges updates both ways through a wire doc, with the session key as password', async () => {
		const { doc, sync } = session();
		doc.getMap('contributions').set('early', 1);
		const { made, factory } = fakeFactory();
		const t = new WebrtcTransport({ signaling: ['ws://localhost:4444'], createProvider: factory, environment: { subtle: true, pageProtocol: 'http:' } });
		sync.addTransport(t);
		await tick();
		const p = made[0]!;
		expect(p.room).toBe(webrtcRoomName(SESSION_ID, SESSION_KEY));
		expect(p.room).not.toContain(SESSION_KEY);
		expect(p.options).toMatchObject({ signaling: ['ws://localhost:4444'], password: SESSION_KEY, filterBcConns: true });
		expect(p.doc).not.toBe(doc);
		expect(p.doc.getMap('contributions').get('early')).toBe(1);
		// Session -> wire.
		doc.getMap('contributions').set('local', 2);
		expect(p.doc.getMap('contributions').get('local')).toBe(2);
		// Wire (as y-webrtc would apply a peer's update) -> session, tagged with the transport.
		const origins: unknown[] = [];
		doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		const remote = new Y.Doc();
		remote.getMap('contributions').set('remote', 3);
		Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(remote), 'y-webrtc-room');
		expect(doc.getMap('contributions').get('remote')).toBe(3);
		expect(origins).toEqual([t]);
		// Peers come from y-webrtc's awareness; 'synced' marks them caught up.
		const peerAwareness = new Awareness(new Y.Doc());
		peerAwareness.setLocalState({ device: makeDevice(7, 'participant') });
		applyAwarenessUpdate(p.options.awareness, encodeAwarenessUpdate(peerAwareness, [peerAwareness.clientID]), 'remote');
		expect(sync.peers).toMatchObject([{ deviceId: 'device-7', role: 'participant', transport: 'webrtc', synced: false }]);
		expect(sync.state).toBe('syncing');
		for (const f of p.synced) f({ synced: true });
		expect(sync.state).toBe('caught-up');
		peerAwareness.destroy();
	});

	it('refuses a bridged update over the byte allowance, leaves the session doc alone and restarts on a fresh wire doc', async () => {
		const { doc, sync, rejected } = session();
		const { made, factory } = fakeFactory();
		const rateLimit = { messagesBurst: 100, messagesPerSecond: 100, bytesBurst: 1024 * 1024, bytesPerSecond: 1 };
		const t = new WebrtcTransport({ signaling: ['ws://localhost:4444'], createProvider: factory, environment: { subtle: true, pageProtocol: null }, restartDelayMs: 5, rateLimit });
		sync.addTransport(t);
		await tick();
		const before = Y.encodeStateAsUpdate(doc);
		const remote = new Y.Doc();
		remote.getMap('contributions').set('huge', 'x'.repeat(1024 * 1024 + 10));
		Y.applyUpdate(made[0]!.doc, Y.encodeStateAsUpdate(remote), 'y-webrtc-room');
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect(rejected).toMatchObject([{ transport: 'webrtc', reason: 'rateLimited' }]);
		await new Promise((r) => setTimeout(r, 30));
		expect(made[0]!.destroyed && made[0]!.disconnected).toBe(true);
		expect(made).toHaveLength(2);
		expect(made[1]!.doc.getMap('contributions').has('huge')).toBe(false);
	});

	it('reconnects under a new room and password when the key rotates; destroy cleans up', async () => {
		const { sync } = session();
		const { made, factory } = fakeFactory();
		const t = new WebrtcTransport({ signaling: ['ws://localhost:4444'], createProvider: factory, environment: { subtle: true, pageProtocol: null } });
		sync.addTransport(t);
		await tick();
		const key = generateSessionKey();
		sync.rotateKey(key);
		await tick();
		expect(made[0]!.destroyed).toBe(true);
		expect(made[1]).toMatchObject({ room: webrtcRoomName(SESSION_ID, key), options: { password: key } });
		expect(made[1]!.room).not.toBe(made[0]!.room);
		sync.removeTransport(t);
		expect(made[1]!.destroyed && made[1]!.disconnected).toBe(true);
	});

	it('drives the real y-webrtc provider to our signaling server, encrypted', async () => {
		const server = await startSignalingServer({ port: 0 });
		cleanups.push(() => server.close());
		const g = globalThis as { WebSocket?: unknown };
		const previous = g.WebSocket;
		g.WebSocket = WebSocket;
		cleanups.push(() => {
			g.WebSocket = previous;
		});
		const url = `ws://127.0.0.1:${server.port}`;
		const room = webrtcRoomName(SESSION_ID, SESSION_KEY);
		const observer = new WebSocket(url);
		cleanups.push(() => observer.close());
		const received: { type: string; topic: string; data: unknown }[] = [];
		observer.on('message', (m) => received.push(JSON.parse(m.toString())));
		await new Promise((r) => observer.once('open', r));
		observer.send(JSON.stringify({ type: 'subscribe', topics: [room] }));
		const { sync } = session();
		const t = new WebrtcTransport({ signaling: [url], environment: { subtle: true, pageProtocol: null } });
		sync.addTransport(t);
		const end = Date.now() + 5000;
		while (!received.some((m) => m.type === 'publish') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
		const announce = received.find((m) => m.type === 'publish');
		expect(announce?.topic).toBe(room);
		expect(typeof announce?.data).toBe('string');
		expect(String(announce?.data)).not.toContain('announce');
		expect(t.status.state).toBe('connected');
		sync.removeTransport(t);
		const closed = Date.now() + 3000;
		while (server.connections > 1 && Date.now() < closed) await new Promise((r) => setTimeout(r, 20));
		expect(server.connections).toBe(1);
	});
});
