import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { buildPhoneLink } from '../../src/lib/sync/phone-link';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { startHub, hubPort, type HubProcess } from './support/hub-process';
import { createSession } from './support/session-fixture';

/**
 * Participants' phones through the venue hub (issue 6). The hub runs as users run it (the CLI, on
 * loopback); the facilitator's browser opens the app on the hub at http://localhost (a secure
 * context, so it is a full peer); the phone's browser reaches the same hub as `phone.test`, a name
 * mapped to 127.0.0.1, so its page is a truly insecure origin (no WebCrypto, no service worker),
 * like a phone on http://192.168.x.y.
 */
const PORT = hubPort();
const FACILITATOR = `http://localhost:${PORT}`;
const PHONE = `http://phone.test:${PORT}`;
const SIGNALING = `ws://localhost:${PORT}/signaling`;
const KIT = 'dialogue-ia-services-publics';
const STATION = 's1-themes';
const ACTIVITY = 'stations-thematiques';

let dataDir: string;
let hub: HubProcess | null = null;
let phoneBrowser: Browser;

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'tablee-hub-phone-'));
	hub = await startHub(dataDir, PORT);
	phoneBrowser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--host-resolver-rules=MAP phone.test 127.0.0.1']
	});
});

test.afterAll(async () => {
	await phoneBrowser?.close();
	await hub?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

async function facilitatorDevice(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	await page.goto('/settings');
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill(SIGNALING);
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée' })).toBeVisible();
	return { context, page };
}

async function sessionKey(page: Page, id: string): Promise<string> {
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

async function phoneDevice(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await phoneBrowser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	return { context, page: await context.newPage() };
}

const noteCard = (page: Page, text: string) => page.getByRole('article').filter({ has: page.locator('p.text').getByText(text, { exact: true }) });

async function addNote(page: Page, text: string): Promise<void> {
	await page.getByLabel('Votre note', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
	await expect(page.getByLabel('Votre note', { exact: true })).toHaveValue('');
}

test('a phone on the hub’s insecure origin opens a station, consents, adds notes that survive a hub SIGKILL; a wrong key gets nothing', async ({ browser }) => {
	test.setTimeout(180_000);
	const facilitator = await facilitatorDevice(browser);
	const id = await createSession(facilitator.page, { kitId: KIT, agendaId: 'imaginer', title: 'Téléphones au relais' });
	const key = await sessionKey(facilitator.page, id);
	// The console attached the hub: the hub pinned this session's token.
	await expect.poll(() => existsSync(join(dataDir, 'sessions', id, 'pin.json')), { timeout: 20_000 }).toBe(true);
	await facilitator.page.goto(`/activity?id=${id}&activity=${ACTIVITY}&station=${STATION}&role=facilitator`);

	const phone = await phoneDevice();
	const link = buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: STATION });
	await phone.page.goto(link);
	const env = await phone.page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle, sw: 'serviceWorker' in navigator }));
	expect(env).toEqual({ secure: false, subtle: 'undefined', sw: false });

	await expect(phone.page.getByRole('heading', { name: 'Avant de participer' })).toBeVisible({ timeout: 20_000 });
	await expectNoAxeViolations(phone.page, 'phone consent');
	await expectTouchTargets(phone.page, 'phone consent');
	await phone.page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await expect(phone.page.locator('[data-hub-state="connected"]')).toBeVisible();
	await expect(phone.page.getByRole('heading', { level: 3, name: /Station 1 : Les sujets à discuter/ }).first()).toBeVisible();
	await addNote(phone.page, 'Des services en français simple');
	await addNote(phone.page, 'Un humain pour les cas difficiles');
	await expectNoAxeViolations(phone.page, 'phone station');
	await expectTouchTargets(phone.page, 'phone station');

	await expect(noteCard(facilitator.page, 'Des services en français simple')).toBeVisible();
	await expect(noteCard(facilitator.page, 'Un humain pour les cas difficiles')).toBeVisible();
	// The facilitator's note reaches the phone too (the station's notes, not silent here).
	await addNote(facilitator.page, 'Note de l’animation');
	await expect(noteCard(phone.page, 'Note de l’animation')).toBeVisible();

	// The hub dies: the phone says so and keeps what is typed meanwhile.
	await hub!.kill();
	hub = null;
	await expect(phone.page.locator('[data-hub-state="lost"]')).toHaveText(/Connexion perdue avec le boîtier de la salle\. Vos notes restent sur ce téléphone/);
	await addNote(phone.page, 'Écrite pendant la panne');
	await expect(noteCard(phone.page, 'Écrite pendant la panne')).toBeVisible();
	await expect(noteCard(facilitator.page, 'Écrite pendant la panne')).toHaveCount(0);

	hub = await startHub(dataDir, PORT);
	await expect(phone.page.locator('[data-hub-state="connected"]')).toBeVisible({ timeout: 30_000 });
	await expect(noteCard(facilitator.page, 'Écrite pendant la panne')).toBeVisible({ timeout: 30_000 });

	// Everything is still there on both sides after a reload (phone: IndexedDB + hub).
	const all = ['Des services en français simple', 'Un humain pour les cas difficiles', 'Note de l’animation', 'Écrite pendant la panne'];
	await phone.page.reload();
	await facilitator.page.reload();
	for (const text of all) {
		await expect(noteCard(phone.page, text)).toBeVisible();
		await expect(noteCard(facilitator.page, text)).toBeVisible();
	}

	// A phone whose link has another key for this session: the hub refuses it, nothing arrives.
	const intruder = await phoneDevice();
	const wrongKey = key.slice(0, -2) + (key.endsWith('AA') ? 'BA' : 'AA');
	await intruder.page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key: wrongKey, station: STATION }));
	await expect(intruder.page.getByRole('alert')).toHaveText(/Ce code n’est pas accepté pour cette session : la clé ne correspond pas\. Rien n’a été reçu\./);
	await expect(intruder.page.getByRole('article')).toHaveCount(0);
	await expectNoAxeViolations(intruder.page, 'phone refused');
	const stored = await intruder.page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('tablee');
				open.onsuccess = () => {
					const count = open.result.transaction('sessions').objectStore('sessions').count();
					count.onsuccess = () => resolve(count.result);
				};
			})
	);
	expect(stored).toBe(0);

	await intruder.context.close();
	await phone.context.close();
	await facilitator.context.close();
});
