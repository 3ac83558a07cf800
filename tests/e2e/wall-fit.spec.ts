import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { addNote } from './support/hub-devices';
import { zipKit } from './support/kit-zip';
import { createSession } from './support/session-fixture';
import { newWindow } from './support/windows';

/**
 * The wall on real projector sizes (issue 12, item 1): what the room needs is on screen at
 * 1280 × 720 and 1920 × 1080 with nothing to scroll: the stations' questions and their notes (a
 * note put on the wall first, "+N autres" for what is not on screen now), all of a four-dimension
 * card game with every count written out, the check-in's question and scale.
 */
const QC = { kitId: 'dialogue-ia-services-publics', agendaId: 'imaginer' };
const SIZES = [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 }
];

const agendaItem = (page: Page, title: string) =>
	page.getByRole('region', { name: 'Déroulement' }).getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });

/** Every locator is on screen (its box inside the viewport) and neither the page nor the wall scrolls. */
async function expectOnScreen(page: Page, what: string, elements: Locator[]): Promise<void> {
	const viewport = page.viewportSize()!;
	for (const element of elements) {
		await expect(element, `${what}: ${element}`).toBeVisible();
		const box = await element.boundingBox();
		expect(box, `${what}: ${element} has a box`).not.toBeNull();
		const where = `${what} at ${viewport.width}×${viewport.height}: ${element} at ${JSON.stringify(box)}`;
		expect(box!.x, where).toBeGreaterThanOrEqual(0);
		expect(box!.y, where).toBeGreaterThanOrEqual(0);
		expect(box!.x + box!.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
		expect(box!.y + box!.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
	}
	const scroll = await page.evaluate(() => {
		const wall = document.querySelector<HTMLElement>('.wall-screen')!;
		const page = document.scrollingElement!;
		return {
			page: [page.scrollWidth - page.clientWidth, page.scrollHeight - page.clientHeight],
			wall: [wall.scrollWidth - wall.clientWidth, wall.scrollHeight - wall.clientHeight],
			cut: [...document.querySelectorAll('[data-overflow]')].map((el) => el.getAttribute('data-wall-box') ?? el.className)
		};
	});
	expect(scroll, `${what}: nothing to scroll, nothing cut`).toEqual({ page: [0, 0], wall: [0, 0], cut: [] });
}

/**
 * A group tablet (a tab of this device) forms a new group that keeps one card. Consent and the
 * group choice belong to the device: a later tab changes group instead of consenting again.
 */
async function groupKeepsOneCard(context: BrowserContext, id: string, group: string, card: string): Promise<void> {
	const tablet = await newWindow(context);
	await tablet.goto(`/activity?id=${id}&activity=jeu-cartes`);
	const accept = tablet.getByRole('button', { name: 'J’accepte de participer' });
	const change = tablet.getByRole('button', { name: 'Changer de groupe' });
	await expect(accept.or(change)).toBeVisible();
	if (await accept.isVisible()) await accept.click();
	else await change.click();
	await tablet.getByLabel('Nouveau groupe (nom)').fill(group);
	await tablet.getByRole('button', { name: 'Créer le groupe' }).click();
	await tablet.getByRole('button', { name: `Garder la carte « ${card} »` }).click();
	await expect(tablet.locator('.keep-count')).toHaveText('1 / 5 cartes gardées');
	await tablet.close();
}

/** Every card of a notes page is whole on screen (the grid never shows a half row). */
async function notesOnScreen(wall: Page): Promise<Locator[]> {
	const cards = wall.locator('.wall-notes li.note');
	const count = await cards.count();
	expect(count).toBeGreaterThan(0);
	return Array.from({ length: count }, (_, i) => cards.nth(i));
}

test('stations with many notes: questions, the note shown on screen and a page of notes fit, with “+N autres”', async ({ page, context }) => {
	test.setTimeout(240_000);
	const id = await createSession(page, { ...QC, title: 'Mur des stations' });
	await agendaItem(page, 'Quatre stations thématiques').getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(page.locator('#current-title')).toHaveText('Quatre stations thématiques');

	// Two station tablets (tabs of this device) write 40 notes, some long.
	for (const station of ['s1-themes', 's2-publics-marginalises']) {
		const tablet = await newWindow(context);
		await tablet.goto(`/activity?id=${id}&activity=stations-thematiques&station=${station}`);
		// Consent is asked once per device and session.
		const accept = tablet.getByRole('button', { name: 'J’accepte de participer' });
		await expect(accept.or(tablet.getByLabel('Votre note', { exact: true }))).toBeVisible();
		if (await accept.isVisible()) await accept.click();
		for (let i = 1; i <= 20; i++) {
			const long = i % 5 === 0 ? ' Elle est longue exprès, pour voir si le mur coupe proprement un texte qui déborde de trois lignes sur un écran de projection.' : '';
			await addNote(tablet, `${station} note ${i}.${long}`);
		}
		await tablet.close();
	}
	// The facilitator puts one note on the wall.
	const featured = 's1-themes note 3.';
	await page.getByRole('article').filter({ hasText: featured }).getByRole('button', { name: 'Montrer à l’écran' }).click();

	const wall = await newWindow(context);
	for (const size of SIZES) {
		await wall.setViewportSize(size);
		await wall.goto(`/wall?id=${id}`);
		await expect(wall.getByRole('heading', { level: 1, name: 'Quatre stations thématiques' })).toBeVisible();
		const questions = wall.locator('.questions .question');
		await expect(questions).toHaveCount(4);
		const note = wall.locator('.wall-notes li.note').filter({ hasText: featured });
		await expect(note).toHaveClass(/featured/);
		const others = wall.locator('[data-wall-others]');
		await expect(others).toHaveText(/^\+\d+ autres$/);
		await expectOnScreen(wall, 'stations', [
			wall.getByRole('heading', { level: 1 }),
			wall.getByRole('timer'),
			...Array.from({ length: 4 }, (_, i) => questions.nth(i)),
			note,
			others,
			...(await notesOnScreen(wall))
		]);
		// What is shown and what is counted add up to every note.
		const shown = await wall.locator('.wall-notes li.note').count();
		expect(shown + Number((await others.textContent())!.replace(/\D/g, ''))).toBe(40);
		await wall.screenshot({ path: test.info().outputPath(`wall-stations-${size.width}.png`) });
	}
	await expectNoAxeViolations(wall, 'wall with stations and notes');
	await expectTouchTargets(wall, 'wall with stations and notes');
});

test('the card game with four dimensions: every dimension and every count fits, “aucun groupe sur 1” included', async ({ page, context }) => {
	test.setTimeout(180_000);
	// The bundled kit with a fourth dimension (five more cards).
	await page.goto('/kits');
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'quatre-dimensions.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/dialogue-ia-services-publics', (m) => {
			m.id = 'quatre-dimensions';
			m.title = { 'fr-CA': 'Trousse à quatre dimensions', en: 'Four-dimension kit' };
			const grid = m.grid as { dimensions: { id: string; title: Record<string, string>; cards: { id: string }[] }[] };
			const copy = JSON.parse(JSON.stringify(grid.dimensions[1])) as (typeof grid.dimensions)[number];
			copy.id = 'citoyenne';
			copy.title = { 'fr-CA': 'Dimension citoyenne', en: 'Citizen dimension' };
			copy.cards.forEach((card) => (card.id = `citoyenne-${card.id}`));
			grid.dimensions.push(copy);
		})
	});
	await expect(page.getByRole('heading', { level: 3, name: 'Trousse à quatre dimensions' })).toBeVisible();
	await page.goto('/sessions/new');
	const option = page.getByLabel('Trousse').locator('option', { hasText: 'Trousse à quatre dimensions' });
	await page.getByLabel('Trousse').selectOption((await option.getAttribute('value'))!);
	await page.getByRole('radio', { name: /Prototyper/ }).check();
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(page.url()).searchParams.get('id')!;
	await agendaItem(page, 'Jeu de cartes : la grille réflexive').getByRole('button', { name: 'Aller à cette activité' }).click();

	// One group keeps one card.
	await groupKeepsOneCard(context, id, 'Table du fond', 'Transparence et explicabilité');

	const wall = await newWindow(context);
	for (const size of SIZES) {
		await wall.setViewportSize(size);
		await wall.goto(`/wall?id=${id}`);
		const results = wall.locator('section.results');
		await expect(results.getByText('1 groupe a gardé des cartes.')).toBeVisible();
		const titles = results.locator('.dimension-title');
		await expect(titles).toHaveText(['Dimension technique', 'Dimension humaine', 'Dimension environnementale', 'Dimension citoyenne', 'Cartes écrites par les groupes']);
		const values = results.locator('.value');
		await expect(values).toHaveCount(21);
		await expect(values.filter({ hasText: 'aucun groupe sur 1' })).toHaveCount(20);
		await expectOnScreen(wall, 'card game', [
			wall.getByRole('heading', { level: 1 }),
			wall.getByRole('timer'),
			results.getByText('1 groupe a gardé des cartes.'),
			...Array.from({ length: 5 }, (_, i) => titles.nth(i)),
			...Array.from({ length: 21 }, (_, i) => values.nth(i)),
			...Array.from({ length: 21 }, (_, i) => results.locator('.label').nth(i))
		]);
		await wall.screenshot({ path: test.info().outputPath(`wall-card-game-${size.width}.png`) });
	}
	await expectNoAxeViolations(wall, 'wall with the card game');
	await expectTouchTargets(wall, 'wall with the card game');
});

