/**
 * A participant's phone through the venue hub, in Chromium: how fast the phone page is on its
 * first visit (everything downloaded from the hub, kit included; the bytes it transfers are
 * measured by weight.bench.ts) and when reopened, and how long a phone's note takes to reach the
 * facilitator's board through the hub. The phone runs on an insecure origin (`phone.test` mapped
 * to 127.0.0.1), as on a LAN. Budgets: first visit ≤ 2 s to the consent text; reopen ≤ 1 s to the
 * note form; p95 note → facilitator ≤ 200 ms (as the hub benchmark). Run with `npm run bench`
 * (builds the app first if build/ is missing; the hub listens on port 4307, or BENCH_PHONE_PORT).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPhoneLink } from '$lib/sync';
import { startHub, type Hub } from '../../src/hub/venue-hub';
import { CHROMIUM_ARGS, CHROMIUM_PATH, percentile, report } from './browser-bench';
import { hubFacilitator, type BenchFacilitator } from './hub-facilitator';

const PORT = Number(process.env.BENCH_PHONE_PORT || 4307);
const FACILITATOR = `http://localhost:${PORT}`;
const PHONE = `http://phone.test:${PORT}`;
const NOTES = 20;
const STATION = 's1-themes';

let hub: Hub;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
	if (!existsSync('build/200.html') && spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' }).status !== 0) throw new Error('vite build failed');
	dataDir = mkdtempSync(join(tmpdir(), 'tablee-bench-phone-'));
	hub = await startHub({ appDir: resolve('build'), dataDir, port: PORT, host: '127.0.0.1' });
	browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP phone.test 127.0.0.1'] });
});

afterAll(async () => {
	await browser?.close();
	await hub?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** The facilitator's device on the hub laptop: an « Imaginer » session on the hub, the station's board. */
async function facilitator(): Promise<BenchFacilitator> {
	const desk = await hubFacilitator(browser, hub, dataDir, FACILITATOR);
	const { page, id } = desk;
	await page.goto(`${FACILITATOR}/activity?id=${id}&activity=stations-thematiques&station=${STATION}&role=facilitator`);
	await page.getByLabel('Votre note', { exact: true }).waitFor();
	// Records when each note text first appears on the board (same machine clock as the phone).
	await page.evaluate(() => {
		const seen: Record<string, number> = {};
		(window as unknown as { __seen: Record<string, number> }).__seen = seen;
		new MutationObserver(() => {
			for (const p of document.querySelectorAll('article p.text')) if (p.textContent && !(p.textContent in seen)) seen[p.textContent] = Date.now();
		}).observe(document.body, { childList: true, subtree: true, characterData: true });
	});
	return desk;
}

describe('phone page through the venue hub', () => {
	it(`opens fast and light, and ${NOTES} notes reach the facilitator`, async () => {
		const desk = await facilitator();
		const context = await browser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const phone = await context.newPage();
		const link = buildPhoneLink(PHONE, { view: 'station', sessionId: desk.id, key: desk.key, station: STATION });

		let start = Date.now();
		await phone.goto(link);
		await phone.getByRole('heading', { name: 'Avant de participer' }).waitFor({ timeout: 30_000 });
		const firstOpen = Date.now() - start;
		expect(await phone.evaluate(() => isSecureContext)).toBe(false);
		await phone.getByRole('button', { name: 'J’accepte de participer' }).click();
		await phone.getByLabel('Votre note', { exact: true }).waitFor();

		start = Date.now();
		await phone.reload();
		await phone.getByLabel('Votre note', { exact: true }).waitFor();
		await phone.locator('[data-hub-state="connected"]').waitFor();
		const reopen = Date.now() - start;

		const latencies: number[] = [];
		for (let i = 0; i < NOTES; i++) {
			const text = `Note du téléphone ${i + 1}`;
			await phone.getByLabel('Votre note', { exact: true }).fill(text);
			const sent = await phone.evaluate(() => {
				const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Ajouter la note')!;
				const at = Date.now();
				button.click();
				return at;
			});
			await desk.page.locator('article p.text').getByText(text, { exact: true }).waitFor({ timeout: 30_000 });
			const seen = await desk.page.evaluate((t) => (window as unknown as { __seen: Record<string, number> }).__seen[t]!, text);
			latencies.push(seen - sent);
			await phone.waitForTimeout(100);
		}

		report('phone first visit to the consent text', firstOpen, 2000);
		report('phone reopen to the note form, hub connected', reopen, 1000);
		report('phone note → facilitator p50', percentile(latencies, 50), 200);
		report('phone note → facilitator p95', percentile(latencies, 95), 200);
		expect(latencies).toHaveLength(NOTES);
		await context.close();
		await desk.context.close();
	});
});
