import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { buildPhoneLink } from '../../src/lib/sync/phone-link';
import { buildJoinLink } from '../../src/lib/sync/join-link';
import { expectNoAxeViolations, expectTabReachable, expectTouchTargets } from './support/axe';
import { startHub, hubPort, type HubProcess, expectSessionPinned } from './support/hub-process';
import { addNote, launchPhoneBrowser, noteCard, setHubInSettings, storedSessionKey } from './support/hub-devices';
import { createSession } from './support/session-fixture';
import { zipKit } from './support/kit-zip';

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
	phoneBrowser = await launchPhoneBrowser();
});

test.afterAll(async () => {
	await phoneBrowser?.close();
	await hub?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

async function facilitatorDevice(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR });
	const page = await context.newPage();
	await setHubInSettings(page, SIGNALING, hub!.hubCode);
	return { context, page };
}

/** A facilitator's tablet with a new « Imaginer » session on the bundled kit, pinned on the hub. */
async function pinnedSession(browser: Browser, title: string): Promise<{ facilitator: { context: BrowserContext; page: Page }; id: string; key: string }> {
	const facilitator = await facilitatorDevice(browser);
	const id = await createSession(facilitator.page, { kitId: KIT, agendaId: 'imaginer', title });
	const key = await storedSessionKey(facilitator.page, id);
	// The console attached the hub: the hub pinned this session's token.
	await expectSessionPinned(dataDir, id);
	return { facilitator, id, key };
}

async function phoneDevice(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await phoneBrowser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	return { context, page: await context.newPage() };
}

