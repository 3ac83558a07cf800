import { expect, test, type Browser, type Page } from '@playwright/test';
import { buildJoinLink, parseJoinLink } from '../../src/lib/sync/join-link';
import { generateSessionKey } from '../../src/lib/sync/session-key';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { startSignaling, type SignalingServer } from './support/signaling';
import { zipKit } from './support/kit-zip';
import { createImaginerSession, exportSessionFile, joinLink, newTablet, tabletsPanel } from './support/tablets';

/**
 * Tablets in sync, with real WebRTC: every browser context is a separate device (no shared
 * IndexedDB or BroadcastChannel), so what one device sees of another came through the project's
 * signaling server (started here on loopback) and a WebRTC data channel. Notes are written with the
 * station board; the partition is exercised on the tablets page (groups), where "work offline"
 * lives, and convergence is checked on the exported session files, which hold the notes too.
 *
 * Launch flags: none needed. Chromium hides host candidates behind mDNS names (`*.local`), and
 * contexts of one headless Chromium still connect (checked with and without
 * `--disable-features=WebRtcHideLocalIpsWithMdns`); the machine must have a default route, or
 * Chromium gathers no candidate at all (see docs: platform notes).
 */

let signaling: SignalingServer;

test.beforeAll(async () => {
	signaling = await startSignaling();
});

test.afterAll(async () => {
	await signaling?.stop();
});

const newDevice = (browser: Browser, name: string): Promise<Page> => newTablet(browser, name, signaling.url);
const createSession = createImaginerSession;
const panel = tabletsPanel;
const exportFile = exportSessionFile;

async function addGroup(page: Page, name: string) {
	await page.getByLabel('Nouveau groupe (nom)').fill(name);
	await page.getByRole('button', { name: 'Créer le groupe' }).click();
	await expect(group(page, name)).toBeVisible();
}

const group = (page: Page, name: string) => page.getByRole('radio', { name, exact: true });

test('settings explain and check the signaling address, in French and English', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Réglages de cet appareil' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Vérifier cet appareil' })).toBeVisible();
	await expect(page.getByText('Cet appareil peut se synchroniser avec les autres tablettes.')).toBeVisible();
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill('http://192.168.1.10:4444');
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await expect(page.getByRole('alert')).toContainText('Adresse de signalisation invalide : http://192.168.1.10:4444');
	await expectNoAxeViolations(page, 'settings');
	await expectTouchTargets(page, 'settings');
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill('');
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Aucune adresse' })).toBeVisible();

	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings of this device' })).toBeVisible();
	await expect(page.getByText('This device can sync with the other tablets.')).toBeVisible();
	await page.getByLabel(/Meeting-point server address/).fill('ws://hub.local:4444');
	await page.getByRole('button', { name: 'Save the address' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Address saved.' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(/Meeting-point server address/)).toHaveValue('ws://hub.local:4444');
	await expectNoAxeViolations(page, 'settings (en)');
});

