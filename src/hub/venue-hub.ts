/**
 * The venue hub: one HTTP server on one port that serves
 *   - the built app (static files, `static-files.ts`);
 *   - y-webrtc-compatible signaling on `/signaling` (`signaling-server.ts`);
 *   - Yjs sync for phones and other WebRTC-less devices on `/sync` (`sync-endpoint.ts`), with
 *     every session it relays persisted on disk (`session-registry.ts`, `session-log.ts`);
 *   - the take-home summaries on `/take-home/<id>` (`take-home-endpoint.ts`, `take-home-store.ts`):
 *     published by a device of the session, read by phones at a URL that carries no key.
 * WebSocket upgrades on any other path are refused.
 *
 * Only a device holding the hub code (`hub-code.ts`, kept in the data folder) brings new sessions;
 * disk quotas (`disk-quota.ts`) bound what each session and the whole folder may take.
 *
 *   const hub = await startHub({ appDir: 'build', dataDir: 'hub-data', port: 8080, host: '0.0.0.0' });
 *   …  await hub.close();
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { attachSignalingServer, type SignalingOptions, type SignalingServer } from './signaling-server';
import { attachSyncEndpoint, type SyncEndpoint, type SyncEndpointOptions } from './sync-endpoint';
import { SessionRegistry } from './session-registry';
import { bundledKitSource } from './bundled-kit-source';
import { SessionStore } from './session-store';
import { createStaticHandler } from './static-files';
import { silentLogger, type HubLogger } from './hub-logger';
import { createTakeHomeHandler, type TakeHomeOptions } from './take-home-endpoint';
import { TakeHomeStore } from './take-home-store';
import type { SessionLogOptions } from './session-log';
import { loadHubCode } from './hub-code';
import { DiskQuota, type QuotaLimits } from './disk-quota';
import { normalizeHubCode, HUB_SYNC_PATH } from '../lib/protocol';

export const SIGNALING_PATH = '/signaling';
export const SYNC_PATH = HUB_SYNC_PATH;

export interface HubOptions {
	/** The built app folder (`build/`). */
	appDir: string;
	/** Where sessions are persisted. */
	dataDir: string;
	/** 0 picks a free port. */
	port?: number;
	/** Interface to bind; default loopback here (the CLI defaults to all interfaces, with a warning). */
	host?: string;
	maxSessions?: number;
	maxClientsPerSession?: number;
	sync?: Omit<SyncEndpointOptions, 'path'>;
	signaling?: Omit<SignalingOptions, 'path'>;
	log?: SessionLogOptions;
	/** Minimum interval between two relayed messages to one client (ms). */
	flushIntervalMs?: number;
	/** Interval of the hub's hello to its clients, so they keep it in their peer list (ms). */
	helloIntervalMs?: number;
	logger?: HubLogger;
	takeHome?: TakeHomeOptions;
	/**
	 * The hub code to use instead of the one kept in the data folder (tests; the CLI always uses
	 * the stored one).
	 */
	hubCode?: string;
	/** Make a new hub code, replacing the stored one (the CLI's `--new-hub-code`). */
	newHubCode?: boolean;
	/** Disk quotas (bytes); defaults `DEFAULT_QUOTAS`. */
	quota?: Partial<QuotaLimits>;
}

export interface Hub {
	readonly port: number;
	readonly host: string;
	readonly registry: SessionRegistry;
	readonly sync: SyncEndpoint;
	readonly signaling: SignalingServer;
	readonly takeHome: TakeHomeStore;
	/** The code a device must hold to bring a new session (normalized; `formatHubCode` to show it). */
	readonly hubCode: string;
	/** True when this start created the code (first start, or `newHubCode`). */
	readonly hubCodeCreated: boolean;
	readonly quota: DiskQuota;
	/** Stops accepting, closes every connection, flushes and closes every session log. */
	close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
	const logger = options.logger ?? silentLogger;
	const host = options.host ?? '127.0.0.1';
	const store = new SessionStore(options.dataDir);
	const given = options.hubCode === undefined ? null : normalizeHubCode(options.hubCode);
	if (options.hubCode !== undefined && given === null) throw new RangeError('hubCode: not a hub code (12 characters of Crockford base32)');
	const { code: hubCode, created: hubCodeCreated } = given !== null ? { code: given, created: false } : await loadHubCode(options.dataDir, { regenerate: options.newHubCode });
	const quota = new DiskQuota(options.quota);
	// Late-bound: the registry tells the take-home store about re-pins, and loads before it.
	let takeHome: TakeHomeStore | null = null;
	const registry = new SessionRegistry(store, {
		maxSessions: options.maxSessions ?? 64,
		maxClientsPerSession: options.maxClientsPerSession ?? 128,
		hubCode,
		quota,
		logger,
		session: { log: options.log, flushIntervalMs: options.flushIntervalMs, kits: bundledKitSource(options.appDir) },
		onRepin: (sessionId, retired) => takeHome?.bind(sessionId, retired)
	});
	const loaded = await registry.loadAll();
	takeHome = new TakeHomeStore(store, { quota });
	const published = await takeHome.loadAll();
	logger('hub.loaded', { sessions: loaded, takeHome: published, diskBytes: quota.totalUsed });

	const serveApp = createStaticHandler(options.appDir);
	const serveTakeHome = createTakeHomeHandler(registry, takeHome, logger, options.takeHome);
	const takeHomeStore = takeHome;
	const server = http.createServer((req, res) => {
		let pathname: string;
		try {
			pathname = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
		} catch {
			res.writeHead(400).end();
			return;
		}
		if (!serveTakeHome(req, res, pathname)) serveApp(req, res);
	});
	server.headersTimeout = 20_000;
	server.requestTimeout = 30_000;
	const signaling = attachSignalingServer(server, { ...options.signaling, path: SIGNALING_PATH });
	const sync = attachSyncEndpoint(server, registry, logger, { ...options.sync, path: SYNC_PATH });
	server.on('upgrade', (request: http.IncomingMessage, socket: Duplex) => {
		const path = new URL(request.url ?? '/', 'http://hub.invalid').pathname;
		if (path === SIGNALING_PATH || path === SYNC_PATH) return;
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	});
	const hello = setInterval(() => registry.heartbeat(), options.helloIntervalMs ?? 10_000);
	hello.unref();

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 8080, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
	logger('hub.listening', { host, port });

	let closing: Promise<void> | null = null;
	return {
		port,
		host,
		registry,
		sync,
		signaling,
		takeHome: takeHomeStore,
		hubCode,
		hubCodeCreated,
		quota,
		close() {
			closing ??= (async () => {
				clearInterval(hello);
				const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
				await Promise.all([sync.close(), signaling.close()]);
				server.closeAllConnections();
				await stopped;
				await registry.close();
			})();
			return closing;
		}
	};
}