test('a phone on the hub’s insecure origin opens a station, consents, adds notes that survive a hub SIGKILL; a wrong key gets nothing', async ({ browser }) => {
	test.setTimeout(180_000);
	const { facilitator, id, key } = await pinnedSession(browser, 'Téléphones au relais');
	await facilitator.page.goto(`/activity?id=${id}&activity=${ACTIVITY}&station=${STATION}&role=facilitator`);

	const phone = await phoneDevice();
	// Nothing on the phone's path may throw for lack of WebCrypto or a service worker.
	const pageErrors: string[] = [];
	phone.page.on('pageerror', (error) => pageErrors.push(error.message));
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
	await phone.page.screenshot({ path: test.info().outputPath('phone-station.png'), fullPage: true });
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

	expect(pageErrors, 'uncaught errors on the phone page').toEqual([]);

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

test('the join sheet lists the stations; a phone votes with dots, writes silently at a silent station; the take-home link shows the summary read-only', async ({ browser }) => {
	test.setTimeout(120_000);
	const facilitator = await facilitatorDevice(browser);
	const id = await createSession(facilitator.page, { kitId: KIT, agendaId: 'imaginer', title: 'Bilan à emporter' });
	const key = await storedSessionKey(facilitator.page, id);
	await facilitator.page.goto(`/activity?id=${id}&activity=reves&role=facilitator`);
	await addNote(facilitator.page, 'Un comité citoyen permanent');
	await expectSessionPinned(dataDir, id);

	const phone = await phoneDevice();
	await phone.page.goto(buildPhoneLink(PHONE, { view: 'join', sessionId: id, key, station: '' }));
	await expect(phone.page.getByRole('heading', { name: 'Choisissez votre station' })).toBeVisible({ timeout: 20_000 });
	await expect(phone.page.getByRole('button', { name: 'Station 1 : Les sujets à discuter' })).toBeVisible();
	await expectNoAxeViolations(phone.page, 'phone join sheet');
	await expectTouchTargets(phone.page, 'phone join sheet');
	await phone.page.screenshot({ path: test.info().outputPath('phone-join.png') });
	// In English too.
	await phone.page.locator('.language-switch').click();
	await expect(phone.page.getByRole('heading', { name: 'Choose your station' })).toBeVisible();
	await expect(phone.page.locator('[data-hub-state="connected"]')).toHaveText('Connected to the venue hub: your notes are sent.');
	await phone.page.locator('.language-switch').click();
	await phone.page.getByRole('button', { name: 'Rêvons les façons de participer' }).click();
	await phone.page.getByRole('button', { name: 'J’accepte de participer' }).click();
	const card = noteCard(phone.page, 'Un comité citoyen permanent');
	await expect(card).toBeVisible();
	await expect(phone.page.getByText('Gommettes qui vous restent : 3 sur 3.')).toBeVisible();
	await card.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(phone.page.getByText('Gommettes qui vous restent : 2 sur 3.')).toBeVisible();
	await expect(noteCard(facilitator.page, 'Un comité citoyen permanent')).toContainText('1 gommette');
	await expectTouchTargets(phone.page, 'phone voting');
	// Back to the list of stations.
	await phone.page.getByRole('button', { name: 'Toutes les stations' }).click();
	await expect(phone.page.getByRole('heading', { name: 'Choisissez votre station' })).toBeVisible();

	// A silent-writing station: the phone sees only its own notes and a count of the others.
	await facilitator.page.goto(`/activity?id=${id}&activity=inspirations-preoccupations&role=facilitator`);
	await addNote(facilitator.page, 'Note cachée pendant le silence');
	await phone.page.getByRole('button', { name: /Inspirations/ }).click();
	await expect(phone.page.getByText('Écriture silencieuse', { exact: false }).first()).toBeVisible();
	await expect(phone.page.getByText(/1 note des autres/)).toBeVisible();
	await expect(noteCard(phone.page, 'Note cachée pendant le silence')).toHaveCount(0);
	await addNote(phone.page, 'Ma note silencieuse');
	await expect(noteCard(phone.page, 'Ma note silencieuse')).toBeVisible();
	await expect(noteCard(facilitator.page, 'Ma note silencieuse')).toBeVisible();

	// The phone summary view, for devices that hold the key (the wall shows the keyless take-home page instead).
	await phone.page.goto(buildPhoneLink(PHONE, { view: 'summary', sessionId: id, key, station: '' }));
	await expect(phone.page.getByRole('heading', { name: 'Bilan de la session' })).toBeVisible();
	const summary = phone.page.locator('article.summary');
	await expect(summary).toContainText('Un comité citoyen permanent');
	await expect(phone.page.getByLabel('Votre note', { exact: true })).toHaveCount(0);
	await expectNoAxeViolations(phone.page, 'phone summary');
	await phone.page.screenshot({ path: test.info().outputPath('phone-summary.png') });
	await expectTouchTargets(phone.page, 'phone summary');
	const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, 'the summary fits the phone’s width').toBeLessThanOrEqual(0);

	// The facilitator's tablets panel lists the hub link; renewing the key carries the hub along
	// (re-pin): the facilitator stays on it, the phone on the old key is cut off and says so plainly.
	await facilitator.page.goto(`/console?id=${id}`);
	const panel = facilitator.page.locator('.sync-panel');
	const hubActive = panel.getByRole('listitem').filter({ hasText: /Boîtier de la salle\s*:\s*active/ });
	await expect(hubActive).toBeVisible();
	await expect(phone.page.locator('[data-hub-state="connected"]')).toBeVisible();
	facilitator.page.once('dialog', (dialog) => void dialog.accept());
	await panel.getByRole('button', { name: 'Renouveler la clé de la séance' }).click();
	await expect(panel.locator('[data-reprint-sheets]')).toHaveText(/Réimprimez les fiches des stations/);
	await expect(panel.locator('[data-hub-problem]')).toHaveCount(0);
	await expect(hubActive).toBeVisible({ timeout: 20_000 });
	await expectNoAxeViolations(facilitator.page, 'tablets panel after a key renewal');
	await expect(phone.page.locator('[data-hub-state="key-renewed"]')).toHaveText(
		'L’animation a renouvelé la clé de la session : ce code ne fonctionne plus. Vos notes restent sur ce téléphone ; scannez la nouvelle fiche de la station.'
	);
	await expectNoAxeViolations(phone.page, 'phone cut off by a key renewal');

	// A phone with a link on the new key reaches the facilitator through the hub.
	const newKey = await storedSessionKey(facilitator.page, id);
	expect(newKey).not.toBe(key);
	await facilitator.page.goto(`/activity?id=${id}&activity=reves&role=facilitator`);
	const fresh = await phoneDevice();
	await fresh.page.goto(buildPhoneLink(PHONE, { view: 'join', sessionId: id, key: newKey, station: '' }));
	await fresh.page.getByRole('button', { name: 'Rêvons les façons de participer' }).click({ timeout: 20_000 });
	await fresh.page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await addNote(fresh.page, 'Après le renouvellement de la clé');
	await expect(noteCard(facilitator.page, 'Après le renouvellement de la clé')).toBeVisible();
	// The old link opened afresh is refused with the same plain reason.
	const stale = await phoneDevice();
	await stale.page.goto(buildPhoneLink(PHONE, { view: 'join', sessionId: id, key, station: '' }));
	await expect(stale.page.getByRole('alert')).toHaveText(/Ce code date d’avant le renouvellement de la clé de la session/);

	await stale.context.close();
	await fresh.context.close();
	await phone.context.close();
	await facilitator.context.close();
});

test('a tablet that loaded the app from the hub (insecure origin, no WebRTC) joins by link and syncs through the hub', async ({ browser }) => {
	test.setTimeout(120_000);
	const facilitator = await facilitatorDevice(browser);
	const id = await createSession(facilitator.page, { kitId: KIT, agendaId: 'imaginer', title: 'Tablette par le relais' });
	const key = await storedSessionKey(facilitator.page, id);
	await facilitator.page.goto(`/activity?id=${id}&activity=${ACTIVITY}&station=${STATION}&role=facilitator`);
	await addNote(facilitator.page, 'Écrite à la console');

	// The invitation as a facilitator who set the hub's LAN address would share it.
	const tablet = await phoneDevice();
	await tablet.page.goto(buildJoinLink(`${PHONE}/join`, { sessionId: id, key, role: 'station', signaling: [`ws://phone.test:${PORT}/signaling`] }));
	await expect(tablet.page).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	expect(await tablet.page.evaluate(() => isSecureContext)).toBe(false);
	await tablet.page.goto(`${PHONE}/activity?id=${id}&activity=${ACTIVITY}&station=${STATION}`);
	await expect(noteCard(tablet.page, 'Écrite à la console')).toBeVisible();
	await tablet.page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await addNote(tablet.page, 'Écrite sur la tablette du relais');
	await expect(noteCard(facilitator.page, 'Écrite sur la tablette du relais')).toBeVisible();

	await tablet.context.close();
	await facilitator.context.close();
});

test('a phone’s note at a station shows on the console where it landed, with a link to moderate it there', async ({ browser }) => {
	test.setTimeout(120_000);
	const { facilitator, id, key } = await pinnedSession(browser, 'Notes qui arrivent');
	// The console shows the first activity, not the stations.
	await facilitator.page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	const feed = facilitator.page.locator('[data-incoming]');
	await expect(feed.getByText('Aucune note dans une autre activité pour l’instant.')).toBeVisible();

	const phone = await phoneDevice();
	await phone.page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: STATION }));
	await phone.page.getByRole('button', { name: 'J’accepte de participer' }).click({ timeout: 20_000 });
	await addNote(phone.page, 'Écrite au téléphone pendant l’accueil');

	const item = feed.getByRole('listitem').filter({ hasText: 'Écrite au téléphone pendant l’accueil' });
	await expect(item).toBeVisible({ timeout: 20_000 });
	const where = item.getByRole('link', { name: 'Quatre stations thématiques · Station 1 : Les sujets à discuter' });
	await expect(where).toHaveAttribute('href', `/activity?id=${id}&activity=${ACTIVITY}&station=${STATION}&role=facilitator`);
	await expect(item).toContainText('à l’instant');
	await expectNoAxeViolations(facilitator.page, 'console with a note arrived elsewhere');
	await expectTouchTargets(facilitator.page, 'console with a note arrived elsewhere');
	await expectTabReachable(facilitator.page, where, 'the place of the incoming note');
	await facilitator.page.keyboard.press('Enter');
	await expect(facilitator.page).toHaveURL(/role=facilitator$/);
	await expect(noteCard(facilitator.page, 'Écrite au téléphone pendant l’accueil')).toBeVisible();

	await phone.context.close();
	await facilitator.context.close();
});

