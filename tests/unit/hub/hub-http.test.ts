/** The hub's HTTP side: static app files, and the signaling endpoint used by stock y-webrtc. */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { WebSocket } from 'ws';
import { WebsocketClient } from 'lib0/websocket';
import { startTestHub, removeDir, until, sleep } from './hub-fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function hub() {
	const h = await startTestHub();
	cleanups.push(() => removeDir(h.appDir), () => removeDir(h.dataDir), () => h.hub.close());
	return h;
}

/** A raw request: the path is sent exactly as given (no client-side normalisation). */
function request(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port, path, method }, (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('hub static files', () => {
	it('serves the app files with cache headers, the fallback for app routes, HEAD without a body', async () => {
		const { hub: h } = await hub();
		const home = await request(h.port, '/');
		expect(home.status).toBe(200);
		expect(home.body).toContain('<title>home</title>');
		expect(home.headers['cache-control']).toBe('no-cache');
		expect(home.headers['x-content-type-options']).toBe('nosniff');
		const asset = await request(h.port, '/_app/immutable/app.js');
		expect(asset.body).toBe('export const app = 1;');
		expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
		expect(asset.headers['cache-control']).toContain('immutable');
		expect((await request(h.port, '/kits/index.json')).body).toBe('{"kits":[]}');
		const route = await request(h.port, '/station?id=s1');
		expect(route.status).toBe(200);
		expect(route.body).toContain('<title>fallback</title>');
		const head = await request(h.port, '/_app/immutable/app.js', 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-type']).toBe('text/javascript; charset=utf-8');
		expect(head.body).toBe('');
		expect((await request(h.port, '/', 'POST')).status).toBe(405);
		expect((await request(h.port, '/missing.js')).status).toBe(404);
	});

	it('never lists a folder and never leaves the app folder', async () => {
		const { hub: h } = await hub();
		for (const path of ['/kits/', '/kits', '/_app/', '/_app/immutable']) {
			const res = await request(h.port, path);
			expect(res.body, path).not.toContain('index.json');
			expect(res.body, path).not.toContain('app.js');
		}
		for (const path of ['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/kits/..%2f..%2f200.html', '/a%00.html', '/..%5c..%5cetc%5cpasswd']) {
			const res = await request(h.port, path);
			expect(res.body, path).not.toContain('root:');
			expect([200, 404], path).toContain(res.status);
			if (res.status === 200) expect(res.body, path).toMatch(/<title>(fallback|home)<\/title>/);
		}
		expect((await request(h.port, '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
	});
});

describe('hub signaling', () => {
	it('relays a y-webrtc signaling exchange through /signaling (lib0 WebsocketClient, as y-webrtc uses)', async () => {
		const { hub: h } = await hub();
		const g = globalThis as { WebSocket?: unknown };
		const previous = g.WebSocket;
		g.WebSocket = WebSocket;
		cleanups.push(() => (g.WebSocket = previous));
		const url = `ws://127.0.0.1:${h.port}/signaling`;
		const received: unknown[] = [];
		const peers = [new WebsocketClient(url), new WebsocketClient(url)];
		for (const p of peers) cleanups.push(() => p.destroy());
		peers[1]!.on('message', (m: unknown) => received.push(m));
		await until(() => peers.every((p) => p.connected), 3000, 'signaling connected');
		for (const p of peers) p.send({ type: 'subscribe', topics: ['tablee:room'] });
		await sleep(50);
		peers[0]!.send({ type: 'publish', topic: 'tablee:room', data: { type: 'announce', from: 'peer-0' } });
		await until(() => received.length > 0, 3000, 'publish relayed');
		expect(received[0]).toEqual({ type: 'publish', topic: 'tablee:room', data: { type: 'announce', from: 'peer-0' }, clients: 2 });
		expect(h.signaling.topics).toBe(1);
	});

	it('refuses WebSocket upgrades on any other path', async () => {
		const { hub: h } = await hub();
		const ws = new WebSocket(`ws://127.0.0.1:${h.port}/other`);
		const status = await new Promise<number>((resolve) => {
			ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.on('error', () => resolve(-1));
		});
		expect([404, -1]).toContain(status);
		expect(h.sync.connections).toBe(0);
	});
});
