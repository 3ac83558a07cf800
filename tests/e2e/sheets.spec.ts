import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseJoinLink } from '../../src/lib/sync/join-link';
import { parsePhoneLink } from '../../src/lib/sync/phone-link';
import { takeHomeId } from '../../src/lib/protocol/take-home';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { decodeQr, pdfPageSizes } from './support/qr-decode';
import { zipKit } from './support/kit-zip';
import { createSession } from './support/session-fixture';
import { newWindow } from './support/windows';

/**
 * Printable phone sheets and the wall's take-home code. Every QR code is read back from pixels:
 * a sheet's must be the phone link of its station (or the join view) with the session's real key,
 * the one the tablets' invitation carries; the wall's must be the hub's keyless take-home URL.
 */
interface KitJson {
	stations: { id: string; title: Record<string, string>; question: Record<string, string> }[];
	agendas: { id: string; activities: { stations?: string[] }[] }[];
}
const kit = JSON.parse(readFileSync('workshop-kits/dialogue-ia-services-publics/kit.json', 'utf8')) as KitJson;
const KIT = 'dialogue-ia-services-publics';
function agendaStations(agendaId: string) {
	const ids = [...new Set(kit.agendas.find((a) => a.id === agendaId)!.activities.flatMap((a) => a.stations ?? []))];
	return ids.map((id) => kit.stations.find((s) => s.id === id)!);
}
const HUB = 'http://192.168.1.10:8080';
const MM_PX = 96 / 25.4;

/** The session key, read from the tablets' invitation link on /share (the link way: no server is set here). */
async function sessionKey(page: Page, id: string): Promise<string> {
	await page.goto(`/share?id=${id}&way=link`);
	const parsed = parseJoinLink(await page.locator('[data-join-link]').inputValue());
	if (!parsed.ok) throw new Error(`join link: ${parsed.problem.key}`);
	return parsed.value.key;
}

