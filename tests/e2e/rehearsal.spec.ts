/**
 * The rehearsal (issue 12, "Proof"): a compressed "Imaginer" and a compressed "Prototyper" run end
 * to end as a room runs them. Three tablets are three Chromium processes (the console and two
 * station tablets that join by the share screen's link, through the venue hub's signaling), two
 * phones reach the hub on an insecure origin (`phone.test`, mapped to loopback), the wall is a
 * 1920 × 1080 page of the console's device. Faults happen mid-run: the hub is SIGKILLed and
 * restarted, a station tablet is closed and reopened, a phone writes during the outage. Every
 * assertion is against what this test itself entered: counts of notes and people on the console
 * and in every export, the bilan's sentences, what the wall shows above the fold, and the status
 * each device shows after each fault.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { buildPhoneLink } from '../../src/lib/sync/phone-link';
import { startHub, type HubProcess } from './support/hub-process';
import { addNote, launchPhoneBrowser, noteCard, setHubInSettings, storedSessionKey } from './support/hub-devices';
import { newQrTablet, type QrTablet } from './support/qr-devices';
import { joinLink } from './support/tablets';
import { expectNoAxeViolations } from './support/axe';
import { APP_ORIGIN, workerPort } from './support/ports';
import { newWindow } from './support/windows';

const APP = APP_ORIGIN;
/** The hub's port: the next one after the app's (E2E_HUB_PORT overrides), per worker. */
const HUB_PORT = workerPort(1, process.env.E2E_HUB_PORT);
const SIGNALING = `ws://127.0.0.1:${HUB_PORT}/signaling`;
const PHONE = `http://phone.test:${HUB_PORT}`;

let folder: string;
let hub: HubProcess | null = null;
let tablets: { console: QrTablet; b: QrTablet; c: QrTablet };
let phoneBrowser: Browser;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	folder = mkdtempSync(join(tmpdir(), 'tablee-rehearsal-'));
	hub = await startHub(join(folder, 'hub'), HUB_PORT);
	const [a, b, c, phones] = await Promise.all([
		newQrTablet(folder, 'Console', APP),
		newQrTablet(folder, 'Station B', APP),
		newQrTablet(folder, 'Station C', APP),
		launchPhoneBrowser()
	]);
	tablets = { console: a, b, c };
	phoneBrowser = phones;
	// The facilitator's tablet knows the hub and its code (it brings sessions to the hub).
	await setHubInSettings(a.page, SIGNALING, hub.hubCode);
});

test.afterAll(async () => {
	for (const t of Object.values(tablets ?? {})) await t.browser.close();
	await phoneBrowser?.close();
	await hub?.stop();
	rmSync(folder, { recursive: true, force: true });
});

const agendaItem = (page: Page, title: string) =>
	page.getByRole('region', { name: 'Déroulement' }).getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
const currentTitle = (page: Page) => page.locator('#current-title');
const badge = (page: Page) => page.locator('.sync-badge [role="status"]');
const hubState = (page: Page) => page.locator('[data-hub-state]');

async function createSession(page: Page, agenda: RegExp, title: string, place: string): Promise<string> {
	await page.goto('/sessions/new');
	await expect(page.getByLabel('Trousse')).toHaveValue(/dialogue-ia-services-publics@/);
	await page.getByRole('radio', { name: agenda }).check();
	await page.getByLabel('Titre de la séance').fill(title);
	await page.getByLabel('Lieu').fill(place);
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(page.url()).searchParams.get('id')!;
}

/**
 * The console creates the session and the two station tablets join it; returns its id, its key
 * (for phone links, as the sheets carry it) and the record of the notes the test enters, by activity.
 */
async function startWorkshop(agenda: RegExp, title: string, place: string) {
	const id = await createSession(tablets.console.page, agenda, title, place);
	await joinStations(id);
	const key = await storedSessionKey(tablets.console.page, id);
	const notes: Record<string, string[]> = {};
	const note = (activity: string, text: string) => (notes[activity] ??= []).push(text);
	return { id, key, notes, note };
}

