/**
 * Weight on the venue's Wi-Fi (issue 15, part 2), in Chromium through the real venue hub (its
 * static files: precompressed, validators): gzipped JavaScript each screen loads on a first visit
 * (home, a station tablet, a participant's phone), bytes a phone's first visit transfers, and the
 * offline cold start of a station to its note form at 4× CPU throttling. Budgets: station and phone
 * ≤ 120 KB of gzipped JS, home ≤ 150 KB, a phone's first visit ≤ 250 KB, cold start ≤ 1 s.
 * "Gzipped JS" counts every script the page fetched until it was ready and the network went quiet
 * (lazy chunks included: the catalog, the activity's view), at the size of its `.gz` file in
 * build/; the browser itself gets brotli, smaller still. Run with `npm run bench` (uses build/,
 * built first if missing or without precompressed files; the hub listens on port 4308, or
 * BENCH_WEIGHT_PORT). Prints the load average with the figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPhoneLink } from '$lib/sync';
import { startHub, type Hub } from '../../src/hub/venue-hub';
import { gzipSize } from '../../scripts/route-weight';
import { CHROMIUM_ARGS, CHROMIUM_PATH, percentile, report } from './browser-bench';
import { createImaginerSession, hubFacilitator } from './hub-facilitator';

const PORT = Number(process.env.BENCH_WEIGHT_PORT || 4308);
const LAPTOP = `http://localhost:${PORT}`;
const PHONE = `http://phone.test:${PORT}`;
const STATION = 's1-themes';
const KB = 1000;
const BUDGETS = { home: 150 * KB, station: 120 * KB, phone: 120 * KB, phoneVisit: 250 * KB, coldStartMs: 1000 };
const COLD_RUNS = 3;

/** The build's environment without VITEST, which makes the bundled-kits plugin skip the kits. */
function buildEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	delete env.VITEST;
	return env;
}

let hub: Hub;
let dataDir: string;
let browser: Browser;
const root = resolve('build');

beforeAll(async () => {
	if (!existsSync('build/200.html.gz') && spawnSync('npx', ['vite', 'build'], { stdio: 'ignore', env: buildEnv() }).status !== 0) throw new Error('vite build failed');
	dataDir = mkdtempSync(join(tmpdir(), 'tablee-bench-weight-'));
	hub = await startHub({ appDir: root, dataDir, port: PORT, host: '127.0.0.1' });
	browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP phone.test 127.0.0.1'] });
}, 600_000);