async function openSheets(page: Page, id: string) {
	await page.goto(`/console?id=${id}`);
	await page.getByRole('link', { name: 'Feuilles à imprimer : codes QR pour les téléphones' }).click();
	await expect(page).toHaveURL(new RegExp(`/sheets\\?id=${id}$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Feuilles à imprimer pour les téléphones' })).toBeVisible();
}

async function setHub(page: Page, address: string) {
	await page.getByLabel('Adresse du relais, telle que les téléphones la voient').fill(address);
	await page.getByRole('button', { name: 'Utiliser cette adresse' }).click();
}

/** Ends the agenda from the console: start, next until the last activity, end. */
async function endAgenda(page: Page, id: string) {
	await page.goto(`/console?id=${id}`);
	await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	const finish = page.getByRole('button', { name: 'Terminer l’atelier' });
	while (!(await finish.isVisible())) await page.getByRole('button', { name: 'Activité suivante' }).click();
	page.once('dialog', (dialog) => void dialog.accept());
	await finish.click();
	await expect(page.getByText('Atelier terminé', { exact: true })).toBeVisible();
}

const sheet = (page: Page, id: string) => page.locator(`[data-sheet="${id}"]`);

test('a facilitator prints one sheet per station and a join sheet; every code opens its station on the hub', async ({ page }) => {
	const id = await createSession(page, { kitId: KIT, agendaId: 'imaginer', title: 'Feuilles — Imaginer' });
	const key = await sessionKey(page, id);
	await openSheets(page, id);
	await expect(page.getByText(/leur code contient la clé de la séance\. Gardez-les dans la salle et ramassez-les à la fin/)).toBeVisible();

	// No hub yet: said plainly, and nothing to print.
	await expect(page.getByText(/Aucune adresse de relais\. Sans relais, les téléphones ne peuvent pas ouvrir Tablée/)).toBeVisible();
	await expect(page.locator('[data-sheet]')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Imprimer/ })).toHaveCount(0);
	await expectNoAxeViolations(page, 'sheets without hub');

	// Wrong addresses are explained; a good one is kept for the session.
	await setHub(page, 'http://localhost:8080');
	await expect(page.getByRole('alert')).toContainText('« localhost:8080 » ne fonctionne que sur cet ordinateur');
	await setHub(page, 'http://192.168.1.10:8080/phone');
	await expect(page.getByRole('alert')).toContainText('sans rien après le numéro de port');
	await setHub(page, '192.168.1.10:8080');
	await expect(page.getByRole('status').filter({ hasText: `Adresse enregistrée pour cette séance : ${HUB}` })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);

	// The preview: the join sheet, then every station of the agenda, French first, then English.
	const stations = agendaStations('imaginer');
	await expect(page.locator('[data-sheet]')).toHaveCount(1 + stations.length);
	await expect(page.getByRole('button', { name: `Imprimer ${1 + stations.length} feuilles` })).toBeVisible();
	await expect(sheet(page, 'join')).toContainText('Participez avec votre téléphone');
	await expect(sheet(page, 'join')).toContainText('Take part with your phone');
	await expect(sheet(page, 'join')).toContainText('Feuilles — Imaginer');
	for (const station of stations) {
		const s = sheet(page, `station:${station.id}`);
		await expect(s.getByRole('heading', { level: 3 })).toHaveText(station.title['fr-CA']!);
		await expect(s.locator('.question')).toHaveText(station.question['fr-CA']!);
		await expect(s.locator('.second')).toContainText(station.question.en!);
		await expect(s.locator('[lang="fr-CA"]').filter({ hasText: 'Scannez ce code avec l’appareil photo de votre téléphone' })).toBeVisible();
		await expect(s.locator('[lang="en"]').filter({ hasText: 'Scan this code with your phone’s camera' })).toBeVisible();
		await expect(s.getByRole('img', { name: `Code QR qui ouvre la station « ${station.title['fr-CA']} » sur un téléphone` })).toBeVisible();
		// At paper proportions (Letter by default).
		const box = (await s.boundingBox())!;
		expect(box.height / box.width).toBeCloseTo(279.4 / 215.9, 2);
	}
	await page.screenshot({ path: 'test-results/sheets-preview.png', fullPage: true });
	await expectNoAxeViolations(page, 'sheets preview');
	await expectTouchTargets(page, 'sheets preview');

	// What the preview shows can be scanned.
	const previewed = await decodeQr(page, sheet(page, 'join').locator('[data-phone-qr]'));
	expect(parsePhoneLink(previewed ?? '')).toEqual({ ok: true, value: { view: 'join', sessionId: id, key, station: '' } });

	// Choosing sheets: unchecked ones leave the preview and the print.
	await page.getByRole('button', { name: 'Tout décocher' }).click();
	await expect(page.locator('[data-sheet]')).toHaveCount(0);
	await expect(page.getByText('Cochez au moins une feuille à imprimer.')).toBeVisible();
	await page.getByRole('button', { name: 'Tout cocher' }).click();
	await page.getByRole('checkbox', { name: `Station : ${stations[0]!.title['fr-CA']}` }).uncheck();
	await expect(page.locator('[data-sheet]')).toHaveCount(stations.length);
	await expect(sheet(page, `station:${stations[0]!.id}`)).toHaveCount(0);
	await page.getByRole('checkbox', { name: `Station : ${stations[0]!.title['fr-CA']}` }).check();

	// The print button opens the browser's print dialog.
	await page.evaluate(() => {
		const w = window as unknown as { printed: number; print: () => void };
		w.printed = 0;
		w.print = () => void w.printed++;
	});
	await page.getByRole('button', { name: `Imprimer ${1 + stations.length} feuilles` }).click();
	expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

	// Print media: the screen's chrome is gone, each sheet is exactly one Letter page.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.app-header')).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
	await expect(page.getByRole('button', { name: /^Imprimer/ })).toBeHidden();
	await expect(page.getByLabel('Adresse du relais, telle que les téléphones la voient')).toBeHidden();
	const boxes = await page.locator('[data-sheet]').evaluateAll((els) =>
		els.map((el) => ({ ...el.getBoundingClientRect().toJSON(), breakBefore: getComputedStyle(el.parentElement!).breakBefore }))
	);
	expect(boxes).toHaveLength(1 + stations.length);
	for (const [i, b] of boxes.entries()) {
		expect(b.breakBefore).toBe(i === 0 ? 'auto' : 'page');
		expect(b.width).toBeCloseTo(215.9 * MM_PX, 0);
		expect(Math.abs(b.height - 279.4 * MM_PX)).toBeLessThan(3);
		expect(b.left).toBeCloseTo(0, 0);
		if (i > 0) expect(b.top).toBeCloseTo(boxes[i - 1]!.bottom, 0);
	}
	await sheet(page, `station:${stations[3]!.id}`).screenshot({ path: 'test-results/sheet-printed.png' });
	// Every printed code, read from pixels, is its sheet's phone link on the hub.
	for (const station of stations) {
		const decoded = await decodeQr(page, sheet(page, `station:${station.id}`).locator('[data-phone-qr]'));
		expect(decoded, station.id).not.toBeNull();
		expect(decoded!.startsWith(`${HUB}/phone#p=`)).toBe(true);
		expect(parsePhoneLink(decoded!)).toEqual({ ok: true, value: { view: 'station', sessionId: id, key, station: station.id } });
		await expect(sheet(page, `station:${station.id}`).locator('.link')).toHaveText(decoded!);
		// Several centimetres on paper.
		const qr = (await sheet(page, `station:${station.id}`).locator('[data-phone-qr]').boundingBox())!;
		expect(qr.width / MM_PX).toBeGreaterThan(90);
	}
	// Back to no emulation: a forced 'screen' would also apply to page.pdf().
	await page.emulateMedia({ media: null });

	// The printed file: one page per sheet, Letter, then A4 once chosen.
	const letter = pdfPageSizes(await page.pdf({ path: 'test-results/sheets-letter.pdf', preferCSSPageSize: true, printBackground: true }));
	expect(letter).toHaveLength(1 + stations.length);
	for (const p of letter) expect([Math.round(p.width), Math.round(p.height)]).toEqual([612, 792]);
	await page.getByRole('radio', { name: 'A4 (210 × 297 mm)' }).check();
	const box = (await sheet(page, 'join').boundingBox())!;
	expect(box.height / box.width).toBeCloseTo(297 / 210, 2);
	const a4 = pdfPageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	expect(a4).toHaveLength(1 + stations.length);
	for (const p of a4) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]);

	// The address is kept for the session.
	await page.reload();
	await expect(page.getByText(`Adresse inscrite pour cette séance : ${HUB}`)).toBeVisible();
	await expect(page.locator('[data-sheet]')).toHaveCount(1 + stations.length);
});

