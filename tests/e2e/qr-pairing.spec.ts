import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTabReachable, expectTouchTargets } from './support/axe';
import { writeQrY4m } from './support/fake-camera';
import { confirmQrJoin, navigate, newQrTablet, printScreensOnFailure, showInvitation, shownCode, type QrTablet } from './support/qr-devices';
import { importTravellingKit, TRAVELLING_KIT_KEY, TRAVELLING_KIT_TITLE } from './support/travelling-kit';
import { decodePairingCode } from '../../src/lib/sync/qr-pairing/pairing-code';
import { APP_ORIGIN } from './support/ports';

/**
 * Tablets linked by QR codes with no server: every device is a separate Chromium *browser* with
 * its own fake camera (a Y4M file this test writes from the QR code shown by the other device),
 * so nothing is shared but the network. No signaling address is configured and the only server
 * running is the static app server: every page is checked to open no WebSocket at all.
 * Navigation between screens goes through the app's own links (a reload would close the
 * WebRTC links, which is the "lost every link" case tested on purpose).
 */

const base = APP_ORIGIN;
type Device = QrTablet;

test.use({ actionTimeout: 20_000 });

let folder: string;
const devices: Device[] = [];

test.beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'tablee-qr-'));
});

test.afterEach(async ({}, info) => printScreensOnFailure(devices, info));

test.afterAll(async () => {
	for (const d of devices) await d.browser.close().catch(() => {});
	rmSync(folder, { recursive: true, force: true });
});

