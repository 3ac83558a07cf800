import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { createSession } from './support/session-fixture';
import { newWindow } from './support/windows';

// Offline use and the service worker's routing are what this file tests (screen specs block the worker).
test.use({ serviceWorkers: 'allow' });

const QC_KIT = "Dialogue citoyen sur l'IA dans les services publics";

test('home screen speaks French (Québec) first and switches to English, and the choice persists', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Tablée' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr-CA');
	await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
	await expectNoAxeViolations(page, 'home (fr-CA)');
	await expectTouchTargets(page, 'home (fr-CA)');
	// Keyboard users can skip the header: the first Tab reaches a visible "skip" link.
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Aller au contenu' });
	await expect(skip).toBeFocused();
	expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
	await skip.press('Enter');
	await expect(page.locator('#main')).toBeFocused();

	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await expectNoAxeViolations(page, 'home (en)');
});

test('an English browser gets English on first visit', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await context.close();
});

test('the app is installable: manifest with icons, and a service worker controls the page', async ({ page }) => {
	await page.goto('/');
	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest.start_url).toBe('/');
	expect(manifest.display).toBe('standalone');
	expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await expect(page.getByText('L’application est prête à fonctionner sans Internet.')).toBeVisible();
});

test('after one visit the app reloads and navigates with the network off', async ({ page, context }) => {
	await page.goto('/');
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	// Let the precache finish (the worker is activated only after every file is cached).
	await page.evaluate(() => navigator.serviceWorker.ready);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Tablée' })).toBeVisible();
	// Chromium 150 does not re-apply the offline emulation to a document loaded while it is on
	// (navigator.onLine reads true): toggle it so the new page sees the network go away.
	await context.setOffline(false);
	await context.setOffline(true);
	await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible();
	await context.setOffline(false);
});

test('a first visit is enough: offline, a new session’s station opens its bundled kit and takes a note', async ({ page, context }) => {
	// Runs on the first build of a clean tree (playwright.config.ts removes static/kits/ before
	// building): the bundled kits written during that build must be precached too.
	let offline = false;
	const offlineErrors: string[] = [];
	const kitRequests: string[] = [];
	page.on('console', (message) => {
		if (offline && message.type() === 'error') offlineErrors.push(`${message.text()} @ ${message.location().url}`);
	});
	page.on('pageerror', (error) => {
		if (offline) offlineErrors.push(`${error.message} (uncaught)`);
	});
	page.on('requestfinished', async (request) => {
		if (!offline || !new URL(request.url()).pathname.startsWith('/kits/')) return;
		const response = await request.response();
		kitRequests.push(`${new URL(request.url()).pathname} ${response?.fromServiceWorker() ? 'service worker' : 'network'}`);
	});
	page.on('requestfailed', (request) => {
		if (offline && new URL(request.url()).pathname.startsWith('/kits/')) kitRequests.push(`${new URL(request.url()).pathname} failed: ${request.failure()?.errorText}`);
	});

	await page.goto('/');
	await expect(page.getByText('L’application est prête à fonctionner sans Internet.')).toBeVisible();
	// A hashed file the caches lack is still asked of the network (here the app server's 404).
	expect(await page.evaluate(() => fetch('/_app/immutable/chunks/not-built.js').then((r) => r.status))).toBe(404);

	// A new session on the bundled kit, the way a facilitator makes one.
	await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Séances' }).click();
	await page.getByRole('link', { name: 'Nouvelle séance' }).click();
	const form = page.locator('form');
	const kitSelect = form.locator('select').first();
	const kitOption = kitSelect.locator('option', { hasText: QC_KIT });
	await expect(kitOption).toHaveCount(1);
	await kitSelect.selectOption((await kitOption.getAttribute('value'))!);
	await form.locator('input[name="agenda"][value="imaginer"]').check();
	await form.locator('input[type="text"]').first().fill('Atelier sans Internet');
	await form.locator('button[type="submit"]').click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(page.url()).searchParams.get('id')!;
	await page.goto(`/activity?id=${id}&activity=inspirations-preoccupations`);
	await expect(page.getByRole('button', { name: 'J’accepte de participer' })).toBeVisible();

	// The network goes away; the station tablet reloads. No online/offline toggle here (unlike the
	// test above): a moment online would let the page's kit requests through and hide a file
	// missing from the precache. Requests are cut for documents loaded offline; the probe checks it.
	offline = true;
	await context.setOffline(true);
	await page.reload();
	expect(await page.evaluate(() => fetch('/not-precached-probe').then(() => 'reached', () => 'cut'))).toBe('cut');
	await expect(page.getByRole('button', { name: 'J’accepte de participer' })).toBeVisible();
	await expect(page.getByText('Cette tablette n’a pas la trousse de la séance')).toHaveCount(0);
	// The app's hashed files came from the precache through the worker's static route
	// (`addRoutes`), without waking its fetch handler for each one.
	const sources = await page.evaluate(() =>
		(performance.getEntriesByType('resource') as (PerformanceResourceTiming & { workerFinalSourceType?: string })[])
			.filter((r) => new URL(r.name).pathname.startsWith('/_app/immutable/'))
			.map((r) => r.workerFinalSourceType)
	);
	expect(sources.length).toBeGreaterThan(20);
	expect(new Set(sources)).toEqual(new Set(['cache']));
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await page.getByLabel('Votre note', { exact: true }).fill('Une note écrite sans Internet');
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
	await expect(page.getByRole('article').filter({ has: page.locator('p.text').getByText('Une note écrite sans Internet', { exact: true }) })).toBeVisible();

	// The home screen and the sessions list read the bundled kits from the precache too.
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 3, name: QC_KIT })).toBeVisible();
	await expect(page.getByText('Impossible de lire la liste des trousses')).toHaveCount(0);
	await page.goto('/sessions');
	// A session card names its kit by title only when the kit list could be read.
	await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Atelier sans Internet' }) }).getByText(QC_KIT)).toBeVisible();
	await expect(page.getByText('Impossible de lire la liste des trousses')).toHaveCount(0);

	expect(offlineErrors.filter((e) => /Failed to fetch|kits\/index\.json/.test(e))).toEqual([]);
	expect(kitRequests.length).toBeGreaterThan(0);
	expect(kitRequests.filter((r) => !r.endsWith(' service worker'))).toEqual([]);
	await context.setOffline(false);
});

