import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { createSession } from './support/session-fixture';
import { writeNotes } from './support/notes';
import { newWindow } from './support/windows';

const KIT = 'dialogue-ia-services-publics';

async function newSession(page: Page, agendaId = 'imaginer'): Promise<string> {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	return createSession(page, { kitId: KIT, agendaId, title: 'Atelier test' });
}

/** Opens an activity screen of the session; `extra` adds `&station=…` or `&role=…`. */
async function openActivity(page: Page, id: string, activity: string, extra = ''): Promise<void> {
	await page.goto(`/activity?id=${id}&activity=${activity}${extra}`);
	await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

async function accept(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await expect(page.getByLabel('Votre note', { exact: true })).toBeVisible();
}

function saved(page: Page) {
	return page.getByRole('status').filter({ hasText: 'Note enregistrée' });
}

async function addNote(page: Page, text: string, category?: string): Promise<void> {
	await page.getByLabel('Votre note', { exact: true }).fill(text);
	if (category) await page.getByRole('radio', { name: category, exact: true }).check();
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(saved(page)).toBeVisible();
	await expect(page.getByLabel('Votre note', { exact: true })).toHaveValue('');
}

/** The card of a note, found by its exact text. */
function note(page: Page, text: string) {
	return page.getByRole('article').filter({ has: page.locator('p.text').getByText(text, { exact: true }) });
}

test('a participant consents, adds notes with categories at a station, and they survive a reload', async ({ page }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'inspirations-preoccupations');
	await expect(page.getByText('Après la galerie, qu\'est-ce qui vous inspire')).toBeVisible();
	// No writing before consent; the consent text is there.
	await expect(page.getByRole('button', { name: 'Ajouter la note' })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Avant de participer' })).toBeVisible();
	await accept(page);
	// Names are never required: the name field is off by default.
	await expect(page.getByLabel('Votre nom (facultatif)')).toHaveCount(0);

	await addNote(page, 'Des réponses plus rapides au guichet', 'Inspiration');
	await addNote(page, 'Qui vérifie les décisions de la machine?', 'Préoccupation');
	await page.getByRole('checkbox', { name: 'Signer cette note de mon nom (facultatif)' }).check();
	await page.getByLabel('Votre nom (facultatif)').fill('Maryse');
	await addNote(page, 'Garder un humain au téléphone');

	await expect(note(page, 'Des réponses plus rapides au guichet').getByText('Inspiration', { exact: true })).toBeVisible();
	await expect(note(page, 'Qui vérifie les décisions de la machine?').getByText('Préoccupation', { exact: true })).toBeVisible();
	await expect(note(page, 'Garder un humain au téléphone').getByText('Signée : Maryse')).toBeVisible();

	// Editing one's own note.
	await note(page, 'Garder un humain au téléphone').getByRole('button', { name: 'Modifier ma note' }).click();
	await page.getByLabel('Nouveau texte de la note').fill('Toujours garder un humain au téléphone');
	await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
	await expect(note(page, 'Toujours garder un humain au téléphone')).toContainText('modifiée');

	await page.reload();
	await expect(page.getByRole('article')).toHaveCount(3);
	await expect(note(page, 'Des réponses plus rapides au guichet').getByText('Inspiration', { exact: true })).toBeVisible();
	await expect(note(page, 'Toujours garder un humain au téléphone')).toBeVisible();
	// Consent is remembered on the device.
	await expect(page.getByRole('button', { name: 'Ajouter la note' })).toBeVisible();
});

test('silent writing hides other people’s notes across tabs until a facilitator reveals them', async ({ page, context }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'inspirations-preoccupations');
	await accept(page);
	await addNote(page, 'Note de la première personne', 'Inspiration');

	// A second tab of the same tablet, handed over to another person.
	const other = await newWindow(context);
	await openActivity(other, id, 'inspirations-preoccupations');
	await other.getByRole('button', { name: 'Passer la tablette à une autre personne' }).click();
	await expect(other.getByRole('heading', { name: 'Avant de participer' })).toBeVisible();
	await accept(other);
	await expect(other.getByText('Bienvenue! Cette tablette est prête pour une nouvelle personne.')).toBeVisible();
	await addNote(other, 'Note de la deuxième personne', 'Préoccupation');
	await addNote(other, 'Encore une note de la deuxième personne');

	await expect(other.getByText('1 note des autres, cachée jusqu’au dévoilement')).toBeVisible();
	await expect(note(other, 'Note de la première personne')).toHaveCount(0);
	await expect(page.getByText('2 notes des autres, cachées jusqu’au dévoilement')).toBeVisible();
	await expect(note(page, 'Note de la deuxième personne')).toHaveCount(0);
	await expect(page.getByText('Le vote commencera après le dévoilement des notes.')).toBeVisible();

	const facilitator = await newWindow(context);
	await openActivity(facilitator, id, 'inspirations-preoccupations', '&role=facilitator');
	await expect(facilitator.getByRole('article')).toHaveCount(3);
	await facilitator.getByRole('button', { name: 'Dévoiler les notes à tout le monde' }).click();
	await expect(facilitator.getByText('Les notes sont dévoilées.')).toBeVisible();

	await expect(page.getByRole('article')).toHaveCount(3);
	await expect(note(page, 'Note de la deuxième personne')).toBeVisible();
	await expect(note(other, 'Note de la première personne')).toBeVisible();
	await expect(page.getByText(/notes? des autres/)).toHaveCount(0);
	// Voting opens after the reveal.
	await expect(page.getByText('Gommettes qui vous restent : 3 sur 3.')).toBeVisible();
});

