import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';

function sessionCard(page: Page, title: string) {
	return page.locator('li.card').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

async function createSession(page: Page, title: string, agenda: RegExp = /Imaginer/) {
	await page.goto('/sessions/new');
	await expect(page.getByLabel('Trousse')).toHaveValue(/dialogue-ia-services-publics@/);
	await page.getByRole('radio', { name: agenda }).check();
	await page.getByLabel('Titre de la séance').fill(title);
	await page.getByLabel('Lieu').fill('Bibliothèque de Rimouski');
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(page.url()).searchParams.get('id')!;
}

test('a facilitator creates a session from a kit, and manages it from the sessions list', async ({ page }) => {
	await page.goto('/sessions/new');
	await expect(page.getByRole('radio', { name: /Prototyper/ })).toBeVisible();
	await expectNoAxeViolations(page, 'new session form');
	await expectTouchTargets(page, 'new session form');
	// The title follows the chosen agenda until the facilitator types one.
	await page.getByRole('radio', { name: /Prototyper/ }).check();
	await expect(page.getByLabel('Titre de la séance')).toHaveValue(/Prototyper/);

	const id = await createSession(page, 'Atelier Imaginer — Rimouski');
	expect(id.length).toBeGreaterThan(8);

	// The home screen lists recent sessions.
	await page.goto('/');
	const recent = page.getByRole('region', { name: 'Séances récentes' });
	await expect(recent.getByRole('link', { name: 'Atelier Imaginer — Rimouski' })).toHaveAttribute('href', `/console?id=${id}`);

	await page.goto('/sessions');
	const card = sessionCard(page, 'Atelier Imaginer — Rimouski');
	await expect(card).toContainText('Bibliothèque de Rimouski');
	await expect(card.getByRole('link', { name: 'Animer' })).toHaveAttribute('href', `/console?id=${id}`);
	await expectNoAxeViolations(page, 'sessions list');
	await expectTouchTargets(page, 'sessions list');

	// Duplicate: a second, independent session with the same title.
	await card.getByRole('button', { name: 'Dupliquer' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Une copie vide' })).toBeVisible();
	await expect(sessionCard(page, 'Atelier Imaginer — Rimouski')).toHaveCount(2);

	// Archive then unarchive.
	await sessionCard(page, 'Atelier Imaginer — Rimouski').first().getByRole('button', { name: 'Archiver' }).click();
	await expect(sessionCard(page, 'Atelier Imaginer — Rimouski')).toHaveCount(1);
	await page.getByRole('button', { name: 'Voir la séance archivée' }).click();
	await sessionCard(page, 'Atelier Imaginer — Rimouski').filter({ hasText: 'archivée' }).getByRole('button', { name: 'Désarchiver' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'n’est plus archivée' })).toBeVisible();

	// Delete asks for confirmation; dismissing keeps the session.
	page.once('dialog', (d) => d.dismiss());
	await sessionCard(page, 'Atelier Imaginer — Rimouski').first().getByRole('button', { name: 'Supprimer' }).click();
	await expect(sessionCard(page, 'Atelier Imaginer — Rimouski')).toHaveCount(2);
	page.once('dialog', (d) => d.accept());
	await sessionCard(page, 'Atelier Imaginer — Rimouski').first().getByRole('button', { name: 'Supprimer' }).click();
	await expect(sessionCard(page, 'Atelier Imaginer — Rimouski')).toHaveCount(1);
	await page.reload();
	await expect(sessionCard(page, 'Atelier Imaginer — Rimouski')).toHaveCount(1);
});

test('a station tablet opens the session and waits for the facilitator; a wrong session id is explained', async ({ page }) => {
	const id = await createSession(page, 'Séance station');
	await page.goto(`/activity?id=${id}`);
	await expect(page.getByText('L’atelier n’a pas encore commencé.')).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
	await expectNoAxeViolations(page, 'station waiting');

	await page.goto('/activity?id=doesnotexist123');
	await expect(page.getByRole('alert')).toContainText('Cette séance n’existe pas sur cet appareil.');
	await page.goto('/activity');
	await expect(page.getByRole('alert')).toContainText('Aucune séance n’est indiquée');
});

test('the console offers the tablets panel and the invitation page', async ({ page }) => {
	const id = await createSession(page, 'Séance partagée');
	await expect(page.getByRole('link', { name: 'Inviter d’autres tablettes (code QR)' })).toHaveAttribute('href', `/share?id=${id}`);
	const panel = page.locator('section.sync-panel');
	await expect(panel).toBeVisible();
	await expect(panel.getByRole('heading', { level: 2, name: 'Tablettes de la séance' })).toBeVisible();
	await expectNoAxeViolations(page, 'console with tablets panel');
});

test('an unknown address shows a clear page with a way back', async ({ page }) => {
	await page.goto('/nulle-part');
	await expect(page.getByRole('heading', { level: 1, name: 'Un problème est survenu' })).toBeVisible();
	await expect(page.getByText('Cette page n’existe pas.')).toBeVisible();
	await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tablée' })).toBeVisible();
});
