import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { startHub, hubPort, type HubProcess, expectSessionPinned } from './support/hub-process';
import { createSession } from './support/session-fixture';
import { setHubInSettings } from './support/hub-devices';
import { newWindow } from './support/windows';

/**
 * What the console says about its connections (issue 12, items 4 and 5): a tablet alone says so
 * without alarm; the venue hub and this device's other tabs are named for what they are and cannot
 * be removed; a hub outage is named on the badge and the panel with how long it has lasted.
 */
const PORT = hubPort();
const FACILITATOR = `http://localhost:${PORT}`;
const SIGNALING = `ws://localhost:${PORT}/signaling`;
const KIT = 'dialogue-ia-services-publics';

// Screens opened during a hub outage come from the app's worker, as on a tablet installed before the day.
test.use({ serviceWorkers: 'allow' });

let dataDir: string;
let hub: HubProcess | null = null;

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'tablee-live-status-'));
	hub = await startHub(dataDir, PORT);
});

test.afterAll(async () => {
	await hub?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

const badge = (page: Page) => page.locator('.sync-badge [role="status"]');
const panel = (page: Page) => page.locator('.sync-panel');
const row = (page: Page, name: string) => panel(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test('a tablet alone says so plainly; another tab of the same device is named and cannot be removed', async ({ page, context }) => {
	const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Seule pour commencer' });
	await expect(badge(page)).toHaveAttribute('data-sync-summary', 'alone');
	await expect(badge(page)).toHaveText(/^\s*Enregistré\s*·\s*Seule tablette pour l’instant\s*$/);
	// Neutral grey, not the amber of a problem.
	expect(await badge(page).locator('.dot').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(138, 143, 150)');
	await expect(panel(page).locator('.state')).toHaveText('Seule tablette pour l’instant');
	await expect(panel(page)).toContainText('Aucune autre tablette n’est connectée à cette séance pour l’instant.');
	await expectNoAxeViolations(page, 'console of a tablet alone');

	// A second tab of this device (a station view): named as such, with no "Retirer".
	const tab = await newWindow(context);
	await tab.goto(`/activity?id=${id}`);
	await expect(row(page, 'Cet appareil (autre onglet)')).toBeVisible();
	await expect(row(page, 'Cet appareil (autre onglet)').getByRole('button')).toHaveCount(0);
	await expect(panel(page).getByRole('rowheader', { name: 'appareil sans nom' })).toHaveCount(0);
	await expect(badge(page)).toHaveAttribute('data-sync-summary', 'caught-up');
	await expect(badge(page)).toContainText('1 autre écran');
	await expectNoAxeViolations(page, 'tablets panel with another tab');
	await expectTouchTargets(page, 'tablets panel with another tab');
	await tab.close();
});

test('the venue hub is a named row without “Retirer”; its outage is named with its duration, then clears when it is back', async ({ browser }) => {
	test.setTimeout(150_000);
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	// A controllable clock, so the outage can last two minutes without waiting for them.
	await page.clock.install();
	// With the hub's code, as a facilitator's tablet brings a new session to the hub.
	await setHubInSettings(page, SIGNALING, hub!.hubCode);
	const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Boîtier suivi' });
	await expectSessionPinned(dataDir, id, 30_000);

	const hubRow = row(page, 'Boîtier de la salle');
	await expect(hubRow).toBeVisible({ timeout: 30_000 });
	await expect(hubRow).toContainText('Relais des téléphones');
	await expect(hubRow.getByRole('button')).toHaveCount(0);
	await expect(panel(page).getByRole('button', { name: /^Retirer/ })).toHaveCount(0);
	await expect(badge(page)).toHaveAttribute('data-sync-summary', 'hub-only', { timeout: 30_000 });
	await expect(badge(page)).toContainText('à jour avec le boîtier de la salle');
	await expectNoAxeViolations(page, 'tablets panel with the hub');
	await expectTouchTargets(page, 'tablets panel with the hub');

	// The screens below are opened during the outage: the app must be installed on this origin
	// first (its worker controls the page once the first install is done), as on a real tablet
	// that said "prête à fonctionner sans Internet" before the day.
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
	await hub!.kill();
	hub = null;
	await expect(badge(page)).toHaveAttribute('data-sync-summary', 'hub-down', { timeout: 30_000 });
	await expect(badge(page)).toContainText('Boîtier de la salle injoignable depuis moins d’une minute');
	await page.clock.fastForward('02:05');
	await expect(badge(page)).toContainText('Boîtier de la salle injoignable depuis 2 min');
	await expect(panel(page).locator('.state')).toHaveText('Boîtier de la salle injoignable depuis 2 min');
	// The hub keeps its row while it is down, still without "Retirer".
	await expect(hubRow).toContainText('injoignable depuis 2 min');
	await expect(hubRow.getByRole('button')).toHaveCount(0);
	await badge(page).click();
	await expect(page.locator('.sync-badge .explain')).toContainText('ne répond plus depuis 2 min');
	await expectNoAxeViolations(page, 'console during a hub outage');
	// Another screen of the session (its own LiveNetwork): the outage keeps its start, not "just now".
	await page.getByRole('link', { name: 'Inviter d’autres tablettes (code QR)' }).click();
	await expect(page).toHaveURL(/\/share\?id=/);
	await expect(badge(page)).toHaveAttribute('data-sync-summary', 'hub-down', { timeout: 30_000 });
	await expect(badge(page)).toContainText('Boîtier de la salle injoignable depuis 2 min');
	await expect(panel(page).locator('.state')).toHaveText('Boîtier de la salle injoignable depuis 2 min');
	await page.goto(`/console?id=${id}`);

	hub = await startHub(dataDir, PORT);
	await expect(badge(page)).toHaveAttribute('data-sync-summary', 'hub-only', { timeout: 60_000 });
	await expect(panel(page).locator('.state')).not.toContainText('injoignable');
	await context.close();
});
