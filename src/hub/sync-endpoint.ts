/**
 * The hub's `/sync` WebSocket endpoint (client side: `src/lib/sync/hub-transport.ts`).
 *
 * A connection goes through three phases: `auth` (the first message must be the text auth
 * message, within `authTimeoutMs`), `joining` (the token is checked; the client must wait), and
 * `ready` (binary frames only, handed to the session). No session data is sent before `ready`.
 * Bounds: frame size (ws `maxPayload`, closes 1009), a token bucket per connection (messages and
 * bytes), connections in total and per remote address, a send-buffer cap for slow readers, and
 * ws heartbeats. Every refusal closes the socket with a `HUB_CLOSE` code and a short reason.
 * An auth message may carry `previous` (the old token after a key renewal) and `proof` (of the hub
 * code, for a session the hub does not hold yet): see the registry.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { HUB_CLOSE, SYNC_LIMITS, DEFAULT_RATE_LIMIT, type RateLimit, PeerRateLimiter, peekIsPart, parseHubAuth, encodeHubReady } from '../lib/protocol';
import type { ClientSocket, HubReplica } from './hub-replica';
import type { HubAuth, SessionRegistry } from './session-registry';
import type { HubLogger } from './hub-logger';
import { startHeartbeat } from './heartbeat';

export interface SyncEndpointOptions {
	path?: string;
	maxConnections?: number;
	maxConnectionsPerAddress?: number;
	rateLimit?: RateLimit;
	authTimeoutMs?: number;
	/** A client whose unsent data passes this is dropped (it resyncs when it reconnects). */
	maxBufferedBytes?: number;
	heartbeatMs?: number;
}

export interface SyncEndpoint {
	readonly connections: number;
	close(): Promise<void>;
}

const DEFAULTS = {
	path: '/sync',
	maxConnections: 512,
	maxConnectionsPerAddress: 64,
	rateLimit: DEFAULT_RATE_LIMIT,
	authTimeoutMs: 5000,
	maxBufferedBytes: 16 * 1024 * 1024,
	heartbeatMs: 30_000
};

type Phase = 'auth' | 'joining' | 'ready' | 'closed';

export function attachSyncEndpoint(
	server: http.Server,
	registry: SessionRegistry,
	logger: HubLogger,
	options: SyncEndpointOptions = {}
): SyncEndpoint {
	const o = { ...DEFAULTS, ...options };
	const wss = new WebSocketServer({ noServer: true, maxPayload: SYNC_LIMITS.messageBytes });
	const sockets = new Set<WebSocket>();
	const heartbeat = startHeartbeat(() => sockets, o.heartbeatMs);
	const perAddress = new Map<string, number>();
	let counter = 0;

	const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
		if (new URL(request.url ?? '/', 'http://hub.invalid').pathname !== o.path) return;
		wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request.socket.remoteAddress ?? 'unknown'));
	};
	server.on('upgrade', onUpgrade);

	function onConnection(ws: WebSocket, address: string): void {
		const id = `c${++counter}`;
		const count = perAddress.get(address) ?? 0;
		if (sockets.size >= o.maxConnections || count >= o.maxConnectionsPerAddress) {
			logger('client.refused', { client: id, reason: 'connections' });
			ws.close(HUB_CLOSE.full, 'too many connections');
			return;
		}
		sockets.add(ws);
		heartbeat.watch(ws);
		perAddress.set(address, count + 1);
		let phase: Phase = 'auth';
		let session: HubReplica | null = null;
		const limiter = new PeerRateLimiter(o.rateLimit, () => Date.now());

		const client: ClientSocket = {
			id,
			send(frame) {
				if (ws.readyState !== WebSocket.OPEN) return;
				if (ws.bufferedAmount > o.maxBufferedBytes) return client.drop(HUB_CLOSE.slow, 'client reads too slowly');
				ws.send(frame);
			},
			bufferedAmount: () => ws.bufferedAmount,
			drop(code, reason) {
				if (phase === 'closed') return;
				phase = 'closed';
				session?.removeClient(client);
				ws.close(code, reason);
				setTimeout(() => ws.terminate(), 1000).unref();
			}
		};
		const authTimer = setTimeout(() => client.drop(HUB_CLOSE.authTimeout, 'no auth message'), o.authTimeoutMs);

		ws.on('error', () => ws.terminate());
		ws.on('close', (code) => {
			clearTimeout(authTimer);
			phase = 'closed';
			session?.removeClient(client);
			sockets.delete(ws);
			const left = (perAddress.get(address) ?? 1) - 1;
			if (left > 0) perAddress.set(address, left);
			else perAddress.delete(address);
			logger('client.closed', { client: id, session: session?.id ?? '-', code, clients: session?.clientCount ?? 0 });
		});
		ws.on('message', (data: RawData, isBinary: boolean) => {
			const bytes = toBytes(data);
			if (phase === 'closed') return;
			if (!limiter.allow(bytes.byteLength)) {
				// A catch-up's parts come paced, but a hub busy for seconds handles a backlog at once:
				// that stream is dropped (the device sends it again later), the device is not.
				if (phase === 'ready' && isBinary && peekIsPart(bytes)) return session?.dropStream(client);
				return client.drop(HUB_CLOSE.rateLimited, 'rate limit exceeded');
			}
			if (phase === 'ready') {
				if (!isBinary) return client.drop(HUB_CLOSE.badRequest, 'binary frames only');
				return session?.receive(client, bytes);
			}
			if (phase === 'joining') return client.drop(HUB_CLOSE.badRequest, 'wait for ready');
			if (isBinary) return client.drop(HUB_CLOSE.badRequest, 'auth message expected');
			const auth = parseHubAuth(bytes);
			if (!auth) return client.drop(HUB_CLOSE.badRequest, 'malformed auth message');
			clearTimeout(authTimer);
			phase = 'joining';
			void registry.join(auth).then(
				(result) => {
					if (phase !== 'joining') return;
					if (!result.ok) return client.drop(result.problem.detail, result.problem.key);
					session = result.value;
					session.addClient(client);
					phase = 'ready';
					ws.send(encodeHubReady());
					logger('client.joined', { client: id, session: session.id, clients: session.clientCount });
				},
				(error: unknown) => {
					logger('session.openFailed', { session: auth.session, error: String((error as NodeJS.ErrnoException)?.code ?? 'error') });
					client.drop(HUB_CLOSE.full, 'hub cannot open this session');
				}
			);
		});
	}

	return {
		get connections() {
			return sockets.size;
		},
		close() {
			heartbeat.stop();
			server.off('upgrade', onUpgrade);
			for (const ws of sockets) ws.terminate();
			return new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

