import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTabReachable, expectTouchTargets } from './support/axe';
import { createSession } from './support/session-fixture';
import { newWindow } from './support/windows';

const QC = { kitId: 'dialogue-ia-services-publics', agendaId: 'prototyper' };
const SMALL = { kitId: 'library-ai-conversation', agendaId: 'conversation', language: 'en' as const };

const activityUrl = (id: string, activity: string, extra = '') => `/activity?id=${id}&activity=${activity}${extra}`;

/** Consent (once per device and session), then the group for this tablet. */
async function joinAsGroup(page: Page, group: string, words = { accept: 'J’accepte de participer', newGroup: 'Nouveau groupe (nom)', create: 'Créer le groupe' }) {
	const accept = page.getByRole('button', { name: words.accept });
	const newGroup = page.getByLabel(words.newGroup);
	await expect(accept.or(newGroup)).toBeVisible();
	if (await accept.isVisible()) await accept.click();
	await newGroup.fill(group);
	await page.getByRole('button', { name: words.create }).click();
}

const keep = (page: Page, title: string) => page.getByRole('button', { name: `Garder la carte « ${title} »` });
const keepCount = (page: Page) => page.locator('.keep-count');
/** The "choose this case" button of one case, which the case title describes. */
const chooseCase = (page: Page, title: string, label = 'Choisir ce cas') =>
	page.getByRole('button', { name: label, exact: true, description: title });

async function checkScreen(page: Page, name: string) {
	await expectNoAxeViolations(page, name);
	await expectTouchTargets(page, name);
}

test('a group keeps exactly five cards, writes an “Autre” card and sees its choices on the grid', async ({ page }) => {
	const id = await createSession(page, QC);
	await page.goto(activityUrl(id, 'jeu-cartes'));
	await expect(page.getByRole('heading', { level: 2, name: 'Jeu de cartes : la grille réflexive' })).toBeVisible();
	// Nothing is written before consent: the consent text comes first.
	await expect(page.getByRole('heading', { name: 'Avant de participer' })).toBeVisible();
	await checkScreen(page, 'card game consent');
	await joinAsGroup(page, 'Table des hérons');
	await expect(page.getByText('Groupe : Table des hérons')).toBeVisible();
	await expect(keepCount(page)).toHaveText('0 / 5 cartes gardées');
	await expect(page.getByRole('heading', { level: 3, name: 'Dimension technique' })).toBeVisible();
	await expect(page.getByText('Étape 1 sur 4')).toBeVisible();
	await checkScreen(page, 'card deal');

	await keep(page, 'Transparence et explicabilité').click();
	await keep(page, 'Qualité des données').click();
	await expect(keep(page, 'Qualité des données')).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Cartes suivantes' }).click();
	await expect(page.getByRole('heading', { level: 3, name: 'Dimension humaine' })).toBeVisible();
	for (const title of ['Acceptabilité sociale', 'Responsabilité humaine', 'Évaluation des impacts']) await keep(page, title).click();
	await expect(keepCount(page)).toHaveText('5 / 5 cartes gardées');

	// The sixth card is refused, with the reason, and nothing changes.
	await page.getByRole('button', { name: 'Dimension environnementale' }).click();
	await keep(page, 'Conception sobre').click();
	await expect(page.getByText('Votre groupe a déjà 5 cartes gardées : c’est le maximum. Retirez une carte pour en garder une autre.')).toBeVisible();
	await expect(keep(page, 'Conception sobre')).toHaveAttribute('aria-pressed', 'false');
	await expect(keepCount(page)).toHaveText('5 / 5 cartes gardées');
	await page.screenshot({ path: test.info().outputPath('games-keep-full.png'), fullPage: true });

	// Put one back, then write an "Autre" card: it is kept and counts toward the five.
	await page.getByRole('button', { name: 'Dimension humaine' }).click();
	await keep(page, 'Évaluation des impacts').click();
	await expect(keepCount(page)).toHaveText('4 / 5 cartes gardées');
	await page.getByRole('button', { name: 'Cartes « Autre »' }).click();
	await expect(page.getByText('0 / 3 cartes « Autre » écrites')).toBeVisible();
	await page.getByLabel('Titre de la carte').fill('Droit de refuser');
	await page.getByLabel('Votre question').fill('Peut-on demander qu’une personne décide à la place de l’outil?');
	await page.getByRole('button', { name: 'Écrire la carte' }).click();
	await expect(page.getByText('Carte « Autre » écrite et gardée.')).toBeVisible();
	await expect(page.getByText('1 / 3 cartes « Autre » écrites')).toBeVisible();
	await expect(keepCount(page)).toHaveText('5 / 5 cartes gardées');
	await expect(keep(page, 'Droit de refuser')).toHaveAttribute('aria-pressed', 'true');
	await checkScreen(page, 'other cards');

	await page.getByRole('button', { name: 'Voir nos choix sur la grille' }).click();
	await expect(page.getByRole('heading', { level: 3, name: 'Nos choix sur la grille' })).toBeFocused();
	const column = (name: string) => page.locator('.grid .column').filter({ has: page.getByRole('heading', { level: 4, name }) });
	await expect(column('Dimension technique').getByRole('list', { name: 'Cartes gardées' }).getByRole('listitem')).toHaveText([
		/Transparence et explicabilité/,
		/Qualité des données/
	]);
	await expect(column('Dimension humaine').getByRole('list', { name: 'Cartes gardées' }).getByRole('listitem')).toHaveText([
		/Acceptabilité sociale/,
		/Responsabilité humaine/
	]);
	await expect(column('Dimension humaine').getByRole('list', { name: 'Autres cartes' })).toContainText('Évaluation des impacts');
	await expect(column('Dimension environnementale').getByText('Aucune carte gardée dans cette dimension.')).toBeVisible();
	await expect(column('Nos cartes « Autre »')).toContainText('Droit de refuser');
	await checkScreen(page, 'our choices on the grid');
	await page.screenshot({ path: test.info().outputPath('games-grid.png'), fullPage: true });

	// Choices are in the session, not in the page: they are still there after a reload.
	await page.reload();
	await expect(keepCount(page)).toHaveText('5 / 5 cartes gardées');
});