test('a station loads only the participant part of the catalog, offline too; other screens add the rest', async ({ page, context }) => {
	const id = await createSession(page, { kitId: 'dialogue-ia-services-publics', agendaId: 'imaginer', title: 'Atelier catalogue' });
	await page.evaluate(() => navigator.serviceWorker.ready);
	// Offline from here on: every part can only come from the service worker's precache.
	await context.setOffline(true);
	await context.addInitScript(watchForKeys);
	const station = await newWindow(context);
	// Parts are told apart by content: the participant part holds the navigation label, the other
	// part the studio's language names.
	const loaded: string[] = [];
	station.on('response', async (response) => {
		const url = response.url();
		if (!url.includes('/_app/immutable/') || !url.endsWith('.js') || response.status() !== 200) return;
		const body = await response.text().catch(() => '');
		if (body.includes('Navigation principale')) loaded.push('participant fr-CA');
		if (body.includes('Main navigation')) loaded.push('participant en');
		if (/"studio\.lang\.en":\s*[`"']anglais/.test(body)) loaded.push('others fr-CA');
		if (/"studio\.lang\.en":\s*[`"']English/.test(body)) loaded.push('others en');
	});
	await station.goto(`/activity?id=${id}&activity=stations-thematiques&station=s1-themes`);
	await station.getByRole('button', { name: 'J’accepte de participer' }).click();
	await expect(station.getByLabel('Votre note', { exact: true })).toBeVisible();
	await expect.poll(() => loaded).toEqual(['participant fr-CA']);

	await station.getByRole('button', { name: 'Switch to English' }).click();
	await expect(station.getByLabel('Your note', { exact: true })).toBeVisible();
	await expect.poll(() => loaded).toEqual(['participant fr-CA', 'participant en']);

	// The station bar's brand leads to the sessions list: that screen loads the rest (in English).
	await station.getByRole('link', { name: 'Tablée' }).click();
	await expect(station.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
	await expect(station.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await expect.poll(() => loaded).toEqual(['participant fr-CA', 'participant en', 'others en']);
	expect(await station.evaluate(() => (window as unknown as { __keysSeen: string[] }).__keysSeen)).toEqual([]);
	await context.setOffline(false);
});

/** Records, from the first paint on, any text that looks like a message key (`app.nav.home`). */
function watchForKeys(): void {
	const seen: string[] = [];
	(window as unknown as { __keysSeen: string[] }).__keysSeen = seen;
	const key = /^(app|home|sync|library|storage|session|kits|live|sessions|board|console|export|games|pairing|phone|sheets|syncui)\.[A-Za-z0-9.]+$/;
	new MutationObserver(() => {
		const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const text = n.textContent?.trim() ?? '';
			if (key.test(text)) seen.push(text);
		}
	}).observe(document, { childList: true, subtree: true, characterData: true });
}

test('only the active language’s catalog is loaded, never a key on screen; offline the language still switches', async ({ page, context }) => {
	// Catalog chunks are told apart by content: each holds its language's navigation label.
	const loaded: { url: string; locale: 'fr-CA' | 'en' }[] = [];
	page.on('response', async (response) => {
		const url = response.url();
		if (!url.includes('/_app/immutable/') || !url.endsWith('.js') || response.status() !== 200) return;
		const body = await response.text().catch(() => '');
		if (body.includes('Main navigation')) loaded.push({ url, locale: 'en' });
		if (body.includes('Navigation principale')) loaded.push({ url, locale: 'fr-CA' });
	});
	await context.addInitScript(watchForKeys);
	await page.goto('/');
	await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => loaded.map((l) => l.locale)).toContain('fr-CA');
	expect(loaded.filter((l) => l.locale === 'en')).toEqual([]);

	// Offline from here on: the English catalog can only come from the service worker's precache.
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
	expect(await page.evaluate(() => fetch('/not-precached-probe').then(() => 'reached', () => 'cut'))).toBe('cut');
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await page.getByRole('button', { name: 'Passer au français' }).click();
	await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
	expect(await page.evaluate(() => (window as unknown as { __keysSeen: string[] }).__keysSeen)).toEqual([]);
	await context.setOffline(false);
});