test.describe('installed on a secure origin', () => {
	// The phone's pages come from the app's worker while the hub is down.
	test.use({ serviceWorkers: 'allow' });

	test('a phone on a secure origin, reloaded while the hub is down, says the hub is unreachable, retries by itself and recovers', async ({ browser }) => {
		test.setTimeout(240_000);
		const { facilitator, id, key } = await pinnedSession(browser, 'Relais qui redémarre');

		// A phone that opened the app on the hub's own name (localhost: a secure origin, so the app's
		// service worker is installed and serves pages while the hub is down).
		const context = await browser.newContext({ locale: 'fr-CA', baseURL: FACILITATOR, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
		const phone = await context.newPage();
		await phone.goto('/');
		await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });

		await hub!.kill();
		hub = null;
		await phone.goto(buildPhoneLink(FACILITATOR, { view: 'station', sessionId: id, key, station: STATION }));
		const alert = phone.getByRole('alert');
		await expect(alert).toContainText('Le boîtier de la salle ne répond pas.', { timeout: 30_000 });
		await expect(alert.locator('[data-phone-retrying]')).toContainText('Nouvel essai automatique');
		await expect(phone.getByText('n’est pas servie par le boîtier')).toHaveCount(0);
		await expectNoAxeViolations(phone, 'phone while the hub is down');
		await expectTouchTargets(phone, 'phone while the hub is down');

		// The hub comes back: the phone picks up without anyone pressing a button.
		hub = await startHub(dataDir, PORT);
		await expect(phone.getByRole('heading', { name: 'Avant de participer' })).toBeVisible({ timeout: 60_000 });
		await phone.getByRole('button', { name: 'J’accepte de participer' }).click();
		await expect(phone.locator('[data-hub-state="connected"]')).toBeVisible({ timeout: 30_000 });
		await addNote(phone, 'Après le retour du boîtier');

		// With the session stored, a reload during an outage opens it from the phone and says the link is lost.
		await hub!.kill();
		hub = null;
		await phone.reload();
		await expect(phone.locator('[data-hub-state="lost"]')).toBeVisible({ timeout: 30_000 });
		await expect(noteCard(phone, 'Après le retour du boîtier')).toBeVisible();
		await expect(phone.getByText('n’est pas servie par le boîtier')).toHaveCount(0);
		hub = await startHub(dataDir, PORT);
		await expect(phone.locator('[data-hub-state="connected"]')).toBeVisible({ timeout: 60_000 });

		await context.close();
		await facilitator.context.close();
	});
});