test('two groups on two tabs of one tablet, side by side for the facilitator', async ({ page, context }) => {
	const id = await createSession(page, QC);
	await page.goto(activityUrl(id, 'jeu-cartes'));
	await joinAsGroup(page, 'Table A');
	await keep(page, 'Transparence et explicabilité').click();
	await keep(page, 'Sécurité des données').click();
	await expect(keepCount(page)).toHaveText('2 / 5 cartes gardées');

	// A second tab of the same device: consent is remembered, the group is chosen again.
	const second = await newWindow(context);
	await second.goto(activityUrl(id, 'jeu-cartes'));
	await expect(second.getByText('Groupe : Table A')).toBeVisible();
	await expect(keepCount(second)).toHaveText('2 / 5 cartes gardées');
	await second.getByRole('button', { name: 'Changer de groupe' }).click();
	await expect(second.getByRole('radio', { name: 'Table A' })).toBeVisible();
	await joinAsGroup(second, 'Table B');
	await expect(keepCount(second)).toHaveText('0 / 5 cartes gardées');
	await keep(second, 'Transparence et explicabilité').click();
	await keep(second, 'Fiabilité et performance').click();
	await keep(second, 'Suivi et évaluation').click();
	await expect(keepCount(second)).toHaveText('3 / 5 cartes gardées');

	const facilitator = await newWindow(context);
	await facilitator.goto(activityUrl(id, 'jeu-cartes', '&role=facilitator'));
	await expect(facilitator.getByRole('heading', { level: 3, name: 'Les choix de chaque groupe' })).toBeVisible();
	const group = (name: string) => facilitator.locator('li.group').filter({ has: facilitator.getByRole('heading', { level: 4, name }) });
	await expect(group('Table A')).toContainText('2 / 5 cartes gardées');
	await expect(group('Table A').locator('ol.kept > li')).toHaveText([/Transparence et explicabilité/, /Sécurité des données/]);
	await expect(group('Table B')).toContainText('3 / 5 cartes gardées');
	await expect(group('Table B').locator('ol.kept > li')).toHaveText([/Transparence/, /Fiabilité et performance/, /Suivi et évaluation/]);

	const results = facilitator.locator('section.results');
	await expect(results.getByText('2 groupes ont gardé des cartes.')).toBeVisible();
	const bar = (title: string) => results.locator('.bars li').filter({ hasText: title });
	await expect(bar('Transparence et explicabilité')).toContainText('2 groupes sur 2');
	await expect(bar('Sécurité des données')).toContainText('1 groupe sur 2');
	await expect(bar('Conception sobre')).toContainText('aucun groupe sur 2');

	// Live: a card kept on the first tab shows up on the facilitator's screen.
	await page.getByRole('button', { name: 'Dimension humaine' }).click();
	await keep(page, 'Acceptabilité sociale').click();
	await expect(group('Table A')).toContainText('3 / 5 cartes gardées');
	await expect(bar('Acceptabilité sociale')).toContainText('1 groupe sur 2');
	await checkScreen(facilitator, 'facilitator side by side');
	await facilitator.screenshot({ path: test.info().outputPath('games-side-by-side.png'), fullPage: true });
});

