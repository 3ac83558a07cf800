/**
 * The WebRTC transport over fake rooms and channels (WebRTC itself does not run in Node): our
 * frames on one channel per connection, so sessions and updates of any size arrive in pieces a
 * browser accepts; plus one check that the real y-webrtc provider, driven by this transport,
 * reaches our signaling server with an encrypted announce.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { WebSocket } from 'ws';
import {
	CHUNK_BYTES,
	SessionSyncEngine,
	WebrtcTransport,
	generateSessionKey,
	webrtcRoomName,
	type RejectedEvent,
	type WebrtcRoomFactory
} from '$lib/sync';
import { encodeFrame } from '$lib/protocol/wire-protocol';
import { startSignalingServer } from '../../../src/hub/signaling-server';
import { SESSION_ID, SESSION_KEY, makeDevice, testSeed } from './sync-fixtures';
import { FakeConnection, FakeRoom, FakeSignaling } from './webrtc-fixtures';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

const SIGNALING = ['ws://localhost:4444'];
const SECURE = { subtle: true, pageProtocol: null };

interface Device {
	doc: Y.Doc;
	sync: SessionSyncEngine;
	transport: WebrtcTransport;
	rejected: RejectedEvent[];
	/** Rooms this device joined, in order. */
	rooms: FakeRoom[];
}

function device(net: FakeSignaling, i: number, options: { key?: string; role?: 'station' | 'participant' } = {}): Device {
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: options.key ?? SESSION_KEY, device: makeDevice(i, options.role) });
	const rooms: FakeRoom[] = [];
	const joinRoom: WebrtcRoomFactory = async (name, o) => {
		const room = (await net.join(name, o)) as FakeRoom;
		rooms.push(room);
		return room;
	};
	const transport = new WebrtcTransport({ signaling: SIGNALING, joinRoom, environment: SECURE });
	const rejected: RejectedEvent[] = [];
	sync.on('rejected', (e) => rejected.push(e));
	sync.addTransport(transport);
	cleanups.push(() => {
		sync.destroy();
		doc.destroy();
	});
	return { doc, sync, transport, rejected, rooms };
}