test('a phone says so when the session’s kit is not one the hub serves', async ({ browser }) => {
	test.setTimeout(120_000);
	const facilitator = await facilitatorDevice(browser);
	await facilitator.page.goto('/kits');
	await facilitator.page.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'kit.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/library-ai-conversation', (m) => {
			m.id = 'trousse-importee';
			m.title = { en: 'Kit imported on the tablet' };
		})
	});
	await expect(facilitator.page.getByRole('status').filter({ hasText: 'a été importée' })).toBeVisible();
	await facilitator.page.goto('/sessions/new');
	const option = facilitator.page.getByLabel('Trousse').locator('option', { hasText: 'Kit imported on the tablet' });
	await facilitator.page.getByLabel('Trousse').selectOption((await option.getAttribute('value'))!);
	await facilitator.page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(facilitator.page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(facilitator.page.url()).searchParams.get('id')!;
	const key = await storedSessionKey(facilitator.page, id);
	await expectSessionPinned(dataDir, id);

	const phone = await phoneDevice();
	await phone.page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: 'hopes-worries' }));
	await expect(phone.page.getByRole('alert')).toContainText('La trousse de cette session (trousse-importee 1.0.0) n’est pas servie par le boîtier de la salle', { timeout: 20_000 });
	await expectNoAxeViolations(phone.page, 'phone kit missing');

	await phone.context.close();
	await facilitator.context.close();
});

