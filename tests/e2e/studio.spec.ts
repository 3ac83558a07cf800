/**
 * The kit studio: a kit authored through the forms only, exported, checked by the CLI, imported on
 * another device and run; an adapted bundled kit whose export differs only where it was edited;
 * drafts that survive a reload, undo/redo, and sessions that keep the kit version they started with.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { expectNoAxeViolations, expectTabReachable, expectTouchTargets } from './support/axe';
import { createSession } from './support/session-fixture';

/** The closing check-in's own question (format 2), unlike the opening one's. */
const CLOSING_QUESTION = 'Après l’atelier, que retenez-vous pour votre quartier?';
const QC_KIT = "Dialogue citoyen sur l'IA dans les services publics";
const QC = { kitId: 'dialogue-ia-services-publics', agendaId: 'prototyper' };

/** The DOM id the studio gives a field or list item (`fieldDomId`). */
const domId = (path: string) => `studio-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
const at = (page: Page, path: string) => page.locator(`#${domId(path)}`);
const field = (scope: Locator | Page, label: string) => scope.getByLabel(label, { exact: true });

async function section(page: Page, name: string) {
	await page.getByRole('navigation', { name: 'Parties de la trousse' }).getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
}

/** Adds an item through the "new item" box of a list: a title, then the add button. */
async function add(scope: Locator | Page, label: string, button: string, title: string) {
	const box = field(scope, label);
	await box.fill(title);
	// Enter submits the box's form, as the button does. A pointer click can be lost on a loaded
	// machine: validation, 150 ms after the last edit, may re-lay out the page between the press
	// and the release, and the release then lands off the button.
	await expect(scope.getByRole('button', { name: button, exact: true })).toBeVisible();
	await box.press('Enter');
	await expect(box).toHaveValue('');
}

