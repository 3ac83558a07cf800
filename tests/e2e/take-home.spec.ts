import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { takeHomeId } from '../../src/lib/protocol/take-home';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { startHub, hubPort, type HubProcess, expectSessionPinned } from './support/hub-process';
import { addNote, launchPhoneBrowser, noteCard, setHubInSettings, storedSessionKey } from './support/hub-devices';
import { decodeQr } from './support/qr-decode';
import { createSession } from './support/session-fixture';
import { newWindow } from './support/windows';

/**
 * The take-home code at the end of a workshop carries no key: the console (through the venue hub)
 * publishes the pseudonymous summary, the wall's QR code points at `/take-home/<id>` on the hub,
 * and a phone on the hub's insecure origin (`phone.test`, mapped to 127.0.0.1) reads that page,
 * which holds the notes but no observer note, no hidden note and no typed name.
 */
const PORT = hubPort();
const FACILITATOR = `http://localhost:${PORT}`;
const PHONE_HUB = `http://phone.test:${PORT}`;
const SIGNALING = `ws://localhost:${PORT}/signaling`;
const KIT = 'dialogue-ia-services-publics';

// The laptop's browser has the app installed on the hub's origin (its worker must leave hub pages alone).
test.use({ serviceWorkers: 'allow' });

let dataDir: string;
let hub: HubProcess | null = null;
let phoneBrowser: Browser;

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'tablee-take-home-'));
	hub = await startHub(dataDir, PORT);
	phoneBrowser = await launchPhoneBrowser();
});