/** The two station tablets join by the share screen's station link (signaling through the hub). */
async function joinStations(id: string): Promise<void> {
	const { console: a, b, c } = tablets;
	await a.page.goto(`/share?id=${id}`);
	const link = await joinLink(a.page, /Station \(posée/);
	for (const t of [b, c]) {
		await t.page.goto(link);
		await expect(t.page).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	}
	await a.page.goto(`/console?id=${id}`);
}

/** Consent once per person and session: accepted when asked. */
async function consent(page: Page, ready: Locator): Promise<void> {
	const accept = page.getByRole('button', { name: 'J’accepte de participer' });
	await expect(accept.or(ready).first()).toBeVisible({ timeout: 30_000 });
	if (await accept.isVisible()) await accept.click();
	await expect(ready).toBeVisible();
}

async function next(page: Page, title: string): Promise<void> {
	await page.getByRole('button', { name: 'Activité suivante' }).click();
	await expect(currentTitle(page)).toHaveText(title);
}

async function jump(page: Page, title: string): Promise<void> {
	page.once('dialog', (d) => void d.accept());
	await agendaItem(page, title).getByRole('button', { name: 'Aller à cette activité' }).click();
	await expect(currentTitle(page)).toHaveText(title);
}

/** Answers the check-in on a shared tablet, one person after the other (hand-over between them). */
async function checkinAnswers(page: Page, answers: string[], handOverFirst: boolean): Promise<void> {
	for (const [i, answer] of answers.entries()) {
		if (i > 0 || handOverFirst) await page.getByRole('button', { name: 'Passer la tablette à une autre personne' }).click();
		await consent(page, page.getByRole('radio', { name: answer, exact: true }));
		await page.getByRole('radio', { name: answer, exact: true }).check();
		await expect(page.getByRole('status').filter({ hasText: 'Réponse enregistrée' })).toBeVisible();
	}
}

async function endWorkshop(page: Page): Promise<void> {
	page.once('dialog', (d) => {
		expect(d.message()).toContain('Terminer l’atelier?');
		void d.accept();
	});
	await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
	await expect(page.getByText('Atelier terminé', { exact: true })).toBeVisible();
	await expect(page.getByTestId('after-workshop').getByRole('link', { name: 'Exporter la séance' })).toBeVisible();
}

/** The console's note count per activity (its counts table), keyed by the row's activity id. */
async function consoleCounts(page: Page): Promise<Record<string, number>> {
	return page.evaluate(() =>
		Object.fromEntries(
			[...document.querySelectorAll('tr[data-activity]')].map((tr) => [tr.getAttribute('data-activity')!, Number(tr.querySelector('td')?.textContent?.trim() || 0)])
		)
	);
}

async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
	const file = page.waitForEvent('download');
	await page.getByRole('button', { name: button, exact: true }).click();
	const done = await file;
	return { name: done.suggestedFilename(), path: (await done.path())! };
}

interface Trace {
	contributions: { id: string; activityId: string; stationId: string | null; text: string; authorId: string; deleted: boolean }[];
	checkins: { participantId: string; phase: string; value: number }[];
	votes: { voterId: string; withdrawnAt: number | null }[];
	groups: { id: string; name: string }[];
	cardChoices: { cardId: string; chosen: boolean; groupId: string }[];
	caseAnswers: { text: string }[];
	/** The .xlsx read back: every sheet's rows as text. */
	sheets?: string[][][];
}

