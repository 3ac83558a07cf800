import { createSession as createSessionWith } from './support/session-fixture';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { chromium, expect, test, type Browser, type ConsoleMessage, type Page } from '@playwright/test';
import { parseJoinLink } from '../../src/lib/sync/join-link';
import { buildPhoneLink } from '../../src/lib/sync/phone-link';
import { decodeRecords } from '../../src/hub/durable-files';
import { LOG_FILE, SNAPSHOT_FILE } from '../../src/hub/session-log';
import { readSnapshot } from '../../src/lib/session/session-read';
import { startHub, hubPort } from './support/hub-process';
import { launchPhoneBrowser, noteCard, setHubInSettings } from './support/hub-devices';
import { addNotesToSessionFile, type LargeSession } from './support/large-session';
import { CHROMIUM_ARGS, chromiumPath, confirmQrJoin, navigate, newQrTablet, pairByQr, type QrTablet } from './support/qr-devices';
import { consoleCount, percentagesSeen, seenOn, watchSyncScreens, type Seen } from './support/sync-watch';
import { APP_ORIGIN } from './support/ports';

/**
 * Sync at any size (issue 11): a workshop day of 3,000 notes of about 120 characters (≈ 1.8 MB of
 * Yjs state, seven times a data channel's 256 KiB and more than one 1 MiB frame) reaches every
 * device, and no screen says "up to date" before it has.
 *
 * Every tablet is a separate Chromium process with its own storage. The 3,000 notes are written in
 * Node with the session model's own operation into the session file the tablet saved from its
 * tablets panel, then merged back on that tablet through the same panel (support/large-session.ts),
 * so the session id and header are the tablet's own and nothing in the app is bypassed.
 *
 * Through the hub, the tablets load the app from the hub under a LAN-like name (`hub.test`, mapped
 * to 127.0.0.1: an insecure origin, as http://192.168.x.y is), so the hub's /sync is their only
 * path: no y-webrtc (its signaling path is tested elsewhere). Over QR codes there is no server at
 * all but the static app server.
 */

const APP = APP_ORIGIN;
const HUB_PORT = hubPort();
const HUB_APP = `http://hub.test:${HUB_PORT}`;
const PHONE_APP = `http://phone.test:${HUB_PORT}`;
const SIGNALING = `ws://hub.test:${HUB_PORT}/signaling`;
const NOTES = 3000;
const MORE_NOTES = 1000;
const HANG = 60_000;

test.use({ actionTimeout: 20_000 });

