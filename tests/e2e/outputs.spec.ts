/**
 * Outputs that go back to participants and decision makers state true facts: long notes are never
 * cut silently and reach every export whole, people on a shared tablet are counted, the bilan
 * wraps long words, the spreadsheet export reads back, and a re-imported bundle opens (its kit
 * travels with it).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { createSession } from './support/session-fixture';
import { importTravellingKit, TRAVELLING_KIT_KEY, TRAVELLING_KIT_TITLE } from './support/travelling-kit';

const KIT = 'dialogue-ia-services-publics';

async function newSession(page: Page, agendaId = 'imaginer', kitId = KIT): Promise<string> {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	return createSession(page, { kitId, agendaId, title: 'Atelier sorties' });
}

async function openActivity(page: Page, id: string, activity: string): Promise<void> {
	await page.goto(`/activity?id=${id}&activity=${activity}`);
	await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
	const file = page.waitForEvent('download');
	await page.getByRole('button', { name: button, exact: true }).click();
	const done = await file;
	return { name: done.suggestedFilename(), path: (await done.path())! };
}

/** Pastes text into the focused field through the real clipboard, as a person would. */
async function paste(page: Page, text: string): Promise<void> {
	await page.evaluate((t) => navigator.clipboard.writeText(t), text);
	await page.keyboard.press('Control+V');
}

test('a long note: a paste over the limit is refused with a message, a counter near it, and every export carries the whole note', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const id = await newSession(page);
	await openActivity(page, id, 'inspirations-preoccupations');
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	const field = page.getByLabel('Votre note', { exact: true });
	await expect(page.getByText('Jusqu’à 2\u00a0000 caractères.')).toBeVisible();

	// 2,100 characters pasted: refused, said so, nothing typed before is lost.
	await field.fill('Déjà écrit : ');
	await field.press('End');
	await paste(page, 'é'.repeat(2100));
	await expect(page.getByRole('alert').filter({ hasText: 'Le texte collé compte 2\u00a0100 caractères' })).toBeVisible();
	await expect(field).toHaveValue('Déjà écrit : ');
	await expectNoAxeViolations(page, 'note form with a refused paste');

	// Typed up to 1,900 characters: the counter appears from 1,800.
	const start = 'Première ligne\nDeuxième ligne, avec des accents : é à ç « » ’\n';
	const body = `${start}${'mot '.repeat(Math.floor((1790 - start.length) / 4))}`;
	const typed = 'x'.repeat(1900 - body.length);
	await field.fill(body);
	await expect(page.getByTestId('text-counter')).toHaveCount(0);
	await field.press('End');
	await page.keyboard.type(typed);
	const full = body + typed;
	expect(full.length).toBe(1900);
	await expect(page.getByTestId('text-counter')).toHaveText('1\u00a0900 / 2\u00a0000');
	await expect(field).toHaveValue(full);
	await expectNoAxeViolations(page, 'note form with the counter');
	await expectTouchTargets(page, 'note form with the counter');
	await page.screenshot({ path: 'test-results/outputs-note-counter.png', fullPage: true });
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();

	// Every output holds the note as stored: JSON, both spreadsheets, CSV, bilan.
	await page.goto(`/export?id=${id}`);
	await expect(page.getByText('1 contribution, 0 groupe, 1 personne participante')).toBeVisible();
	const json = JSON.parse(readFileSync((await download(page, 'Trace complète (JSON)')).path, 'utf8')) as { contributions: { text: string; id: string }[] };
	expect(json.contributions.map((c) => c.text)).toEqual([full]);
	const csv = readFileSync((await download(page, 'Contributions (CSV)')).path, 'utf8');
	expect(csv).toContain(`"${full}"`);
	const xlsx = await download(page, 'Tableur (.xlsx) : contributions, cartes et cas');
	expect(xlsx.name).toMatch(/^tablee-.*\.xlsx$/);
	const [sheet] = await readXlsxFile(readFileSync(xlsx.path), { trim: false });
	expect(sheet!.data[0]![5]).toBe('Texte');
	expect(sheet!.data[1]![5]).toBe(full);
	expect(sheet!.data[1]![14]).toBe(json.contributions[0]!.id);
	await page.goto(`/report?id=${id}`);
	const item = page.locator('section#contributions li');
	await expect(item).toHaveCount(1);
	expect(await item.evaluate((li) => li.innerHTML)).toContain('Première ligne<br>Deuxième ligne');
	expect((await item.innerText()).replace(/\r/g, '')).toBe(full);
});