afterAll(async () => {
	await browser?.close();
	await hub?.close();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Visit {
	/** Scripts fetched, by path, with their gzipped size in build/. */
	scripts: { path: string; gzip: number }[];
	jsGzip: number;
	/** Everything transferred (headers and encoded bodies) for the page's requests. */
	transferred: number;
	/** `transferred` by kind of file (js, css, html, kit zip, json, other). */
	byKind: Record<string, number>;
	encodings: Set<string>;
}

/**
 * Records what a page fetches from now on; `done()` waits until the network has been quiet for
 * `quietMs` (so lazy chunks started after the first render are counted) and sums it up.
 */
function recordVisit(page: Page, quietMs = 750): { done(): Promise<Visit> } {
	const scripts = new Map<string, number>();
	const sizes: Promise<[string, number]>[] = [];
	const encodings = new Set<string>();
	let inFlight = 0;
	let lastActivity = Date.now();
	page.on('request', () => {
		inFlight++;
		lastActivity = Date.now();
	});
	const settle = () => {
		inFlight--;
		lastActivity = Date.now();
	};
	page.on('requestfailed', settle);
	page.on('requestfinished', (request) => {
		settle();
		const url = new URL(request.url());
		if (url.port !== String(PORT) || url.pathname === '/sync' || url.pathname === '/signaling') return;
		const kind = /\.(js|css|zip|json)$/.exec(url.pathname)?.[1] ?? (request.resourceType() === 'document' ? 'html' : 'other');
		sizes.push(request.sizes().then((s): [string, number] => [kind, s.responseBodySize + s.responseHeadersSize], (): [string, number] => [kind, 0]));
		if (url.pathname.endsWith('.js')) scripts.set(url.pathname, gzipSize(root, url.pathname.slice(1)));
		void request.response().then((r) => {
			const encoding = r?.headers()['content-encoding'];
			if (encoding) encodings.add(encoding);
		});
	});
	return {
		async done() {
			while (inFlight > 0 || Date.now() - lastActivity < quietMs) await new Promise((r) => setTimeout(r, 50));
			const byKind: Record<string, number> = {};
			for (const [kind, bytes] of await Promise.all(sizes)) byKind[kind] = (byKind[kind] ?? 0) + bytes;
			const transferred = Object.values(byKind).reduce((a, b) => a + b, 0);
			const list = [...scripts].map(([path, gzip]) => ({ path, gzip }));
			return { scripts: list, jsGzip: list.reduce((a, s) => a + s.gzip, 0), transferred, byKind, encodings };
		}
	};
}

function reportBytes(name: string, bytes: number, budget: number): void {
	console.log(`${name}: ${(bytes / KB).toFixed(1)} KB (budget ${budget / KB} KB) ${bytes <= budget ? 'OK' : 'OVER'}`);
}

function printScripts(screen: string, visit: Visit): void {
	const top = [...visit.scripts].sort((a, b) => b.gzip - a.gzip).map((s) => `${s.path.replace('/_app/immutable/', '')} ${(s.gzip / KB).toFixed(1)}`);
	console.log(`  ${screen}: ${visit.scripts.length} scripts, gz KB: ${top.join(', ')}`);
}

/** Marks (`__ready`, ms since navigation start) when the station's note field is in the DOM. */
function watchNoteForm(): void {
	const w = window as unknown as { __ready?: number };
	const observer = new MutationObserver(() => {
		if (w.__ready === undefined && document.querySelector('textarea')) {
			w.__ready = performance.now();
			observer.disconnect();
		}
	});
	observer.observe(document, { childList: true, subtree: true });
}

describe('weight on the venue’s Wi-Fi', () => {
	it('keeps each screen’s JavaScript and a phone’s first visit within budget', async () => {
		console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
		// The scripts each screen fetched, for `scripts/chunk-attribution.ts --visits`.
		const visits: Record<string, string[]> = {};
		// Home: a first visit on the hub laptop, service worker blocked (its precache download is
		// installation, not what the screen needs).
		{
			const context = await browser.newContext({ locale: 'fr-CA', serviceWorkers: 'block' });
			const page = await context.newPage();
			const visit = recordVisit(page);
			await page.goto(`${LAPTOP}/`);
			await page.getByRole('heading', { level: 1, name: 'Tablée' }).waitFor();
			await page.getByRole('heading', { level: 3 }).first().waitFor();
			const home = await visit.done();
			printScripts('home', home);
			visits.home = home.scripts.map((s) => s.path);
			expect([...home.encodings]).toEqual(['br']);
			reportBytes('home screen, gzipped JS on first load', home.jsGzip, BUDGETS.home);
			await context.close();
		}

		// A station tablet: the facilitator's session, the station's board, with a cold HTTP cache.
		const desk = await hubFacilitator(browser, hub, dataDir, LAPTOP, { serviceWorkers: 'block' });
		{
			const page = await desk.context.newPage();
			const cdp = await desk.context.newCDPSession(page);
			await cdp.send('Network.clearBrowserCache');
			const visit = recordVisit(page);
			await page.goto(`${LAPTOP}/activity?id=${desk.id}&activity=stations-thematiques&station=${STATION}`);
			await page.getByRole('button', { name: 'J’accepte de participer' }).waitFor();
			const station = await visit.done();
			printScripts('station', station);
			visits.station = station.scripts.map((s) => s.path);
			reportBytes('station screen, gzipped JS on first load', station.jsGzip, BUDGETS.station);
			await page.close();
		}

		// A participant's phone: the station's phone link, an insecure origin (no service worker).
		{
			const context = await browser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
			const page = await context.newPage();
			const visit = recordVisit(page);
			await page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: desk.id, key: desk.key, station: STATION }));
			await page.getByRole('heading', { name: 'Avant de participer' }).waitFor({ timeout: 30_000 });
			const phone = await visit.done();
			expect(await page.evaluate(() => isSecureContext)).toBe(false);
			printScripts('phone', phone);
			visits.phone = phone.scripts.map((s) => s.path);
			reportBytes('phone screen, gzipped JS on first load', phone.jsGzip, BUDGETS.phone);
			console.log(`  phone first visit by kind, KB transferred: ${Object.entries(phone.byKind).map(([k, b]) => `${k} ${(b / KB).toFixed(1)}`).join(', ')}`);
			reportBytes('phone first visit through the hub, transferred (kit included)', phone.transferred, BUDGETS.phoneVisit);
			await context.close();
		}
		await desk.context.close();
		writeFileSync('.svelte-kit/weight-visits.json', JSON.stringify(visits, null, 1));
		console.log(`load average after (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
	});

	// Its own test, so that it can run alone (`-t 'offline from cold'`) on a quiet moment of the machine.
	it('starts a station offline from cold to its note form within budget', async () => {
		console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
		// Offline cold start: a tablet that visited once (service worker installed, session made,
		// consent given) starts the station screen with the network off, CPU throttled 4×.
		{
			const context = await browser.newContext({ locale: 'fr-CA', serviceWorkers: 'allow' });
			const base = `http://127.0.0.1:${PORT}`;
			const page = await context.newPage();
			await page.goto(`${base}/`);
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
			await page.evaluate(() => navigator.serviceWorker.ready);
			const id = await createImaginerSession(page, base, 'Démarrage à froid');
			const url = `${base}/activity?id=${id}&activity=stations-thematiques&station=${STATION}`;
			await page.goto(url);
			await page.getByRole('button', { name: 'J’accepte de participer' }).click();
			await page.getByLabel('Votre note', { exact: true }).waitFor();
			await page.close();
			await context.setOffline(true);
			await context.addInitScript(watchNoteForm);
			const runs: number[] = [];
			for (let i = 0; i < COLD_RUNS; i++) {
				const cold = await context.newPage();
				const cdp = await context.newCDPSession(cold);
				await cdp.send('Network.clearBrowserCache');
				await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
				await cold.goto(url, { waitUntil: 'commit' });
				const handle = await cold.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, undefined, { timeout: 30_000, polling: 50 });
				runs.push((await handle.jsonValue()) as number);
				await cold.getByLabel('Votre note', { exact: true }).waitFor();
				await cold.close();
			}
			console.log(`  offline cold start runs: ${runs.map((r) => r.toFixed(0)).join(', ')} ms`);
			report(`offline cold start to the station's note form at 4× CPU throttling, median of ${COLD_RUNS}`, percentile(runs, 50), BUDGETS.coldStartMs);
			await context.close();
		}
		console.log(`load average after (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
	});
});