/** Everything the pages said, attached to the report (evidence when something fails). */
const logs: string[] = [];
const pageErrors: string[] = [];
function listen(page: Page, name: string): void {
	page.on('console', (m: ConsoleMessage) => logs.push(`[${new Date().toISOString()}] ${name} ${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => {
		pageErrors.push(`${name}: ${e.message}`);
		logs.push(`[${new Date().toISOString()}] ${name} pageerror: ${e.stack ?? e.message}`);
	});
}

test.afterEach(async ({}, testInfo) => {
	if (logs.length > 0) await testInfo.attach('page-logs.txt', { body: logs.join('\n'), contentType: 'text/plain' });
	logs.length = 0;
});

const badge = (page: Page) => page.locator('.sync-badge [role="status"]');
const panel = (page: Page) => page.getByRole('region', { name: 'Tablettes de la séance' });

/** The bundled kit's "Imaginer" agenda, created as a facilitator does. */
const createSession = (page: Page, title: string) => createSessionWith(page, { kitId: 'dialogue-ia-services-publics', agendaId: 'imaginer', title });

/** "Enregistrer la séance dans un fichier" in the tablets panel; returns the file. */
async function saveSessionFile(page: Page): Promise<Buffer> {
	const download = page.waitForEvent('download');
	await panel(page).getByRole('button', { name: 'Enregistrer la séance dans un fichier' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/\.tablee-session$/);
	return readFile((await file.path())!);
}

/** "Fusionner un fichier de séance" in the tablets panel. */
async function mergeSessionFile(page: Page, file: Buffer): Promise<void> {
	await panel(page).getByLabel('Fusionner un fichier de séance').setInputFiles({ name: 'journee.tablee-session', mimeType: 'application/octet-stream', buffer: file });
	await expect(panel(page).getByRole('status')).toHaveText('Fichier fusionné : ses nouveautés sont ajoutées à la séance.', { timeout: HANG });
}

const expectCount = (page: Page, count: number, message: string) => expect.poll(() => consoleCount(page), { message, timeout: HANG, intervals: [250, 500, 1000] }).toBe(count);

/** The first record showing the panel's "file merged" message: the moment the tablet's doc changed. */
function mergedAt(seen: Seen[]): Seen {
	const merged = seen.find((s) => s.message === 'Fichier fusionné : ses nouveautés sont ajoutées à la séance.');
	if (!merged) throw new Error(`the merge was never shown: ${JSON.stringify(seen)}`);
	return merged;
}

/** Bytes of the hub's files for a session, sampled in Node every 20 ms (time taken before reading). */
function sampleFolder(dir: string) {
	const samples: { t: number; bytes: number }[] = [];
	const size = (file: string) => {
		try {
			return statSync(join(dir, file)).size;
		} catch {
			return 0;
		}
	};
	const take = () => {
		const t = Date.now();
		samples.push({ t, bytes: size(SNAPSHOT_FILE) + size(LOG_FILE) });
	};
	take();
	const timer = setInterval(take, 20);
	return {
		samples,
		stop: () => {
			clearInterval(timer);
			take();
		}
	};
}

/** What the hub's data folder holds for a session, read with the hub's record decoder. */
function hubFolder(dir: string): { bytes: number; notes: number; sessionId: string | null } {
	const doc = new Y.Doc();
	let bytes = 0;
	for (const file of [SNAPSHOT_FILE, LOG_FILE]) {
		if (!existsSync(join(dir, file))) continue;
		const content = new Uint8Array(readFileSync(join(dir, file)));
		bytes += content.byteLength;
		for (const record of decodeRecords(content, 64 * 1024 * 1024).records) Y.applyUpdate(doc, record);
	}
	const snapshot = readSnapshot(doc);
	doc.destroy();
	return { bytes, notes: snapshot.contributions.length, sessionId: snapshot.meta?.sessionId ?? null };
}

/** A tablet on the venue's network: its own browser, the app loaded from the hub (insecure origin). */
/** `hubCode`: the tablet that brings the session to the hub holds the hub's code (Réglages). */
async function hubTablet(name: string, options: { signaling: boolean; hubCode?: string; watch?: boolean }): Promise<{ browser: Browser; page: Page }> {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP hub.test 127.0.0.1'] });
	const context = await browser.newContext({ locale: 'fr-CA', baseURL: HUB_APP, acceptDownloads: true });
	if (options.watch) await context.addInitScript(watchSyncScreens);
	const page = await context.newPage();
	listen(page, name);
	await page.goto('/settings');
	expect(await page.evaluate(() => isSecureContext), `${name} is on an insecure origin, like a tablet on http://<LAN address>`).toBe(false);
	await page.getByLabel('Nom montré aux autres tablettes').fill(name);
	await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Nom enregistré.' })).toBeVisible();
	if (options.signaling) await setHubInSettings(page, SIGNALING, options.hubCode ?? null);
	return { browser, page };
}

test('through the hub: a 3,000-note session reaches a tablet that joins by link and a phone at a station; the hub is shown up to date only once its folder holds the notes', async () => {
	test.setTimeout(180_000);
	const dataDir = mkdtempSync(join(tmpdir(), 'tablee-large-hub-'));
	const hub = await startHub(dataDir, HUB_PORT);
	const browsers: Browser[] = [];
	pageErrors.length = 0;
	try {
		const a = await hubTablet('Tablette A', { signaling: true, hubCode: hub.hubCode });
		browsers.push(a.browser);
		const id = await createSession(a.page, 'Journée à 3 000 notes');
		const sessionDir = join(dataDir, 'sessions', id);
		// The console attached the hub: the hub pinned the session.
		await expect.poll(() => existsSync(join(sessionDir, 'pin.json')), { timeout: 20_000 }).toBe(true);
		await expect(panel(a.page).getByRole('row').filter({ has: a.page.getByRole('rowheader', { name: 'Boîtier de la salle' }) })).toBeVisible({ timeout: HANG });

		const large: LargeSession = addNotesToSessionFile(await saveSessionFile(a.page), NOTES, 3000);
		expect(large.sessionId).toBe(id);
		expect(large.total).toBe(NOTES);
		expect(large.stateBytes, 'more than one frame, far more than a data channel message').toBeGreaterThan(1024 * 1024);

		// A merges the day; meanwhile Node watches the hub's folder and the page records its panel.
		await a.page.evaluate(watchSyncScreens);
		const folder = sampleFolder(sessionDir);
		await mergeSessionFile(a.page, large.file);
		await expectCount(a.page, NOTES, 'A shows the merged notes');
		const hubCell = panel(a.page).getByRole('row').filter({ has: a.page.getByRole('rowheader', { name: 'Boîtier de la salle' }) }).locator('[data-peer-synced]');
		await expect(hubCell).toHaveAttribute('data-peer-synced', 'true', { timeout: HANG });
		await expect(hubCell).toHaveText('oui', { timeout: HANG });
		await expect(badge(a.page)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		folder.stop();

		// The hub's folder holds the session: every note, in about the bytes of the state.
		const disk = hubFolder(sessionDir);
		expect(disk.sessionId).toBe(id);
		expect(disk.notes, 'notes in the hub’s data folder').toBe(NOTES);
		expect(disk.bytes, 'bytes on disk: at least about the notes’ Yjs update').toBeGreaterThan(0.9 * large.addedBytes);
		expect(disk.bytes, 'bytes on disk: the state, not a multiple of it').toBeLessThan(3 * large.stateBytes);

		// "oui" for the hub, after the merge, only while the folder already held the notes. A sample
		// taken during a shown "oui" that finds the folder well short of the notes' update (under 90 %
		// of its bytes: the hub writes it as one record) is a false claim.
		const lacking = 0.9 * large.addedBytes;
		const seenA = await seenOn(a.page);
		writeFileSync(test.info().outputPath('tablet-a-seen.json'), JSON.stringify({ merge: mergedAt(seenA).t, seen: seenA, folder: folder.samples }, null, 1));
		const merge = mergedAt(seenA);
		expect(merge.hubSynced, 'the hub row stops saying "oui" as soon as the notes are merged').toBe('false');
		const claims = seenA.filter((s) => s.t >= merge.t).map((s, i, all) => ({ ...s, until: all[i + 1]?.t ?? Number.POSITIVE_INFINITY }));
		const falseClaims = claims
			.filter((c) => c.hubSynced === 'true')
			.flatMap((c) => folder.samples.filter((s) => s.t >= c.t && s.t < c.until && s.bytes < lacking).map((s) => ({ shownAt: c.t, sampledAt: s.t, bytes: s.bytes })));
		expect(falseClaims, `hub folder grew ${folder.samples[0]!.bytes} → ${folder.samples.at(-1)!.bytes} bytes; panel: ${JSON.stringify(claims.map((c) => [c.t, c.hub]))}`).toEqual([]);
		expect(claims.some((c) => c.hubSynced === 'false'), 'A showed the hub "en cours" while it received').toBe(true);
		const aCount = await consoleCount(a.page);
		const stored = folder.samples.find((s) => s.t >= merge.t && s.bytes >= lacking);
		console.log(
			`hub: state ${large.stateBytes} B, notes' update ${large.addedBytes} B, on disk ${disk.bytes} B (${folder.samples.length} samples, ` +
				`notes on disk ${stored ? stored.t - merge.t : '?'} ms after the merge, first "oui" ${(claims.find((c) => c.hubSynced === 'true')?.t ?? NaN) - merge.t} ms after); ` +
				`A's hub cell after the merge: ${claims.map((c) => `${c.hub} [${c.hubSynced}]`).join(' → ')}; A's badge: ${claims.map((c) => c.badge + (c.receiving ? ` ${c.receiving} %` : '')).join(' → ')}`
		);

		// B, a fresh tablet on the venue's network, opens the invitation link A's share screen shows.
		await a.page.goto(`/share?id=${id}`);
		await a.page.getByRole('radio', { name: 'Tablette de l’animation' }).check();
		const link = await a.page.locator('[data-join-link]').inputValue();
		expect(link.startsWith(`${HUB_APP}/join#join=`)).toBe(true);
		const invitation = parseJoinLink(link);
		if (!invitation.ok) throw new Error('the invitation must parse');
		expect(invitation.value.signaling).toEqual([SIGNALING]);
		const b = await hubTablet('Tablette B', { signaling: false, watch: true });
		browsers.push(b.browser);
		await b.page.goto(link);
		await expect(b.page).toHaveURL(new RegExp(`/console\\?id=${id}$`), { timeout: HANG });
		await expectCount(b.page, aCount!, 'B holds exactly A’s notes');
		await expect(badge(b.page)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		await expect(badge(b.page)).toContainText('à jour');
		const seenB = await seenOn(b.page);
		writeFileSync(test.info().outputPath('tablet-b-seen.json'), JSON.stringify(seenB, null, 1));
		const shownB = percentagesSeen(seenB);
		const texts = [...new Set(seenB.map((s) => s.statuses))];
		expect(shownB.length, `B showed a receiving percentage; statuses seen: ${texts.join(' ‖ ')}`).toBeGreaterThan(0);
		expect(texts.some((s) => /[Rr]éception de la séance… \d{1,2} %/.test(s)), texts.join(' ‖ ')).toBe(true);
		console.log(`hub: B showed ${shownB.join(', ')} %`);
		await b.page.screenshot({ path: test.info().outputPath('hub-tablet-b.png'), fullPage: true });
		// The hub relays between devices (it does not introduce them): A's panel lists the hub, up to date.
		await expect(panel(a.page).getByRole('row').filter({ has: a.page.getByRole('rowheader', { name: 'Boîtier de la salle' }) }).locator('[data-peer-synced]')).toHaveText('oui');

		// A phone on the hub's insecure origin opens station 1: every note of that station.
		const phoneBrowser = await launchPhoneBrowser();
		browsers.push(phoneBrowser);
		const phone = await (await phoneBrowser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).newPage();
		listen(phone, 'phone');
		await phone.goto(buildPhoneLink(PHONE_APP, { view: 'station', sessionId: id, key: invitation.value.key, station: 's1-themes' }));
		await phone.getByRole('button', { name: 'J’accepte de participer' }).click({ timeout: HANG });
		await expect(phone.locator('[data-hub-state="connected"]')).toBeVisible();
		const s1 = large.byStation['s1-themes']!;
		expect(s1).toBeGreaterThan(100);
		await expect(phone.locator('.board-head')).toContainText(`${s1} notes`, { timeout: HANG });
		await expect(noteCard(phone, large.newestByStation['s1-themes']!)).toBeVisible();
		await phone.screenshot({ path: test.info().outputPath('hub-phone.png') });

		expect(pageErrors, 'uncaught errors in the pages').toEqual([]);
	} finally {
		for (const browser of browsers) await browser.close().catch(() => {});
		await hub.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
});

test.describe.serial('over a QR link, with no server', () => {
	let folder: string;
	let a: QrTablet;
	let b: QrTablet;
	let id: string;
	let saved: Buffer;

	test.beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'tablee-large-qr-'));
	});

	test.afterAll(async () => {
		for (const tablet of [a, b]) await tablet?.browser.close().catch(() => {});
		rmSync(folder, { recursive: true, force: true });
	});

	test('a 3,000-note session reaches a fresh tablet paired by QR code', async () => {
		test.setTimeout(150_000);
		pageErrors.length = 0;
		a = await newQrTablet(folder, 'Tablette A', APP);
		listen(a.page, 'A');
		b = await newQrTablet(folder, 'Station B', APP, watchSyncScreens);
		listen(b.page, 'B');
		id = await createSession(a.page, 'Journée à 3 000 notes, sans serveur');
		saved = await saveSessionFile(a.page);
		const large = addNotesToSessionFile(saved, NOTES, 3001);
		expect(large.sessionId).toBe(id);
		await mergeSessionFile(a.page, large.file);
		await expectCount(a.page, NOTES, 'A shows the merged notes');

		await navigate(a.page, `/share?id=${id}&way=codes`);
		await pairByQr(a, b);
		await confirmQrJoin(b.page, {}, HANG);
		await expect(b.page).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: HANG });
		await navigate(b.page, `/console?id=${id}`);
		await expectCount(b.page, NOTES, 'B holds all the notes');
		await expect(badge(b.page)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		await navigate(a.page, `/console?id=${id}`);
		await expect(panel(a.page).getByRole('row').filter({ hasText: 'Station B' }).locator('[data-peer-synced]')).toHaveText('oui', { timeout: HANG });
		await expect(badge(a.page)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });

		const seenB = await seenOn(b.page);
		const texts = [...new Set(seenB.map((s) => s.statuses))];
		console.log(`QR: B showed ${percentagesSeen(seenB).join(', ')} %`);
		expect(percentagesSeen(seenB).length, `B showed a receiving percentage; statuses seen: ${texts.join(' ‖ ')}`).toBeGreaterThan(0);
		for (const tablet of [a, b]) expect(tablet.sockets, `${tablet.name} opened no WebSocket`).toEqual([]);
		expect(pageErrors, 'uncaught errors in the pages').toEqual([]);
	});

	test('linked tablets: one merges a 1,000-note file, the other receives all of it, and the sender says "à jour" only after', async () => {
		test.setTimeout(120_000);
		pageErrors.length = 0;
		const more = addNotesToSessionFile(saved, MORE_NOTES, 1000);
		const total = NOTES + MORE_NOTES;
		await expect(badge(b.page)).toHaveAttribute('data-sync-state', 'caught-up');
		await a.page.evaluate(watchSyncScreens);
		await b.page.evaluate(watchSyncScreens);

		await mergeSessionFile(b.page, more.file);
		await expectCount(b.page, total, 'B (sender) shows its merged notes');
		await expectCount(a.page, total, 'A (receiver) holds as many notes as B');
		await expect(badge(b.page)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		await expect(badge(a.page)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		await expect(badge(b.page)).toContainText('à jour');
		await expect(badge(a.page)).toContainText('à jour');

		// After the fact: from the merge on, B's badge said "à jour" only once A showed every note.
		const seenA = await seenOn(a.page);
		const seenB = await seenOn(b.page);
		writeFileSync(test.info().outputPath('seen.json'), JSON.stringify({ receiverA: seenA, senderB: seenB }, null, 1));
		const merge = mergedAt(seenB);
		expect(merge.badge, 'B stops saying "à jour" as soon as it merges').not.toBe('caught-up');
		const received = seenA.find((s) => s.count === total);
		expect(received, 'A’s console reached the total').toBeDefined();
		const early = seenB.filter((s) => s.t >= merge.t && s.badge === 'caught-up' && s.t < received!.t);
		console.log(`merge: B's badge ${seenB.filter((s) => s.t >= merge.t).map((s) => s.badge).join(' → ')}; A's count ${seenA.map((s) => s.count).join(' → ')}`);
		expect(early, `B "à jour" before A had every note (A complete at ${received!.t})`).toEqual([]);
		for (const tablet of [a, b]) expect(tablet.sockets, `${tablet.name} opened no WebSocket`).toEqual([]);
		expect(pageErrors, 'uncaught errors in the pages').toEqual([]);
	});
});
