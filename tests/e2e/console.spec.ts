import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTabReachable, expectTouchTargets } from './support/axe';
import { writeNotes } from './support/notes';
import { newWindow } from './support/windows';

/** The bundled kit's agendas, read from the kit itself so the test follows its content. */
interface KitJson {
	agendas: { id: string; activities: { id: string; title: { 'fr-CA': string }; silent?: boolean; stations?: string[] }[] }[];
}
const kit = JSON.parse(readFileSync('workshop-kits/dialogue-ia-services-publics/kit.json', 'utf8')) as KitJson;
function agenda(id: string) {
	const found = kit.agendas.find((a) => a.id === id);
	if (!found) throw new Error(`agenda ${id} missing from the bundled kit`);
	return found.activities.map((a) => ({ id: a.id, title: a.title['fr-CA'] }));
}

async function createSession(page: Page, title: string, agendaName: RegExp): Promise<string> {
	await page.goto('/sessions/new');
	await expect(page.getByLabel('Trousse')).toHaveValue(/dialogue-ia-services-publics@/);
	await page.getByRole('radio', { name: agendaName }).check();
	await page.getByLabel('Titre de la séance').fill(title);
	await page.getByLabel('Lieu').fill('Bibliothèque de Rimouski');
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).searchParams.get('id')!;
}

const currentTitle = (page: Page) => page.locator('#current-title');
const clock = (page: Page) => page.getByTestId('console-clock');
const agendaItem = (page: Page, title: string) =>
	page.getByRole('region', { name: 'Déroulement' }).getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });

/** Adds a note with the notes board of the console (the current activity). */
async function addNote(page: Page, text: string) {
	const form = page.getByRole('form', { name: 'Ajouter une note' });
	await form.getByLabel('Votre note').fill(text);
	await form.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(form.getByLabel('Votre note')).toHaveValue('');
}

/** Seconds shown by a m:ss / h:mm:ss clock. */
function seconds(text: string): number {
	return text
		.replace(/[^\d:]/g, '')
		.split(':')
		.reduce((total, part) => total * 60 + Number(part), 0);
}

/** Runs an agenda from start to end with the console's buttons, checking each step. */
async function runAgenda(page: Page, activities: { id: string; title: string }[]) {
	await expect(page.getByText('L’atelier n’a pas commencé.')).toBeVisible();
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	for (const [index, activity] of activities.entries()) {
		await expect(currentTitle(page)).toHaveText(activity.title);
		await expect(page.getByText(`Activité ${index + 1} sur ${activities.length}`)).toBeVisible();
		await expect(agendaItem(page, activity.title)).toContainText('En cours');
		if (index > 0) await expect(agendaItem(page, activities[index - 1]!.title)).toContainText('Terminée');
		if (index === 1) {
			// Pause freezes the clock; resume lets it run again.
			await page.getByRole('button', { name: 'Pause', exact: true }).click();
			await expect(page.getByText('En pause', { exact: true })).toBeVisible();
			const frozen = await clock(page).textContent();
			await page.waitForTimeout(1200);
			await expect(clock(page)).toHaveText(frozen!);
			await page.getByRole('button', { name: 'Reprendre' }).click();
			await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
			// +5 min is visible on the clock, in the allotment and in the agenda.
			const before = seconds((await clock(page).textContent())!);
			await page.getByRole('button', { name: /ajouter 5 minutes/ }).click();
			await expect.poll(async () => seconds((await clock(page).textContent())!) - before).toBeGreaterThan(290);
			await expect(page.getByText('(+5 minutes)').first()).toBeVisible();
			await expect(agendaItem(page, activity.title)).toContainText('(+5 minutes)');
		}
		const last = index === activities.length - 1;
		if (last) {
			// Ending asks first; declining changes nothing.
			page.once('dialog', (d) => {
				expect(d.type()).toBe('confirm');
				expect(d.message()).toContain('Terminer l’atelier?');
				void d.dismiss();
			});
			await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
			await expect(currentTitle(page)).toHaveText(activity.title);
			page.once('dialog', (d) => void d.accept());
			await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
		} else await page.getByRole('button', { name: 'Activité suivante' }).click();
	}
	await expect(page.getByText('Atelier terminé', { exact: true })).toBeVisible();
	await expect(page.getByText(/^Atelier terminé à .+ Durée réelle : /)).toBeVisible();
	for (const activity of activities) await expect(agendaItem(page, activity.title)).toContainText('Terminée');
}

