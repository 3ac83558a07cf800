/**
 * Shared pieces of the browser tests that run devices against the venue hub: a browser for
 * phones (the hub's origin under a name that is not loopback, so the page is an insecure origin as
 * on a LAN), a facilitator's Réglages (hub address and hub code), the note board's add-note flow,
 * and the session key as a device stored it.
 */
import { chromium, expect, type Browser, type Page } from '@playwright/test';

/** Pages opened at `http://phone.test:<port>` reach the hub on 127.0.0.1 as an insecure origin. */
export function launchPhoneBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--host-resolver-rules=MAP phone.test 127.0.0.1']
	});
}

/**
 * Sets the hub's signaling address in Réglages, and the hub code when given (the facilitator's
 * tablet, which brings sessions to the hub; devices joining by link do without).
 */
export async function setHubInSettings(page: Page, signaling: string, hubCode: string | null): Promise<void> {
	await page.goto('/settings');
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill(signaling);
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée' })).toBeVisible();
	if (hubCode === null) return;
	await page.getByLabel('Code du boîtier', { exact: true }).fill(hubCode);
	await page.getByRole('button', { name: 'Enregistrer le code' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Code du boîtier enregistré' })).toBeVisible();
}

export const noteCard = (page: Page, text: string) => page.getByRole('article').filter({ has: page.locator('p.text').getByText(text, { exact: true }) });

/** Types a note in the French board form and waits until it is saved. */
export async function addNote(page: Page, text: string): Promise<void> {
	await page.getByLabel('Votre note', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
	await expect(page.getByLabel('Votre note', { exact: true })).toHaveValue('');
}

/** The session key this device stored for session `id` (read from its IndexedDB). */
export async function storedSessionKey(page: Page, id: string): Promise<string> {
	return page.evaluate(
		(sessionId) =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('tablee');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('sessions').objectStore('sessions').get(sessionId);
					get.onsuccess = () => {
						open.result.close();
						resolve((get.result as { syncKey: string }).syncKey);
					};
					get.onerror = () => reject(get.error);
				};
			}),
		id
	);
}