test('a case answered with cited cards is saved as the group types and survives a reload', async ({ page, context }) => {
	const id = await createSession(page, QC);
	await page.goto(activityUrl(id, 'jeu-cartes'));
	await joinAsGroup(page, 'Table des cas');
	await keep(page, 'Transparence et explicabilité').click();
	await page.getByRole('button', { name: 'Dimension humaine' }).click();
	await keep(page, 'Compréhension et contestation').click();
	await expect(keepCount(page)).toHaveText('2 / 5 cartes gardées');

	await page.goto(activityUrl(id, 'cas-fictifs'));
	await expect(page.getByRole('heading', { level: 3, name: 'Choisissez un cas' })).toBeVisible();
	await checkScreen(page, 'case picker');
	await chooseCase(page, 'Cas fictif 1 : Prédire le décrochage scolaire').click();
	await expect(page.getByRole('heading', { level: 3, name: 'Cas fictif 1 : Prédire le décrochage scolaire' })).toBeFocused();
	await expect(page.getByRole('heading', { name: "Contexte d'utilisation" })).toBeVisible();

	const first = page.getByRole('textbox', { name: /Question 1 sur 2/ });
	const answer = 'Un comité de parents et d’élèves valide l’outil avant son arrivée.\nOn peut refuser l’alerte.';
	await first.fill(answer);
	const firstQuestion = page.locator('.question').first();
	await firstQuestion.getByRole('checkbox', { name: /Compréhension et contestation/ }).check();
	await expect(firstQuestion.getByRole('checkbox', { name: /Transparence et explicabilité/ })).not.toBeChecked();
	await expect(firstQuestion.getByRole('status')).toHaveText(/Enregistré/);
	const second = page.getByRole('textbox', { name: /Question 2 sur 2/ });
	await second.fill('Publier la liste des données utilisées.');
	await expect(page.locator('.question').nth(1).getByRole('status')).toHaveText(/Enregistré/);
	await checkScreen(page, 'case work');
	await page.screenshot({ path: test.info().outputPath('games-case.png'), fullPage: true });

	await page.reload();
	await expect(page.getByRole('textbox', { name: /Question 1 sur 2/ })).toHaveValue(answer);
	await expect(page.getByRole('textbox', { name: /Question 2 sur 2/ })).toHaveValue('Publier la liste des données utilisées.');
	await expect(page.locator('.question').first().getByRole('checkbox', { name: /Compréhension et contestation/ })).toBeChecked();

	// Another group picks the same case; the facilitator reads both groups under that case.
	const other = await newWindow(context);
	await other.goto(activityUrl(id, 'cas-fictifs'));
	await other.getByRole('button', { name: 'Changer de groupe' }).click();
	await joinAsGroup(other, 'Table voisine');
	await expect(other.getByText('1 groupe travaille sur ce cas')).toBeVisible();
	await chooseCase(other, 'Cas fictif 1 : Prédire le décrochage scolaire').click();
	await other.getByRole('textbox', { name: /Question 2 sur 2/ }).fill('Un registre public, écrit simplement.');
	await expect(other.locator('.question').nth(1).getByRole('status')).toHaveText(/Enregistré/);

	const facilitator = await newWindow(context);
	await facilitator.goto(activityUrl(id, 'cas-fictifs', '&role=facilitator'));
	const caseBlock = facilitator.locator('section.case').filter({ has: facilitator.getByRole('heading', { level: 4, name: /Cas fictif 1/ }) });
	const groupBlock = (name: string) => caseBlock.locator('article.group').filter({ has: facilitator.getByRole('heading', { level: 5, name }) });
	await expect(groupBlock('Table des cas')).toContainText('Un comité de parents');
	await expect(groupBlock('Table des cas')).toContainText('Cartes citées : Compréhension et contestation');
	await expect(groupBlock('Table voisine')).toContainText('Un registre public, écrit simplement.');
	await expect(facilitator.locator('section.case').nth(1)).toContainText('Aucun groupe ne travaille sur ce cas.');
	await checkScreen(facilitator, 'facilitator case answers');
	await facilitator.screenshot({ path: test.info().outputPath('games-case-answers.png'), fullPage: true });
});

