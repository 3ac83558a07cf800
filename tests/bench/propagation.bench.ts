/**
 * Note propagation between two devices (two browser contexts: no shared IndexedDB or
 * BroadcastChannel) syncing over WebRTC through the project's signaling server, on loopback: time
 * from the click on "Ajouter la note" on A until the note's card is in B's DOM, over 30 notes
 * written one after the other. Budget: p95 ≤ 50 ms. Both sides read `Date.now()` (same machine
 * clock, 1 ms resolution). Run with `npm run bench` (app on port 4306, signaling on 4406).
 * Baseline: the same measure between two pages that share a Y.Array through stock y-webrtc with
 * y-indexeddb persistence (no guard), bundled by the bench with vite's build API.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignaling, type SignalingServer } from '../e2e/support/signaling';
import { CHROMIUM_ARGS, CHROMIUM_PATH, percentile, report, startServer } from './browser-bench';

const PORT = Number(process.env.BENCH_PORT || 4306);
const SIGNALING_PORT = Number(process.env.BENCH_SIGNALING_PORT || 4406);
const BASE = `http://127.0.0.1:${PORT}`;
const NOTES = 30;
const P95_BUDGET_MS = 50;
const BOARD = 'activity=stations-thematiques&station=s1-themes';

async function newDevice(browser: Browser, name: string, signalingUrl: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'fr-CA' });
	const page = await context.newPage();
	await page.goto(`${BASE}/settings`);
	await page.getByLabel('Nom montré aux autres tablettes').fill(name);
	await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
	await page.getByRole('status').filter({ hasText: 'Nom enregistré.' }).waitFor();
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill(signalingUrl);
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await page.getByRole('status').filter({ hasText: 'Adresse enregistrée' }).waitFor();
	return { context, page };
}

/** On B: records when each note text first appears in a card (`Date.now()`). */
function watchNotes(): void {
	const w = window as unknown as { __seen: Record<string, number> };
	w.__seen = {};
	const record = () => {
		const now = Date.now();
		for (const p of document.querySelectorAll('article p.text')) {
			const text = p.textContent ?? '';
			if (!(text in w.__seen)) w.__seen[text] = now;
		}
	};
	record();
	new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true });
}