/** Every export of the session, read back, against the facts the test entered. */
async function checkExports(page: Page, id: string, facts: { notes: Record<string, string[]>; participants: number; groups: number }): Promise<Trace> {
	const texts = Object.values(facts.notes).flat();
	await page.goto(`/export?id=${id}`);
	const stats = `${texts.length} contribution${texts.length > 1 ? 's' : ''}, ${facts.groups} groupe${facts.groups > 1 ? 's' : ''}, ${facts.participants} personne${facts.participants > 1 ? 's' : ''} participante${facts.participants > 1 ? 's' : ''}`;
	await expect(page.getByText(stats, { exact: true })).toBeVisible();

	const trace = JSON.parse(readFileSync((await download(page, 'Trace complète (JSON)')).path, 'utf8')) as Trace;
	const live = trace.contributions.filter((c) => !c.deleted);
	expect(live.map((c) => c.text).sort()).toEqual([...texts].sort());
	for (const [activity, notes] of Object.entries(facts.notes)) {
		expect(live.filter((c) => c.activityId === activity).map((c) => c.text).sort(), `notes of ${activity} in the JSON`).toEqual([...notes].sort());
	}

	const csv = parseCsv(readFileSync((await download(page, 'Contributions (CSV)')).path, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
	const textColumn = csv[0]!.indexOf('Texte');
	const idColumn = csv[0]!.indexOf('Identifiant');
	const authorColumn = csv[0]!.indexOf('Auteur (pseudonyme)');
	expect([textColumn, idColumn, authorColumn].every((i) => i >= 0), csv[0]!.join(';')).toBe(true);
	expect(csv.slice(1).map((row) => row[textColumn]).sort()).toEqual([...texts].sort());
	// Ids and pseudonyms are the JSON's, byte for byte (no formula guard on them).
	expect(csv.slice(1).map((row) => row[idColumn]).sort()).toEqual(live.map((c) => c.id).sort());
	expect(new Set(csv.slice(1).map((row) => row[authorColumn]))).toEqual(new Set(live.map((c) => c.authorId)));

	const xlsx = await download(page, 'Tableur (.xlsx) : contributions, cartes et cas');
	expect(xlsx.name).toMatch(/\.xlsx$/);
	const sheets = await readXlsxFile(readFileSync(xlsx.path), { trim: false });
	const rows = sheets[0]!.data;
	const xText = rows[0]!.map(String).indexOf('Texte');
	const xId = rows[0]!.map(String).indexOf('Identifiant');
	expect(rows.slice(1).map((row) => String(row[xText])).sort()).toEqual([...texts].sort());
	expect(rows.slice(1).map((row) => String(row[xId])).sort()).toEqual(live.map((c) => c.id).sort());
	return { ...trace, sheets: sheets.map((sheet) => sheet.data.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))) };
}

/** Every locator's box is inside the viewport, and the wall does not scroll. */
async function expectAboveTheFold(page: Page, what: string, elements: Locator[]): Promise<void> {
	const viewport = page.viewportSize()!;
	for (const element of elements) {
		await expect(element, `${what}: ${element}`).toBeVisible();
		const box = (await element.boundingBox())!;
		const where = `${what}: ${element} at ${JSON.stringify(box)}`;
		expect(box.x, where).toBeGreaterThanOrEqual(0);
		expect(box.y, where).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width, where).toBeLessThanOrEqual(viewport.width + 0.5);
		expect(box.y + box.height, where).toBeLessThanOrEqual(viewport.height + 0.5);
	}
	const scroll = await page.evaluate(() => {
		const wall = document.querySelector<HTMLElement>('.wall-screen')!;
		const root = document.scrollingElement!;
		return [root.scrollHeight - root.clientHeight, wall.scrollHeight - wall.clientHeight, document.querySelectorAll('[data-overflow]').length];
	});
	expect(scroll, `${what}: nothing to scroll, nothing cut`).toEqual([0, 0, 0]);
}