test('a group that moves on to another case finds its earlier answers and can reopen that case', async ({ page }) => {
	const id = await createSession(page, QC);
	const one = 'Cas fictif 1 : Prédire le décrochage scolaire';
	const two = "Cas fictif 2 : Calculer une indemnité d'invalidité";
	await page.goto(activityUrl(id, 'cas-fictifs'));
	await joinAsGroup(page, 'Table qui change de cas');
	await chooseCase(page, one).click();
	const answer = 'Un comité de parents valide l’outil avant son arrivée.';
	await page.getByRole('textbox', { name: /Question 1 sur 2/ }).fill(answer);
	await expect(page.locator('.question').first().getByRole('status')).toHaveText(/Enregistré/);

	await page.getByRole('button', { name: 'Choisir un autre cas' }).click();
	await chooseCase(page, two).click();
	await expect(page.getByRole('heading', { level: 3, name: two })).toBeFocused();
	// The case left behind is listed with the group's answers, kept.
	const earlier = page.locator('[data-earlier-cases]');
	await expect(earlier.getByRole('heading', { level: 4, name: one })).toBeVisible();
	await earlier.getByText('Voir vos réponses (1 sur 2)').click();
	await expect(earlier).toContainText(answer);
	await checkScreen(page, 'case with an earlier case');

	// In the list of cases too: no "no group" for it, but this group's answers and "Rouvrir".
	await page.getByRole('button', { name: 'Choisir un autre cas' }).click();
	const first = page.locator('li[data-case]').filter({ has: page.getByRole('heading', { level: 4, name: one }) });
	await expect(first.locator('[data-case-earlier]')).toHaveText('Votre groupe a répondu à 1 question sur 2 de ce cas : ses réponses sont gardées.');
	await expect(first).toContainText('1 groupe y a déjà répondu');
	await expect(first).not.toContainText('Aucun groupe');
	await checkScreen(page, 'case picker with an earlier case');
	const reopen = chooseCase(page, one, 'Rouvrir ce cas');
	await expectTabReachable(page, reopen, 'reopen the earlier case', 120);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 3, name: one })).toBeFocused();
	await expect(page.getByRole('textbox', { name: /Question 1 sur 2/ })).toHaveValue(answer);
});

test('the registry table filters, searches and explains its columns in plain words', async ({ page }) => {
	const id = await createSession(page, QC);
	await page.goto(activityUrl(id, 'registre'));
	await expect(page.getByRole('heading', { level: 2, name: "Explorer un registre de projets d'IA" })).toBeVisible();
	const rows = page.locator('table tbody tr');
	const total = await rows.count();
	expect(total).toBeGreaterThan(10);
	await expect(page.getByText(`${total} lignes affichées sur ${total}`)).toBeVisible();

	await page.locator('summary', { hasText: 'Que veut dire chaque colonne?' }).click();
	await expect(page.getByText("L'organisme public qui utilise ou prépare l'outil. Les noms sont inventés.")).toBeVisible();

	await page.getByLabel('Filtrer par État').selectOption('En essai');
	await expect(rows.first()).toBeVisible();
	await expect.poll(() => rows.count()).toBeLessThan(total);
	const trying = await rows.count();
	const states = await rows.locator('td:nth-child(5)').allTextContents();
	expect(new Set(states)).toEqual(new Set(['En essai']));
	await expect(page.getByText(`${trying} lignes affichées sur ${total}`)).toBeVisible();
	await page.getByLabel('Chercher dans le tableau').fill('courriel');
	await expect(rows).toHaveCount(0);
	await page.getByLabel('Filtrer par État').selectOption('');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Tri du courrier électronique');
	await checkScreen(page, 'registry');
	await page.screenshot({ path: test.info().outputPath('games-registry.png'), fullPage: true });
});