describe('note propagation benchmark', () => {
	let signaling: SignalingServer;
	let browser: Browser;

	beforeAll(async () => {
		signaling = await startSignaling(SIGNALING_PORT);
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	}, 600_000);

	afterAll(async () => {
		await browser?.close();
		await signaling?.stop();
	});

	it(`carries ${NOTES} notes from one tablet to another over WebRTC`, async () => {
		const server = await startServer(PORT);
		try {
			await measureApp(browser, signaling);
		} finally {
			server.kill();
		}
	});

	it(`baseline: stock y-webrtc carries ${NOTES} notes between two pages`, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'tablee-ywebrtc-'));
		try {
			await buildBaseline(dir);
			const server = await startServer(PORT, join(dir, 'out'));
			try {
				await measureBaseline(browser, signaling);
			} finally {
				server.kill();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

async function measureApp(browser: Browser, signaling: SignalingServer): Promise<void> {
	const a = await newDevice(browser, 'Tablette A', signaling.url);
	const b = await newDevice(browser, 'Station B', signaling.url);

	await a.page.goto(`${BASE}/sessions/new`);
	await a.page.getByRole('radio', { name: /Imaginer/ }).check();
	await a.page.getByLabel('Titre de la séance').fill('Mesure de propagation');
	await a.page.getByRole('button', { name: 'Créer la séance' }).click();
	await a.page.waitForURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(a.page.url()).searchParams.get('id')!;
	await a.page.goto(`${BASE}/share?id=${id}`);
	await a.page.getByRole('radio', { name: /Station \(posée/ }).check();
	const link = a.page.getByLabel('Lien d’invitation');
	let joinUrl = await link.inputValue();
	for (let i = 0; i < 100 && !joinUrl.includes('/join#join='); i++) {
		await a.page.waitForTimeout(100);
		joinUrl = await link.inputValue();
	}
	expect(joinUrl).toMatch(/\/join#join=/);
	await b.page.goto(joinUrl);
	await b.page.waitForURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });

	for (const d of [a, b]) {
		await d.page.goto(`${BASE}/activity?id=${id}&${BOARD}`);
		await d.page.getByRole('button', { name: 'J’accepte de participer' }).click();
		await d.page.getByLabel('Votre note', { exact: true }).waitFor();
	}
	await measure('Tablée', a.page, b.page, async (text) => {
		await a.page.getByLabel('Votre note', { exact: true }).fill(text);
		return a.page.evaluate(() => {
			const button = [...document.querySelectorAll('button')].find((el) => el.textContent?.trim() === 'Ajouter la note')!;
			const sent = Date.now();
			button.click();
			return sent;
		});
	});
	expect(await b.page.locator('article.note').count()).toBe(NOTES + 1);
	await a.context.close();
	await b.context.close();
}

/**
 * The stock baseline: a page that only holds a Y.Array of note texts, persisted by y-indexeddb and shared by y-webrtc's
 * WebrtcProvider (same signaling server, a password as Tablée uses), each note shown as a card.
 * Bundled by vite's build API from the app's own node_modules into `dir`.
 */
async function buildBaseline(dir: string): Promise<void> {
	const src = join(dir, 'src');
	mkdirSync(src);
	writeFileSync(join(src, 'index.html'), '<!doctype html><html lang="fr"><meta charset="utf-8"><title>y-webrtc</title><main id="notes"></main><script type="module" src="./main.js"></script></html>');
	writeFileSync(
		join(src, 'main.js'),
		`import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { IndexeddbPersistence } from 'y-indexeddb';
const params = new URLSearchParams(location.search);
const doc = new Y.Doc();
const notes = doc.getArray('notes');
const list = document.getElementById('notes');
notes.observe((event) => {
	for (const item of event.changes.added) for (const text of item.content.getContent()) {
		const card = document.createElement('article');
		const p = document.createElement('p');
		p.className = 'text';
		p.textContent = text;
		card.append(p);
		list.append(card);
	}
});
new IndexeddbPersistence(params.get('room'), doc);
const provider = new WebrtcProvider(params.get('room'), doc, { signaling: [params.get('signaling')], password: params.get('password') });
window.__add = (text) => { const sent = Date.now(); notes.push([text]); return sent; };
window.__peers = () => (provider.room ? provider.room.webrtcConns.size : 0);
`
	);
	const modules = resolve('node_modules');
	await build({
		root: src,
		configFile: false,
		logLevel: 'warn',
		build: { outDir: join(dir, 'out'), emptyOutDir: true },
		resolve: { alias: [{ find: /^yjs$/, replacement: join(modules, 'yjs') }, { find: /^y-webrtc$/, replacement: join(modules, 'y-webrtc') }, { find: /^y-indexeddb$/, replacement: join(modules, 'y-indexeddb') }] }
	});
}

async function measureBaseline(browser: Browser, signaling: SignalingServer): Promise<void> {
	const query = `?room=tablee-bench-baseline&password=mot-de-passe-de-mesure&signaling=${encodeURIComponent(signaling.url)}`;
	const devices: { context: BrowserContext; page: Page }[] = [];
	for (let i = 0; i < 2; i++) {
		const context = await browser.newContext({ locale: 'fr-CA' });
		const page = await context.newPage();
		await page.goto(`${BASE}/${query}`);
		devices.push({ context, page });
	}
	const [a, b] = devices as [{ context: BrowserContext; page: Page }, { context: BrowserContext; page: Page }];
	await b.page.waitForFunction(() => (window as unknown as { __peers: () => number }).__peers() > 0, undefined, { timeout: 30_000 });
	await measure('stock y-webrtc', a.page, b.page, (text) => a.page.evaluate((t) => (window as unknown as { __add: (t: string) => number }).__add(t), text));
	expect(await b.page.locator('article').count()).toBe(NOTES + 1);
	await a.context.close();
	await b.context.close();
}

/** Warm-up note, then NOTES notes one after the other; prints p50 and p95 of add on A → card on B. */
async function measure(label: string, a: Page, b: Page, add: (text: string) => Promise<number>): Promise<void> {
	await b.evaluate(watchNotes);
	const seenOnB = async (text: string): Promise<number> => {
		const handle = await b.waitForFunction((t) => (window as unknown as { __seen: Record<string, number> }).__seen[t], text, { timeout: 30_000, polling: 20 });
		return (await handle.jsonValue()) as number;
	};
	// Warm-up: the first note waits for the peers to find each other; not counted.
	const warm = Date.now();
	await add('Note de mise en route');
	await seenOnB('Note de mise en route');
	console.log(`  ${label}: first note after joining (peers connecting): ${Date.now() - warm} ms (not budgeted)`);
	const latencies: number[] = [];
	for (let i = 0; i < NOTES; i++) {
		const text = `Note de mesure ${i + 1} : une idée pour le service`;
		const sent = await add(text);
		latencies.push((await seenOnB(text)) - sent);
		await a.waitForTimeout(100);
	}
	expect(latencies).toHaveLength(NOTES);
	console.log(`  ${label} latencies: ${latencies.join(', ')} ms`);
	report(`note propagation A → B over WebRTC, ${label}, ${NOTES} notes, p50`, percentile(latencies, 50), P95_BUDGET_MS);
	report(`note propagation A → B over WebRTC, ${label}, ${NOTES} notes, p95`, percentile(latencies, 95), P95_BUDGET_MS);
}