test('a facilitator runs the whole « Imaginer » agenda from the console', async ({ page }) => {
	await createSession(page, 'Imaginer — de bout en bout', /Imaginer/);
	await expectNoAxeViolations(page, 'console before start');
	await expectTouchTargets(page, 'console before start');
	await runAgenda(page, agenda('imaginer'));
	await expectNoAxeViolations(page, 'console after the end');
	// The agenda as run survives a reload.
	await page.reload();
	await expect(page.getByText(/^Atelier terminé à .+ Durée réelle : /)).toBeVisible();
	for (const activity of agenda('imaginer')) await expect(agendaItem(page, activity.title)).toContainText('Terminée');
	// The wall thanks the room once the agenda is over.
	const wall = await newWindow(page.context());
	await wall.goto(`/wall?id=${new URL(page.url()).searchParams.get('id')}`);
	await expect(wall.getByText('Atelier terminé. Merci de votre participation!')).toBeVisible();
	await expectNoAxeViolations(wall, 'wall after the end');
});

test('a facilitator runs the whole « Prototyper » agenda, jumps ahead and sees skipped activities', async ({ page }) => {
	await createSession(page, 'Prototyper — de bout en bout', /Prototyper/);
	await runAgenda(page, agenda('prototyper'));

	// A second run of the same agenda, jumping straight to the card game: a confirmation is asked
	// once the workshop runs, and activities jumped over read as skipped.
	await createSession(page, 'Prototyper — saut', /Prototyper/);
	const activities = agenda('prototyper');
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	await expect(currentTitle(page)).toHaveText(activities[0]!.title);
	const game = activities.find((a) => a.id === 'jeu-cartes')!;
	page.once('dialog', (d) => d.dismiss());
	await agendaItem(page, game.title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(currentTitle(page)).toHaveText(activities[0]!.title);
	page.once('dialog', (d) => {
		expect(d.message()).toContain(game.title);
		void d.accept();
	});
	await agendaItem(page, game.title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(currentTitle(page)).toHaveText(game.title);
	await expect(agendaItem(page, activities[0]!.title)).toContainText('Terminée');
	await expect(agendaItem(page, activities[1]!.title)).toContainText('Sautée');
	await expect(page.getByRole('heading', { name: 'Les choix de chaque groupe' })).toBeVisible();
	await expectNoAxeViolations(page, 'console during the card game');
	await expectTouchTargets(page, 'console during the card game');

	// The wall shows the grid results while groups play.
	const wall = await newWindow(page.context());
	await wall.goto(`/wall?id=${new URL(page.url()).searchParams.get('id')}`);
	await expect(wall.getByRole('heading', { level: 1, name: game.title })).toBeVisible();
	await expect(wall.getByRole('heading', { name: 'Cartes gardées par les groupes' })).toBeVisible();
	await expectNoAxeViolations(wall, 'wall during the card game');
	await expectTouchTargets(wall, 'wall during the card game');
	await wall.screenshot({ path: 'test-results/wall-card-game.png' });
});

test('the timer and the current activity survive a reload, running or paused', async ({ page }) => {
	await createSession(page, 'Rechargement', /Imaginer/);
	const activities = agenda('imaginer');
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	await page.getByRole('button', { name: 'Activité suivante' }).click();
	await expect(currentTitle(page)).toHaveText(activities[1]!.title);
	await page.waitForTimeout(2200);
	const beforeReload = seconds((await clock(page).textContent())!);
	expect(beforeReload).toBeLessThan(5 * 60);
	await page.reload();
	await expect(currentTitle(page)).toHaveText(activities[1]!.title);
	// Still counting down from stored timestamps: no reset to the full 5 minutes.
	const afterReload = seconds((await clock(page).textContent())!);
	expect(afterReload).toBeLessThanOrEqual(beforeReload);
	expect(afterReload).toBeGreaterThan(beforeReload - 30);
	await expect.poll(async () => seconds((await clock(page).textContent())!)).toBeLessThan(afterReload);

	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	const paused = await clock(page).textContent();
	await page.reload();
	await expect(page.getByText('En pause', { exact: true })).toBeVisible();
	await expect(clock(page)).toHaveText(paused!);
	await expect(page.getByRole('button', { name: 'Reprendre' })).toBeVisible();
});

test('overtime is shown in words, not only in colour', async ({ page }) => {
	await page.clock.install();
	await createSession(page, 'Minuterie longue', /Imaginer/);
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	await expect(page.getByText('Temps restant', { exact: true })).toBeVisible();
	await page.clock.fastForward('11:00');
	await expect(page.getByText('Dépassement', { exact: true })).toBeVisible();
	await expect(clock(page)).toHaveAccessibleName(/^Temps dépassé de 01:0\d$/);
	await expect(clock(page)).toHaveText(/^\+01:0\d$/);
});

test('the wall follows the console: timer, activity, silent notes and their reveal; observer notes stay off the wall', async ({ page, context }) => {
	const id = await createSession(page, 'Mur et console', /Imaginer/);
	const activities = agenda('imaginer');
	const board = activities.find((a) => a.id === 'inspirations-preoccupations')!;

	const wall = await newWindow(context);
	await wall.goto(`/wall?id=${id}`);
	await expect(wall.getByText('L’atelier va bientôt commencer.')).toBeVisible();
	await expectNoAxeViolations(wall, 'wall before start');
	await expectTouchTargets(wall, 'wall before start');

	// Start: the wall shows the first activity and a running countdown.
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	await expect(wall.getByRole('heading', { level: 1, name: activities[0]!.title })).toBeVisible();
	await expect(wall.getByRole('timer')).toHaveText(/^(10:00|09:\d\d)$/);
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(wall.getByText(/En pause/)).toBeVisible();
	await page.getByRole('button', { name: 'Reprendre' }).click();
	await expect(wall.getByText(/En pause/)).toHaveCount(0);
	await page.getByRole('button', { name: /ajouter 5 minutes/ }).click();
	await expect(wall.getByRole('timer')).toHaveText(/^1[45]:\d\d$/);
	await page.getByRole('button', { name: 'Activité suivante' }).click();
	await expect(wall.getByRole('heading', { level: 1, name: activities[1]!.title })).toBeVisible();

	// Jump to the silent board; the wall shows the station's question and only a count of notes.
	page.once('dialog', (d) => d.accept());
	await agendaItem(page, board.title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(wall.getByRole('heading', { level: 1, name: board.title })).toBeVisible();
	await expect(wall.getByText(/qu'est-ce qui vous inspire/)).toBeVisible();
	await expect(page.getByText('Les notes restent cachées', { exact: false })).toBeVisible();

	await addNote(page, 'Des services ouverts le soir grâce à l’IA');
	await expect(page.getByText('1 note écrite pour l’instant.')).toBeVisible();
	await expect(wall.getByText(/1 note écrite, cachée jusqu’au dévoilement/)).toBeVisible();
	await expect(wall.getByText('Des services ouverts le soir', { exact: false })).toHaveCount(0);
	await expectNoAxeViolations(wall, 'wall during silent writing');
	await expectNoAxeViolations(page, 'console during silent writing');
	await expectTouchTargets(page, 'console during silent writing');

	// An observer note; the reveal that follows reaches the wall, the observer note never does.
	await page.getByLabel('Nouvelle observation').fill('Le groupe du fond hésite à écrire');
	await page.getByRole('button', { name: 'Ajouter l’observation' }).click();
	await expect(page.getByRole('region', { name: 'Observations de l’animation' }).getByText('Le groupe du fond hésite à écrire')).toBeVisible();

	await page.getByRole('button', { name: 'Dévoiler les notes à tout le monde' }).click();
	await expect(page.getByText(/^Notes dévoilées à /)).toBeVisible();
	await expect(wall.getByText('Des services ouverts le soir grâce à l’IA')).toBeVisible();
	await expect(wall.getByText(/cachée jusqu’au dévoilement/)).toHaveCount(0);
	await expect(wall.getByText('Le groupe du fond hésite à écrire')).toHaveCount(0);
	await expectNoAxeViolations(wall, 'wall after reveal');
	await expectTouchTargets(wall, 'wall after reveal');
	await wall.screenshot({ path: 'test-results/wall-revealed.png' });
	await page.screenshot({ path: 'test-results/console-revealed.png', fullPage: true });
});

test('a board of 200 notes written at a station: readable on the wall, usable on the console', async ({ page, context }) => {
	test.setTimeout(90_000);
	const id = await createSession(page, 'Grand tableau', /Imaginer/);
	const board = agenda('imaginer').find((a) => a.id === 'inspirations-preoccupations')!;
	await agendaItem(page, board.title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(currentTitle(page)).toHaveText(board.title);
	await page.getByRole('button', { name: 'Dévoiler les notes à tout le monde' }).click();
	await expect(page.getByText(/^Notes dévoilées à /)).toBeVisible();

	// A station tablet (another tab of the same device) writes; then this tab becomes the wall.
	await page.goto('/sessions');
	const station = await newWindow(context);
	await station.goto(`/activity?id=${id}&activity=${board.id}&station=${board.id}`);
	await station.getByRole('button', { name: 'J’accepte de participer' }).click();
	const started = Date.now();
	await writeNotes(station, Array.from({ length: 200 }, (_, i) => `Idée numéro ${i + 1} sur les services publics`));
	console.log(`seeded 200 notes at a station in ${Date.now() - started} ms`);
	await station.close();

	await page.goto(`/wall?id=${id}`);
	await expect(page.getByText('Idée numéro 200 sur les services publics')).toBeVisible();
	// The newest notes fill the screen; the rest is counted and takes turns on later pages.
	await expect(page.locator('[data-wall-others]')).toHaveText(/^\+\d+ autres$/);
	await expect(page.getByText('200 notes', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'wall with 200 notes');
	await expectTouchTargets(page, 'wall with 200 notes');
	await page.screenshot({ path: 'test-results/wall-200-notes.png' });

	const facilitator = await newWindow(context);
	const opened = Date.now();
	await facilitator.goto(`/console?id=${id}`);
	await expect(facilitator.locator('#current-title')).toHaveText(board.title);
	await expect(facilitator.getByRole('row').filter({ hasText: board.title })).toContainText('200');
	await expect(facilitator.getByText('Idée numéro 200 sur les services publics', { exact: true })).toBeVisible();
	console.log(`console with 200 notes ready in ${Date.now() - opened} ms`);
	await expectNoAxeViolations(facilitator, 'console with 200 notes');
	await expectTouchTargets(facilitator, 'console with 200 notes');
	// The console stays responsive: the clock still answers the buttons.
	await facilitator.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(facilitator.getByText('En pause', { exact: true })).toBeVisible();
	await expect(page.getByText(/En pause/)).toBeVisible();
});

test('observer notes: add, edit, move to the bin and restore, listed with their time', async ({ page }) => {
	await createSession(page, 'Observations', /Prototyper/);
	const region = page.getByRole('region', { name: 'Observations de l’animation' });
	await expect(region.getByText('les exportations les laissent de côté par défaut', { exact: false })).toBeVisible();
	await region.getByLabel('Nouvelle observation').fill('Première observation');
	await region.getByRole('button', { name: 'Ajouter l’observation' }).click();
	const note = region.getByRole('listitem').filter({ hasText: 'Première observation' });
	await expect(note).toContainText(/\d{1,2}\s?h\s?\d{2}|\d{1,2}:\d{2}/);
	await expect(note).toContainText('Séance');

	await note.getByRole('button', { name: /^Modifier/ }).click();
	await region.getByLabel('Texte de l’observation').fill('Observation corrigée');
	await region.getByRole('button', { name: 'Enregistrer' }).click();
	const edited = region.getByRole('listitem').filter({ hasText: 'Observation corrigée' });
	await expect(edited).toContainText('modifiée');

	await edited.getByRole('button', { name: /^Mettre à la corbeille/ }).click();
	await expect(region.getByText('Aucune observation pour l’instant.')).toBeVisible();
	await region.getByText('Corbeille (1 observation)').click();
	await region.getByRole('button', { name: /^Restaurer/ }).click();
	await expect(region.getByRole('listitem').filter({ hasText: 'Observation corrigée' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('region', { name: 'Observations de l’animation' }).getByText('Observation corrigée')).toBeVisible();
});

test('session details are editable from the console; links open the station views and the wall', async ({ page }) => {
	const id = await createSession(page, 'Titre provisoire', /Imaginer/);
	await page.getByText('Modifier le titre, la date ou le lieu').click();
	await page.getByLabel('Titre de la séance').fill('Atelier de Matane');
	await page.getByLabel('Lieu').fill('Salle communautaire');
	await page.getByRole('button', { name: 'Enregistrer les informations' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Atelier de Matane' })).toBeVisible();
	await expect(page.getByText('Salle communautaire')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Atelier de Matane' })).toBeVisible();

	const stationsActivity = agenda('imaginer').find((a) => a.id === 'stations-thematiques')!;
	await agendaItem(page, stationsActivity.title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(currentTitle(page)).toHaveText(stationsActivity.title);
	const links = page.getByRole('region', { name: 'Écrans à ouvrir' });
	await expect(links.getByRole('link', { name: /Écran mural/ })).toHaveAttribute('href', `/wall?id=${id}`);
	await expect(links.getByRole('link', { name: /Station :/ })).toHaveCount(4);
	const first = links.getByRole('link', { name: /Station :/ }).first();
	await expect(first).toHaveAttribute('href', `/activity?id=${id}&activity=stations-thematiques&station=s1-themes`);
	await expect(first).toHaveAttribute('target', '_blank');
	const [station] = await Promise.all([page.context().waitForEvent('page'), first.click()]);
	await expect(station).toHaveURL(/\/activity\?id=.+&station=s1-themes/);
	await expect(station.getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
	// Per-station counts for the current activity.
	await expect(page.getByRole('region', { name: 'Contributions' }).getByRole('listitem')).toHaveCount(4);
});

test('ending the workshop: asked first; participant screens say it is over; the console leads to the exports', async ({ page, context }) => {
	const id = await createSession(page, 'Fin d’atelier', /Prototyper/);
	const activities = agenda('prototyper');
	const participant = await newWindow(context);
	await participant.goto(`/activity?id=${id}&role=participant`);
	await expect(participant.getByText('L’atelier n’a pas encore commencé.', { exact: false })).toBeVisible();

	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	const last = activities[activities.length - 1]!;
	page.once('dialog', (d) => void d.accept());
	await agendaItem(page, last.title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(currentTitle(page)).toHaveText(last.title);
	page.once('dialog', (d) => void d.dismiss());
	await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
	await expect(page.getByTestId('after-workshop')).toHaveCount(0);
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
	await expect(page.getByText('Atelier terminé', { exact: true })).toBeVisible();

	// The participant's tab follows: it is over, thanks (no summary without a venue hub).
	await expect(participant.getByRole('heading', { level: 2, name: 'L’atelier est terminé' })).toBeVisible();
	await expect(participant.getByText('Merci de votre participation!')).toBeVisible();
	await expect(participant.getByText('L’atelier n’a pas encore commencé.', { exact: false })).toHaveCount(0);
	await expect(participant.getByRole('link', { name: 'Ouvrir le résumé de l’atelier' })).toHaveCount(0);
	await expectNoAxeViolations(participant, 'participant screen after the end');
	await expectTouchTargets(participant, 'participant screen after the end');

	// The console offers the way to the exports, by keyboard too.
	const after = page.getByTestId('after-workshop');
	await expect(after.getByRole('link', { name: 'Bilan imprimable' })).toHaveAttribute('href', `/report?id=${id}`);
	const exports = after.getByRole('link', { name: 'Exporter la séance' });
	await expect(exports).toHaveAttribute('href', `/export?id=${id}`);
	await expectNoAxeViolations(page, 'console after the end, exports offered');
	await expectTouchTargets(page, 'console after the end, exports offered');
	await expectTabReachable(page, exports, 'the export link');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/export\\?id=${id}$`));
});