/** Init script: records the badge's summary with the number of notes on screen, at every change. */
function recordSummaryAndNotes(): void {
	const seen: [string, number][] = [];
	(window as unknown as { __seenB: [string, number][] }).__seenB = seen;
	let last = '';
	new MutationObserver(() => {
		const summary = document.querySelector('.sync-badge [role="status"]')?.getAttribute('data-sync-summary') ?? '';
		const notes = document.querySelectorAll('article:has(p.text)').length;
		const key = `${summary}|${notes}`;
		if (key === last) return;
		last = key;
		seen.push([summary, notes]);
	}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await phoneBrowser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
	return { context, page: await context.newPage() };
}

test('a compressed Imaginer: three tablets, two phones through the hub, the wall, a hub outage and a tablet reopened, then the exports', async () => {
	test.setTimeout(300_000);
	const { console: a, b, c } = tablets;
	const { id, key, notes, note } = await startWorkshop(/Imaginer/, 'Répétition Imaginer', 'Bibliothèque de Rimouski');
	const wall = await newWindow(a.page.context());
	await wall.setViewportSize({ width: 1920, height: 1080 });
	await wall.goto(`/wall?id=${id}`);

	await a.page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	await expect(currentTitle(a.page)).toHaveText('Accueil et consentement');
	await next(a.page, 'Où en êtes-vous? (début)');

	// Check-in: three people on station B's tablet, handing it over; the wall shows the question.
	await checkinAnswers(b.page, ['Faibles', 'Moyennes', 'Bonnes'], false);
	await expectAboveTheFold(wall, 'check-in on the wall', [
		wall.getByRole('heading', { level: 2, name: "En arrivant, comment évaluez-vous vos connaissances sur l'IA dans les services publics?" }),
		wall.locator('.scale li').last()
	]);
	await expect(wall.locator('[data-checkin-responses]')).toHaveText('3 réponses');

	await next(a.page, 'Parcours en galerie');
	await next(a.page, 'Inspirations et préoccupations');
	const silentField = c.page.getByLabel('Votre note', { exact: true });
	await consent(c.page, silentField);
	await addNote(c.page, 'Une IA qui explique ses décisions');
	note('inspirations-preoccupations', 'Une IA qui explique ses décisions');

	// Stations: each tablet at its station, each phone at one, through the hub.
	await jump(a.page, 'Quatre stations thématiques');
	await b.page.goto(`/activity?id=${id}&station=s1-themes`);
	await c.page.goto(`/activity?id=${id}&station=s2-publics-marginalises`);
	await consent(b.page, b.page.getByLabel('Votre note', { exact: true }));
	await addNote(b.page, 'Des services en français simple');
	note('stations-thematiques', 'Des services en français simple');
	await consent(c.page, c.page.getByLabel('Votre note', { exact: true }));
	await addNote(c.page, 'Penser aux personnes sans téléphone');
	note('stations-thematiques', 'Penser aux personnes sans téléphone');

	const phones = [await newPhone(), await newPhone()];
	const phoneStations = ['s1-themes', 's2-publics-marginalises'];
	const phoneNotes = ['Un humain pour les cas difficiles', 'Des ateliers dans les quartiers'];
	for (const [i, phone] of phones.entries()) {
		await phone.page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: phoneStations[i]! }));
		await phone.page.getByRole('button', { name: 'J’accepte de participer' }).click({ timeout: 30_000 });
		await expect(hubState(phone.page)).toHaveAttribute('data-hub-state', 'connected');
		await addNote(phone.page, phoneNotes[i]!);
		note('stations-thematiques', phoneNotes[i]!);
	}
	for (const text of notes['stations-thematiques']!) await expect(noteCard(a.page, text), `${text} on the console`).toBeVisible({ timeout: 30_000 });
	// A phone's note is put on the wall: the wall shows it, the questions and every note above the fold.
	await noteCard(a.page, phoneNotes[0]!).getByRole('button', { name: 'Montrer à l’écran' }).click();
	const featured = wall.locator('.wall-notes li.note').filter({ hasText: phoneNotes[0]! });
	await expect(featured).toHaveClass(/featured/);
	await expect(wall.locator('.wall-notes li.note')).toHaveCount(4);
	await expectAboveTheFold(wall, 'stations on the wall', [
		wall.getByRole('heading', { level: 1, name: 'Quatre stations thématiques' }),
		...Array.from({ length: 4 }, (_, i) => wall.locator('.questions .question').nth(i)),
		...Array.from({ length: 4 }, (_, i) => wall.locator('.wall-notes li.note').nth(i))
	]);
	await wall.screenshot({ path: test.info().outputPath('rehearsal-wall-stations.png') });

	// Fault 1: the hub is killed. Phones say the link is lost and keep what is typed; the console
	// names the outage.
	await hub!.kill();
	hub = null;
	for (const phone of phones) await expect(hubState(phone.page)).toHaveText(/Connexion perdue avec le boîtier de la salle\. Vos notes restent sur ce téléphone/, { timeout: 30_000 });
	for (const t of [a, b, c]) {
		await expect(badge(t.page), t.name).toHaveAttribute('data-sync-summary', 'hub-down', { timeout: 30_000 });
		await expect(badge(t.page), t.name).toContainText('Boîtier de la salle injoignable depuis moins d’une minute');
	}
	await expectNoAxeViolations(a.page, 'console during the hub outage');
	await expectNoAxeViolations(phones[0]!.page, 'phone during the hub outage');
	const duringOutage = 'Écrite au téléphone pendant la panne';
	await addNote(phones[0]!.page, duringOutage);
	note('stations-thematiques', duringOutage);
	// Tablets still reach each other directly; what C writes now reaches the phones only through
	// the hub, once it is back.
	const tabletDuringOutage = 'Écrite à la station C pendant la panne';
	await addNote(c.page, tabletDuringOutage);
	note('stations-thematiques', tabletDuringOutage);
	await expect(noteCard(phones[1]!.page, tabletDuringOutage)).toHaveCount(0);
	await expect(noteCard(a.page, duringOutage)).toHaveCount(0);
	// The tablets panel names the outage too, and never calls the hub's link active meanwhile.
	await a.page.goto(`/share?id=${id}`);
	const hubRow = a.page.locator('.sync-panel tr[data-peer-kind="hub"]');
	await expect(hubRow.locator('[data-peer-synced]')).toHaveText(/injoignable depuis/, { timeout: 30_000 });
	await expect(hubRow.getByRole('button')).toHaveCount(0);
	await expect(a.page.locator('.sync-panel .transports li').filter({ hasText: /Boîtier de la salle\s*:\s*active/ })).toHaveCount(0);
	await a.page.goto(`/console?id=${id}`);
	await expect(noteCard(a.page, 'Des services en français simple')).toBeVisible();

	hub = await startHub(join(folder, 'hub'), HUB_PORT);
	for (const phone of phones) await expect(hubState(phone.page)).toHaveAttribute('data-hub-state', 'connected', { timeout: 60_000 });
	await expect(noteCard(a.page, duringOutage)).toBeVisible({ timeout: 60_000 });
	await expect(noteCard(phones[1]!.page, tabletDuringOutage)).toBeVisible({ timeout: 60_000 });
	for (const t of [a, b, c]) {
		await expect(badge(t.page), t.name).toHaveAttribute('data-sync-summary', 'caught-up', { timeout: 60_000 });
		await expect(badge(t.page), t.name).not.toContainText('injoignable');
	}
	for (const phone of phones) await expect(hubState(phone.page)).toHaveText('Connecté au boîtier de la salle : vos notes sont envoyées.');

	// Fault 2: station B's tab is closed and opened again: its notes are there, and it says "à jour"
	// only with everything the station holds.
	// A phone writes at B's station while B is closed: B must not say "à jour" before it has it.
	await b.page.close();
	const whileClosed = 'Écrite pendant que la station B était fermée';
	await addNote(phones[0]!.page, whileClosed);
	note('stations-thematiques', whileClosed);
	await expect(noteCard(a.page, whileClosed)).toBeVisible({ timeout: 30_000 });
	const context = b.browser.contexts()[0]!;
	await context.addInitScript(recordSummaryAndNotes);
	b.page = await newWindow(context);
	await b.page.goto(`/activity?id=${id}&station=s1-themes`);
	const s1 = ['Des services en français simple', phoneNotes[0]!, duringOutage, whileClosed];
	await expect(badge(b.page)).toHaveAttribute('data-sync-summary', 'caught-up', { timeout: 60_000 });
	for (const text of s1) await expect(noteCard(b.page, text)).toBeVisible();
	await expect(b.page.locator('article:has(p.text)')).toHaveCount(s1.length);
	const seen = await b.page.evaluate(() => (window as unknown as { __seenB: [string, number][] }).__seenB);
	expect(seen.filter(([summary]) => summary === 'caught-up').map(([, notes]) => notes), 'note counts whenever B said “à jour”').toEqual(
		seen.filter(([summary]) => summary === 'caught-up').map(() => s1.length)
	);

	// The console counts what arrived, per activity.
	await a.page.goto(`/console?id=${id}`);
	await expect.poll(() => consoleCounts(a.page)).toMatchObject({ 'inspirations-preoccupations': 1, 'stations-thematiques': 7 });
	await a.page.goto(`/share?id=${id}`);
	const panel = a.page.locator('.sync-panel');
	for (const name of ['Station B', 'Station C', 'Boîtier de la salle']) {
		const row = panel.getByRole('row').filter({ has: a.page.getByRole('rowheader', { name, exact: true }) });
		await expect(row.locator('[data-peer-synced]'), name).toHaveAttribute('data-peer-synced', 'true', { timeout: 30_000 });
	}
	await expect(panel.locator('.transports li').filter({ hasText: /Boîtier de la salle\s*:\s*active/ })).toHaveCount(1);
	// One row per device (B's reopened tab included), the wall named as this device's other tab;
	// only the two station tablets can be removed.
	await expect.poll(async () => (await panel.getByRole('rowheader').allInnerTexts()).sort()).toEqual(['Boîtier de la salle', 'Cet appareil (autre onglet)', 'Station B', 'Station C']);
	await expect(panel.getByRole('button', { name: /^Retirer/ })).toHaveCount(2);
	await expect(panel.getByRole('row').filter({ has: a.page.getByRole('rowheader', { name: 'Boîtier de la salle', exact: true }) }).getByRole('button')).toHaveCount(0);
	await a.page.goto(`/console?id=${id}`);

	// Dream: a note on C, a dot from B's person and from a phone.
	await next(a.page, 'Rêvons les façons de participer');
	await c.page.goto(`/activity?id=${id}`);
	await consent(c.page, c.page.getByLabel('Votre note', { exact: true }));
	await addNote(c.page, 'Un comité citoyen permanent');
	note('reves', 'Un comité citoyen permanent');
	await b.page.goto(`/activity?id=${id}`);
	await consent(b.page, noteCard(b.page, 'Un comité citoyen permanent'));
	await noteCard(b.page, 'Un comité citoyen permanent').getByRole('button', { name: 'Ajouter une gommette' }).click();
	await phones[1]!.page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: 'reves' }));
	await consent(phones[1]!.page, noteCard(phones[1]!.page, 'Un comité citoyen permanent'));
	await noteCard(phones[1]!.page, 'Un comité citoyen permanent').getByRole('button', { name: 'Ajouter une gommette' }).click();
	await expect(noteCard(a.page, 'Un comité citoyen permanent')).toContainText('2 gommettes', { timeout: 30_000 });
	// Phone 1 is still at station 1: its late note lands there, and the console says where.
	const late = 'Une dernière idée pour la station 1';
	await addNote(phones[0]!.page, late);
	note('stations-thematiques', late);
	const incoming = a.page.locator('[data-incoming]').getByRole('listitem').filter({ hasText: late });
	await expect(incoming).toBeVisible({ timeout: 30_000 });
	await expect(incoming.getByRole('link', { name: 'Quatre stations thématiques · Station 1 : Les sujets à discuter' })).toBeVisible();

	await next(a.page, 'Question de clôture');
	await consent(c.page, c.page.getByLabel('Votre note', { exact: true }));
	await addNote(c.page, 'Être consultés avant, pas après');
	note('cloture', 'Être consultés avant, pas après');

	// Closing check-in: the third person again, then a fourth.
	await next(a.page, 'Où en êtes-vous? (fin)');
	await checkinAnswers(b.page, ['Bonnes'], false);
	await checkinAnswers(b.page, ['Très bonnes'], true);
	// The third person answered "Bonnes" at both ends (the same); the fourth only at the end.
	await expect(a.page.getByText('1 personne a répondu au début et à la fin : 0 a répondu plus haut sur l’échelle, 1 a répondu au même niveau, 0 a répondu plus bas.')).toBeVisible({ timeout: 30_000 });
	await endWorkshop(a.page);
	for (const p of [b.page, c.page, ...phones.map((phone) => phone.page)]) await expect(p.getByRole('heading', { level: 2, name: 'L’atelier est terminé' })).toBeVisible({ timeout: 30_000 });
	await expect(wall.getByText('Atelier terminé. Merci de votre participation!')).toBeVisible();

	// People: B's four (three at the check-in, one more at the end), C's one, two phones.
	const participants = 7;
	const trace = await checkExports(a.page, id, { notes, participants, groups: 0 });
	expect(trace.checkins.filter((x) => x.phase === 'start')).toHaveLength(3);
	expect(trace.checkins.filter((x) => x.phase === 'end')).toHaveLength(2);
	expect(trace.votes.filter((v) => v.withdrawnAt === null)).toHaveLength(2);

	await a.page.goto(`/report?id=${id}`);
	await expect(a.page.locator('#context dl.facts')).toContainText(`Personnes participantes${participants}`);
	await expect(a.page.getByText('Ce nombre compte les codes pseudonymes distincts')).toBeVisible();
	await expect(a.page.getByText('Aucun groupe n’a été créé pendant la session : aucune carte n’a été retenue.')).toBeVisible();
	const bilan = readFileSync((await download(a.page, 'Télécharger le bilan (HTML)')).path, 'utf8');
	expect(bilan).toMatch(new RegExp(`Personnes participantes</dt>\\s*<dd>${participants}</dd>`));
	for (const text of Object.values(notes).flat()) expect(bilan).toContain(text);
	const said = a.page.getByRole('region', { name: 'Ce qui a été dit, par activité' });
	for (const text of Object.values(notes).flat()) await expect(said.getByRole('listitem').filter({ hasText: text })).toHaveCount(1);
	await expect(said.getByRole('heading', { level: 3, name: 'Quatre stations thématiques (8 contributions)' })).toBeVisible();
	// Where each note landed, in the JSON: station 1 has B's and phone 1's notes.
	expect(trace.contributions.filter((x) => x.stationId === 's1-themes').map((x) => x.text).sort()).toEqual([...s1, late].sort());
	for (const phone of phones) await phone.context.close();
	await wall.close();
});