test('three people answering the check-in on one shared tablet are counted as three, and the bilan says how it counts', async ({ page }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'checkin-debut');
	for (const [i, answer] of ['Faibles', 'Moyennes', 'Bonnes'].entries()) {
		if (i > 0) await page.getByRole('button', { name: 'Passer la tablette à une autre personne' }).click();
		await page.getByRole('button', { name: 'J’accepte de participer' }).click();
		await page.getByRole('radio', { name: answer, exact: true }).check();
		await expect(page.getByRole('status').filter({ hasText: 'Réponse enregistrée' })).toBeVisible();
	}
	await page.goto(`/export?id=${id}`);
	await expect(page.getByText('0 contribution, 0 groupe, 3 personnes participantes')).toBeVisible();
	await page.goto(`/report?id=${id}`);
	await expect(page.locator('#context dl.facts')).toContainText('Personnes participantes3');
	await expect(page.getByText('Ce nombre compte les codes pseudonymes distincts qui ont écrit une note')).toBeVisible();
	// No group: no chart "out of 0", a sentence instead.
	await expect(page.getByText('Aucun groupe n’a été créé pendant la session : aucune carte n’a été retenue.')).toBeVisible();
});

test('the bilan page wraps long unbroken words: no horizontal scroll at 1280 px', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	const id = await newSession(page);
	await openActivity(page, id, 'inspirations-preoccupations');
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	// The longest word a note can hold (2,000 characters, pasted: it fits).
	await page.getByLabel('Votre note', { exact: true }).fill('A'.repeat(2000));
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
	await page.goto(`/report?id=${id}`);
	// The longest follow-up text (4,000 characters), saved into the bilan.
	await page.getByLabel('Ce que nous ferons des résultats', { exact: true }).fill('B'.repeat(4000));
	await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Suivi enregistré.' })).toBeVisible();
	await expect(page.locator('section#follow-up')).toContainText('BBBB');
	// Longer than anything the session can store: a 5,000-character word in the bilan's content.
	await page.locator('article.report section#contributions ul.notes').evaluate((ul) => {
		const li = document.createElement('li');
		li.textContent = 'C'.repeat(5000);
		ul.append(li);
	});
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
	await expectNoAxeViolations(page, 'report with long words');
	await page.screenshot({ path: 'test-results/outputs-report-long-words.png' });
});

test('the export bundle carries the kit: on another device the import says the kit is missing and offers the one in the file', async ({ page, browser }) => {
	await importTravellingKit(page);
	// A kit this app does not bundle, chosen on the new-session form as a facilitator does.
	await page.goto('/sessions/new');
	await page.getByLabel('Trousse').selectOption(TRAVELLING_KIT_KEY);
	await page.getByRole('radio', { name: /Imaginer/ }).check();
	await page.getByLabel('Titre de la séance').fill('Atelier sorties');
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(page.url()).searchParams.get('id')!;
	await page.goto(`/export?id=${id}`);
	await expect(page.getByRole('heading', { level: 2, name: 'Atelier sorties' })).toBeVisible();
	await expectNoAxeViolations(page, 'export screen');
	await expectTouchTargets(page, 'export screen');
	const bundle = await download(page, 'Tout dans un fichier (.zip)');
	await expect(page.getByRole('status').filter({ hasText: `Fichier prêt : ${bundle.name}` })).toBeVisible();
	await expect(page.getByText('La trousse de la session n’a pas pu y être ajoutée')).toHaveCount(0);
	const json = await download(page, 'Trace complète (JSON)');

	// Another device, without the kit.
	const other = await browser.newContext();
	const tablet = await other.newPage();
	await tablet.goto('/export');
	await tablet.getByLabel('Fichier de trace (.json ou .zip)').setInputFiles({ name: json.name, mimeType: 'application/json', buffer: readFileSync(json.path) });
	await expect(tablet.getByRole('status').filter({ hasText: 'Session « Atelier sorties » ajoutée à cet appareil.' })).toBeVisible();
	await expect(tablet.getByText('Mais sa trousse (trousse-voyageuse, version 1.0.0) n’est pas sur cet appareil')).toBeVisible();
	await expect(tablet.getByRole('button', { name: 'Importer la trousse incluse dans le fichier' })).toHaveCount(0);
	await expect(tablet.getByRole('link', { name: 'Voir les exports de cette session' })).toHaveCount(0);

	await tablet.getByLabel('Fichier de trace (.json ou .zip)').setInputFiles({ name: bundle.name, mimeType: 'application/zip', buffer: readFileSync(bundle.path) });
	await expect(tablet.getByRole('status').filter({ hasText: 'Rien de nouveau' })).toBeVisible();
	await expect(tablet.getByText(`Le fichier contient cette trousse, « ${TRAVELLING_KIT_TITLE} » : même identifiant, même version, même contenu.`)).toBeVisible();
	await expectNoAxeViolations(tablet, 'import offering the bundled kit');
	await expectTouchTargets(tablet, 'import offering the bundled kit');
	await tablet.getByRole('button', { name: 'Importer la trousse incluse dans le fichier' }).click();
	await expect(tablet.getByRole('status').filter({ hasText: `Trousse « ${TRAVELLING_KIT_TITLE} » (version 1.0.0) importée` })).toBeVisible();
	await tablet.getByRole('link', { name: 'Voir les exports de cette session' }).click();
	await expect(tablet.getByRole('heading', { level: 2, name: 'Atelier sorties' })).toBeVisible();
	await other.close();
});
