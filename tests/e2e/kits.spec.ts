import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { zipSync } from 'fflate';
import { readFolder, zipKit } from './support/kit-zip';

// Offline use and the service worker's routing are what this file tests (screen specs block the worker).
test.use({ serviceWorkers: 'allow' });

const QC_KIT = "Dialogue citoyen sur l'IA dans les services publics";

/** The library card of one kit, found by its title. */
function kitCard(page: Page, title: string) {
	return page.locator('li.card').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

async function openQuebecKit(page: Page) {
	await page.goto('/kits');
	await kitCard(page, QC_KIT).getByRole('link', { name: 'Ouvrir' }).click();
	await expect(page.getByRole('heading', { level: 1, name: QC_KIT })).toBeVisible();
}

async function section(page: Page, name: string) {
	await page.getByRole('navigation', { name: 'Sections de la trousse' }).getByRole('link', { name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name, exact: true })).toBeAttached();
}

test('the library lists both bundled kits, and the home screen opens them', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 3, name: QC_KIT })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ouvrir', exact: true })).toHaveCount(2);
	await expect(kitCard(page, QC_KIT).getByRole('link', { name: 'Ouvrir' })).toHaveAccessibleDescription(QC_KIT);
	await page.goto('/kits');
	await expect(page.getByText('Incluse').first()).toBeVisible();
	await expectNoAxeViolations(page, 'kit library');
	await expectTouchTargets(page, 'kit library');
});

test('every section of the Québec kit can be browsed, with axe finding nothing', async ({ page }) => {
	await openQuebecKit(page);
	await expect(page.getByText(/\d+ affiches/)).toBeVisible();
	await expectNoAxeViolations(page, 'kit overview');

	await section(page, 'Affiches');
	const posters = page.locator('ol.posters').getByRole('button');
	expect(await posters.count()).toBeGreaterThanOrEqual(10);
	await expectNoAxeViolations(page, 'posters');
	await expectTouchTargets(page, 'posters');

	// Full-screen poster: next/previous by buttons and keys, glossary term inside the poster.
	await posters.first().click();
	const viewer = page.getByRole('dialog');
	await expect(viewer.getByText('Affiche 1 sur')).toBeVisible();
	await expectNoAxeViolations(page, 'poster viewer');
	await viewer.getByRole('button', { name: /Suivant/ }).click();
	await expect(viewer.getByText('Affiche 2 sur')).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(viewer.getByText('Affiche 1 sur')).toBeVisible();
	let termFound = false;
	for (let i = 0; i < 12 && !termFound; i++) {
		const link = viewer.locator('a.term-link').first();
		if (await link.count()) {
			const term = (await link.textContent())!.trim();
			await link.click();
			await expect(viewer.getByRole('heading', { name: /Définition de/ })).toBeVisible();
			await viewer.getByRole('button', { name: 'Retour à l’affiche' }).click();
			await expect(viewer.locator('a.term-link').first()).toHaveText(term);
			termFound = true;
		} else {
			await viewer.getByRole('button', { name: /Suivant/ }).click();
		}
	}
	expect(termFound, 'a poster links to a glossary term').toBe(true);
	await viewer.getByRole('button', { name: 'Fermer l’affiche' }).click();
	await expect(viewer).toBeHidden();

	await section(page, 'Glossaire');
	const terms = page.locator('dl.terms > div');
	expect(await terms.count()).toBeGreaterThanOrEqual(30);
	await page.getByLabel('Chercher un terme').fill('algorithme');
	await expect(page.getByRole('status').filter({ hasText: /terme/ })).toBeVisible();
	expect(await terms.count()).toBeGreaterThanOrEqual(1);
	await expect(terms.first()).toContainText(/algorithme/i);
	await page.getByLabel('Chercher un terme').fill('zzzz');
	await expect(page.getByText('Aucun terme trouvé')).toBeVisible();
	await page.getByLabel('Chercher un terme').fill('');
	await expectNoAxeViolations(page, 'glossary');

	await section(page, 'Stations');
	expect(await page.locator('.list > li').count()).toBeGreaterThanOrEqual(8);
	// Categories read as a list, with a space after each comma.
	await expect(page.getByText('Catégories de réponses : Informer, Consulter, Impliquer, Collaborer, Habiliter', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'stations');

	await section(page, 'Grille réflexive');
	await expect(page.getByText('Chaque groupe garde 5 cartes.')).toBeVisible();
	expect(await page.locator('.grid-card').count()).toBe(15);
	await expectNoAxeViolations(page, 'grid');

	await section(page, 'Cas fictifs');
	expect(await page.getByText('Cas fictif', { exact: true }).count()).toBe(3);
	await expectNoAxeViolations(page, 'cases');

	await section(page, 'Déroulements');
	await expect(page.getByText('Durée totale : 3 h')).toBeVisible();
	await expect(page.getByText('Durée totale : 2 h 30')).toBeVisible();
	await page.locator('summary').first().click();
	await expectNoAxeViolations(page, 'agendas');
	await expectTouchTargets(page, 'agendas');

	await section(page, 'Données');
	await expect(page.getByText(/Données illustratives/).first()).toBeVisible();
	const rows = page.locator('tbody tr');
	const total = await rows.count();
	expect(total).toBeGreaterThanOrEqual(20);
	const firstCell = (await rows.first().locator('td').first().textContent())!.trim();
	await page.getByLabel('Chercher dans le tableau').fill(firstCell);
	expect(await rows.count()).toBeLessThan(total);
	await expectNoAxeViolations(page, 'data');
});

test('read-aloud buttons appear when the device has a voice, and read the text', async ({ page }) => {
	// Headless Chromium has no voices: give it one French voice that records what it is asked to say.
	await page.addInitScript(() => {
		const spoken: string[] = [];
		(window as unknown as { spoken: string[] }).spoken = spoken;
		const voice = { name: 'Test fr-CA', lang: 'fr-CA', localService: true, default: true, voiceURI: 'test' };
		// The real utterance accepts only genuine voice objects: fake it too.
		class FakeUtterance {
			text: string;
			lang = '';
			voice: unknown = null;
			rate = 1;
			onend: ((e: Event) => void) | null = null;
			onerror: ((e: Event) => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
		Object.defineProperty(window, 'speechSynthesis', {
			value: {
				getVoices: () => [voice],
				speak: (u: FakeUtterance) => {
					spoken.push(`${u.lang}|${u.text}`);
					setTimeout(() => u.onend?.(new Event('end')), 10);
				},
				cancel: () => {},
				addEventListener: () => {}
			}
		});
	});
	await openQuebecKit(page);
	await section(page, 'Stations');
	const button = page.getByRole('button', { name: /^Lire à voix haute/ }).first();
	await button.click();
	await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length)).toBe(1);
	const said = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken[0]);
	expect(said).toMatch(/^fr-CA\|.+\?/);

	// No English voice on this device: in English, only the French kit text (shown in French
	// when no translation exists) could be read; the English UI itself offers no English voice.
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByRole('button', { name: /^Read aloud/ })).toHaveCount(0);
});

