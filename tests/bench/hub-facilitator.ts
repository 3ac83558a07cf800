/**
 * The facilitator's device of the browser benchmarks that run through the venue hub (phone,
 * weight): a Chromium context on the hub laptop (`http://localhost:<port>`) with the hub's
 * signaling address and hub code set, an « Imaginer » session brought to the hub, and its key.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright';
import type { Hub } from '../../src/hub/venue-hub';

export interface BenchFacilitator {
	context: BrowserContext;
	page: Page;
	id: string;
	key: string;
}

/** Creates the session through the app's screens and waits until the hub has pinned it. */
export async function hubFacilitator(browser: Browser, hub: Hub, dataDir: string, origin: string, contextOptions: BrowserContextOptions = {}): Promise<BenchFacilitator> {
	const context = await browser.newContext({ locale: 'fr-CA', ...contextOptions });
	const page = await context.newPage();
	await page.goto(`${origin}/settings`);
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill(`${origin.replace(/^http/, 'ws')}/signaling`);
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await page.getByRole('status').filter({ hasText: 'Adresse enregistrée' }).waitFor();
	// The facilitator's device brings the session to the hub: it holds the hub code.
	await page.getByLabel('Code du boîtier', { exact: true }).fill(hub.hubCode);
	await page.getByRole('button', { name: 'Enregistrer le code' }).click();
	await page.getByRole('status').filter({ hasText: 'Code du boîtier enregistré' }).waitFor();
	const id = await createImaginerSession(page, origin, 'Banc d’essai');
	const key = await page.evaluate(
		(sessionId) =>
			new Promise<string>((done) => {
				const open = indexedDB.open('tablee');
				open.onsuccess = () => {
					const get = open.result.transaction('sessions').objectStore('sessions').get(sessionId);
					get.onsuccess = () => done((get.result as { syncKey: string }).syncKey);
				};
			}),
		id
	);
	for (let i = 0; i < 200 && !existsSync(join(dataDir, 'sessions', id, 'pin.json')); i++) await new Promise((r) => setTimeout(r, 50));
	return { context, page, id, key };
}

/** Creates an « Imaginer » session on the bundled kit through /sessions/new; returns its id. */
export async function createImaginerSession(page: Page, origin: string, title: string): Promise<string> {
	await page.goto(`${origin}/sessions/new`);
	await page.getByRole('radio', { name: /Imaginer/ }).check();
	await page.getByLabel('Titre de la séance').fill(title);
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await page.waitForURL(/\/console\?id=/);
	return new URL(page.url()).searchParams.get('id')!;
}
