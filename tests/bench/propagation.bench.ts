/**
 * Note propagation between two devices (two browser contexts: no shared IndexedDB or
 * BroadcastChannel) syncing over WebRTC through the project's signaling server, on loopback: time
 * from the click on "Ajouter la note" on A until the note's card is in B's DOM, over 30 notes
 * written one after the other. Budget: p95 ≤ 50 ms. Both sides read `Date.now()` (same machine
 * clock, 1 ms resolution). Run with `npm run bench` (app on port 4306, signaling on 4406).
 * Baseline with stock y-webrtc + y-indexeddb: not measured (see docs/benchmarks.md).
 */
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
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
	let server: ChildProcess;
	let signaling: SignalingServer;
	let browser: Browser;

	beforeAll(async () => {
		server = await startServer(PORT);
		signaling = await startSignaling(SIGNALING_PORT);
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	}, 600_000);

	afterAll(async () => {
		await browser?.close();
		await signaling?.stop();
		server?.kill();
	});

	it(`carries ${NOTES} notes from one tablet to another over WebRTC`, async () => {
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
		await b.page.evaluate(watchNotes);

		const add = async (text: string): Promise<number> => {
			await a.page.getByLabel('Votre note', { exact: true }).fill(text);
			return a.page.evaluate(() => {
				const button = [...document.querySelectorAll('button')].find((el) => el.textContent?.trim() === 'Ajouter la note')!;
				const sent = Date.now();
				button.click();
				return sent;
			});
		};
		const seenOnB = async (text: string): Promise<number> => {
			const handle = await b.page.waitForFunction((t) => (window as unknown as { __seen: Record<string, number> }).__seen[t], text, { timeout: 30_000, polling: 20 });
			return (await handle.jsonValue()) as number;
		};

		// Warm-up: the first note waits for the peers to find each other; not counted.
		const warm = Date.now();
		await add('Note de mise en route');
		await seenOnB('Note de mise en route');
		console.log(`  first note after joining (peers connecting): ${Date.now() - warm} ms (not budgeted)`);

		const latencies: number[] = [];
		for (let i = 0; i < NOTES; i++) {
			const text = `Note de mesure ${i + 1} : une idée pour le service`;
			const sent = await add(text);
			latencies.push((await seenOnB(text)) - sent);
			await a.page.waitForTimeout(100);
		}
		expect(latencies).toHaveLength(NOTES);
		expect(await b.page.locator('article.note').count()).toBe(NOTES + 1);
		console.log(`  latencies: ${latencies.join(', ')} ms`);
		report(`note propagation A → B over WebRTC, ${NOTES} notes, p50`, percentile(latencies, 50), P95_BUDGET_MS);
		report(`note propagation A → B over WebRTC, ${NOTES} notes, p95`, percentile(latencies, 95), P95_BUDGET_MS);
		await a.context.close();
		await b.context.close();
	});
});