test('importing a kit: a valid zip is added, a broken one is refused with the file and field named', async ({ page }) => {
	await page.goto('/kits');
	const chooser = page.getByLabel('Choisir un fichier .zip');

	await chooser.setInputFiles({
		name: 'broken.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/library-ai-conversation', (m) => {
			m.id = 'broken-kit';
			(m.agendas as { activities: { durationMinutes: number }[] }[])[0]!.activities[0]!.durationMinutes = -5;
		})
	});
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Cette trousse n’a pas été importée.');
	await expect(alert).toContainText('kit.json');
	await expect(alert).toContainText('agendas[0].activities[0].durationMinutes');
	await expect(page.locator('ul.kits').getByRole('heading', { level: 3 })).toHaveCount(2);
	await expectNoAxeViolations(page, 'import error');

	await chooser.setInputFiles({
		name: 'copy.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/library-ai-conversation', (m) => {
			m.id = 'imported-copy';
			m.title = { en: 'Imported copy of the library kit' };
		})
	});
	await expect(page.getByRole('status').filter({ hasText: 'a été importée' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Imported copy of the library kit' })).toBeVisible();

	// Export the imported kit as a zip, then delete it.
	const download = page.waitForEvent('download');
	await kitCard(page, 'Imported copy of the library kit').getByRole('button', { name: 'Exporter en .zip' }).click();
	expect((await download).suggestedFilename()).toMatch(/^imported-copy-.+\.zip$/);

	page.once('dialog', (d) => d.accept());
	await kitCard(page, 'Imported copy of the library kit').getByRole('button', { name: 'Supprimer' }).click();
	await expect(page.getByRole('heading', { level: 3, name: 'Imported copy of the library kit' })).toBeHidden();
	await expect(page.getByText('a été supprimée')).toBeVisible();
});

test('an imported kit survives a reload, and kits can be browsed with the network off', async ({ page, context }) => {
	await page.goto('/kits');
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'offline.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/library-ai-conversation', (m) => {
			m.id = 'offline-copy';
			m.title = { en: 'Offline copy' };
		})
	});
	await expect(page.getByRole('heading', { level: 3, name: 'Offline copy' })).toBeVisible();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.evaluate(() => navigator.serviceWorker.ready);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 3, name: 'Offline copy' })).toBeVisible();
	await kitCard(page, QC_KIT).getByRole('link', { name: 'Ouvrir' }).click();
	await expect(page.getByRole('heading', { level: 1, name: QC_KIT })).toBeVisible();
	await section(page, 'Affiches');
	await page.locator('ol.posters').getByRole('button').first().click();
	await expect(page.getByRole('dialog').getByText('Affiche 1 sur')).toBeVisible();
	await page.getByRole('button', { name: 'Fermer l’affiche' }).click();
	await section(page, 'Glossaire');
	await expect(page.locator('dl.terms > div').first()).toBeVisible();
	// The imported kit opens offline too: it lives in IndexedDB.
	await page.goto('/kits');
	await kitCard(page, 'Offline copy').getByRole('link', { name: 'Ouvrir' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Offline copy' })).toBeVisible();
	await context.setOffline(false);
});