test('three tablets join by link, sync over WebRTC, survive a partition and converge; removal, wrong key and key renewal', async ({ browser }) => {
	test.setTimeout(240_000);
	const a = await newDevice(browser, 'Tablette A');
	const b = await newDevice(browser, 'Station B');
	const c = await newDevice(browser, 'Tablette C');

	const id = await createSession(a, 'Atelier synchronisé');
	await a.goto(`/share?id=${id}`);
	// A signaling server is set: "Inviter une tablette" offers the join link and says why.
	await expect(a.locator('[data-invite-why]')).toHaveText(/Cette tablette connaît un serveur de connexion/);
	await expect(a.getByRole('img', { name: /Code QR pour rejoindre la séance/ })).toBeVisible();
	const stationLink = await joinLink(a, /Station \(posée/);
	const participantLink = await joinLink(a, /Tablette de participant/);
	expect(new URL(stationLink).pathname).toBe('/join');
	await expectNoAxeViolations(a, 'share');
	await expectTouchTargets(a, 'share');

	// B joins as a station, C as a participant: each lands on the activity screen.
	await b.goto(stationLink);
	await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	await expect(b.getByText('L’atelier n’a pas encore commencé.')).toBeVisible();
	expect(b.url()).not.toContain('#join=');
	await c.goto(participantLink);
	await expect(c).toHaveURL(new RegExp(`/activity\\?id=${id}&role=participant$`), { timeout: 30_000 });

	// Notes written at the same station on each device appear on the others (station board UI).
	const notes = { [0]: 'Note écrite sur la tablette A', [1]: 'Note écrite à la station B', [2]: 'Note écrite sur la tablette C' };
	const devices = [a, b, c];
	for (const [i, page] of devices.entries()) {
		await page.goto(`/activity?id=${id}&activity=stations-thematiques&station=s1-themes${i === 2 ? '&role=participant' : ''}`);
		await page.getByRole('button', { name: 'J’accepte de participer' }).click();
		await page.getByLabel('Votre note', { exact: true }).fill(notes[i as 0 | 1 | 2]);
		await page.getByRole('button', { name: 'Ajouter la note' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
	}
	for (const page of devices) {
		for (const text of Object.values(notes)) {
			await expect(page.getByRole('article').filter({ hasText: text }), `${text} reaches every device`).toBeVisible({ timeout: 30_000 });
		}
	}

	// Everyone opens the tablets page; each device writes, every device sees all writes.
	await a.goto(`/share?id=${id}`);
	await b.goto(`/share?id=${id}`);
	await c.goto(`/share?id=${id}`);
	for (const page of [a, b, c]) await expect(panel(page).getByRole('rowheader')).toHaveCount(2, { timeout: 30_000 });
	await expect(panel(a).getByRole('rowheader', { name: 'Station B' })).toBeVisible();
	await expect(panel(a).getByRole('rowheader', { name: 'Tablette C' })).toBeVisible();
	// Each device keeps the role it joined with.
	await expect(panel(a).getByRole('row', { name: /Station B Station/ })).toBeVisible();
	await expect(panel(a).getByRole('row', { name: /Tablette C Participant·e/ })).toBeVisible();
	await expect(panel(b).getByRole('row', { name: /Tablette A Animation/ })).toBeVisible();
	await addGroup(a, 'Table des bibliothécaires');
	await addGroup(b, 'Table des parents');
	await addGroup(c, 'Table des jeunes');
	for (const page of [a, b, c]) {
		for (const name of ['Table des bibliothécaires', 'Table des parents', 'Table des jeunes']) await expect(group(page, name)).toBeVisible();
	}
	await expect(a.getByRole('status').filter({ hasText: 'à jour' })).toBeVisible();
	await expectNoAxeViolations(a, 'share with peers');
	await expectTouchTargets(a, 'share with peers');

	// Partition: C works offline; both sides keep writing.
	await c.getByRole('button', { name: 'Travailler hors ligne' }).click();
	await expect(c.getByText('Cet appareil travaille hors ligne.')).toBeVisible();
	await expect(panel(a).getByRole('rowheader')).toHaveCount(1);
	await addGroup(c, 'Table écrite hors ligne');
	await addGroup(a, 'Table écrite pendant la coupure');
	await expect(group(b, 'Table écrite pendant la coupure')).toBeVisible();
	await expect(group(a, 'Table écrite hors ligne')).toHaveCount(0);
	await expect(group(c, 'Table écrite pendant la coupure')).toHaveCount(0);

	// Reconnect: both sides get everything, and the three session files are identical.
	await c.getByRole('button', { name: 'Se reconnecter' }).click();
	for (const page of [a, b, c]) {
		await expect(group(page, 'Table écrite hors ligne')).toBeVisible({ timeout: 30_000 });
		await expect(group(page, 'Table écrite pendant la coupure')).toBeVisible({ timeout: 30_000 });
	}
	const [fileA, fileB, fileC] = [await exportFile(a), await exportFile(b), await exportFile(c)];
	expect(fileB.equals(fileA), 'B and A hold the same session state').toBe(true);
	expect(fileC.equals(fileA), 'C and A hold the same session state').toBe(true);

	// Sneakernet: merging a file already merged changes nothing; a foreign file is refused.
	await a.getByLabel('Fusionner un fichier de séance').setInputFiles({ name: 'b.tablee-session', mimeType: 'application/octet-stream', buffer: fileB });
	await expect(a.getByRole('status').filter({ hasText: 'il ne contenait rien de nouveau' })).toBeVisible();
	await a.getByLabel('Fusionner un fichier de séance').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('pas une séance') });
	await expect(a.getByRole('alert')).toContainText('n’est pas une sauvegarde de session Tablée');

	// Removing a device: it learns it was removed and stops exchanging; the others stop listing it.
	a.once('dialog', (dialog) => dialog.accept());
	await panel(a).getByRole('button', { name: 'Retirer Tablette C' }).click();
	await expect(a.getByRole('status').filter({ hasText: '« Tablette C » est retiré de la séance' })).toBeVisible();
	await expect(c.getByRole('alert').filter({ hasText: 'Cet appareil a été retiré de la session' })).toBeVisible({ timeout: 20_000 });
	await expect(panel(a).getByRole('rowheader')).toHaveCount(1);
	await expect(panel(a).getByRole('rowheader', { name: 'Station B' })).toBeVisible();

	// A device with the right session id but a wrong key meets nobody and is told why.
	const good = parseJoinLink(stationLink);
	if (!good.ok) throw new Error('the station link must parse');
	const wrong = buildJoinLink(stationLink, { ...good.value, key: generateSessionKey() });
	const d = await newDevice(browser, 'Intruse D');
	// The search gives up after 20 s: its clock is moved past that instead of waited for.
	await d.clock.install();
	await d.goto(wrong);
	await expect(d.getByRole('status').filter({ hasText: 'Recherche des appareils de la séance' })).toBeVisible();
	// Long enough for a peer on the same machine to answer, had the key been right (they meet in
	// under a second when it is).
	await d.waitForTimeout(3_000);
	await expect(d.getByRole('alert')).toHaveCount(0);
	await d.clock.fastForward(20_000);
	await expect(d.getByRole('alert')).toContainText('Aucun appareil trouvé avec ce code');
	await expect(d.getByRole('button', { name: 'Chercher de nouveau' })).toBeVisible();
	await expectNoAxeViolations(d, 'join not found');
	await expectTouchTargets(d, 'join not found');
	await d.goto('/sessions');
	await expect(d.getByRole('heading', { name: 'Atelier synchronisé' })).toHaveCount(0);
	await expect(panel(a).getByRole('rowheader')).toHaveCount(1);

	// A damaged link is explained without searching.
	await d.goto('/join#join=abc$$');
	await expect(d.getByRole('alert')).toContainText('incomplet ou abîmé');

	// Renewing the key cuts the other tablets off until they rejoin with the new code.
	a.once('dialog', (dialog) => dialog.accept());
	await a.getByRole('button', { name: 'Renouveler la clé de la séance' }).click();
	await expect(a.getByRole('status').filter({ hasText: 'Nouvelle clé en service' })).toBeVisible();
	await expect(panel(a).getByText('Aucune autre tablette connectée pour le moment.')).toBeVisible({ timeout: 20_000 });
	const newLink = await joinLink(a, /Station \(posée/);
	expect(newLink).not.toBe(stationLink);
	await b.goto(newLink);
	await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	await b.goto(`/share?id=${id}`);
	await expect(panel(a).getByRole('rowheader', { name: 'Station B' })).toBeVisible({ timeout: 30_000 });
});

test('a tablet that joins a session whose kit it lacks receives the kit over WebRTC', async ({ browser }) => {
	test.setTimeout(120_000);
	const a = await newDevice(browser, 'Tablette A');
	const b = await newDevice(browser, 'Tablette B');
	await a.goto('/kits');
	await a.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'kit.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/library-ai-conversation', (m) => {
			m.id = 'trousse-locale';
			m.title = { en: 'Kit only on tablet A' };
		})
	});
	await expect(a.getByRole('status').filter({ hasText: 'a été importée' })).toBeVisible();
	await a.goto('/sessions/new');
	const kitOption = a.getByLabel('Trousse').locator('option', { hasText: 'Kit only on tablet A' });
	await a.getByLabel('Trousse').selectOption((await kitOption.getAttribute('value'))!);
	await a.getByLabel('Titre de la séance').fill('Séance à trousse locale');
	await a.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(a).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(a.url()).searchParams.get('id')!;
	// The share screen keeps the session, and so its kit, open on A: A serves the kit.
	await a.goto(`/share?id=${id}`);
	const link = await joinLink(a, /Station \(posée/);

	// Our frames run over WebRTC now, kit frames included: B joins, then receives the kit from A.
	await b.goto(link);
	await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	await expect(b.getByText('L’atelier n’a pas encore commencé.')).toBeVisible({ timeout: 60_000 });
	await b.goto('/kits');
	await expect(b.getByRole('heading', { level: 3, name: 'Kit only on tablet A' })).toBeVisible();
	// The session's own title travels in its doc header: the joined tablet lists it under that name.
	await b.goto('/sessions');
	await expect(b.getByRole('heading', { level: 3, name: 'Séance à trousse locale' })).toBeVisible();
});