test('the card game’s bars compare: one track width everywhere, each bar its share of all the groups', async ({ page, context }) => {
	const id = await createSession(page, { kitId: QC.kitId, agendaId: 'prototyper', title: 'Barres comparables' });
	await agendaItem(page, 'Jeu de cartes : la grille réflexive').getByRole('button', { name: 'Aller à cette activité' }).click();
	// Two groups keep one different card each: each card is "1 groupe sur 2", half a bar.
	await groupKeepsOneCard(context, id, 'Table A', 'Transparence et explicabilité');
	await groupKeepsOneCard(context, id, 'Table B', 'Qualité des données');
	const wall = await newWindow(context);
	for (const size of SIZES) {
		await wall.setViewportSize(size);
		await wall.goto(`/wall?id=${id}`);
		const results = wall.locator('section.results');
		await expect(results.getByText('2 groupes ont gardé des cartes.')).toBeVisible();
		await expect(results.locator('.value').filter({ hasText: /^1 groupe sur 2$/ })).toHaveCount(2);
		const rows = await results.locator('li').evaluateAll((items) =>
			items.map((li) => ({
				value: li.querySelector('.value')!.textContent!.trim(),
				track: li.querySelector('.track')!.getBoundingClientRect().width,
				bar: li.querySelector('.bar')!.getBoundingClientRect().width
			}))
		);
		const track = rows[0]!.track;
		for (const row of rows) {
			const where = `${size.width}×${size.height}: ${JSON.stringify(row)}`;
			expect(Math.abs(row.track - track), where).toBeLessThanOrEqual(1);
			const share = row.value === '1 groupe sur 2' ? 0.5 : 0;
			expect(Math.abs(row.bar - share * (row.track - 2)), where).toBeLessThanOrEqual(2);
		}
		await wall.screenshot({ path: test.info().outputPath(`wall-card-bars-${size.width}.png`) });
	}
	await expectNoAxeViolations(wall, 'wall with comparable bars');
});