/** A real PNG header for a 30,000 × 30,000 image: a few bytes of file, 3.6 GB of pixels once decoded. */
function hugePng(): Uint8Array {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Uint8Array) => {
		let c = 0xffffffff;
		for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: number[]) => {
		const body = new Uint8Array([...type].map((ch) => ch.charCodeAt(0)).concat(data));
		const out = new DataView(new ArrayBuffer(12 + data.length));
		out.setUint32(0, data.length);
		new Uint8Array(out.buffer).set(body, 4);
		out.setUint32(8 + data.length, crc(body));
		return [...new Uint8Array(out.buffer)];
	};
	const side = [0, 0, 0x75, 0x30];
	return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [...side, ...side, 8, 2, 0, 0, 0]), ...chunk('IEND', [])]);
}

test('a kit with a 30,000 × 30,000 image is refused, naming the image; glossary search finds œ words typed “oe”', async ({ page }) => {
	await page.goto('/kits');
	const files = readFolder('workshop-kits/dialogue-ia-services-publics');
	const manifest = JSON.parse(new TextDecoder().decode(files['kit.json'])) as Record<string, unknown>;
	manifest.id = 'trousse-image-geante';
	files['kit.json'] = new TextEncoder().encode(JSON.stringify(manifest));
	files['assets/echelle-participation.png'] = hugePng();
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({ name: 'image-geante.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Cette trousse n’a pas été importée.');
	await expect(alert).toContainText('assets/echelle-participation.png');
	await expect(alert).toContainText(/30\s?000 × 30\s?000 pixels/);
	await expect(alert).toContainText(/8\s?192 pixels de côté et 40 mégapixels/);
	await expect(page.locator('ul.kits').getByRole('heading', { level: 3 })).toHaveCount(2);
	await expectNoAxeViolations(page, 'image too large');

	// A kit whose glossary has words with œ: people type « oe » (French keyboards rarely offer œ).
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'ligatures.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/dialogue-ia-services-publics', (m) => {
			m.id = 'trousse-ligatures';
			m.title = { 'fr-CA': 'Trousse des ligatures', en: 'Ligature kit' };
			(m.glossary as unknown[]).push(
				{ id: 'oeuvre-collective', term: { 'fr-CA': 'Œuvre collective', en: 'Collective work' }, definition: { 'fr-CA': 'Un travail fait ensemble.', en: 'Work done together.' } },
				{ id: 'coeur-du-service', term: { 'fr-CA': 'Cœur du service', en: 'Core of the service' }, definition: { 'fr-CA': 'Ce qui compte le plus.', en: 'What matters most.' } }
			);
		})
	});
	await expect(page.getByRole('heading', { level: 3, name: 'Trousse des ligatures' })).toBeVisible();
	await kitCard(page, 'Trousse des ligatures').getByRole('link', { name: 'Ouvrir' }).click();
	await section(page, 'Glossaire');
	const terms = page.locator('dl.terms > div');
	const search = page.getByLabel('Chercher un terme');
	await search.fill('oeuvre');
	await expect(terms).toHaveCount(1);
	await expect(terms.first()).toContainText('Œuvre collective');
	await search.fill('coeur');
	await expect(terms).toHaveCount(1);
	await expect(terms.first()).toContainText('Cœur du service');
	await search.fill('CŒUR');
	await expect(terms.first()).toContainText('Cœur du service');
	await expectNoAxeViolations(page, 'glossary search with ligatures');
});
