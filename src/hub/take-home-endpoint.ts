/**
 * The hub's take-home endpoint (client side: `src/lib/sync/take-home-publish.ts`):
 *
 *   PUT  /take-home/<id>   publish or replace a session's summary. Headers `Authorization: Bearer
 *                          <hub access token>` and `X-Tablee-Session: <session id>`; the token must
 *                          match the one pinned for that session on `/sync` (a session the hub has
 *                          not pinned is refused: publishing never pins), and `<id>` must be the one
 *                          derived from that session id and token (`takeHomeIdFromToken`): a
 *                          session writes its own id and no other (409). Body: UTF-8 HTML, at most
 *                          `maxBytes`. Rate-limited per address. Answers 204, or 400 / 401 / 403 /
 *                          409 / 413 / 429 / 507 (disk quota) with a short JSON reason.
 *   GET  /take-home/<id>   the stored HTML, locked down (CSP without scripts, no sniffing, no
 *                          referrer, no caching); an unknown id gets a small bilingual 404 page.
 *   OPTIONS                CORS preflight for the PUT: the publishing page may be on another origin
 *                          than the one the hub is reached at (`localhost` vs the LAN address). Any
 *                          origin is allowed because no ambient credential exists: the token is
 *                          in a header the page must set itself.
 *
 * Nothing else lives under `/take-home` (no listing). Logs hold ids and sizes, never text.
 */
import type http from 'node:http';
import '../lib/i18n/all-catalogs';
import { translate } from '../lib/i18n/translate';
import type { Locale } from '../lib/i18n/catalogs';
import { TAKE_HOME_ID_PATTERN, TAKE_HOME_MAX_BYTES, TAKE_HOME_PATH, TAKE_HOME_SESSION_HEADER, takeHomeIdFromToken, TokenBucket } from '../lib/protocol';
import type { SessionRegistry } from './session-registry';
import type { TakeHomeStore } from './take-home-store';
import type { HubLogger } from './hub-logger';

export interface TakeHomeOptions {
	maxBytes?: number;
	/** Publishes allowed per address: a burst, then one per `refillSeconds`. */
	burst?: number;
	refillSeconds?: number;
}

export type TakeHomeHandler = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => boolean;

/** Headers of every page served under /take-home: no script, no remote load, nothing kept. */
export const TAKE_HOME_HEADERS = {
	'content-type': 'text/html; charset=utf-8',
	'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'cache-control': 'no-store',
	'x-frame-options': 'DENY'
} as const;

const CORS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'PUT',
	'access-control-allow-headers': `authorization, content-type, ${TAKE_HOME_SESSION_HEADER}`,
	'access-control-max-age': '600'
} as const;

const MAX_ADDRESSES = 4096;

