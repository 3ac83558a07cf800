import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';

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
