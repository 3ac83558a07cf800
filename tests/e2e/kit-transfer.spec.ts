import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { importTravellingKit, TRAVELLING_KIT_KEY, TRAVELLING_KIT_TITLE } from './support/travelling-kit';
import { newWindow } from './support/windows';

/**
 * The kit travels with the session, in a real browser over a real cross-tab frame transport
 * (BroadcastChannel). Two tabs of one profile share IndexedDB, so "a tablet that lacks the kit" is
 * made by deleting the imported kit while another tab still has the session open (that tab holds
 * the validated kit in memory and serves it). Cross-device transfer (QR links) uses the same
 * frames and code; its browser test comes with the QR transport.
 */

function kitCard(page: Page, title: string) {
	return page.locator('li.card').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

async function deleteTravellingKit(page: Page) {
	await page.goto('/kits');
	page.once('dialog', (d) => d.accept());
	await kitCard(page, TRAVELLING_KIT_TITLE).getByRole('button', { name: 'Supprimer' }).click();
	await expect(page.getByRole('heading', { level: 3, name: TRAVELLING_KIT_TITLE })).toBeHidden();
}

async function createSession(page: Page): Promise<string> {
	await page.goto('/sessions/new');
	await page.getByLabel('Trousse').selectOption(TRAVELLING_KIT_KEY);
	await page.getByRole('radio', { name: /Imaginer/ }).check();
	await page.getByLabel('Titre de la séance').fill('Séance avec trousse voyageuse');
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(page.url()).searchParams.get('id')!;
}

/** Records every text a status region shows, so a short-lived progress message can be checked. */
async function recordStatuses(page: Page) {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { statuses: string[] }).statuses = seen;
		new MutationObserver(() => {
			for (const el of document.querySelectorAll('[role="status"]')) {
				const text = el.textContent?.trim() ?? '';
				if (text && seen.at(-1) !== text) seen.push(text);
			}
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
}

test('a tab that lacks the session’s kit receives it from another tab, then shows the activities', async ({ context }) => {
	const facilitator = await newWindow(context);
	await importTravellingKit(facilitator);
	const id = await createSession(facilitator);
	// The console keeps the session (and its kit) open in this tab.
	await expect(facilitator.getByRole('heading', { level: 1 })).toBeVisible();

	const station = await newWindow(context);
	await recordStatuses(station);
	await deleteTravellingKit(station);
	await station.goto(`/activity?id=${id}`);
	await expect(station.getByText('L’atelier n’a pas encore commencé.', { exact: false })).toBeVisible();
	const statuses = await station.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
	expect(statuses.some((s) => /^Réception de la trousse depuis les autres tablettes… \(\d+ %\)$/.test(s))).toBe(true);

	// The kit is stored on this device again, from the bytes the other tab sent.
	await station.goto('/kits');
	await expect(station.getByRole('heading', { level: 3, name: TRAVELLING_KIT_TITLE })).toBeVisible();
});

test('with no tablet to send the kit, the screen says so and what to do', async ({ page }) => {
	test.setTimeout(90_000);
	await importTravellingKit(page);
	const id = await createSession(page);
	await deleteTravellingKit(page);
	// The search gives up after 20 s with no answer: the page's clock jumps over that wait.
	await page.clock.install();
	await page.goto(`/activity?id=${id}`);
	await expect(page.getByRole('status')).toContainText('Cette tablette n’a pas la trousse de la séance (trousse-voyageuse 1.0.0)');
	await expectNoAxeViolations(page, 'waiting for the kit');
	const alert = page.getByRole('alert');
	await expect(alert).toHaveCount(0);
	await page.clock.fastForward(21_000);
	await expect(alert).toContainText('Aucune autre tablette de la séance n’a été trouvée');
	await expect(alert).toContainText('importer le fichier .zip de la trousse dans Trousses');
	await expectNoAxeViolations(page, 'kit not received');
	await expectTouchTargets(page, 'kit not received');
	await page.getByRole('link', { name: 'Importer la trousse dans Trousses' }).click();
	await expect(page).toHaveURL(/\/kits$/);
});