/** "Créer une trousse" on the kits library: the studio opens on the new kit. */
async function createKit(page: Page, title: string) {
	await page.goto('/kits');
	await field(page, 'Titre de la nouvelle trousse').fill(title);
	await page.getByRole('button', { name: 'Créer une trousse' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Studio : ${title}` })).toBeVisible();
}

function kitCard(page: Page, title: string) {
	return page.locator('li.card').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

async function expectValid(page: Page) {
	await expect(page.getByText('Aucun problème : la trousse est valide.')).toBeVisible();
}

async function exportKit(page: Page, name: string): Promise<string> {
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Exporter en .zip' }).click();
	const file = test.info().outputPath(name);
	await (await downloading).saveAs(file);
	return file;
}

async function adaptQuebecKit(page: Page) {
	await page.goto('/kits');
	await kitCard(page, QC_KIT).getByRole('button', { name: 'Adapter cette trousse' }).click();
	await expect(page).toHaveURL(/\/studio\?draft=/);
	await expect(page.getByRole('heading', { level: 1, name: `Studio : ${QC_KIT}` })).toBeVisible();
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

test('a French-only kit authored through the forms is exported, passes kit:check, imports on a fresh device and runs', async ({ page, browser }) => {
	// About a hundred form entries: slow on a shared, loaded machine.
	test.setTimeout(600_000);
	await createKit(page, 'Œuvres protégées du quartier');
	await expect(page.getByText(/\d+ problèmes à corriger/)).toBeVisible();
	await expectNoAxeViolations(page, 'studio, general');
	await expectTouchTargets(page, 'studio, general');

	// General: the summary and one author; title, consent and licence came with the new kit.
	await field(page, 'Résumé').fill('Un atelier sur les œuvres d’art public du quartier.');
	await add(page, 'Nom de la personne ou de l’organisme', 'Ajouter', 'Bibliothèque de quartier');
	await page.locator('summary', { hasText: 'Avancé' }).last().click();
	await expect(field(page, 'Identifiant')).toHaveValue('oeuvres-protegees-du-quartier');

	// Five stations.
	await section(page, 'Stations');
	for (let i = 1; i <= 5; i++) {
		await add(page, 'Titre de la nouvelle station', 'Ajouter la station', `Station ${i} : lieu ${i}`);
		await field(at(page, `stations[${i - 1}]`), 'Question').fill(`Que changeriez-vous au lieu ${i}?`);
	}
	await expect(page.locator('ol.items > li.item')).toHaveCount(5);

	// The grid: 4 dimensions × 3 cards, keep 4.
	await section(page, 'Grille réflexive');
	await page.getByRole('button', { name: 'Ajouter une grille réflexive' }).click();
	await field(page, 'Cartes à garder par groupe').fill('4');
	for (let d = 0; d < 4; d++) {
		await add(page, 'Titre de la nouvelle dimension', 'Ajouter la dimension', `Dimension ${d + 1}`);
		const dimension = at(page, `grid.dimensions[${d}]`);
		for (let c = 0; c < 3; c++) {
			await add(dimension, 'Titre de la nouvelle carte', 'Ajouter la carte', `Carte ${d + 1}.${c + 1}`);
			await field(at(page, `grid.dimensions[${d}].cards[${c}]`), 'Question de la carte').fill(`Question ${d + 1}.${c + 1}?`);
		}
	}
	await expect(page.getByText('4 dimensions, 12 cartes')).toBeVisible();

	// Two cases, with 3 and 2 questions.
	await section(page, 'Cas fictifs');
	for (const [i, questions] of [3, 2].entries()) {
		await add(page, 'Titre du nouveau cas', 'Ajouter le cas', `Cas ${i + 1}`);
		const kase = at(page, `cases[${i}]`);
		await field(kase, 'Description').fill(`Description du cas ${i + 1}.`);
		await field(kase, 'Contexte').fill(`Contexte du cas ${i + 1}.`);
		for (let q = 0; q < questions; q++) {
			await add(kase, 'Nouvelle question', 'Ajouter la question', `Question ${q + 1} du cas ${i + 1}?`);
			await expect(kase.locator('li.item')).toHaveCount(q + 1);
		}
	}

	// The check-in (its defaults are a valid question and scale; choices are worth their position).
	await section(page, 'Météo (check-in)');
	await page.getByRole('button', { name: 'Ajouter une météo' }).click();
	await expect(field(page, 'Question de la météo (facultatif)')).toHaveValue('Comment vous sentez-vous face à ce sujet?');

	// The agenda: instructions for the welcome, then a check-in, the stations, the card game, the cases, a closing check-in.
	await section(page, 'Déroulement');
	await field(at(page, 'agendas[0].activities[0]'), 'Consignes pour l’animation (facultatif)').fill('Accueillir les personnes.');
	const activities: [string, string][] = [
		['Météo d’ouverture', 'checkin'],
		['Les cinq lieux', 'stations'],
		['Jeu de cartes', 'card-game'],
		['Deux cas', 'cases'],
		['Météo de clôture', 'checkin']
	];
	const agenda = at(page, 'agendas[0]');
	for (const [i, [title, kind]] of activities.entries()) {
		await add(agenda, 'Titre de la nouvelle activité', 'Ajouter l’activité', title);
		const activity = at(page, `agendas[0].activities[${i + 1}]`);
		await field(activity, 'Type d’activité').selectOption(kind);
		// Instructions are optional: the card game keeps the app's own.
		if (kind !== 'card-game') await field(activity, 'Consignes pour l’animation (facultatif)').fill(`Consignes : ${title}.`);
		// The closing check-in asks its own question on the kit's scale.
		if (title === 'Météo de clôture') await field(activity, 'Question de cette météo (facultatif)').fill(CLOSING_QUESTION);
		if (kind === 'stations') for (let s = 1; s <= 5; s++) await activity.getByRole('checkbox', { name: `Station ${s} : lieu ${s}` }).check();
	}
	await expectValid(page);
	await expectNoAxeViolations(page, 'studio, agenda');
	await expectTouchTargets(page, 'studio, agenda');

	// Preview: the app's own station and card components, from the draft.
	await section(page, 'Aperçu');
	await expect(page.getByRole('heading', { level: 3, name: 'Station 1 : lieu 1' })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Garder la carte/ })).toHaveCount(12);
	await expectNoAxeViolations(page, 'studio, preview');

	const file = await exportKit(page, 'oeuvres.zip');
	const cli = spawnSync('npx', ['tsx', 'scripts/kit-check.ts', file], { encoding: 'utf8' });
	expect(cli.status, `${cli.stdout}\n${cli.stderr}`).toBe(0);
	const files = unzipSync(new Uint8Array(readFileSync(file)));
	const manifest = JSON.parse(text(files['kit.json']));
	expect(manifest.languages).toEqual(['fr-CA']);
	expect(manifest.stations).toHaveLength(5);
	expect(manifest.grid.keep).toBe(4);
	expect(manifest.grid.dimensions.map((d: { cards: unknown[] }) => d.cards.length)).toEqual([3, 3, 3, 3]);
	expect(manifest.cases.map((c: { questions: unknown[] }) => c.questions.length)).toEqual([3, 2]);
	// Format 2 as written: the opening check-in asks the kit's question, the closing one its own;
	// nothing the author left out is filled in by the export.
	expect(manifest.format).toBe(2);
	type Activity = { id: string; kind: string; instructions?: unknown; checkin?: { question: Record<string, string> } };
	const written: Activity[] = manifest.agendas[0].activities;
	const checkins = written.filter((a) => a.kind === 'checkin');
	expect(checkins.map((a) => a.checkin?.question['fr-CA'])).toEqual([undefined, CLOSING_QUESTION]);
	expect(written.find((a) => a.kind === 'card-game')).not.toHaveProperty('instructions');
	expect(manifest.checkin.scale.every((c: { value?: number }) => c.value === undefined)).toBe(true);

	// Another device: import the zip, start a session on it, reach a station.
	const other = await browser.newContext();
	const tablet = await other.newPage();
	await tablet.goto('/kits');
	await tablet.getByLabel('Choisir un fichier .zip').setInputFiles(file);
	await expect(tablet.getByText('La trousse « Œuvres protégées du quartier » a été importée.')).toBeVisible();
	await tablet.goto('/sessions/new');
	// The kit list is the form's first select (its label's name also holds the chosen kit's title).
	const kitSelect = tablet.locator('form select').first();
	await expect(kitSelect.locator(`option[value="${manifest.id}@1.0.0"]`)).toHaveCount(1);
	await kitSelect.selectOption(`${manifest.id}@1.0.0`);
	await tablet.locator('input[name="agenda"][value="atelier"]').check();
	await tablet.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(tablet).toHaveURL(/\/console\?id=/);
	const sessionId = new URL(tablet.url()).searchParams.get('id')!;
	await tablet.goto(`/activity?id=${sessionId}&activity=les-cinq-lieux`);
	await tablet.getByRole('button', { name: 'Station 3 : lieu 3' }).click();
	await expect(tablet.getByText('Que changeriez-vous au lieu 3?')).toBeVisible();
	// The opening and the closing check-ins ask different questions.
	await tablet.goto(`/activity?id=${sessionId}&activity=${checkins[0]!.id}`);
	await expect(tablet.locator('p.question')).toHaveText('Comment vous sentez-vous face à ce sujet?');
	await tablet.goto(`/activity?id=${sessionId}&activity=${checkins[1]!.id}`);
	await expect(tablet.locator('p.question')).toHaveText(CLOSING_QUESTION);
	await other.close();
});

test('adapting the bundled kit, changing one card and one poster: the export differs only there', async ({ page }) => {
	test.setTimeout(120_000);
	await adaptQuebecKit(page);
	await expectValid(page);

	await section(page, 'Grille réflexive');
	const card = at(page, 'grid.dimensions[0].cards[0]');
	await field(card, 'Titre de la carte (français)').fill('Transparence, explicabilité et recours');

	await section(page, 'Affiches');
	const body = field(at(page, 'posters[1]'), 'Texte de l’affiche (français)');
	await body.fill('# Affiche adaptée\n\nUn texte **local** pour notre quartier.\n');
	// The live preview renders the Markdown safely.
	await expect(at(page, 'posters[1]').locator('.preview strong', { hasText: 'local' })).toBeVisible();
	await expectValid(page);

	const file = await exportKit(page, 'adapted.zip');
	const exported = unzipSync(new Uint8Array(readFileSync(file)));
	const original = unzipSync(new Uint8Array(await (await page.request.get(`/kits/${QC.kitId}.zip`)).body()));
	const before = JSON.parse(text(original['kit.json']));
	const posterPath: string = before.posters[1].body['fr-CA'];
	const differ = Object.keys({ ...original, ...exported }).filter((path) => text(original[path]) !== text(exported[path]) || !original[path] !== !exported[path]);
	expect(differ.sort()).toEqual(['kit.json', posterPath].sort());
	expect(text(exported[posterPath])).toBe('# Affiche adaptée\n\nUn texte **local** pour notre quartier.\n');

	const after = JSON.parse(text(exported['kit.json']));
	expect(after.version).toBe('1.0.1');
	expect(after.grid.dimensions[0].cards[0].title['fr-CA']).toBe('Transparence, explicabilité et recours');
	before.version = '1.0.1';
	before.grid.dimensions[0].cards[0].title['fr-CA'] = 'Transparence, explicabilité et recours';
	expect(after).toEqual(before);
});

test('a draft survives a reload, undo and redo work, and a session keeps the version it started with', async ({ page }) => {
	test.setTimeout(120_000);
	const sessionId = await createSession(page, QC);
	await adaptQuebecKit(page);
	const url = page.url();

	await section(page, 'Grille réflexive');
	const cardTitle = field(at(page, 'grid.dimensions[0].cards[0]'), 'Titre de la carte (français)');
	await expect(cardTitle).toHaveValue('Transparence et explicabilité');
	await cardTitle.fill('Carte modifiée');
	await expect(page.locator('[data-save-state="saved"]')).toBeVisible();
	await page.reload();
	await expect(field(at(page, 'grid.dimensions[0].cards[0]'), 'Titre de la carte (français)')).toHaveValue('Carte modifiée');
	expect(page.url()).toBe(`${url}&s=grid`);

	// Undo and redo, by the buttons and the keyboard.
	const keep = field(page, 'Cartes à garder par groupe');
	await keep.fill('4');
	await page.getByRole('button', { name: 'Annuler' }).click();
	await expect(keep).toHaveValue('5');
	await page.getByRole('button', { name: 'Rétablir' }).click();
	await expect(keep).toHaveValue('4');
	await page.keyboard.press('Control+z');
	await expect(keep).toHaveValue('5');
	await page.keyboard.press('Control+Shift+z');
	await expect(keep).toHaveValue('4');
	await page.getByRole('button', { name: 'Annuler' }).click();

	// An error shows next to its field, blocks "use", and links to the field.
	const question = field(at(page, 'grid.dimensions[0].cards[1]'), 'Question de la carte (français)');
	await question.fill('');
	await expect(at(page, 'grid.dimensions[0].cards[1]').locator('.field-issues')).toBeVisible();
	await page.getByRole('button', { name: 'Utiliser dans la bibliothèque' }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'elle reste un brouillon' });
	await expect(alert).toBeVisible();
	await section(page, 'Général');
	await alert.getByRole('link', { name: 'Aller au premier problème' }).click();
	await expect(question).toBeFocused();
	await page.getByRole('button', { name: 'Annuler' }).click();
	await expectValid(page);

	await page.getByRole('button', { name: 'Utiliser dans la bibliothèque' }).click();
	await expect(page.getByText('La version 1.0.1 est dans la bibliothèque.')).toBeVisible();
	await page.goto('/kits');
	await expect(kitCard(page, QC_KIT).filter({ hasText: 'Version 1.0.1' })).toHaveCount(1);
	await expect(kitCard(page, QC_KIT).filter({ hasText: 'Version 1.0.0' })).toHaveCount(1);

	// The session started on 1.0.0 still deals 1.0.0's cards.
	await page.goto(`/activity?id=${sessionId}&activity=jeu-cartes`);
	const accept = page.getByRole('button', { name: 'J’accepte de participer' });
	const newGroup = page.getByLabel('Nouveau groupe (nom)');
	await expect(accept.or(newGroup)).toBeVisible();
	if (await accept.isVisible()) await accept.click();
	await newGroup.fill('Table des hérons');
	await page.getByRole('button', { name: 'Créer le groupe' }).click();
	await expect(page.getByRole('button', { name: 'Garder la carte « Transparence et explicabilité »' })).toBeVisible();
	await expect(page.getByText('Carte modifiée')).toHaveCount(0);
});

test('the studio works by keyboard alone: add and reorder items, every control labelled', async ({ page }) => {
	await page.goto('/kits');
	await field(page, 'Titre de la nouvelle trousse').fill('Clavier');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Studio : Clavier' })).toBeVisible();
	await section(page, 'Stations');
	const input = field(page, 'Titre de la nouvelle station');
	await expectTabReachable(page, input, 'new station title', 200);
	await page.keyboard.type('Alpha');
	await page.keyboard.press('Enter');
	await page.keyboard.type('Bêta');
	await page.keyboard.press('Enter');
	await expect(input).toBeFocused();
	const titles = page.locator('ol.items > li.item h3');
	await expect(titles).toHaveText(['Alpha', 'Bêta']);

	const down = page.getByRole('button', { name: 'Descendre « Alpha »' });
	await expectTabReachable(page, down, 'move down', 200);
	await page.keyboard.press('Enter');
	await expect(titles).toHaveText(['Bêta', 'Alpha']);
	// The keyboard stays on the moved item.
	await expect(page.getByRole('button', { name: 'Monter « Alpha »' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(titles).toHaveText(['Alpha', 'Bêta']);

	// Ids come from titles and stay when the title changes.
	await field(at(page, 'stations[1]'), 'Titre de la station').fill('Gamma');
	await at(page, 'stations[1]').locator('summary', { hasText: 'Avancé' }).click();
	await expect(field(at(page, 'stations[1]'), 'Identifiant')).toHaveValue('beta');

	const unlabelled = await page.evaluate(() =>
		[...document.querySelectorAll('main input, main textarea, main select')]
			.filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
			.map((el) => el.outerHTML.slice(0, 80))
	);
	expect(unlabelled).toEqual([]);
	await expectNoAxeViolations(page, 'studio, stations');
	await expectTouchTargets(page, 'studio, stations');
});

test('a tap is not lost to the page moving: the check shows its results once the finger is up', async ({ page }) => {
	await createKit(page, 'Doigt');
	await section(page, 'Stations');
	await add(page, 'Titre de la nouvelle station', 'Ajouter la station', 'Alpha');
	const alpha = at(page, 'stations[0]');
	// A new station's question is empty: one problem under it.
	const problems = alpha.locator('.field-issues');
	await expect(problems).toHaveCount(1);

	await field(page, 'Titre de la nouvelle station').fill('Bêta');
	const button = (await page.getByRole('button', { name: 'Ajouter la station', exact: true }).boundingBox())!;
	await page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
	await page.mouse.down();
	// While the finger is on "Ajouter", the question gets written: its problem goes away once
	// checked, which moves everything below it. Long past the check's 150 ms, nothing has moved.
	await field(alpha, 'Question').fill('Qu’en pensez-vous?');
	await page.waitForTimeout(600);
	await expect(problems).toHaveCount(1);
	await page.mouse.up();
	await expect(page.locator('ol.items > li.item h3')).toHaveText(['Alpha', 'Bêta']);
	await expect(problems).toHaveCount(0);
});

/** A 1 × 1 PNG, and the same header claiming 20,000 × 20,000 pixels (sizes are read from headers). */
function pngFile(name: string, side: number) {
	const bytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
	bytes.writeUInt32BE(side, 16);
	bytes.writeUInt32BE(side, 20);
	return { name, mimeType: 'image/png', buffer: bytes };
}

test('poster images are checked for size when chosen, and a reference table imports its CSV', async ({ page }) => {
	await createKit(page, 'Images et données');

	await section(page, 'Affiches');
	await add(page, 'Titre de la nouvelle affiche', 'Ajouter l’affiche', 'Plan du quartier');
	const poster = at(page, 'posters[0]');
	await expect(field(poster, 'Texte de l’affiche')).toHaveValue('# Plan du quartier\n');
	const chooser = poster.getByLabel('Choisir une image');
	await chooser.setInputFiles(pngFile('plan.png', 20000));
	await expect(poster.getByRole('alert')).toContainText(/Cette image fait 20\s000 × 20\s000 pixels/);
	await expect(poster.locator('img')).toHaveCount(0);
	await chooser.setInputFiles(pngFile('plan.png', 1));
	await expect(poster.locator('img')).toHaveAttribute('alt', 'Plan du quartier');
	await expect(poster.getByText('1 × 1 pixels')).toBeVisible();
	await expect(page.getByRole('link', { name: /^Affiches/ })).not.toContainText('problème');

	await section(page, 'Données de référence');
	await add(page, 'Titre de la nouvelle table', 'Ajouter la table', 'Registre des outils');
	const table = at(page, 'references[0]');
	await field(table, 'Description de la table').fill('Des outils imaginés pour l’atelier.');
	await table.getByLabel('Importer un fichier CSV').setInputFiles({ name: 'outils.csv', mimeType: 'text/csv', buffer: Buffer.from('nom,usage\nTri des demandes,Classer le courriel\nRobot conversationnel,Répondre aux questions\n') });
	await expect(page.getByText('Le fichier a été lu : 2 colonnes ajoutées à partir de son en-tête.')).toBeVisible();
	await expect(table.getByText('2 lignes lues dans data/registre-des-outils.csv')).toBeVisible();
	await expect(page.getByRole('link', { name: /^Données de référence/ })).not.toContainText('problème');
	await expectNoAxeViolations(page, 'studio, data');
});