test('dot voting: a budget per person, refusals in plain language, dots taken back', async ({ page }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'reves');
	await accept(page);
	await addNote(page, 'Un comité citoyen permanent');
	await addNote(page, 'Des ateliers à la bibliothèque');
	const first = note(page, 'Un comité citoyen permanent');
	const second = note(page, 'Des ateliers à la bibliothèque');
	await expect(page.getByText('Gommettes qui vous restent : 3 sur 3.')).toBeVisible();
	await first.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await first.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await second.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(page.getByText('Gommettes qui vous restent : 0 sur 3.')).toBeVisible();
	await expect(first).toContainText('2 gommettes (dont 2 de vous)');
	await second.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(second.getByRole('alert')).toHaveText('Toutes vos gommettes sont placées (3 gommettes). Retirez-en une pour voter ailleurs.');
	await expect(second).toContainText('1 gommette (dont 1 de vous)');
	await first.getByRole('button', { name: 'Retirer une gommette' }).click();
	await expect(page.getByText('Gommettes qui vous restent : 1 sur 3.')).toBeVisible();
	await expect(first).toContainText('1 gommette (dont 1 de vous)');
	await second.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(second.getByRole('alert')).toHaveCount(0);
	await expect(second).toContainText('2 gommettes (dont 2 de vous)');

	// Another person on the same tablet has a budget of their own.
	await page.getByRole('button', { name: 'Passer la tablette à une autre personne' }).click();
	await accept(page);
	await expect(page.getByText('Gommettes qui vous restent : 3 sur 3.')).toBeVisible();
	await first.getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(first).toContainText('2 gommettes (dont 1 de vous)');
});