/** Waits (on real timers) until `check` holds; fails with `what` if it never does. */
async function until(what: string, check: () => boolean, limitMs = 10_000): Promise<void> {
	const end = Date.now() + limitMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`never happened: ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

const notes = (d: Device) => d.doc.getMap<string>('contributions');
const sameState = (a: Device, b: Device) => Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc)));

/** `count` notes of `size` random letters each, written in one transaction. */
function writeNotes(d: Device, gen: prng.PRNG, count: number, size: number, prefix: string): void {
	d.doc.transact(() => {
		for (let i = 0; i < count; i++) notes(d).set(`${prefix}-${i}`, prng.word(gen, size, size));
	});
}

/** Every data-channel message any fake connection carried, in bytes. */
function channelMessageSizes(net: FakeSignaling): number[] {
	return net.rooms.flatMap((r) => [...r.connections.values()].flatMap((c) => c.channel.sizes));
}

describe('WebrtcTransport', () => {
	it('reports an insecure origin instead of throwing, and never joins a room there', async () => {
		const net = new FakeSignaling();
		const doc = new Y.Doc();
		const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
		cleanups.push(() => sync.destroy());
		const t = new WebrtcTransport({ signaling: ['ws://192.168.1.2:4444'], joinRoom: net.join, environment: { subtle: false, pageProtocol: 'http:' } });
		expect(() => sync.addTransport(t)).not.toThrow();
		expect(t.status).toEqual({ state: 'unavailable', message: { key: 'sync.error.insecureContext' } });
		expect(sync.state).toBe('offline');
		expect(sync.status.transports[0]?.status.message?.key).toBe('sync.error.insecureContext');
		await new Promise((r) => setTimeout(r, 10));
		expect(net.rooms).toEqual([]);
	});

	it('refuses missing, invalid and mixed-content signaling URLs', () => {
		const net = new FakeSignaling();
		const sync = new SessionSyncEngine({ doc: new Y.Doc(), sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
		cleanups.push(() => sync.destroy());
		const env = { subtle: true, pageProtocol: 'https:' };
		const cases: [string[], string][] = [
			[[], 'sync.error.noSignaling'],
			[['http://x:4444'], 'sync.error.signalingUrl'],
			[['ws://192.168.1.2:4444'], 'sync.error.mixedContent']
		];
		for (const [signaling, key] of cases) {
			const t = new WebrtcTransport({ signaling, joinRoom: net.join, environment: env });
			sync.addTransport(t);
			expect(t.status.message?.key).toBe(key);
		}
		const ok = new WebrtcTransport({ signaling: ['ws://localhost:4444', 'wss://hub.local'], joinRoom: net.join, environment: env });
		sync.addTransport(ok);
		expect(ok.status.state).toBe('connecting');
	});

	it('joins a versioned room named by a key fingerprint, with the session key as password', async () => {
		const net = new FakeSignaling();
		const a = device(net, 0);
		await until('the room is joined', () => a.transport.status.state === 'connected');
		const room = a.rooms[0]!;
		expect(room.name).toBe(webrtcRoomName(SESSION_ID, SESSION_KEY));
		expect(room.name).toMatch(/^tablee\/2:session-test:/);
		expect(room.name).not.toContain(SESSION_KEY);
		expect(room.options).toEqual({ signaling: SIGNALING, password: SESSION_KEY, maxConns: 20, filterBcConns: true });
	});

	it('two tablets converge over their connection, even when one channel end opens late', async () => {
		const net = new FakeSignaling({ openGapMs: 30 });
		const a = device(net, 0);
		notes(a).set('before', 'écrite avant la connexion');
		const b = device(net, 1, { role: 'participant' });
		notes(b).set('other', 'écrite sur B');
		await until('both caught up', () => a.sync.state === 'caught-up' && b.sync.state === 'caught-up');
		await until('same state', () => sameState(a, b));
		expect(notes(b).get('before')).toBe('écrite avant la connexion');
		expect(a.sync.peers).toMatchObject([{ deviceId: 'device-1', role: 'participant', transport: 'webrtc', synced: true }]);
		notes(a).set('live', 'écrite après');
		await until('a live update arrives', () => notes(b).get('live') === 'écrite après');
		// Presence travels in our frames too.
		await until('presence arrives', () => [...b.sync.awareness.getStates().values()].some((s) => (s as { device?: { id: string } }).device?.id === 'device-0'));
		expect(a.rejected).toEqual([]);
		expect(b.rejected).toEqual([]);
	});

	it('three tablets converge, through a relay when two of them cannot connect', async () => {
		const seed = testSeed('webrtc three tablets');
		const gen = prng.create(seed);
		const net = new FakeSignaling();
		const [a, b, c] = [device(net, 0), device(net, 1), device(net, 2)];
		await until('full mesh', () => [a, b, c].every((d) => d.transport.connections === 2));
		net.separate(a.rooms[0]!, c.rooms[0]!);
		await until('A and C apart', () => a.transport.connections === 1 && c.transport.connections === 1);
		for (const [k, d] of [a, b, c].entries()) writeNotes(d, gen, 20, 120, `d${k}`);
		await until('converged', () => sameState(a, b) && sameState(b, c));
		expect(notes(c).size).toBe(60);
		expect(notes(a).toJSON()).toEqual(notes(c).toJSON());
		net.heal(a.rooms[0]!, c.rooms[0]!);
		await until('A and C connected again', () => a.sync.peers.length === 2 && c.sync.peers.length === 2 && c.sync.state === 'caught-up');
	});

	it('a session over 256 KiB reaches a tablet that joins, and a single update over 256 KiB reaches a linked one, in small pieces', async () => {
		const seed = testSeed('webrtc large state');
		const gen = prng.create(seed);
		const net = new FakeSignaling();
		const a = device(net, 0);
		writeNotes(a, gen, 800, 400, 'early');
		expect(Y.encodeStateAsUpdate(a.doc).byteLength).toBeGreaterThan(300 * 1024);
		const b = device(net, 1);
		await until('B receives the whole session', () => sameState(a, b), 20_000);
		expect(notes(b).size).toBe(800);
		let biggest = 0;
		a.doc.once('update', (u: Uint8Array) => (biggest = u.byteLength));
		writeNotes(a, gen, 800, 400, 'merged');
		expect(biggest).toBeGreaterThan(300 * 1024);
		await until('B receives the large update', () => sameState(a, b), 20_000);
		expect(notes(b).size).toBe(1600);
		expect(Math.max(...channelMessageSizes(net))).toBeLessThanOrEqual(CHUNK_BYTES + 1);
		// Up to date once A has stated its new state to B (announced shortly after a change).
		await until('B up to date', () => b.sync.state === 'caught-up', 20_000);
	});

	it('a session and a single update over one frame (1 MiB) travel as streams, in small pieces', async () => {
		const seed = testSeed('webrtc streamed state');
		const gen = prng.create(seed);
		const net = new FakeSignaling();
		const a = device(net, 0);
		writeNotes(a, gen, 3000, 500, 'early');
		expect(Y.encodeStateAsUpdate(a.doc).byteLength).toBeGreaterThan(1.4 * 1024 * 1024);
		const b = device(net, 1);
		await until('B receives the whole session', () => sameState(a, b), 30_000);
		expect(notes(b).size).toBe(3000);
		let biggest = 0;
		a.doc.once('update', (u: Uint8Array) => (biggest = u.byteLength));
		writeNotes(a, gen, 3000, 500, 'merged');
		expect(biggest).toBeGreaterThan(1.4 * 1024 * 1024);
		await until('B receives the large update', () => sameState(a, b), 30_000);
		expect(notes(b).size).toBe(6000);
		await until('both up to date', () => a.sync.state === 'caught-up' && b.sync.state === 'caught-up');
		expect(Math.max(...channelMessageSizes(net))).toBeLessThanOrEqual(CHUNK_BYTES + 1);
		expect([...a.rejected, ...b.rejected]).toEqual([]);
	});

	it('sends nothing more while the channel’s send buffer is over the mark, and resumes when it drains', async () => {
		const seed = testSeed('webrtc backpressure');
		const gen = prng.create(seed);
		const net = new FakeSignaling();
		const a = device(net, 0);
		const b = device(net, 1);
		await until('A and B met', () => a.sync.state === 'caught-up' && b.sync.state === 'caught-up');
		const channel = a.rooms[0]!.connections.get(b.rooms[0]!)!.channel;
		channel.bufferedAmount = 2 * 1024 * 1024;
		const sent = channel.sizes.length;
		writeNotes(a, gen, 10, 100, 'held');
		await new Promise((r) => setTimeout(r, 50));
		expect(channel.sizes.length).toBe(sent);
		channel.bufferedAmount = 0;
		await until('B receives what was held', () => notes(b).size === 10);
	});

	it('hangs up on a connection that sends garbage, and ignores that remote when y-webrtc connects it again', async () => {
		const net = new FakeSignaling({ reconnect: true });
		const a = device(net, 0);
		notes(a).set('kept', 'intact');
		await until('A joined', () => a.rooms.length === 1);
		// A remote that is not this app: it joins the room and writes raw pieces on the channel.
		const hostile = (await net.join(a.rooms[0]!.name, a.rooms[0]!.options)) as FakeRoom;
		const seen: FakeConnection[] = [];
		hostile.on('connection', (c) => seen.push(c as FakeConnection));
		await until('connected to A', () => seen.length === 1 && seen[0]!.channel.readyState === 'open');
		const before = Y.encodeStateAsUpdate(a.doc);
		// A frame with a readable sender and a broken body.
		const frame = encodeFrame('hostile-endpoint-1', '', { type: 'bye' });
		const garbage = new Uint8Array(frame.byteLength + 3);
		garbage.set(frame);
		garbage.set([0xff, 0xff, 0xff], frame.byteLength);
		seen[0]!.channel.send(Uint8Array.of(0, ...garbage));
		await until('A hung up', () => seen[0]!.channel.readyState === 'closed');
		expect(a.rejected).toMatchObject([{ transport: 'webrtc', reason: 'malformed' }]);
		expect(Y.encodeStateAsUpdate(a.doc)).toEqual(before);
		// The fake re-announce connects them again: the channel is closed, the connection kept.
		await until('reconnected', () => seen.length === 2);
		await until('channel refused', () => seen[1]!.channel.readyState === 'closed');
		expect(hostile.connections.size).toBe(1);
		expect(a.transport.connections).toBe(0);

		// Broken piece framing (text) from another remote: hung up too.
		const other = (await net.join(a.rooms[0]!.name, a.rooms[0]!.options)) as FakeRoom;
		const otherSeen: FakeConnection[] = [];
		other.on('connection', (c) => otherSeen.push(c as FakeConnection));
		await until('other connected', () => otherSeen[0]?.channel.readyState === 'open');
		otherSeen[0]!.channel.send('not a piece');
		await until('other hung up', () => otherSeen[0]!.channel.readyState === 'closed');
		expect(a.transport.peers).toEqual([]);
		// An honest tablet still meets A.
		const b = device(net, 1);
		await until('B syncs with A', () => notes(b).get('kept') === 'intact');
	});

	it('moves to the new key’s room when the key changes; tablets still on the old key drop off', async () => {
		const net = new FakeSignaling();
		const a = device(net, 0);
		const b = device(net, 1);
		const c = device(net, 2);
		await until('all met', () => a.sync.peers.length === 2);
		const key = generateSessionKey();
		a.sync.rotateKey(key);
		await until('A left the old room', () => a.rooms[0]!.destroyed && a.rooms.length === 2);
		expect(a.rooms[1]).toMatchObject({ name: webrtcRoomName(SESSION_ID, key), options: { password: key } });
		await until('A alone', () => a.sync.peers.length === 0 && b.sync.peers.length === 1);
		b.sync.rotateKey(key);
		await until('B meets A again', () => a.sync.peers.length === 1 && a.sync.peers[0]?.deviceId === 'device-1');
		notes(a).set('after', 'nouvelle clé');
		await until('B receives it', () => notes(b).get('after') === 'nouvelle clé');
		expect(notes(c).has('after')).toBe(false);
		a.sync.removeTransport(a.transport);
		expect(a.rooms[1]!.destroyed).toBe(true);
		expect(a.transport.connections).toBe(0);
	});

	it('hangs up on a revoked device and stops listing a device revoked while connected', async () => {
		const net = new FakeSignaling();
		const a = device(net, 0);
		const b = device(net, 1);
		await until('A and B met', () => a.sync.peers.length === 1);
		// B is revoked while connected: A stops listing it, and B learns of it through the doc.
		a.sync.revokeDevice('device-1');
		await until('B learns it was revoked', () => b.sync.status.revoked);
		await until('A no longer lists B', () => a.sync.peers.length === 0);
		// A device A knows as revoked is hung up on as soon as it says hello.
		const c = device(net, 1);
		await until('C was refused', () => a.rejected.some((e) => e.reason === 'revoked'));
		await until('connection closed', () => c.rooms[0]!.connections.size === 0 && c.transport.connections === 0 && a.transport.connections === 0);
		expect(a.sync.peers).toEqual([]);
	});

	it('carries the session’s kit to a tablet that lacks it', async () => {
		const net = new FakeSignaling();
		const a = device(net, 0);
		const b = device(net, 1);
		const zip = new Uint8Array(100_000).map((_, i) => (i * 7) & 255);
		const hash = 'ab'.repeat(32);
		a.sync.provideKit(hash, async () => zip);
		await until('A and B met', () => b.sync.peers.length === 1);
		let received: Uint8Array | null = null;
		const outcome = await b.sync.requestKit({ id: 'kit', version: '1.0.0', hash }, {
			accept: async (bytes) => {
				received = bytes;
				return { ok: true, value: undefined };
			}
		});
		expect(outcome).toEqual({ ok: true });
		expect(received).toEqual(zip);
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
		const sync = new SessionSyncEngine({ doc: new Y.Doc(), sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
		cleanups.push(() => sync.destroy());
		const t = new WebrtcTransport({ signaling: [url], environment: SECURE });
		sync.addTransport(t);
		await until('an announce is published', () => received.some((m) => m.type === 'publish'), 5000);
		const announce = received.find((m) => m.type === 'publish');
		expect(announce?.topic).toBe(room);
		expect(typeof announce?.data).toBe('string');
		expect(String(announce?.data)).not.toContain('announce');
		expect(t.status.state).toBe('connected');
		sync.removeTransport(t);
		await until('the signaling connection closes', () => server.connections === 1, 3000);
		expect(server.connections).toBe(1);
	});
});