test('the check-in shows its question, its scale and the number of answers', async ({ page, context }) => {
	const id = await createSession(page, { ...QC, title: 'Mur de l’auto-évaluation' });
	await agendaItem(page, 'Où en êtes-vous? (début)').getByRole('button', { name: 'Aller à cette activité' }).click();

	const wall = await newWindow(context);
	for (const size of SIZES) {
		await wall.setViewportSize(size);
		await wall.goto(`/wall?id=${id}`);
		const question = wall.getByRole('heading', { level: 2, name: "En arrivant, comment évaluez-vous vos connaissances sur l'IA dans les services publics?" });
		const scale = wall.locator('.scale li');
		await expect(scale).toHaveText(['Très faibles', 'Faibles', 'Moyennes', 'Bonnes', 'Très bonnes']);
		await expect(wall.locator('[data-checkin-responses]')).toHaveText('aucune réponse');
		await expectOnScreen(wall, 'check-in', [
			wall.getByRole('heading', { level: 1 }),
			wall.getByRole('timer'),
			question,
			...Array.from({ length: 5 }, (_, i) => scale.nth(i)),
			wall.locator('[data-checkin-responses]')
		]);
		await wall.screenshot({ path: test.info().outputPath(`wall-checkin-${size.width}.png`) });
	}
	await expectNoAxeViolations(wall, 'wall during the check-in');
	await expectTouchTargets(wall, 'wall during the check-in');
});

test('the end: thanks and the take-home code fit the screen', async ({ page, context }) => {
	const id = await createSession(page, { ...QC, title: 'Mur de la fin' });
	// The address phones would use for the hub, as typed on the sheets screen (no hub needed to show the code).
	await page.goto(`/sheets?id=${id}`);
	await page.getByLabel('Adresse du relais, telle que les téléphones la voient').fill('http://192.168.1.10:8080');
	await page.getByRole('button', { name: 'Utiliser cette adresse' }).click();
	await expect(page.getByText('Adresse enregistrée pour cette séance : http://192.168.1.10:8080')).toBeVisible();
	await page.goto(`/console?id=${id}`);
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	const last = 'Où en êtes-vous? (fin)';
	page.once('dialog', (d) => void d.accept());
	await agendaItem(page, last).getByRole('button', { name: 'Aller à cette activité' }).click();
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
	await expect(page.getByText('Atelier terminé', { exact: true })).toBeVisible();

	const wall = await newWindow(context);
	for (const size of SIZES) {
		await wall.setViewportSize(size);
		await wall.goto(`/wall?id=${id}`);
		const code = wall.getByRole('img', { name: 'Code QR du résumé de la séance, pour les téléphones' });
		await expectOnScreen(wall, 'the end', [wall.getByRole('heading', { level: 1, name: 'Mur de la fin' }), wall.getByText('Atelier terminé. Merci de votre participation!'), code]);
		await wall.screenshot({ path: test.info().outputPath(`wall-end-${size.width}.png`) });
	}
	await expectNoAxeViolations(wall, 'wall at the end');
});