test('facilitator moderation (hide, delete and restore, merge, themes) reaches a participant tab', async ({ page, context }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'stations-thematiques', '&station=s1-themes');
	await accept(page);
	for (const text of ['Les impôts', 'La santé', 'La santé et les hôpitaux', 'Les écoles']) await addNote(page, text);

	const fac = await newWindow(context);
	await openActivity(fac, id, 'stations-thematiques', '&station=s1-themes&role=facilitator');
	await expect(fac.getByRole('article')).toHaveCount(4);

	// Hide, then show again.
	await note(fac, 'Les impôts').getByRole('button', { name: 'Masquer' }).click();
	await expect(note(fac, 'Les impôts').getByText('Masquée')).toBeVisible();
	await expect(note(page, 'Les impôts')).toHaveCount(0);
	await note(fac, 'Les impôts').getByRole('button', { name: 'Afficher de nouveau' }).click();
	await expect(note(page, 'Les impôts')).toBeVisible();

	// Soft delete, shown in the "deleted" view, restored.
	await note(fac, 'Les écoles').getByRole('button', { name: 'Supprimer' }).click();
	await expect(note(page, 'Les écoles')).toHaveCount(0);
	await expect(note(fac, 'Les écoles')).toHaveCount(0);
	await fac.getByRole('checkbox', { name: /Afficher les notes supprimées \(1 note supprimée\)/ }).check();
	await expect(note(fac, 'Les écoles').getByText('Supprimée')).toBeVisible();
	await note(fac, 'Les écoles').getByRole('button', { name: 'Restaurer' }).click();
	await expect(note(page, 'Les écoles')).toBeVisible();

	// Merge a duplicate into another note, chosen from a list.
	await note(fac, 'La santé et les hôpitaux').getByRole('button', { name: 'Regrouper avec une autre note…' }).click();
	await note(fac, 'La santé et les hôpitaux').getByLabel('Regrouper avec').selectOption({ label: '2. La santé' });
	await note(fac, 'La santé et les hôpitaux').getByRole('button', { name: 'Regrouper', exact: true }).click();
	await expect(page.getByRole('article')).toHaveCount(3);
	await expect(note(page, 'La santé')).toContainText('Regroupe 1 note semblable');
	await expect(note(page, 'La santé').getByRole('list', { name: 'Notes regroupées ici' })).toContainText('La santé et les hôpitaux');

	// Themes: create, assign with the note's menu, rename.
	await fac.getByLabel('Nouveau thème (nom)').fill('Santé');
	await fac.getByRole('button', { name: 'Créer le thème' }).click();
	await note(fac, 'La santé').getByLabel('Thème').selectOption({ label: 'Santé' });
	await expect(page.getByRole('heading', { level: 4, name: 'Santé (1 note)' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 4, name: 'Sans thème (2 notes)' })).toBeVisible();
	await fac.getByRole('button', { name: 'Renommer : Santé' }).click();
	await fac.getByLabel('Nom du thème « Santé »').fill('Santé publique');
	await fac.getByRole('button', { name: 'Enregistrer la modification' }).click();
	await expect(page.getByRole('heading', { level: 4, name: 'Santé publique (1 note)' })).toBeVisible();

	// Separating the merged note is possible too (nothing is final).
	await note(fac, 'La santé').getByRole('button', { name: 'Séparer' }).click();
	await expect(page.getByRole('article')).toHaveCount(4);
	await expectNoAxeViolations(fac, 'facilitator board');
	await expectTouchTargets(fac, 'facilitator board');
});

const OPENING = "En arrivant, comment évaluez-vous vos connaissances sur l'IA dans les services publics?";
const CLOSING = "Après cet atelier, comment évaluez-vous vos connaissances sur l'IA dans les services publics?";

test('check-in at the start and the end: each asks its own question, an anonymous before/after summary, exports name each', async ({ page }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'checkin-debut');
	await expect(page.getByText('Au début de l’atelier')).toBeVisible();
	// The bundled kit (format 2) gives its opening and closing check-ins different questions.
	await expect(page.locator('p.question')).toHaveText(OPENING);
	await expect(page.getByText('Résultats anonymes')).toHaveCount(0);
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await page.getByRole('radio', { name: 'Faibles', exact: true }).check();
	await expect(page.getByRole('status').filter({ hasText: 'Réponse enregistrée' })).toBeVisible();
	await expect(page.getByText('Vous avez répondu : Faibles.')).toBeVisible();
	const table = page.getByRole('table');
	await expect(table.getByRole('row', { name: /Faibles/ })).toHaveText(/Faibles\s*1\s*0/);
	await expectNoAxeViolations(page, 'check-in');
	await expectTouchTargets(page, 'check-in');

	await page.reload();
	await expect(page.getByRole('radio', { name: 'Faibles', exact: true })).toBeChecked();

	await openActivity(page, id, 'checkin-fin');
	await expect(page.getByText('À la fin de l’atelier')).toBeVisible();
	await page.getByRole('radio', { name: 'Bonnes', exact: true }).check();
	await expect(page.getByRole('status').filter({ hasText: 'Réponse enregistrée' })).toBeVisible();
	await expect(table.getByRole('row', { name: /Bonnes/ })).toHaveText(/Bonnes\s*0\s*1/);
	await expect(page.getByText('1 personne a répondu au début et à la fin : 1 a répondu plus haut sur l’échelle, 0 a répondu au même niveau, 0 a répondu plus bas.')).toBeVisible();
	await expect(page.locator('p.question')).toHaveText(CLOSING);
	// The summary under the scale says which question each column answered.
	const asked = page.locator('dl.questions');
	await expect(asked.locator('dd')).toHaveText([OPENING, CLOSING]);
	await expectNoAxeViolations(page, 'closing check-in');

	// Exports: the check-in CSV names each check-in and its question; so does the bilan.
	await page.goto(`/export?id=${id}`);
	const file = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Auto-évaluation (CSV)', exact: true }).click();
	const csv = readFileSync((await (await file).path())!, 'utf8');
	const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
	expect(lines[0]).toBe('Moment;Activité;Question;Réponse;Valeur;Heure');
	expect(lines.slice(1).map((line) => line.split(';').slice(0, 5).join(';'))).toEqual([
		`Au début;Où en êtes-vous? (début);${OPENING};Faibles;2`,
		`À la fin;Où en êtes-vous? (fin);${CLOSING};Bonnes;4`
	]);
	await page.goto(`/report?id=${id}`);
	const bilan = page.locator('section#checkin dl[data-checkin-questions]');
	await expect(bilan.locator('dt')).toHaveText(['Au début — Où en êtes-vous? (début)', 'À la fin — Où en êtes-vous? (fin)']);
	await expect(bilan.locator('dd')).toHaveText([OPENING, CLOSING]);
});