test('the wall shows the take-home code only once the agenda is over and a hub is known', async ({ page, context }) => {
	const id = await createSession(page, { kitId: KIT, agendaId: 'prototyper', title: 'Feuilles — Prototyper' });
	const key = await sessionKey(page, id);
	await endAgenda(page, id);

	// No hub: the wall thanks the room and shows nothing else.
	const wall = await newWindow(context);
	await wall.goto(`/wall?id=${id}`);
	await expect(wall.getByText('Atelier terminé. Merci de votre participation!')).toBeVisible();
	await expect(wall.locator('[data-take-home]')).toHaveCount(0);
	await expect(wall.getByRole('alert')).toHaveCount(0);

	// The facilitator sets the hub on the sheets screen; the other stations of the kit get sheets.
	await openSheets(page, id);
	await setHub(page, HUB);
	const stations = agendaStations('prototyper');
	await expect(page.locator('[data-sheet]')).toHaveCount(1 + stations.length);
	for (const station of stations) {
		await expect(sheet(page, `station:${station.id}`).getByRole('heading', { level: 3 })).toHaveText(station.title['fr-CA']!);
		await expect(sheet(page, `station:${station.id}`).locator('.question')).toHaveText(station.question['fr-CA']!);
	}

	await wall.reload();
	await expect(wall.getByText('Atelier terminé. Merci de votre participation!')).toBeVisible();
	const code = wall.getByRole('img', { name: 'Code QR du résumé de la séance, pour les téléphones' });
	await expect(code).toBeVisible();
	await expect(wall.locator('[data-take-home] [lang="fr-CA"]')).toHaveText('Scannez ce code pour emporter sur votre téléphone le résumé de la séance.');
	await expect(wall.locator('[data-take-home] [lang="en"]')).toHaveText('Scan this code to take the session summary home on your phone.');
	const decoded = await decodeQr(wall, code);
	// The published summary's public address on the hub: no key, no fragment.
	expect(decoded).toBe(`${HUB}/take-home/${takeHomeId(id, key)}`);
	expect(decoded).not.toContain(key);
	expect(decoded).not.toContain('#');
	await expectNoAxeViolations(wall, 'wall with the take-home code');
	await expectTouchTargets(wall, 'wall with the take-home code');
	await wall.screenshot({ path: 'test-results/wall-take-home.png' });
});