test('a compressed Prototyper: one group keeps cards and answers a case; the wall shows the whole grid; the bilan says “the only group”', async () => {
	test.setTimeout(240_000);
	const { console: a, b, c } = tablets;
	const { id, key, notes, note } = await startWorkshop(/Prototyper/, 'Répétition Prototyper', 'Centre communautaire');

	await a.page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
	await next(a.page, 'Où en êtes-vous? (début)');
	await checkinAnswers(b.page, ['Moyennes', 'Faibles'], false);

	await next(a.page, 'Confiance et transparence');
	await consent(c.page, c.page.getByLabel('Votre note', { exact: true }));
	await addNote(c.page, 'Savoir qui a décidé');
	note('confiance-transparence', 'Savoir qui a décidé');
	const phone = await newPhone();
	await phone.page.goto(buildPhoneLink(PHONE, { view: 'station', sessionId: id, key, station: 'confiance-transparence' }));
	await phone.page.getByRole('button', { name: 'J’accepte de participer' }).click({ timeout: 30_000 });
	await addNote(phone.page, 'Pouvoir parler à quelqu’un');
	note('confiance-transparence', 'Pouvoir parler à quelqu’un');

	// The card game: one group (on B) keeps three cards.
	await jump(a.page, 'Jeu de cartes : la grille réflexive');
	const newGroup = b.page.getByLabel('Nouveau groupe (nom)');
	await consent(b.page, newGroup);
	await newGroup.fill('Table des hérons');
	await b.page.getByRole('button', { name: 'Créer le groupe' }).click();
	const keep = (title: string) => b.page.getByRole('button', { name: `Garder la carte « ${title} »` });
	await keep('Transparence et explicabilité').click();
	await keep('Qualité des données').click();
	await b.page.getByRole('button', { name: 'Cartes suivantes' }).click();
	await keep('Responsabilité humaine').click();
	await expect(b.page.locator('.keep-count')).toHaveText('3 / 5 cartes gardées');

	const wall = await newWindow(a.page.context());
	await wall.setViewportSize({ width: 1920, height: 1080 });
	await wall.goto(`/wall?id=${id}`);
	const results = wall.locator('section.results');
	await expect(results.getByText('1 groupe a gardé des cartes.')).toBeVisible({ timeout: 30_000 });
	const titles = results.locator('.dimension-title');
	await expect(titles).toHaveText(['Dimension technique', 'Dimension humaine', 'Dimension environnementale', 'Cartes écrites par les groupes']);
	const values = results.locator('.value');
	await expect(values.filter({ hasText: /^1 groupe sur 1$|^tous les groupes|^1 sur 1/ })).toHaveCount(3);
	await expect(values.filter({ hasText: 'aucun groupe sur 1' })).toHaveCount((await values.count()) - 3);
	await expectAboveTheFold(wall, 'card game on the wall', [
		wall.getByRole('heading', { level: 1 }),
		...Array.from({ length: 4 }, (_, i) => titles.nth(i)),
		...Array.from({ length: await values.count() }, (_, i) => values.nth(i))
	]);
	await wall.screenshot({ path: test.info().outputPath('rehearsal-wall-cards.png') });

	// The case: the same group answers both questions.
	await next(a.page, 'Cas fictifs : construire une démarche de confiance');
	await b.page.getByRole('button', { name: 'Choisir ce cas', exact: true, description: 'Cas fictif 1 : Prédire le décrochage scolaire' }).click({ timeout: 30_000 });
	await b.page.getByRole('textbox', { name: /Question 1 sur 2/ }).fill('Un comité de parents valide l’outil.');
	await expect(b.page.locator('.question').first().getByRole('status')).toHaveText(/Enregistré/);

	await next(a.page, 'Question de clôture');
	await consent(c.page, c.page.getByLabel('Votre note', { exact: true }));
	await addNote(c.page, 'La transparence avant tout');
	note('cloture', 'La transparence avant tout');
	await next(a.page, 'Où en êtes-vous? (fin)');
	await endWorkshop(a.page);

	// People: B's two (check-in; the second also kept the cards and answered), C's one, the phone.
	const trace = await checkExports(a.page, id, { notes, participants: 4, groups: 1 });
	expect(trace.groups.map((g) => g.name)).toEqual(['Table des hérons']);
	expect(trace.cardChoices.filter((x) => x.chosen)).toHaveLength(3);
	expect(trace.caseAnswers.filter((x) => x.text.trim() !== '')).toHaveLength(1);
	const groupCsv = parseCsv(readFileSync((await download(a.page, 'Cartes et cas des groupes (CSV)')).path, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
	const kinds = groupCsv.slice(1).map((row) => row[groupCsv[0]!.indexOf('Élément')]);
	expect(kinds.sort()).toEqual(['Carte retenue', 'Carte retenue', 'Carte retenue', 'Réponse au cas']);
	const groupSheet = trace.sheets![1]!;
	expect(groupSheet.slice(1).map((row) => row[groupSheet[0]!.indexOf('Élément')]).sort()).toEqual(['Carte retenue', 'Carte retenue', 'Carte retenue', 'Réponse au cas']);
	expect(groupSheet.flat()).toContain('Un comité de parents valide l’outil.');

	await a.page.goto(`/report?id=${id}`);
	const report = a.page.locator('article.report');
	await expect(report.getByText('Cartes retenues par le seul groupe : ', { exact: false })).toBeVisible();
	await expect(report).not.toContainText('minorité');
	await expect(report).not.toContainText('moins de la moitié');
	await expect(a.page.locator('#context dl.facts')).toContainText('Personnes participantes4');
	for (const card of ['Transparence et explicabilité', 'Qualité des données', 'Responsabilité humaine']) {
		await expect(report.getByText(/^Cartes retenues par le seul groupe : /)).toContainText(card);
	}
	await expect(report.getByText('12 cartes n’ont pas été retenues par le groupe.', { exact: true })).toBeVisible();
	const bilan = readFileSync((await download(a.page, 'Télécharger le bilan (HTML)')).path, 'utf8');
	expect(bilan).toContain('Cartes retenues par le seul groupe : ');
	expect(bilan).toContain('12 cartes n’ont pas été retenues par le groupe.');
	expect(bilan).not.toContain('minorité');
	expect(bilan).toMatch(/Personnes participantes<\/dt>\s*<dd>4<\/dd>/);
	await expectNoAxeViolations(a.page, 'bilan of the rehearsal');
	await phone.context.close();
	await wall.close();
});