test('the gallery shows posters full screen and the glossary, even to someone who declines to write', async ({ page }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'galerie');
	await page.getByRole('button', { name: 'Je préfère seulement lire' }).click();
	await expect(page.getByText('D’accord : vous pouvez lire les affiches et le glossaire sans rien écrire.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Ajouter la note' })).toHaveCount(0);

	const posters = page.locator('ol.posters').getByRole('button');
	expect(await posters.count()).toBeGreaterThanOrEqual(10);
	await posters.first().click();
	const viewer = page.getByRole('dialog');
	await expect(viewer.getByText('Affiche 1 sur')).toBeVisible();
	await viewer.getByRole('button', { name: /Suivant/ }).click();
	await expect(viewer.getByText('Affiche 2 sur')).toBeVisible();
	await viewer.getByRole('button', { name: 'Fermer l’affiche' }).click();
	await expect(viewer).toBeHidden();

	await page.getByLabel('Chercher un terme').fill('algorithme');
	await expect(page.locator('dl.terms > div').first()).toContainText(/algorithme/i);
	await expectNoAxeViolations(page, 'gallery (declined)');
	await expectTouchTargets(page, 'gallery (declined)');

	// Changing one's mind is possible.
	await page.getByRole('button', { name: 'Revoir mon choix' }).click();
	await accept(page);
	await addNote(page, 'L’affiche sur les données m’a surpris');
});

test('questions for the experts: answered and on-screen markers set by the facilitator', async ({ page, context }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'experts');
	await expect(page.getByText('Écrivez une question pour les personnes expertes.', { exact: false })).toBeVisible();
	await accept(page);
	await addNote(page, 'Qui est responsable quand l’IA se trompe?');
	await addNote(page, 'Peut-on refuser une décision prise par une IA?');

	const fac = await newWindow(context);
	await openActivity(fac, id, 'experts', '&role=facilitator');
	await note(fac, 'Qui est responsable quand l’IA se trompe?').getByRole('button', { name: 'Marquer comme répondue' }).click();
	await note(fac, 'Peut-on refuser une décision prise par une IA?').getByRole('button', { name: 'Montrer à l’écran' }).click();
	await expect(note(fac, 'Peut-on refuser une décision prise par une IA?').getByRole('button', { name: 'Retirer de l’écran' })).toHaveAttribute('aria-pressed', 'true');

	await expect(note(page, 'Qui est responsable quand l’IA se trompe?').getByText('Répondue', { exact: true })).toBeVisible();
	await expect(note(page, 'Peut-on refuser une décision prise par une IA?').getByText('À l’écran', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'experts');
	await expectTouchTargets(page, 'experts');
});