async function newDevice(name: string): Promise<Device> {
	// Test instrumentation only: keep the page's peer connections and their channels reachable,
	// so a test can cut one link as a network failure would.
	const device = await newQrTablet(folder, name, base, () => {
		const Original = window.RTCPeerConnection;
		const all: RTCPeerConnection[] = [];
		(window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
		window.RTCPeerConnection = class extends Original {
			channels: RTCDataChannel[] = [];
			constructor(config?: RTCConfiguration) {
				super(config);
				all.push(this);
			}
			override createDataChannel(label: string, options?: RTCDataChannelInit) {
				const channel = super.createDataChannel(label, options);
				this.channels.push(channel);
				return channel;
			}
		};
	});
	devices.push(device);
	return device;
}


async function createSession(page: Page, title: string, kit?: string): Promise<string> {
	await page.goto('/sessions/new');
	if (kit) await page.getByLabel('Trousse').selectOption(kit);
	else await expect(page.getByLabel('Trousse')).toHaveValue(/dialogue-ia-services-publics@/);
	await page.getByRole('radio', { name: /Imaginer/ }).check();
	await page.getByLabel('Titre de la séance').fill(title);
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(page.url()).searchParams.get('id')!;
}



/** The inviting tablet scans the answer shown by the joining one (its camera now shows it). */
async function scanAnswer(inviter: Device, answer: string) {
	writeQrY4m(inviter.camera, answer);
	await inviter.page.getByRole('button', { name: 'L’autre tablette montre sa réponse : la scanner' }).click();
	await expect(inviter.page.getByText('Tablette reliée. Les contributions')).toBeVisible({ timeout: 30_000 });
}

/** The joining tablet's camera shows `invitation`; it scans it and shows its answer. */
async function answerWith(joiner: Device, invitation: string, start: () => Promise<void>): Promise<string> {
	writeQrY4m(joiner.camera, invitation);
	await start();
	const answer = await shownCode(joiner.page, /Code QR de réponse/);
	expect(answer).toMatch(/^[0-9A-Z]{100,260}$/);
	return answer!;
}

async function joinByQr(inviter: Device, joiner: Device, id: string) {
	const invitation = await showInvitation(inviter.page);
	const answer = await answerWith(joiner, invitation, async () => {
		await joiner.page.goto('/sessions');
		await joiner.page.getByRole('link', { name: 'Rejoindre une séance par code QR' }).click();
	});
	await scanAnswer(inviter, answer);
	await confirmQrJoin(joiner.page);
	await expect(joiner.page).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
}

const station = (id: string) => `/activity?id=${id}&activity=stations-thematiques&station=s1-themes`;

async function writeNote(page: Page, text: string) {
	const field = page.getByLabel('Votre note', { exact: true });
	const consent = page.getByRole('button', { name: 'J’accepte de participer' });
	await expect(field.or(consent)).toBeVisible();
	if (await consent.isVisible()) await consent.click();
	await field.fill(text, { timeout: 10_000 });
	await page.getByRole('button', { name: 'Ajouter la note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
}

const panel = (page: Page) => page.getByRole('region', { name: 'Tablettes de la séance' });
const note = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });

test('three tablets pair by QR code with no server, meet through the mesh, sync every way, re-link after a lost link, and after a reload with a single scan; a code of another session or another tablet is refused', async () => {
	test.setTimeout(300_000);
	const a = await newDevice('Tablette A');
	const b = await newDevice('Station B');
	const c = await newDevice('Station C');
	const id = await createSession(a.page, 'Atelier sans serveur');

	// A opens the pairing screen from the tablets panel and invites B.
	await a.page.getByRole('link', { name: 'Inviter d’autres tablettes (code QR)' }).click();
	await expect(a.page).toHaveURL(/\/share\?id=/);
	// With no server known, "Inviter une tablette" picks pairing codes and says why; a link is one tap away.
	await expect(a.page.getByRole('heading', { level: 1, name: 'Inviter une tablette' })).toBeVisible();
	await expect(a.page.locator('[data-invite-why]')).toHaveText(/Aucun serveur n’est configuré ici/);
	await expect(a.page.getByRole('heading', { level: 2, name: 'Relier des tablettes par code QR' })).toBeVisible();
	await a.page.getByRole('link', { name: 'Autre façon : lien d’invitation (avec un serveur)' }).click();
	await expect(a.page.locator('[data-invite-why]')).toHaveText(/Un lien ne suffit pas ici/);
	await expect(a.page.locator('[data-join-link]')).toBeVisible();
	await expectNoAxeViolations(a.page, 'invite: link without a server');
	await panel(a.page).getByRole('link', { name: 'Relier une tablette par code QR' }).click();
	await expect(a.page.getByRole('heading', { level: 2, name: 'Relier des tablettes par code QR' })).toBeVisible();
	const invitation = await showInvitation(a.page);
	await expectNoAxeViolations(a.page, 'pairing: invitation');
	await expectTouchTargets(a.page, 'pairing: invitation');
	// The manual fallback shows the same code as text.
	await a.page.getByRole('button', { name: 'Afficher le code en texte' }).click();
	await expect(a.page.locator('[data-pairing-text]')).toHaveText(invitation.match(/.{1,4}/g)!.join(' '));

	const answer = await answerWith(b, invitation, async () => {
		await b.page.goto('/sessions');
		await b.page.getByRole('link', { name: 'Rejoindre une séance par code QR' }).click();
	});
	await expectNoAxeViolations(b.page, 'pairing: answer');
	await scanAnswer(a, answer);
	await confirmQrJoin(b.page, { title: 'Atelier sans serveur' });
	await expect(b.page).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });

	// C pairs with B (not with A): B shows the invitation from its own pairing screen.
	await navigate(b.page, `/share?id=${id}&way=codes`);
	await joinByQr(b, c, id);
	// Through the mesh, with no further scan, A and C open a direct link (signaling relayed by B).
	await navigate(a.page, `/share?id=${id}`);
	await expect(panel(a.page).getByRole('rowheader', { name: 'Station C' })).toBeVisible({ timeout: 30_000 });
	await expect(panel(a.page).getByRole('row').filter({ hasText: 'Station C' })).toContainText('Jumelage par code QR');
	// The A–C link breaks (as on a network hiccup): A keeps its link to B, and the mesh links A and C again with no scan.
	const cut = await a.page.evaluate(() => {
		const pcs = (window as unknown as { __peerConnections: (RTCPeerConnection & { channels: RTCDataChannel[] })[] }).__peerConnections;
		// On A: [0] is the QR pairing with B, [1] the link the mesh opened with C.
		pcs[1]?.channels[0]?.close();
		return pcs.length;
	});
	expect(cut).toBe(2);
	await expect(panel(a.page).getByRole('rowheader', { name: 'Station C' })).toHaveCount(0, { timeout: 20_000 });
	await expect(panel(a.page).getByRole('rowheader', { name: 'Station B' })).toBeVisible();
	await expect(panel(a.page).getByRole('rowheader', { name: 'Station C' })).toBeVisible({ timeout: 45_000 });

	// Notes written on each tablet reach the two others, A and C through B.
	const notes = ['Note écrite sur la tablette A', 'Note écrite à la station B', 'Note écrite à la station C'];
	for (const [i, d] of [a, b, c].entries()) {
		await navigate(d.page, station(id));
		await writeNote(d.page, notes[i]!);
	}
	for (const d of [a, b, c]) {
		for (const text of notes) await expect(note(d.page, text), `${text} reaches ${d.name}`).toBeVisible({ timeout: 30_000 });
	}

	// C reloads: every link is gone; it says so and re-links with ONE scan: B, still linked,
	// lists C among the disconnected tablets and shows a re-link code; C shows nothing back.
	await c.page.reload();
	await expect(c.page.locator('[data-qr-lost]')).toContainText('n’est plus reliée', { timeout: 30_000 });
	await writeNote(a.page, 'Note de A pendant que C était seule');
	// C's camera no longer shows B's old invitation (the fake camera keeps its last picture).
	writeQrY4m(c.camera, null);
	await c.page.getByRole('link', { name: 'relier cette tablette' }).click();
	await expect(c.page.getByRole('heading', { name: 'Se relier à une tablette de la séance' })).toBeVisible();
	// Test instrumentation: remember whether C ever shows an answer code from now on.
	await c.page.evaluate(() => {
		const w = window as unknown as { __answerShown: boolean };
		w.__answerShown = false;
		const seen = () => document.querySelector('[aria-label^="Code QR de réponse"]') !== null;
		new MutationObserver(() => {
			if (seen()) w.__answerShown = true;
		}).observe(document.body, { subtree: true, childList: true, attributes: true });
	});
	await navigate(b.page, `/share?id=${id}&way=codes`);
	const relinkC = b.page.getByRole('button', { name: 'Relier de nouveau Station C' });
	await expect(relinkC).toBeVisible({ timeout: 30_000 });
	await expect(b.page.getByRole('button', { name: 'Relier de nouveau Tablette A' })).toHaveCount(0);
	await expectNoAxeViolations(b.page, 'pairing: disconnected tablets');
	await expectTouchTargets(b.page, 'pairing: disconnected tablets');
	await relinkC.click();
	const relinkCode = await shownCode(b.page, /Code QR pour relier de nouveau Station C/);
	expect(relinkCode).toMatch(/^[0-9A-Z]{100,300}$/);
	await expectNoAxeViolations(b.page, 'pairing: re-link code');
	// The code is for C only: A, scanning it from its own answering screen, is told so plainly.
	writeQrY4m(a.camera, relinkCode!);
	// An address saved before (/pair) leads to the pairing codes of "Inviter une tablette", same mode.
	await navigate(a.page, `/pair?id=${id}&mode=answer`, new RegExp(`/share\\?id=${id}&mode=answer&way=codes$`));
	await expect(a.page.getByRole('alert')).toContainText('Ce code est fait pour une autre tablette.', { timeout: 20_000 });
	writeQrY4m(c.camera, relinkCode!);
	const relinked = c.page.getByText('Tablette reliée de nouveau, en un seul scan.');
	await expect(c.page.getByText('Code lu. Connexion à la tablette qui l’a montré…').or(relinked)).toBeVisible({ timeout: 20_000 });
	// The screen is opened again while the code is still before the camera: the second reading
	// waits for the first (B's offer can be answered once) or finds the link up, and says linked.
	await c.page.getByRole('radio', { name: /Inviter une autre tablette/ }).check();
	await c.page.getByRole('radio', { name: /Relier de nouveau cette tablette/ }).check();
	await expect(relinked).toBeVisible({ timeout: 30_000 });
	await expect(b.page.locator('[data-relink-done]')).toContainText('Tablette « Station C » reliée de nouveau.', { timeout: 30_000 });
	expect(await c.page.evaluate(() => (window as unknown as { __answerShown: boolean }).__answerShown), 'C never showed an answer code').toBe(false);
	await expect(c.page.getByRole('img', { name: /Code QR de réponse/ })).toHaveCount(0);
	await navigate(c.page, station(id));
	await expect(note(c.page, 'Note de A pendant que C était seule')).toBeVisible({ timeout: 30_000 });
	await expect(c.page.locator('[data-qr-lost]')).toHaveCount(0);
	// One pairing with B was enough: C is linked to A again through the mesh.
	await navigate(c.page, `/share?id=${id}`);
	await expect(panel(c.page).getByRole('rowheader', { name: 'Tablette A' })).toBeVisible({ timeout: 45_000 });

	// D, in another session, scans B's invitation: refused before any connection.
	const d = await newDevice('Tablette D');
	const other = await createSession(d.page, 'Une autre séance');
	await navigate(d.page, `/share?id=${other}&way=codes&mode=answer`);
	await b.page.getByRole('button', { name: 'Relier une autre tablette' }).click();
	const foreign = await showInvitation(b.page);
	writeQrY4m(d.camera, foreign);
	await d.page.getByRole('radio', { name: /Inviter une autre tablette/ }).check();
	await d.page.getByRole('radio', { name: /Relier de nouveau cette tablette/ }).check();
	await expect(d.page.getByRole('alert')).toContainText('Ce code vient d’une autre séance.', { timeout: 20_000 });
	await expectNoAxeViolations(d.page, 'pairing: refused code');

	// Nothing but the static app server: no page opened a WebSocket (no signaling, no hub).
	for (const dev of devices) expect(dev.sockets, `${dev.name} opened no WebSocket`).toEqual([]);
});

