/**
 * Tablets for sync tests: each is a browser context (its own IndexedDB and BroadcastChannel, so
 * what one sees of another came over the network), set up the way a facilitator would (name and
 * signaling address in the settings), and the few steps every sync test repeats.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Browser, type Page } from '@playwright/test';

export interface TabletOptions {
	/** For a browser launched by the test itself (its contexts get no baseURL from the config). */
	baseURL?: string;
	/** Runs in every page the tablet loads (e.g. `watchSyncScreens`). */
	initScript?: () => void;
}

export async function newTablet(browser: Browser, name: string, signalingUrl: string, options: TabletOptions = {}): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-CA', acceptDownloads: true, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
	if (options.initScript) await context.addInitScript(options.initScript);
	const page = await context.newPage();
	await page.goto('/settings');
	await page.getByLabel('Nom montré aux autres tablettes').fill(name);
	await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Nom enregistré.' })).toBeVisible();
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill(signalingUrl);
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée' })).toBeVisible();
	return page;
}

/** Creates an "Imaginer" session of the bundled kit and returns its id (the page is on the console). */
export async function createImaginerSession(page: Page, title: string): Promise<string> {
	await page.goto('/sessions/new');
	await expect(page.getByLabel('Trousse')).toHaveValue(/dialogue-ia-services-publics@/);
	await page.getByRole('radio', { name: /Imaginer/ }).check();
	await page.getByLabel('Titre de la séance').fill(title);
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(page.url()).searchParams.get('id')!;
}

/** The invitation link for `role`, from the share screen the page is on. */
export async function joinLink(page: Page, role: RegExp): Promise<string> {
	await page.getByRole('radio', { name: role }).check();
	const link = page.getByLabel('Lien d’invitation');
	await expect(link).toHaveValue(/\/join#join=/);
	return link.inputValue();
}

export const tabletsPanel = (page: Page) => page.getByRole('region', { name: 'Tablettes de la séance' });

/** Saves the session to a file from the share screen's tablets panel and returns its bytes. */
export async function exportSessionFile(page: Page): Promise<Buffer> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Enregistrer la séance dans un fichier' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/\.tablee-session$/);
	return readFile((await file.path())!);
}

/** Merges a session file from the share screen's tablets panel ("merge a file"). */
export async function mergeSessionFile(page: Page, bytes: Buffer): Promise<void> {
	await page.getByLabel('Fusionner un fichier de séance').setInputFiles({ name: 'notes.tablee-session', mimeType: 'application/octet-stream', buffer: bytes });
	await expect(page.getByRole('status').filter({ hasText: 'Fichier fusionné : ses nouveautés sont ajoutées à la séance.' })).toBeVisible({ timeout: 60_000 });
}