test('the hub address comes from the tablets’ signaling address when it is the hub’s', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel(/Adresse du serveur de rendez-vous/).fill('ws://192.168.1.20:8080/signaling');
	await page.getByRole('button', { name: 'Enregistrer l’adresse' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Adresse enregistrée' })).toBeVisible();
	const id = await createSession(page, { kitId: KIT, agendaId: 'prototyper' });
	await openSheets(page, id);
	await expect(page.getByText('Adresse tirée du serveur de rendez-vous des tablettes (Réglages) : http://192.168.1.20:8080')).toBeVisible();
	await expect(page.getByLabel('Adresse du relais, telle que les téléphones la voient')).toHaveValue('http://192.168.1.20:8080');
	const decoded = await decodeQr(page, sheet(page, 'join').locator('[data-phone-qr]'));
	expect(decoded!.startsWith('http://192.168.1.20:8080/phone#p=')).toBe(true);
	await expect(sheet(page, 'join').locator('.link')).toHaveText(decoded!);

	// In English, the screen changes language; the sheets stay bilingual, French first.
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sheets to print for phones' })).toBeVisible();
	await expect(page.getByText('Address taken from the tablets’ meeting-point server (Settings): http://192.168.1.20:8080')).toBeVisible();
	const howto = sheet(page, 'join').locator('.howto p');
	await expect(howto).toHaveCount(2);
	await expect(howto.nth(0)).toHaveAttribute('lang', 'fr-CA');
	await expect(howto.nth(0)).toContainText('Scannez ce code avec l’appareil photo de votre téléphone, puis choisissez votre station.');
	await expect(howto.nth(1)).toHaveAttribute('lang', 'en');
	await expect(howto.nth(1)).toContainText('Scan this code with your phone’s camera, then choose your station.');
	await expectNoAxeViolations(page, 'sheets (en)');
});

test('a station with the longest texts a kit allows still fits its page, code and instructions included', async ({ page }) => {
	const words = (word: string, max: number) => `${word} `.repeat(Math.ceil(max / (word.length + 1))).slice(0, max - 1) + '?';
	await page.goto('/kits');
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'trousse-longue.zip',
		mimeType: 'application/zip',
		buffer: zipKit(`workshop-kits/${KIT}`, (m) => {
			const manifest = m as unknown as KitJson & { id: string; title: Record<string, string> };
			manifest.id = 'trousse-longue';
			manifest.title = { 'fr-CA': 'Trousse aux textes longs', en: 'Long texts kit' };
			const first = manifest.stations.find((s) => s.id === agendaStations('prototyper')[0]!.id)!;
			first.title = { 'fr-CA': words('Participation', 120), en: words('Participation', 120) };
			first.question = { 'fr-CA': words('Pourquoi', 500), en: words('Why', 500) };
		})
	});
	await expect(page.getByRole('status').filter({ hasText: 'a été importée' })).toBeVisible();
	await page.goto('/sessions/new');
	const option = page.getByLabel('Trousse').locator('option', { hasText: 'Trousse aux textes longs' });
	await page.getByLabel('Trousse').selectOption((await option.getAttribute('value'))!);
	await page.getByRole('radio', { name: /Prototyper/ }).check();
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(page.url()).searchParams.get('id')!;
	await openSheets(page, id);
	await setHub(page, HUB);
	await page.emulateMedia({ media: 'print' });
	const longest = sheet(page, `station:${agendaStations('prototyper')[0]!.id}`);
	await expect(longest.locator('.question')).toContainText('Pourquoi Pourquoi');
	for (const paper of ['letter', 'a4']) {
		if (paper === 'a4') {
			await page.emulateMedia({ media: null });
			await page.getByRole('radio', { name: 'A4 (210 × 297 mm)' }).check();
			await page.emulateMedia({ media: 'print' });
		}
		const fit = await longest.evaluate((el) => ({
			sheet: el.getBoundingClientRect().bottom,
			howto: el.querySelector('.howto')!.getBoundingClientRect().bottom,
			qr: el.querySelector('[data-phone-qr]')!.getBoundingClientRect().width
		}));
		expect(fit.howto, paper).toBeLessThanOrEqual(fit.sheet);
		expect(fit.qr / MM_PX, paper).toBeGreaterThan(58);
		expect(await decodeQr(page, longest.locator('[data-phone-qr]'))).toBe(await longest.locator('.link').textContent());
	}
	await longest.screenshot({ path: 'test-results/sheet-longest.png' });
});