/**
 * A page that shares one Y.Map through stock y-webrtc (from the app's node_modules, bundled here
 * with vite's build API), with a password as Tablée uses, through `signaling`.
 */
async function buildStockPage(dir: string): Promise<string> {
	const src = join(dir, 'src');
	mkdirSync(src);
	writeFileSync(join(src, 'index.html'), '<!doctype html><html lang="fr"><meta charset="utf-8"><title>y-webrtc</title><main></main><script type="module" src="./main.js"></script></html>');
	writeFileSync(
		join(src, 'main.js'),
		`import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
const params = new URLSearchParams(location.search);
const doc = new Y.Doc();
const map = doc.getMap('shared');
const provider = new WebrtcProvider(params.get('room'), doc, { signaling: [params.get('signaling')], password: params.get('password') });
window.__set = (key, value) => map.set(key, value);
window.__get = (key) => map.get(key) ?? null;
window.__peers = () => (provider.room ? provider.room.webrtcConns.size : 0);
`
	);
	const modules = resolve('node_modules');
	const out = join(dir, 'out');
	await build({
		root: src,
		configFile: false,
		logLevel: 'warn',
		build: { outDir: out, emptyOutDir: true },
		resolve: { alias: [{ find: /^yjs$/, replacement: join(modules, 'yjs') }, { find: /^y-webrtc$/, replacement: join(modules, 'y-webrtc') }] }
	});
	return out;
}

/** Serves `dir` (files only) on an ephemeral loopback port. */
async function serveFolder(dir: string): Promise<Server> {
	const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
	const server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		const file = resolve(dir, '.' + (path === '/' ? '/index.html' : path));
		if (!file.startsWith(dir) || !existsSync(file)) {
			response.writeHead(404).end();
			return;
		}
		response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	return server;
}

test('two pages with stock y-webrtc from npm find each other through the hub’s /signaling and sync a Y.Doc', async ({ browser }) => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'tablee-stock-webrtc-'));
	try {
		const out = await buildStockPage(dir);
		// Served from loopback by a small server of this test (a secure context: y-webrtc's password needs WebCrypto).
		const server = await serveFolder(out);
		const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
		const query = `?room=tablee-stock-${Date.now()}&password=mot-de-passe-du-test&signaling=${encodeURIComponent(SIGNALING)}`;
		const pages: Page[] = [];
		for (let i = 0; i < 2; i++) {
			const page = await (await browser.newContext()).newPage();
			await page.goto(`${origin}/${query}`);
			await expect.poll(() => page.evaluate(() => typeof (window as unknown as { __set?: unknown }).__set)).toBe('function');
			pages.push(page);
		}
		const [a, b] = pages as [Page, Page];
		await expect.poll(() => a.evaluate(() => (window as unknown as { __peers: () => number }).__peers()), { timeout: 30_000 }).toBe(1);
		await a.evaluate(() => (window as unknown as { __set: (k: string, v: string) => void }).__set('note', 'Envoyée par A'));
		await expect.poll(() => b.evaluate(() => (window as unknown as { __get: (k: string) => string | null }).__get('note'))).toBe('Envoyée par A');
		await b.evaluate(() => (window as unknown as { __set: (k: string, v: string) => void }).__set('reply', 'Reçue par B'));
		await expect.poll(() => a.evaluate(() => (window as unknown as { __get: (k: string) => string | null }).__get('reply'))).toBe('Reçue par B');
		for (const page of pages) await page.context().close();
		await new Promise((done) => server.close(done));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