/** Records every text a status region shows, so a short-lived progress message can be checked. */
async function recordStatuses(page: Page) {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { statuses: string[] }).statuses = seen;
		new MutationObserver(() => {
			for (const el of document.querySelectorAll('[role="status"]')) {
				const text = el.textContent?.trim() ?? '';
				if (text && seen.at(-1) !== text) seen.push(text);
			}
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
}

test('an imported kit reaches, over a QR pairing with no server, a tablet that never had it; notes then sync both ways', async () => {
	test.setTimeout(180_000);
	const a = await newDevice('Tablette A');
	const b = await newDevice('Station B');
	await importTravellingKit(a.page);
	const id = await createSession(a.page, 'Atelier avec trousse voyageuse', TRAVELLING_KIT_KEY);
	// B has its own storage: the imported kit is not there.
	await b.page.goto('/kits');
	await expect(b.page.getByRole('heading', { level: 3, name: 'Dialogue citoyen' }).first()).toBeVisible();
	await expect(b.page.getByRole('heading', { level: 3, name: TRAVELLING_KIT_TITLE })).toHaveCount(0);

	await recordStatuses(b.page);
	await navigate(a.page, `/share?id=${id}&way=codes`);
	await joinByQr(a, b, id);
	// B receives the kit from A through the QR link, then opens the session's activities.
	const kitScreen = b.page.getByRole('heading', { name: 'Trousse de la séance' });
	if (await kitScreen.isVisible()) await expectNoAxeViolations(b.page, 'receiving the kit over a QR link').catch(async (error) => {
		// The screen may have given way to the activities while axe ran: only a screen still shown counts.
		if (await kitScreen.isVisible()) throw error;
	});
	await expect(b.page.getByText('L’atelier n’a pas encore commencé.', { exact: false })).toBeVisible({ timeout: 40_000 });
	const statuses = await b.page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
	expect(statuses.some((s) => /^Réception de la trousse depuis les autres tablettes… \(\d+ %\)$/.test(s)), statuses.join(' | ')).toBe(true);
	await expect(b.page.locator('[data-qr-lost]')).toHaveCount(0);

	// The QR link outlived the kit transfer: notes go both ways.
	await navigate(a.page, station(id));
	await navigate(b.page, station(id));
	await writeNote(b.page, 'Note écrite à la station B');
	await writeNote(a.page, 'Note écrite sur la tablette A');
	for (const d of [a, b]) {
		for (const text of ['Note écrite à la station B', 'Note écrite sur la tablette A']) await expect(note(d.page, text), `${text} reaches ${d.name}`).toBeVisible({ timeout: 30_000 });
	}

	// The kit is stored on B now, from the bytes A sent.
	await navigate(b.page, '/kits');
	await expect(b.page.getByRole('heading', { level: 3, name: TRAVELLING_KIT_TITLE })).toBeVisible();
	for (const dev of [a, b]) expect(dev.sockets, `${dev.name} opened no WebSocket`).toEqual([]);
});

test('check this device: camera permission, address kinds and a loopback pairing self-test, with and without the camera', async ({ page }) => {
	// Without camera permission Chromium offers only hidden (mDNS) names; the loopback pairing still connects.
	await page.goto('/settings');
	await expect(page.getByText('Permission de l’appareil photo')).toBeVisible();
	await page.getByRole('button', { name: 'Lancer l’autotest' }).click();
	const result = page.locator('[data-self-test]');
	await expect(result).toHaveAttribute('data-self-test', 'ok', { timeout: 20_000 });
	await expect(result).toContainText('Connexion directe : réussie');
	await expect(result).toContainText(/0 IPv4, 0 IPv6, [1-3] nom masqué/);
	await expect(result).toContainText('Le navigateur cache l’adresse');
	await expectNoAxeViolations(page, 'device check');

	// With the camera allowed (fake camera), the LAN address is offered.
	const withCamera = await newDevice('Tablette E');
	await withCamera.page.goto('/settings');
	// The fake UI grants the camera without asking: the button is there only until that is known.
	const cameraRow = withCamera.page.locator('[data-camera]');
	await expect(cameraRow).not.toHaveAttribute('data-camera', 'unknown');
	if ((await cameraRow.getAttribute('data-camera')) !== 'granted') await withCamera.page.getByRole('button', { name: 'Permettre l’appareil photo' }).click();
	await expect(cameraRow).toContainText('accordée');
	await expect(withCamera.page.getByRole('button', { name: 'Permettre l’appareil photo' })).toHaveCount(0);
	await withCamera.page.getByRole('button', { name: 'Lancer l’autotest' }).click();
	const withResult = withCamera.page.locator('[data-self-test]');
	await expect(withResult).toHaveAttribute('data-self-test', 'ok', { timeout: 20_000 });
	await expect(withResult).toContainText(/[1-3] IPv4/);
	await expect(withResult).toContainText('Cette tablette a une adresse sur le réseau');
});

test('without a camera: the code is typed by hand, a typing mistake is caught, and tablets pair with hidden (mDNS) addresses', async ({ browser }) => {
	test.setTimeout(120_000);
	const open = async (name: string) => {
		const context = await browser.newContext({ locale: 'fr-CA' });
		const page = await context.newPage();
		await page.goto('/settings');
		await page.getByLabel('Nom montré aux autres tablettes').fill(name);
		await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Nom enregistré.' })).toBeVisible();
		return page;
	};
	const a = await open('Tablette A');
	const b = await open('Station B');
	const id = await createSession(a, 'Atelier sans appareil photo');
	await navigate(a, `/share?id=${id}&way=codes`);
	const invitation = await showInvitation(a);
	// No camera permission: Chromium hides the LAN address, the invitation holds only mDNS names.
	const decoded = decodePairingCode(invitation);
	expect(decoded.ok && decoded.value.sdp.candidates.map((c) => c.address.kind)).toEqual(expect.arrayContaining(['mdns']));
	expect(decoded.ok && decoded.value.sdp.candidates.every((c) => c.address.kind === 'mdns')).toBe(true);
	await a.getByRole('button', { name: 'Afficher le code en texte' }).click();
	const typedInvitation = (await a.locator('[data-pairing-text]').innerText()).toLowerCase();

	await b.goto('/join?qr=1');
	await expect(b.getByRole('alert').first()).toContainText(/appareil photo/i);
	const field = b.getByLabel('Ou tapez le code');
	const mistyped = typedInvitation.slice(0, 40) + (typedInvitation[40] === 'a' ? 'b' : 'a') + typedInvitation.slice(41);
	await field.fill(mistyped);
	await b.getByRole('button', { name: 'Valider le code' }).click();
	await expect(b.locator('[data-pairing-error]')).toHaveText('Ce code est incomplet ou mal recopié. Scannez-le de nouveau, ou vérifiez chaque caractère.');
	await field.fill(typedInvitation);
	await b.getByRole('button', { name: 'Valider le code' }).click();
	const answer = await shownCode(b, /Code QR de réponse/);
	expect(answer).toMatch(/^[0-9A-Z]{100,260}$/);

	await a.getByRole('button', { name: 'L’autre tablette montre sa réponse : la scanner' }).click();
	// The invitation typed where the answer is expected: refused with the right hint.
	await a.getByLabel('Ou tapez le code').fill(invitation);
	await a.getByRole('button', { name: 'Valider le code' }).click();
	await expect(a.locator('[data-pairing-error]')).toContainText('C’est un code d’invitation.');
	await a.getByLabel('Ou tapez le code').fill(answer!);
	await a.getByRole('button', { name: 'Valider le code' }).click();
	await expect(a.getByText('Tablette reliée. Les contributions')).toBeVisible({ timeout: 30_000 });
	await confirmQrJoin(b, { title: 'Atelier sans appareil photo' });
	await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	await navigate(a, `/share?id=${id}`);
	await expect(panel(a).getByRole('rowheader', { name: 'Station B' })).toBeVisible({ timeout: 20_000 });
	await a.context().close();
	await b.context().close();
});

test('joining by QR code shows which session it is (title, place, role) and asks before storing anything', async () => {
	test.setTimeout(240_000);
	const a = await newDevice('Tablette de l’animation');
	const b = await newDevice('Tablette qui rejoint');
	await a.page.goto('/sessions/new');
	await a.page.getByRole('radio', { name: /Imaginer/ }).check();
	await a.page.getByLabel('Titre de la séance').fill('Atelier de Matane');
	await a.page.getByLabel('Lieu').fill('Salle communautaire');
	await a.page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(a.page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(a.page.url()).searchParams.get('id')!;

	const invite = async () => {
		// Through the console, so the pairing screen starts afresh each time.
		await navigate(a.page, `/console?id=${id}`);
		await navigate(a.page, `/share?id=${id}&way=codes`);
		const invitation = await showInvitation(a.page);
		const answer = await answerWith(b, invitation, async () => {
			await b.page.goto('/sessions');
			await b.page.getByRole('link', { name: 'Rejoindre une séance par code QR' }).click();
		});
		// Before the session arrives, the invitation tells its id and this tablet's role.
		await expect(b.page.locator('[data-invited-session]')).toContainText(`Invitation pour la séance ${id}, comme : Station`);
		await scanAnswer(a, answer);
	};

	// First time: the person sees it is not the session they expected, and declines.
	await invite();
	const confirm = b.page.locator('[data-join-confirm]');
	await expect(confirm).toBeVisible({ timeout: 30_000 });
	await expect(confirm.getByRole('heading', { name: 'Rejoindre cette séance?' })).toBeFocused();
	await expect(confirm.locator('[data-join-title]')).toHaveText('Atelier de Matane');
	await expect(confirm.locator('[data-join-place]')).toHaveText('Salle communautaire');
	await expect(confirm).toContainText('Station');
	await expect(confirm).toContainText('Imaginer');
	await expectNoAxeViolations(b.page, 'QR join: confirmation');
	await expectTouchTargets(b.page, 'QR join: confirmation');
	await expectTabReachable(b.page, confirm.getByRole('button', { name: 'Ce n’est pas la bonne séance' }), 'the decline button');
	await b.page.keyboard.press('Enter');
	await expect(b.page.locator('[data-join-cancelled]')).toContainText('rien n’a été enregistré');
	await expect(b.page).toHaveURL(/\/join/);
	await b.page.goto('/sessions');
	await expect(b.page.getByRole('heading', { name: 'Atelier de Matane' })).toHaveCount(0);

	// Second time: it is the right one; joining stores it under its own title and place.
	await invite();
	await confirmQrJoin(b.page, { title: 'Atelier de Matane', place: 'Salle communautaire' });
	await expect(b.page).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 30_000 });
	await b.page.goto('/sessions');
	await expect(b.page.getByRole('heading', { name: 'Atelier de Matane' })).toBeVisible();
	expect(b.sockets, 'no WebSocket on the joining tablet').toEqual([]);
});
