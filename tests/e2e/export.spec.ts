import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';

/** A complete trace of a "Prototyper" session on the bundled Québec kit, built by the export core (tests/unit/export). */
const FIXTURE = 'tests/unit/export/fixtures/session-trace.json';
const fixtureText = readFileSync(FIXTURE, 'utf8');
const fixture = JSON.parse(fixtureText) as { session: { id: string; title: string; place: string }; contributions: unknown[]; document: string | null };
const TITLE = fixture.session.title;

function traceFile(name: string, text: string) {
	return { name, mimeType: 'application/json', buffer: Buffer.from(text) };
}

async function importFixture(page: Page) {
	await page.goto('/export');
	await page.getByLabel('Fichier de trace (.json ou .zip)').setInputFiles(traceFile('trace.json', fixtureText));
	await expect(page.getByRole('status').filter({ hasText: `Session « ${TITLE} » ajoutée à cet appareil.` })).toBeVisible();
}

async function downloadText(page: Page, button: string): Promise<{ name: string; text: string }> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: button, exact: true }).click();
	const file = await download;
	const path = await file.path();
	return { name: file.suggestedFilename(), text: readFileSync(path!, 'utf8') };
}

test('a trace is imported through the export screen, then exported as JSON, CSV and a bundle', async ({ page }) => {
	await importFixture(page);
	await page.getByRole('link', { name: 'Voir les exports de cette session' }).click();
	await expect(page.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
	// 9 contributions in the file, one of them deleted.
	await expect(page.getByText('8 contributions, 3 groupes, 6 personnes participantes')).toBeVisible();
	await expectNoAxeViolations(page, 'export');
	await expectTouchTargets(page, 'export');

	// Pseudonymous by default; the fixture has a typed name and an observer note, so no document.
	await expect(page.getByText('le fichier JSON ne contiendra pas l’état complet')).toBeVisible();
	let json = JSON.parse((await downloadText(page, 'Trace complète (JSON)')).text);
	expect(json.privacy).toEqual({ authorNames: false, observerNotes: false });
	expect(json.document).toBeNull();
	expect(JSON.stringify(json)).not.toContain('Marie Gagnon');

	// Opting in shows the Law 25 warning and gives back the complete trace.
	await page.getByLabel('Inclure les noms tapés par les personnes participantes').check();
	await expect(page.getByRole('alert').filter({ hasText: 'un nom est un renseignement personnel' })).toBeVisible();
	await page.getByLabel('Inclure les notes d’observation de l’équipe d’animation').check();
	const complete = await downloadText(page, 'Trace complète (JSON)');
	json = JSON.parse(complete.text);
	expect(complete.name).toBe('tablee-2026-10-14-atelier-prototyper-rimouski.json');
	expect(json.contributions).toHaveLength(fixture.contributions.length);
	expect(json.document).toBe(fixture.document);
	await expectNoAxeViolations(page, 'export with privacy warning');

	const csv = await downloadText(page, 'Contributions (CSV)');
	expect(csv.text.startsWith('\uFEFFActivité;Station;Catégorie')).toBe(true);
	expect(csv.text).toContain(`"'=HYPERLINK(""http://exemple.test"";""clic"")"`);
	await page.getByLabel('Virgule ( , ) — Excel en anglais et autres tableurs').check();
	const groupCsv = await downloadText(page, 'Cartes et cas des groupes (CSV)');
	expect(groupCsv.text.startsWith('\uFEFFÉlément,Équipe,Dimension')).toBe(true);
	const xlsx = await downloadText(page, 'Tableur (.xlsx) : contributions, cartes et cas');
	expect(xlsx.name).toBe('tablee-2026-10-14-atelier-prototyper-rimouski.xlsx');
	const bundle = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Tout dans un fichier (.zip)' }).click();
	const zip = await bundle;
	expect(zip.suggestedFilename()).toBe('tablee-2026-10-14-atelier-prototyper-rimouski.zip');
	// The bundle holds the spreadsheet and the session's kit, beside the JSON, CSV and bilan.
	const names = Object.keys(unzipSync(readFileSync((await zip.path())!))).sort();
	expect(names).toEqual([
		'kit-dialogue-ia-services-publics-1.0.0.zip',
		'tablee-2026-10-14-atelier-prototyper-rimouski-contributions.csv',
		'tablee-2026-10-14-atelier-prototyper-rimouski-group-work.csv',
		'tablee-2026-10-14-atelier-prototyper-rimouski-summary.html',
		'tablee-2026-10-14-atelier-prototyper-rimouski.json',
		'tablee-2026-10-14-atelier-prototyper-rimouski.xlsx'
	]);

	// Importing the same file again adds nothing; a broken file is refused with the key path.
	await page.getByLabel('Fichier de trace (.json ou .zip)').setInputFiles(traceFile('trace.json', fixtureText));
	await expect(page.getByRole('status').filter({ hasText: 'Rien de nouveau' })).toBeVisible();
	const broken = JSON.parse(fixtureText);
	broken.contributions[1].kind = 'rumeur';
	await page.getByLabel('Fichier de trace (.json ou .zip)').setInputFiles(traceFile('broken.json', JSON.stringify(broken)));
	const alert = page.getByRole('alert').filter({ hasText: 'Le fichier n’a pas été importé.' });
	await expect(alert).toContainText('contributions[1].kind : type de contribution inconnu.');
	await expectNoAxeViolations(page, 'export with import error');
});

test('the printable summary shows every section and the chart, and saves the follow-up for every tablet', async ({ page }) => {
	await importFixture(page);
	await page.goto(`/report?id=${fixture.session.id}`);
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	for (const name of ['Contexte', 'Ce qui a été dit, par activité', 'Les idées les plus appuyées', 'Grille réflexive : cartes retenues', 'Cas fictifs : conditions de confiance et transparence', 'Auto-évaluation au début et à la fin', 'Suivi : ce que nous ferons des résultats']) {
		await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
	}
	const chart = page.getByRole('img', { name: 'Nombre de groupes ayant retenu chaque carte' });
	await expect(chart).toBeVisible();
	expect(await chart.locator('rect').count()).toBe(15);
	await chart.screenshot({ path: 'test-results/export-report-chart.png' });
	await expect(page.getByRole('table', { name: /Cartes retenues par les groupes \(sur 3 groupes\)/ })).toBeVisible();
	await expect(page.locator('section#contributions').getByText('Savoir qui décide, et pourquoi ; « en clair »')).toBeVisible();
	await expect(page.locator('section#top-voted li').first()).toContainText('Savoir qui décide');
	// Hidden and deleted notes are not in the summary; names and observer notes never.
	await expect(page.getByText('pensez aux aînés')).toHaveCount(0);
	await expect(page.getByText('Marie Gagnon')).toHaveCount(0);
	await expectNoAxeViolations(page, 'report');
	await expectTouchTargets(page, 'report');

	await page.getByLabel('Ce que nous ferons des résultats', { exact: true }).fill('Présenter le bilan au conseil le 3 décembre.');
	await page.getByLabel('Qui s’en charge', { exact: true }).fill('Le comité citoyen');
	await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Suivi enregistré.' })).toBeVisible();
	const followUp = page.locator('section#follow-up');
	await expect(followUp).toContainText('Présenter le bilan au conseil le 3 décembre.');
	await expect(followUp).toContainText('Le comité citoyen');
	await page.reload();
	await expect(page.locator('section#follow-up')).toContainText('Le comité citoyen');
	await expect(page.getByLabel('Qui s’en charge', { exact: true })).toHaveValue('Le comité citoyen');

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Imprimer le bilan' })).toBeHidden();
	await expect(page.getByRole('banner')).toBeHidden();
	await page.screenshot({ path: 'test-results/export-report-print.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	await page.screenshot({ path: 'test-results/export-report.png', fullPage: true });
	const printed = await page.evaluate(() => {
		let called = false;
		window.print = () => {
			called = true;
		};
		(document.querySelector('button.primary') as HTMLButtonElement).click();
		return called;
	});
	expect(printed).toBe(true);
});

test('the synthesis reads several traces and counts cards across sessions', async ({ page }) => {
	const towns = ['Gaspé', 'Val-d’Or'].map((place, i) => {
		const t = JSON.parse(fixtureText);
		t.session.id = `sessionTown${i}000`;
		t.session.place = place;
		t.document = null;
		return traceFile(`trace-${i}.json`, JSON.stringify(t));
	});
	await page.goto('/synthesis');
	await expectNoAxeViolations(page, 'synthesis, empty');
	await page.getByLabel('Fichiers de trace (.json), plusieurs à la fois').setInputFiles([traceFile('trace.json', fixtureText), ...towns, traceFile('copie.json', fixtureText), traceFile('notes.txt', 'pas du JSON')]);
	await expect(page.getByRole('status').filter({ hasText: '3 sessions lues' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('Fichier « copie.json » ignoré : même session qu’un autre fichier.');
	await expect(page.getByRole('alert')).toContainText('Ce fichier n’est pas du JSON lisible.');
	await expect(page.getByRole('heading', { level: 2, name: 'Vue d’ensemble (3 sessions)' })).toBeVisible();
	// The card every group of the fixture kept (3 groups × 3 sessions).
	const cards = page.getByRole('table', { name: /sur 9 groupes/ });
	await expect(cards.getByRole('row').nth(1)).toContainText('9');
	await expect(cards.getByRole('row').nth(1)).toContainText('100');
	await expectNoAxeViolations(page, 'synthesis');
	await expectTouchTargets(page, 'synthesis');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Télécharger la synthèse (CSV)' }).click();
	const csv = readFileSync((await (await download).path())!, 'utf8');
	expect(csv.startsWith('\uFEFFRubrique;Élément;Session;Valeur')).toBe(true);
	await page.screenshot({ path: 'test-results/export-synthesis.png', fullPage: true });
});
