/**
 * A small signaling server for y-webrtc clients: topic pub/sub over WebSocket, the same JSON
 * messages as y-webrtc's `bin/server.js` (`subscribe`, `unsubscribe`, `publish`, `ping` ->
 * `pong`), with bounds the stock server lacks:
 *   - message size (`maxMessageBytes`, enforced by ws before parsing: the socket closes 1009);
 *   - per-connection rate (token bucket) and topic count, topic name length;
 *   - a connection cap and heartbeats (ws ping; no pong within an interval -> terminate);
 *   - malformed JSON or a binary frame closes the connection (1003/1008); stock clients never
 *     send either.
 * Payloads are never logged or inspected beyond the envelope (they are AES-GCM ciphertext when
 * clients use a password, as Tablée always does). A client must subscribe to a topic before
 * publishing to it, which stock y-webrtc clients always do.
 *
 * `attachSignalingServer` mounts on an existing http.Server (the venue hub); `startSignalingServer`
 * creates one (see `signaling-cli.ts`).
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { TokenBucket } from '../lib/protocol';
import { startHeartbeat } from './heartbeat';

export interface SignalingOptions {
	/** Only upgrades on this path are handled (others are left to other handlers); default any. */
	path?: string;
	maxMessageBytes?: number;
	maxTopicsPerConnection?: number;
	maxTopicLength?: number;
	maxConnections?: number;
	/** Token bucket per connection. */
	messagesBurst?: number;
	messagesPerSecond?: number;
	heartbeatMs?: number;
}

export interface SignalingServer {
	readonly connections: number;
	readonly topics: number;
	close(): Promise<void>;
}

const DEFAULTS: Required<Omit<SignalingOptions, 'path'>> = {
	maxMessageBytes: 64 * 1024,
	maxTopicsPerConnection: 16,
	maxTopicLength: 256,
	maxConnections: 256,
	messagesBurst: 60,
	messagesPerSecond: 20,
	heartbeatMs: 30_000
};

const CLOSE_UNSUPPORTED = 1003;
const CLOSE_POLICY = 1008;
const CLOSE_TRY_LATER = 1013;

interface Client {
	socket: WebSocket;
	topics: Set<string>;
	rate: TokenBucket;
}

export function attachSignalingServer(server: http.Server, options: SignalingOptions = {}): SignalingServer {
	const o = { ...DEFAULTS, ...options };
	const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes });
	const topics = new Map<string, Set<Client>>();
	const clients = new Set<Client>();
	const heartbeat = startHeartbeat(() => [...clients].map((c) => c.socket), o.heartbeatMs);

	const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
		if (options.path !== undefined && new URL(request.url ?? '/', 'http://h').pathname !== options.path) return;
		wss.handleUpgrade(request, socket, head, (ws) => {
			if (clients.size >= o.maxConnections) return ws.close(CLOSE_TRY_LATER);
			onConnection(ws);
		});
	};
	server.on('upgrade', onUpgrade);

	function send(client: Client, message: object): void {
		if (client.socket.readyState !== WebSocket.OPEN) return;
		try {
			client.socket.send(JSON.stringify(message));
		} catch {
			client.socket.terminate();
		}
	}

	function unsubscribe(client: Client, topic: string): void {
		const subs = topics.get(topic);
		subs?.delete(client);
		if (subs && subs.size === 0) topics.delete(topic);
		client.topics.delete(topic);
	}

	function allow(client: Client): boolean {
		return client.rate.take();
	}

	function topicList(value: unknown): string[] | null {
		if (!Array.isArray(value) || value.length > o.maxTopicsPerConnection) return null;
		const valid = value.every((t) => typeof t === 'string' && t.length > 0 && t.length <= o.maxTopicLength);
		return valid ? (value as string[]) : null;
	}

	function onMessage(client: Client, data: RawData, isBinary: boolean): void {
		if (isBinary) return client.socket.close(CLOSE_UNSUPPORTED);
		if (!allow(client)) return client.socket.close(CLOSE_POLICY);
		let message: unknown;
		try {
			message = JSON.parse(data.toString());
		} catch {
			return client.socket.close(CLOSE_POLICY);
		}
		if (typeof message !== 'object' || message === null) return client.socket.close(CLOSE_POLICY);
		const m = message as Record<string, unknown>;
		switch (m.type) {
			case 'subscribe': {
				const list = topicList(m.topics ?? []);
				if (!list) return client.socket.close(CLOSE_POLICY);
				for (const topic of list) {
					if (!client.topics.has(topic) && client.topics.size >= o.maxTopicsPerConnection) {
						return client.socket.close(CLOSE_POLICY);
					}
					client.topics.add(topic);
					let subs = topics.get(topic);
					if (!subs) topics.set(topic, (subs = new Set()));
					subs.add(client);
				}
				return;
			}
			case 'unsubscribe': {
				const list = topicList(m.topics ?? []);
				if (!list) return client.socket.close(CLOSE_POLICY);
				for (const topic of list) unsubscribe(client, topic);
				return;
			}
			case 'publish': {
				const topic = m.topic;
				if (typeof topic !== 'string' || !client.topics.has(topic)) return;
				const receivers = topics.get(topic);
				if (!receivers) return;
				const out = { type: 'publish', topic, data: m.data, clients: receivers.size };
				for (const receiver of receivers) send(receiver, out);
				return;
			}
			case 'ping':
				return send(client, { type: 'pong' });
			default:
				return;
		}
	}

	function onConnection(socket: WebSocket): void {
		const client: Client = { socket, topics: new Set(), rate: new TokenBucket(o.messagesBurst, o.messagesPerSecond, () => Date.now()) };
		clients.add(client);
		heartbeat.watch(socket);
		socket.on('message', (data, isBinary) => onMessage(client, data, isBinary));
		socket.on('error', () => socket.terminate());
		socket.on('close', () => {
			for (const topic of [...client.topics]) unsubscribe(client, topic);
			clients.delete(client);
		});
	}


	return {
		get connections() {
			return clients.size;
		},
		get topics() {
			return topics.size;
		},
		close() {
			heartbeat.stop();
			server.off('upgrade', onUpgrade);
			for (const client of clients) client.socket.terminate();
			return new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

export interface StandaloneSignalingOptions extends SignalingOptions {
	port?: number;
	/** Loopback by default: exposing the server on the LAN is an explicit choice. */
	host?: string;
}

export interface StandaloneSignalingServer extends SignalingServer {
	readonly port: number;
	readonly host: string;
}

/** Starts an http server that answers `okay` to plain requests and handles signaling upgrades. */
export async function startSignalingServer(options: StandaloneSignalingOptions = {}): Promise<StandaloneSignalingServer> {
	const host = options.host ?? '127.0.0.1';
	const server = http.createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/plain' });
		res.end('okay');
	});
	const signaling = attachSignalingServer(server, options);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 4444, host, () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : (options.port ?? 4444);
	return {
		port,
		host,
		get connections() {
			return signaling.connections;
		},
		get topics() {
			return signaling.topics;
		},
		async close() {
			await signaling.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
