/** The signaling server, driven on loopback by y-webrtc-style clients (raw ws and lib0's client). */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { WebSocket } from 'ws';
import { WebsocketClient } from 'lib0/websocket';
import { attachSignalingServer, startSignalingServer, type SignalingOptions } from '../../../src/hub/signaling-server';

interface Client {
	ws: WebSocket;
	messages: Record<string, unknown>[];
	closed: Promise<number>;
	send(message: unknown): void;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function server(options: SignalingOptions = {}) {
	const s = await startSignalingServer({ port: 0, ...options });
	cleanups.push(() => s.close());
	return { s, url: `ws://127.0.0.1:${s.port}` };
}

async function client(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<Client> {
	const ws = new WebSocket(url, options);
	const messages: Record<string, unknown>[] = [];
	ws.on('message', (m) => messages.push(JSON.parse(m.toString())));
	const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
	await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
	cleanups.push(() => ws.terminate());
	return { ws, messages, closed, send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)) };
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
}
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('signaling server', () => {
	it('relays publishes to the subscribers of a topic, answers pings', async () => {
		const { url, s } = await server();
		const a = await client(url);
		const b = await client(url);
		const other = await client(url);
		a.send({ type: 'subscribe', topics: ['room-a'] });
		b.send({ type: 'subscribe', topics: ['room-a'] });
		other.send({ type: 'subscribe', topics: ['room-b'] });
		await settle();
		expect(s.topics).toBe(2);
		b.send({ type: 'publish', topic: 'room-a', data: 'ciphertext' });
		await until(() => a.messages.length === 1 && b.messages.length === 1);
		expect(a.messages[0]).toEqual({ type: 'publish', topic: 'room-a', data: 'ciphertext', clients: 2 });
		a.send({ type: 'ping' });
		await until(() => a.messages.some((m) => m.type === 'pong'));
		// Not subscribed: not relayed. Unsubscribed: no longer receives.
		other.send({ type: 'publish', topic: 'room-a', data: 'x' });
		b.send({ type: 'unsubscribe', topics: ['room-a'] });
		await settle();
		a.send({ type: 'publish', topic: 'room-a', data: 'second' });
		await until(() => a.messages.length === 3);
		expect(b.messages).toHaveLength(1);
		expect(other.messages).toEqual([]);
	});

	it('works with the lib0 WebSocket client that y-webrtc uses', async () => {
		const { url } = await server();
		const g = globalThis as { WebSocket?: unknown };
		const previous = g.WebSocket;
		g.WebSocket = WebSocket;
		cleanups.push(() => (g.WebSocket = previous));
		const received: unknown[] = [];
		const peers = [new WebsocketClient(url), new WebsocketClient(url)];
		for (const p of peers) cleanups.push(() => p.destroy());
		peers[1]!.on('message', (m: unknown) => received.push(m));
		await until(() => peers.every((p) => p.connected));
		for (const p of peers) p.send({ type: 'subscribe', topics: ['tablee:s:abcd'] });
		await settle();
		peers[0]!.send({ type: 'publish', topic: 'tablee:s:abcd', data: { type: 'announce', from: 'peer-0' } });
		await until(() => received.length > 0);
		expect(received[0]).toEqual({ type: 'publish', topic: 'tablee:s:abcd', data: { type: 'announce', from: 'peer-0' }, clients: 2 });
	});

	it('refuses oversized messages without relaying them', async () => {
		const { url } = await server({ maxMessageBytes: 1024 });
		const a = await client(url);
		const b = await client(url);
		a.send({ type: 'subscribe', topics: ['t'] });
		b.send({ type: 'subscribe', topics: ['t'] });
		await settle();
		b.send({ type: 'publish', topic: 't', data: 'x'.repeat(2000) });
		expect(await b.closed).toBe(1009);
		await settle();
		expect(a.messages).toEqual([]);
		expect(a.ws.readyState).toBe(WebSocket.OPEN);
	});

	it('closes connections that send garbage, too many topics or too many messages', async () => {
		const { url } = await server({ maxTopicsPerConnection: 3, messagesBurst: 10, messagesPerSecond: 1 });
		const garbage = await client(url);
		garbage.send('{not json');
		expect(await garbage.closed).toBe(1008);
		const binary = await client(url);
		binary.ws.send(new Uint8Array([1, 2, 3]));
		expect(await binary.closed).toBe(1003);
		const greedy = await client(url);
		greedy.send({ type: 'subscribe', topics: ['a', 'b', 'c', 'd'] });
		expect(await greedy.closed).toBe(1008);
		const badTopic = await client(url);
		badTopic.send({ type: 'subscribe', topics: [42] });
		expect(await badTopic.closed).toBe(1008);
		const flood = await client(url);
		for (let i = 0; i < 30; i++) flood.send({ type: 'ping' });
		expect(await flood.closed).toBe(1008);
		const fine = await client(url);
		fine.send({ type: 'ping' });
		await until(() => fine.messages.length === 1);
	});

	it('terminates clients that stop answering heartbeats', async () => {
		const { url, s } = await server({ heartbeatMs: 40 });
		const silent = await client(url, { autoPong: false });
		const alive = await client(url);
		await silent.closed;
		await settle();
		expect(alive.ws.readyState).toBe(WebSocket.OPEN);
		expect(s.connections).toBe(1);
	});

	it('mounts on an existing http server under a path', async () => {
		const http1 = http.createServer((_q, r) => r.end('hub'));
		const signaling = attachSignalingServer(http1, { path: '/signaling' });
		await new Promise<void>((r) => http1.listen(0, '127.0.0.1', r));
		cleanups.push(() => new Promise((r) => http1.close(r)));
		cleanups.push(() => signaling.close());
		const port = (http1.address() as { port: number }).port;
		const c = await client(`ws://127.0.0.1:${port}/signaling`);
		c.send({ type: 'ping' });
		await until(() => c.messages.length === 1);
		expect(c.messages[0]).toEqual({ type: 'pong' });
		expect(signaling.connections).toBe(1);
		await signaling.close();
		expect(await c.closed).toBeGreaterThan(0);
	});
});