test('the small English kit plays with its own counts: two dimensions, keep three, one “Other” card', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-CA' });
	const page = await context.newPage();
	const id = await createSession(page, SMALL);
	await page.goto(activityUrl(id, 'card-game'));
	await joinAsGroup(page, 'Reading corner', { accept: 'I agree to take part', newGroup: 'New group (name)', create: 'Create the group' });
	const keepEn = (title: string) => page.getByRole('button', { name: `Keep the card “${title}”` });
	await expect(keepCount(page)).toHaveText('0 / 3 cards kept');
	await expect(page.getByText('Step 1 of 3')).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Steps of the game' }).getByRole('button')).toHaveText(['People', 'Data and tools', '“Other” cards']);
	await keepEn('Real need').click();
	await keepEn('Human help').click();
	await page.getByRole('button', { name: 'Next cards' }).click();
	await keepEn('Privacy').click();
	await expect(keepCount(page)).toHaveText('3 / 3 cards kept');
	await keepEn('Accuracy').click();
	await expect(page.getByText('Your group already has 3 cards kept: that is the limit. Put one back to keep another.')).toBeVisible();
	await checkScreen(page, 'English card deal');

	// The one blank card: written while the hand is full, it is written but not kept.
	await page.getByRole('button', { name: 'Next cards' }).click();
	await page.getByLabel('Your question').fill('Can I switch the assistant off?');
	await page.getByRole('button', { name: 'Write the card' }).click();
	await expect(page.getByText(/“Other” card written, but not kept: your group already has 3 cards/)).toBeVisible();
	await expect(page.getByText('Your group has written all its “Other” cards.')).toBeVisible();
	await expect(page.getByLabel('Your question')).toHaveCount(0);
	await page.getByRole('button', { name: 'People' }).click();
	await keepEn('Human help').click();
	await page.getByRole('button', { name: '“Other” cards' }).click();
	await keepEn('Other').click();
	await expect(keepCount(page)).toHaveText('3 / 3 cards kept');

	await page.getByRole('button', { name: 'See our choices on the grid' }).click();
	await expect(page.locator('.grid .column')).toHaveCount(3);
	await expect(page.locator('.grid .column').nth(2)).toContainText('Can I switch the assistant off?');
	await checkScreen(page, 'English grid');

	await page.goto(activityUrl(id, 'case'));
	await chooseCase(page, 'Fictional case: a book suggestion assistant', 'Choose this case').click();
	await page.getByRole('textbox', { name: /Question 1 of 2/ }).fill('A clear way to turn it off.');
	await page.locator('.question').first().getByRole('checkbox', { name: /Can I switch the assistant off\?/ }).check();
	await expect(page.locator('.question').first().getByRole('status')).toHaveText(/Saved/);
	await checkScreen(page, 'English case');
	await context.close();
});

test('with a French voice on the device, cards and cases are read aloud', async ({ page }) => {
	// Headless Chromium has no voices: one fake French voice records what it is asked to say.
	await page.addInitScript(() => {
		const spoken: string[] = [];
		Object.assign(window, { spoken });
		class FakeUtterance {
			lang = '';
			voice: unknown = null;
			rate = 1;
			onend: ((e: Event) => void) | null = null;
			onerror: ((e: Event) => void) | null = null;
			constructor(public text: string) {}
		}
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
		Object.defineProperty(window, 'speechSynthesis', {
			value: {
				getVoices: () => [{ name: 'Test fr-CA', lang: 'fr-CA', localService: true, default: true, voiceURI: 'test' }],
				speak: (u: FakeUtterance) => {
					spoken.push(`${u.lang}|${u.text}`);
					setTimeout(() => u.onend?.(new Event('end')), 10);
				},
				cancel: () => {},
				addEventListener: () => {}
			}
		});
	});
	const spoken = () => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
	const id = await createSession(page, QC);
	await page.goto(activityUrl(id, 'jeu-cartes'));
	await joinAsGroup(page, 'Table qui écoute');
	await page.getByRole('button', { name: 'Lire à voix haute : la carte « Qualité des données »' }).click();
	await expect.poll(spoken).toHaveLength(1);
	expect((await spoken())[0]).toMatch(/^fr-CA\|Qualité des données\. .+\?$/);
	await checkScreen(page, 'card deal with read-aloud');

	await page.goto(activityUrl(id, 'cas-fictifs'));
	await chooseCase(page, 'Cas fictif 3 : Un robot de clavardage santé sur le site du 811').click();
	await page.getByRole('button', { name: 'Lire à voix haute : Cas fictif 3 : Un robot de clavardage santé sur le site du 811' }).click();
	// A new page: the fake voice's record starts again.
	await expect.poll(spoken).toHaveLength(1);
	expect((await spoken())[0]).toMatch(/^fr-CA\|Cas fictif 3 : Un robot de clavardage santé sur le site du 811\. .*811/);
	await checkScreen(page, 'case with read-aloud');
});
