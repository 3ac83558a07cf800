import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSignaling, type SignalingServer } from './support/signaling';
import { addNotesToSessionFile } from './support/session-notes';
import { createImaginerSession, exportSessionFile, joinLink, mergeSessionFile, newTablet, tabletsPanel } from './support/tablets';

/**
 * Large sessions over the signaling path (issue 11): Chromium refuses data-channel messages over
 * 256 KiB, so a session or a single update larger than that used to never arrive while every
 * screen said "up to date". The tablets are separate Chromium processes (nothing shared but the
 * loopback network), meeting through the project's signaling server; notes are counted on the
 * console of each tablet.
 */

let signaling: SignalingServer;

test.beforeAll(async () => {
	signaling = await startSignaling();
});

test.afterAll(async () => {
	await signaling?.stop();
});

const ACTIVITY = 'stations-thematiques';
const STATION = 's1-themes';

/** The console's count of notes of the activity the seeded notes belong to (opens the console). */
async function noteCount(page: Page, id: string): Promise<Locator> {
	if (!page.url().includes(`/console?id=${id}`)) await page.goto(`/console?id=${id}`);
	return page.locator(`tr[data-activity="${ACTIVITY}"] td`).first();
}

test('a 3,000-note session reaches a tablet that joins by the invitation link', async ({ browser, playwright, launchOptions, baseURL }) => {
	test.setTimeout(300_000);
	// Tablet B is a second Chromium process, launched like the configured one.
	const processB = await playwright.chromium.launch(launchOptions);
	try {
		const a = await newTablet(browser, 'Tablette A', signaling.url);
		const id = await createImaginerSession(a, 'Grande séance');
		await a.goto(`/share?id=${id}`);
		const seeded = addNotesToSessionFile(await exportSessionFile(a), 3000, { activityId: ACTIVITY, stationId: STATION, prefix: 'grande' });
		expect(seeded.byteLength, 'the session is well over one data-channel message').toBeGreaterThan(1024 * 1024);
		await mergeSessionFile(a, seeded);
		const link = await joinLink(a, /Station \(posée/);
		await expect(await noteCount(a, id)).toHaveText('3000');

		const b = await newTablet(processB, 'Station B', signaling.url, { baseURL });
		await b.goto(link);
		await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 120_000 });
		const countOnA = await (await noteCount(a, id)).innerText();
		await expect(await noteCount(b, id)).toHaveText(countOnA, { timeout: 60_000 });
		await b.goto(`/share?id=${id}`);
		await expect(tabletsPanel(b).getByRole('rowheader', { name: 'Tablette A' })).toBeVisible({ timeout: 30_000 });
		await expect(b.getByRole('status').filter({ hasText: 'à jour' })).toBeVisible({ timeout: 60_000 });
	} finally {
		await processB.close();
	}
});

test('a 1,000-note session file merged on a linked tablet reaches its peer', async ({ browser, playwright, launchOptions, baseURL }) => {
	test.setTimeout(300_000);
	// Tablet B is a second Chromium process, launched like the configured one.
	const processB = await playwright.chromium.launch(launchOptions);
	try {
		const a = await newTablet(browser, 'Tablette A', signaling.url);
		const id = await createImaginerSession(a, 'Séance fusionnée');
		await a.goto(`/share?id=${id}`);
		const link = await joinLink(a, /Station \(posée/);
		const b = await newTablet(processB, 'Station B', signaling.url, { baseURL });
		await b.goto(link);
		await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 60_000 });
		await expect(await noteCount(b, id)).toHaveCount(0);
		await expect(tabletsPanel(a).getByRole('rowheader', { name: 'Station B' })).toBeVisible({ timeout: 30_000 });

		const merged = addNotesToSessionFile(await exportSessionFile(a), 1000, { activityId: ACTIVITY, stationId: STATION, prefix: 'fichier' });
		expect(merged.byteLength, 'the merged update is over one data-channel message').toBeGreaterThan(256 * 1024);
		await mergeSessionFile(a, merged);
		await expect(await noteCount(b, id)).toHaveText('1000', { timeout: 60_000 });
		await expect(await noteCount(a, id)).toHaveText('1000');
	} finally {
		await processB.close();
	}
});