test.afterAll(async () => {
	await phoneBrowser?.close();
	await hub?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

test('the wall’s take-home code has no key; a phone reads the published summary without observer notes, hidden notes or names', async ({ browser }) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	// Publishing waits 10 s for edits to settle: the clock is moved on instead (below).
	await page.clock.install();
	await setHubInSettings(page, SIGNALING, hub!.hubCode);

	const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Bilan sans clé' });
	const key = await storedSessionKey(page, id);
	await expectSessionPinned(dataDir, id);

	// Contributions: two notes kept, one hidden by the facilitator, one signed with a name.
	await page.goto(`/activity?id=${id}&activity=reves&role=facilitator`);
	await addNote(page, 'Un comité citoyen permanent');
	await addNote(page, 'Des assemblées dans chaque quartier');
	await addNote(page, 'Note retirée par l’animation');
	await noteCard(page, 'Note retirée par l’animation').getByRole('button', { name: 'Masquer' }).click();
	await expect(noteCard(page, 'Note retirée par l’animation').getByText('Masquée')).toBeVisible();
	await page.getByRole('checkbox', { name: 'Signer cette note de mon nom (facultatif)' }).check();
	await page.getByLabel('Votre nom (facultatif)').fill('Maryse Tremblay');
	await addNote(page, 'Une note signée de son nom');

	// The phones' address of the hub, as the facilitator types it on the sheets screen.
	await page.goto(`/sheets?id=${id}`);
	await page.getByLabel('Adresse du relais, telle que les téléphones la voient').fill(PHONE_HUB);
	await page.getByRole('button', { name: 'Utiliser cette adresse' }).click();
	await expect(page.getByText(`Adresse enregistrée pour cette séance : ${PHONE_HUB}`)).toBeVisible();

	// An observer note, then the end of the agenda.
	await page.goto(`/console?id=${id}`);
	await page.getByLabel('Nouvelle observation').fill('Observation réservée à l’équipe');
	await page.getByRole('button', { name: 'Ajouter l’observation' }).click();
	await expect(page.getByRole('region', { name: 'Observations de l’animation' }).getByText('Observation réservée à l’équipe')).toBeVisible();
	await expect(page.locator('[data-take-home-state]')).toHaveCount(0);
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	const finish = page.getByRole('button', { name: 'Terminer l’atelier' });
	while (!(await finish.isVisible())) await page.getByRole('button', { name: 'Activité suivante' }).click();
	page.once('dialog', (dialog) => void dialog.accept());
	await finish.click();
	await expect(page.getByText('Atelier terminé', { exact: true })).toBeVisible();

	// The console publishes and says so.
	const state = page.locator('[data-take-home-state]');
	await expect(state).toHaveAttribute('data-take-home-state', 'published', { timeout: 20_000 });
	await expect(state).toContainText('Bilan publié pour les téléphones');
	await expectNoAxeViolations(page, 'console with the take-home state');
	const stored = join(dataDir, 'sessions', id, 'take-home.dat');
	expect(existsSync(stored)).toBe(true);

	// A participant screen of the session says the workshop is over and, the summary being
	// published, offers it: a code for phones (the address phones use) and a link for this device.
	const participant = await newWindow(context);
	await participant.goto(`/activity?id=${id}&role=participant`);
	await expect(participant.getByRole('heading', { name: 'L’atelier est terminé' })).toBeVisible();
	await expect(participant.getByText('Merci de votre participation!')).toBeVisible();
	const participantCode = participant.getByRole('img', { name: 'Code QR du résumé de la séance, pour les téléphones' });
	await expect(participantCode).toBeVisible();
	expect(await decodeQr(participant, participantCode)).toBe(`${PHONE_HUB}/take-home/${takeHomeId(id, key)}`);
	await expect(participant.getByRole('link', { name: 'Ouvrir le résumé de l’atelier' })).toHaveAttribute('href', `${FACILITATOR}/take-home/${takeHomeId(id, key)}`);
	await expectNoAxeViolations(participant, 'participant screen after the end, summary published');
	await expectTouchTargets(participant, 'participant screen after the end, summary published');
	await participant.close();

	// The wall shows the code; read from pixels, it is the hub's take-home URL: no key, no fragment.
	const wall = await newWindow(context);
	await wall.goto(`/wall?id=${id}`);
	const code = wall.getByRole('img', { name: 'Code QR du résumé de la séance, pour les téléphones' });
	await expect(code).toBeVisible();
	const decoded = (await decodeQr(wall, code)) ?? '';
	expect(decoded).toBe(`${PHONE_HUB}/take-home/${takeHomeId(id, key)}`);
	expect(decoded).not.toContain(key);
	expect(decoded).not.toContain('#');
	await expectNoAxeViolations(wall, 'wall with the keyless take-home code');

	// The page's CSP really forbids scripts: a phone that honours it runs none.
	const strict = await phoneBrowser.newContext({ locale: 'fr-CA' });
	const strictPage = await strict.newPage();
	await strictPage.goto(decoded);
	await strictPage.addScriptTag({ content: 'window.__ran = true;' }).catch(() => null);
	expect(await strictPage.evaluate(() => (window as unknown as { __ran?: boolean }).__ran ?? false)).toBe(false);
	await strict.close();

	// A phone on the hub's insecure origin opens it. (bypassCSP only so that axe can be injected.)
	const phone = await phoneBrowser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
	const phonePage = await phone.newPage();
	const response = await phonePage.goto(decoded);
	expect(response?.status()).toBe(200);
	expect(response?.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
	expect(await phonePage.evaluate(() => isSecureContext)).toBe(false);
	await expect(phonePage.getByRole('heading', { level: 1, name: 'Bilan sans clé' })).toBeVisible();
	const main = phonePage.locator('main');
	await expect(main).toContainText('Un comité citoyen permanent');
	await expect(main).toContainText('Des assemblées dans chaque quartier');
	await expect(main).toContainText('Une note signée de son nom');
	const text = (await phonePage.content()).normalize();
	expect(text).not.toContain('Observation réservée');
	expect(text).not.toContain('Note retirée par l’animation');
	expect(text).not.toContain('Maryse');
	expect(text).not.toContain(key);
	await expectNoAxeViolations(phonePage, 'take-home page on a phone');
	await expectTouchTargets(phonePage, 'take-home page on a phone');
	const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, 'the summary fits the phone’s width').toBeLessThanOrEqual(0);
	await phonePage.screenshot({ path: test.info().outputPath('take-home-phone.png'), fullPage: true });

	// A later change is published again (debounced), and the phone sees it on reload.
	await page.goto(`/activity?id=${id}&activity=reves&role=facilitator`);
	await addNote(page, 'Ajoutée après la fin');
	await page.goto(`/console?id=${id}`);
	await expect
		.poll(async () => (await page.clock.fastForward(5_000), await phonePage.reload(), await main.textContent()) ?? '', { timeout: 40_000, intervals: [1000] })
		.toContain('Ajoutée après la fin');

	// The laptop's own browser, where the app's service worker is installed on the hub's origin,
	// opens the same summary: the worker leaves /take-home/ to the hub instead of the app shell.
	expect(await wall.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	const own = await wall.goto(`${FACILITATOR}/take-home/${takeHomeId(id, key)}`);
	expect(own?.status()).toBe(200);
	expect(own?.fromServiceWorker()).toBe(false);
	await expect(wall.getByRole('heading', { level: 1, name: 'Bilan sans clé' })).toBeVisible();
	await expect(wall.locator('main')).toContainText('Un comité citoyen permanent');
	await expect(wall.getByText('Cette page n’existe pas')).toHaveCount(0);

	// An id nobody published: the bilingual "not yet" page, 404.
	const unknown = await phonePage.goto(`${PHONE_HUB}/take-home/AAAAAAAAAAAAAAAAAAAAAA`);
	expect(unknown?.status()).toBe(404);
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText('Le bilan n’est pas encore publié');
	await expect(phonePage.locator('[lang="en"] h2')).toHaveText('The summary is not published yet');
	await expectNoAxeViolations(phonePage, 'take-home page not published yet');

	await phone.close();
	await context.close();
});

test('the console says why the summary is not published while the hub is down, and publishes once it is back', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	// The publisher retries 15 s after a failure: the page's clock is moved on instead.
	await page.clock.install();
	await setHubInSettings(page, SIGNALING, hub!.hubCode);
	const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Relais en panne' });
	await expectSessionPinned(dataDir, id);
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();

	await hub!.stop();
	hub = null;
	const finish = page.getByRole('button', { name: 'Terminer l’atelier' });
	while (!(await finish.isVisible())) await page.getByRole('button', { name: 'Activité suivante' }).click();
	page.once('dialog', (dialog) => void dialog.accept());
	await finish.click();
	const state = page.locator('[data-take-home-state]');
	await expect(state).toHaveAttribute('data-take-home-state', 'failed', { timeout: 20_000 });
	await expect(state).toHaveText('Bilan non publié pour les téléphones : le boîtier de la salle est injoignable (nouvel essai sous peu).');
	await expectNoAxeViolations(page, 'console with a take-home failure');

	hub = await startHub(dataDir, PORT);
	await expect(state).toHaveAttribute('data-take-home-state', 'failed');
	await page.clock.fastForward(15_000);
	await expect(state).toHaveAttribute('data-take-home-state', 'published', { timeout: 30_000 });
	expect(existsSync(join(dataDir, 'sessions', id, 'take-home.dat'))).toBe(true);
	await context.close();
});

test('with the app installed on the hub’s origin, hub pages still come from the hub, offline-capable app pages from the worker', async ({ browser }) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
	// An unpublished id: the hub's bilingual page (404), not the app's "page not found".
	const missing = await page.goto('/take-home/AAAAAAAAAAAAAAAAAAAAAA');
	expect(missing?.status()).toBe(404);
	expect(missing?.fromServiceWorker()).toBe(false);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le bilan n’est pas encore publié');
	// App routes still come from the worker's fallback (they work offline).
	const app = await page.goto('/sessions');
	expect(app?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1, name: 'Séances' })).toBeVisible();
	await context.close();
});