export function createTakeHomeHandler(registry: SessionRegistry, store: TakeHomeStore, logger: HubLogger, options: TakeHomeOptions = {}): TakeHomeHandler {
	const maxBytes = options.maxBytes ?? TAKE_HOME_MAX_BYTES;
	const burst = options.burst ?? 10;
	const perSecond = 1 / (options.refillSeconds ?? 5);
	const buckets = new Map<string, TokenBucket>();
	const allow = (address: string): boolean => {
		let bucket = buckets.get(address);
		if (!bucket) {
			if (buckets.size >= MAX_ADDRESSES) buckets.clear();
			bucket = new TokenBucket(burst, perSecond, Date.now);
			buckets.set(address, bucket);
		}
		return bucket.take(1);
	};

	return (req, res, pathname) => {
		if (pathname !== TAKE_HOME_PATH && !pathname.startsWith(`${TAKE_HOME_PATH}/`)) return false;
		const id = pathname.slice(TAKE_HOME_PATH.length + 1);
		if (!TAKE_HOME_ID_PATTERN.test(id)) {
			notPublished(res, req.method === 'HEAD');
			return true;
		}
		switch (req.method) {
			case 'GET':
			case 'HEAD':
				void serve(req, res, id);
				return true;
			case 'OPTIONS':
				res.writeHead(204, { ...CORS, ...(req.headers['access-control-request-private-network'] ? { 'access-control-allow-private-network': 'true' } : {}) }).end();
				return true;
			case 'PUT':
				void publish(req, res, id);
				return true;
			default:
				res.writeHead(405, { allow: 'GET, HEAD, PUT, OPTIONS' }).end();
				return true;
		}
	};

	async function serve(req: http.IncomingMessage, res: http.ServerResponse, id: string): Promise<void> {
		let html: Uint8Array | null;
		try {
			html = await store.read(id);
		} catch {
			html = null;
		}
		if (!html) return notPublished(res, req.method === 'HEAD');
		logger('takeHome.served', { id, bytes: html.byteLength });
		res.writeHead(200, { ...TAKE_HOME_HEADERS, 'content-length': String(html.byteLength) });
		res.end(req.method === 'HEAD' ? undefined : html);
	}

	async function publish(req: http.IncomingMessage, res: http.ServerResponse, id: string): Promise<void> {
		const refuse = (status: number, reason: string) => {
			logger('takeHome.refused', { id, reason, status });
			res.writeHead(status, { ...CORS, 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(JSON.stringify({ ok: false, reason }));
		};
		if (!allow(req.socket.remoteAddress ?? 'unknown')) return refuse(429, 'rate limit exceeded');
		const sessionId = header(req, TAKE_HOME_SESSION_HEADER);
		const token = /^Bearer (\S+)$/.exec(header(req, 'authorization'))?.[1] ?? '';
		switch (registry.verify(sessionId, token)) {
			case 'invalid':
				return refuse(400, 'invalid session id or token');
			case 'unknown':
				return refuse(403, 'session not open on this hub');
			case 'badToken':
				return refuse(401, 'invalid token for this session');
			case 'ok':
				break;
		}
		// The token proved the session; the id must be that token's, so nobody writes another
		// session's page (the hub holds each session's token only as a hash, so it checks here).
		if (id !== takeHomeIdFromToken(sessionId, token)) return refuse(409, 'take-home id of another session');
		const declared = Number(req.headers['content-length'] ?? NaN);
		if (declared > maxBytes) return refuse(413, 'summary too large');
		const body = await readBody(req, maxBytes);
		if (body === 'tooLarge') return refuse(413, 'summary too large');
		if (body === null) return;
		if (body.byteLength === 0 || !isUtf8(body)) return refuse(400, 'body must be UTF-8 HTML');
		let result;
		try {
			result = await store.save(sessionId, id, body);
		} catch (error) {
			logger('takeHome.writeFailed', { session: sessionId, id, error: String((error as NodeJS.ErrnoException)?.code ?? 'error') });
			res.writeHead(503, { ...CORS, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: false, reason: 'cannot write' }));
			return;
		}
		if (!result.ok && result.problem.key === 'quota') {
			return refuse(507, result.problem.detail === 'session' ? 'disk quota of this session reached' : 'disk quota of the hub reached');
		}
		if (!result.ok) return refuse(409, 'id claimed by another session');
		logger('takeHome.published', { session: sessionId, id, bytes: body.byteLength, replaced: result.value });
		res.writeHead(204, CORS).end();
	}
}

function header(req: http.IncomingMessage, name: string): string {
	const value = req.headers[name];
	return typeof value === 'string' ? value : '';
}

/** The request body, 'tooLarge' past `max` bytes, null when the request broke off. */
function readBody(req: http.IncomingMessage, max: number): Promise<Uint8Array | 'tooLarge' | null> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const finish = (value: Uint8Array | 'tooLarge' | null) => {
			if (done) return;
			done = true;
			resolve(value);
		};
		req.on('data', (chunk: Buffer) => {
			if (done) return;
			size += chunk.byteLength;
			if (size > max) {
				chunks.length = 0;
				finish('tooLarge');
				// Read and discard the rest so the client gets the answer instead of a reset.
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => finish(new Uint8Array(Buffer.concat(chunks))));
		req.on('error', () => finish(null));
		req.on('close', () => finish(null));
	});
}

function isUtf8(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** The page for an id with no summary (yet): both languages, French first. */
export function notPublishedPage(): string {
	const langs: Locale[] = ['fr-CA', 'en'];
	const blocks = langs
		.map((lang) => `<section lang="${lang}"><h${lang === 'fr-CA' ? '1' : '2'}>${escape(translate(lang, 'sync.takeHome.pageTitle'))}</h${lang === 'fr-CA' ? '1' : '2'}><p>${escape(translate(lang, 'sync.takeHome.pageText'))}</p></section>`)
		.join('');
	return (
		`<!doctype html><html lang="fr-CA"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${escape(translate('fr-CA', 'sync.takeHome.pageTitle'))} — Tablée</title>` +
		`<style>body{font-family:system-ui,sans-serif;font-size:18px;line-height:1.5;color:#111;background:#fff;max-width:36rem;margin:0 auto;padding:1.5rem}h1,h2{font-size:1.4rem;margin:1.5rem 0 .5rem}section+section{border-top:1px solid #767676;margin-top:1.5rem}</style>` +
		`</head><body><main>${blocks}</main></body></html>`
	);
}

function notPublished(res: http.ServerResponse, head: boolean): void {
	const page = Buffer.from(notPublishedPage(), 'utf8');
	res.writeHead(404, { ...TAKE_HOME_HEADERS, 'content-length': String(page.byteLength) });
	res.end(head ? undefined : page);
}

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