test('a station tablet picks its station once and remembers it', async ({ page }) => {
	const id = await newSession(page);
	await openActivity(page, id, 'stations-thematiques');
	await expect(page.getByRole('heading', { name: 'Quelle station est cette tablette?' })).toBeVisible();
	await expectNoAxeViolations(page, 'station picker');
	await expectTouchTargets(page, 'station picker');
	await page.getByRole('button', { name: 'Station 4 : Des démarches pour chaque niveau' }).click();
	await expect(page.getByRole('heading', { level: 3, name: 'Station 4 : Des démarches pour chaque niveau' })).toBeVisible();
	await accept(page);
	await addNote(page, 'Un budget participatif sur les outils numériques', 'Habiliter');
	await page.reload();
	await expect(page.getByRole('heading', { level: 3, name: 'Station 4 : Des démarches pour chaque niveau' })).toBeVisible();
	await expect(note(page, 'Un budget participatif sur les outils numériques').getByText('Habiliter', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Changer de station' }).click();
	await page.getByRole('button', { name: 'Station 1 : Les sujets à discuter' }).click();
	await expect(page.getByText('Aucune note pour le moment.')).toBeVisible();
});

test('every note written survives closing the page right after "Note enregistrée", 10 times', async ({ page, context }) => {
	test.setTimeout(120_000);
	const id = await newSession(page);
	await openActivity(page, id, 'stations-thematiques', '&station=s2-publics-marginalises');
	await accept(page);
	await page.close();
	const rounds = 10;
	for (let i = 1; i <= rounds; i++) {
		const tab = await newWindow(context);
		await openActivity(tab, id, 'stations-thematiques', '&station=s2-publics-marginalises');
		await tab.getByLabel('Votre note', { exact: true }).fill(`Note numéro ${i}`);
		await tab.getByRole('button', { name: 'Ajouter la note' }).click();
		await expect(saved(tab)).toBeVisible();
		await tab.close();
	}
	const last = await newWindow(context);
	await openActivity(last, id, 'stations-thematiques', '&station=s2-publics-marginalises');
	await expect(last.getByRole('article')).toHaveCount(rounds);
	for (let i = 1; i <= rounds; i++) await expect(note(last, `Note numéro ${i}`)).toHaveCount(1);
});

test('boards stay usable in large text and with 200 notes (axe, touch targets, no overflow)', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 800, height: 1100 });
	const id = await newSession(page);
	await openActivity(page, id, 'reves');
	await accept(page);
	await page.getByRole('button', { name: 'Texte agrandi' }).click();
	await expect(page.locator('html')).toHaveClass(/large-text/);
	const total = 200;
	await writeNotes(
		page,
		Array.from({ length: total }, (_, n) => `Idée ${n + 1} : ${(n + 1) % 7 === 0 ? 'uneidéetrèslonguesansespacepourvérifierquelecartonnedébordepasdelécranmêmeengrandtexte' : 'des rencontres régulières dans le quartier'}`)
	);
	await expect(page.getByText(`${total} notes`, { exact: true })).toBeVisible({ timeout: 30_000 });
	await expect(saved(page)).toBeVisible();
	// The most recent 60 notes show; older ones come 60 at a time.
	await expect(page.locator('article.note')).toHaveCount(60);
	await expect(note(page, 'Idée 200 : des rencontres régulières dans le quartier')).toBeVisible();
	await page.getByRole('button', { name: 'Afficher 60 notes plus anciennes (140 pas encore affichées)' }).click();
	await expect(page.locator('article.note')).toHaveCount(120);
	await note(page, 'Idée 81 : des rencontres régulières dans le quartier').getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(page.getByText('Gommettes qui vous restent : 2 sur 3.')).toBeVisible();

	const overflow = await page.evaluate(() => {
		const doc = document.documentElement;
		const wide = [...document.querySelectorAll<HTMLElement>('article.note, form.add-note, .prompt')].filter((el) => el.scrollWidth > el.clientWidth + 1);
		return { page: doc.scrollWidth > doc.clientWidth + 1, elements: wide.length };
	});
	expect(overflow).toEqual({ page: false, elements: 0 });
	await expectNoAxeViolations(page, 'board with 200 notes, large text');
	await expectTouchTargets(page, 'board with 200 notes, large text');

	// A phone-sized screen in large text: still no horizontal scrolling.
	await page.setViewportSize({ width: 360, height: 740 });
	const narrow = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
	expect(narrow, 'no horizontal scroll at 360 px in large text').toBe(true);
});
