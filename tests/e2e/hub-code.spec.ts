import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { buildPhoneLink } from '../../src/lib/sync/phone-link';
import { formatHubCode, hubLinkWithCode } from '../../src/lib/protocol/hub-admission';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { startHub, hubPort, type HubProcess, expectSessionPinned } from './support/hub-process';
import { addNote, launchPhoneBrowser, noteCard, setHubInSettings, storedSessionKey } from './support/hub-devices';
import { createSession } from './support/session-fixture';
import { fakeCameraArgs, writeQrY4m } from './support/fake-camera';
import { CHROMIUM_ARGS, chromiumPath } from './support/qr-devices';

/**
 * The hub closed to strangers (issue 15): a tablet without the hub code cannot bring a session to
 * the hub and is told what to do; once the facilitator enters the code under Réglages (typed, or
 * scanned from the QR code the hub prints), the session reaches the hub and phones join it with
 * the session's link alone. The hub runs as users run it (the CLI); its code is read from its
 * terminal output.
 */
const PORT = hubPort();
const FACILITATOR = `http://localhost:${PORT}`;
const PHONE = `http://phone.test:${PORT}`;
const SIGNALING = `ws://localhost:${PORT}/signaling`;
const KIT = 'dialogue-ia-services-publics';
const STATION = 's1-themes';

let dataDir: string;
let hub: HubProcess;
let phoneBrowser: Browser;

test.beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'tablee-hub-code-'));
	hub = await startHub(dataDir, PORT);
	phoneBrowser = await launchPhoneBrowser();
});

test.afterAll(async () => {
	await phoneBrowser?.close();
	await hub?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

const sessionsOnHub = () => (existsSync(join(dataDir, 'sessions')) ? readdirSync(join(dataDir, 'sessions')) : []);

test('a tablet without the hub code is told to enter it; with the code typed in Réglages its session reaches the hub and a phone joins', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	await setHubInSettings(page, SIGNALING, null);
	const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Séance sans code' });

	// The console's tablets panel says why the hub is not used, and what to do.
	const panel = page.locator('.sync-panel');
	await expect(panel.getByRole('listitem').filter({ hasText: 'Boîtier de la salle' })).toContainText(
		'Ce boîtier n’accepte de nouvelles séances que d’une tablette autorisée : entrez le code du boîtier dans Réglages',
		{ timeout: 20_000 }
	);
	await expectNoAxeViolations(page, 'console refused by the hub');
	expect(sessionsOnHub(), 'nothing of the session on the hub').toEqual([]);

	// Réglages, from the panel's link: a mistyped code is refused, the right one (as typed from the terminal) is kept.
	await panel.getByRole('link', { name: 'Réglages de cet appareil' }).click();
	await expect(page).toHaveURL(/\/settings$/);
	const field = page.getByLabel('Code du boîtier', { exact: true });
	await field.fill('ABCD-1234');
	await page.getByRole('button', { name: 'Enregistrer le code' }).click();
	await expect(page.getByRole('alert')).toHaveText('Ce n’est pas un code de boîtier : il compte 12 lettres et chiffres, par exemple K7QM-4TZP-9XRA.');
	await expectNoAxeViolations(page, 'settings with a mistyped hub code');
	await field.fill(formatHubCode(hub.hubCode).toLowerCase());
	await page.getByRole('button', { name: 'Enregistrer le code' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Code du boîtier enregistré' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(field).toHaveValue(formatHubCode(hub.hubCode));
	await expectNoAxeViolations(page, 'settings with the hub code');
	await expectTouchTargets(page, 'settings with the hub code');
	await page.screenshot({ path: test.info().outputPath('settings-hub-code.png'), fullPage: true });

	// Back on the console: the session reaches the hub.
	await page.goto(`/console?id=${id}`);
	await expect(panel.getByRole('listitem').filter({ hasText: /Boîtier de la salle\s*:\s*active/ })).toBeVisible({ timeout: 20_000 });
	await expectSessionPinned(dataDir, id);

	// A phone joins with the session's link alone (no hub code) and writes.
	const key = await storedSessionKey(page, id);
	await page.goto(`/activity?id=${id}&activity=stations-thematiques&station=${STATION}&role=facilitator`);
	const phone = await phoneBrowser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	const phonePage = await phone.newPage();
	await phonePage.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: STATION }));
	await phonePage.getByRole('button', { name: 'J’accepte de participer' }).click({ timeout: 20_000 });
	await expect(phonePage.locator('[data-hub-state="connected"]')).toBeVisible();
	await addNote(phonePage, 'Écrite sur un téléphone sans code');
	await expect(noteCard(page, 'Écrite sur un téléphone sans code')).toBeVisible();

	await phone.close();
	await context.close();
});

test('scanning the hub’s QR code in Réglages sets its address and its code at once', async () => {
	test.setTimeout(120_000);
	const folder = mkdtempSync(join(tmpdir(), 'tablee-hub-scan-'));
	const camera = join(folder, 'camera.y4m');
	// What the hub's terminal shows for the facilitator's tablet.
	writeQrY4m(camera, hubLinkWithCode(SIGNALING, hub.hubCode));
	const scanner = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...fakeCameraArgs(camera)] });
	try {
		const page = await (await scanner.newContext({ locale: 'fr-CA', baseURL: FACILITATOR })).newPage();
		await page.goto('/settings');
		await page.getByRole('button', { name: 'Scanner le code QR du boîtier' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Adresse et code du boîtier enregistrés' })).toBeVisible({ timeout: 20_000 });
		await expect(page.getByLabel(/Adresse du serveur de rendez-vous/)).toHaveValue(SIGNALING);
		await expect(page.getByLabel('Code du boîtier', { exact: true })).toHaveValue(formatHubCode(hub.hubCode));
		await expectNoAxeViolations(page, 'settings after scanning the hub code');
		// The address is stored without the code (addresses travel in join links).
		await page.reload();
		await expect(page.getByLabel(/Adresse du serveur de rendez-vous/)).toHaveValue(SIGNALING);

		const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Séance du code scanné' });
		await expectSessionPinned(dataDir, id);
	} finally {
		await scanner.close();
		rmSync(folder, { recursive: true, force: true });
	}
});
