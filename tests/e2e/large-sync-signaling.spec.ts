import { expect, test, type Page } from '@playwright/test';
import { startSignaling, type SignalingServer } from './support/signaling';
import { addNotesToSessionFile } from './support/large-session';
import { consoleCount, seenOn, watchSyncScreens } from './support/sync-watch';
import { createImaginerSession, exportSessionFile, joinLink, mergeSessionFile, newTablet, tabletsPanel } from './support/tablets';

/**
 * Sync at any size over the signaling path (issue 11): y-webrtc used to send a whole sync step as
 * one data-channel message, which Chromium refuses over 256 KiB, so a large session never reached
 * a tablet that joined and a large merge never reached linked ones, while the screens said
 * "à jour". Now y-webrtc only opens the connections and our frames travel on a channel of their
 * own, in pieces. The tablets are separate Chromium processes that meet through the project's
 * signaling server on loopback; notes are seeded into a saved session file with the app's own
 * operation and merged through the tablets panel (support/large-session.ts), and counted on the
 * console. (The hub and QR paths: large-sync.spec.ts.)
 */

let signaling: SignalingServer;

test.beforeAll(async () => {
	signaling = await startSignaling();
});

test.afterAll(async () => {
	await signaling?.stop();
});

const HANG = 60_000;
const badge = (page: Page) => page.locator('.sync-badge [role="status"]');

async function expectCount(page: Page, id: string, count: number, what: string): Promise<void> {
	if (!page.url().includes(`/console?id=${id}`)) await page.goto(`/console?id=${id}`);
	await expect.poll(() => consoleCount(page), { message: what, timeout: HANG }).toBe(count);
}

test('a 3,000-note session reaches a tablet that joins by the invitation link', async ({ browser, playwright, launchOptions, baseURL }) => {
	test.setTimeout(300_000);
	// Tablet B is a second Chromium process, launched like the configured one.
	const processB = await playwright.chromium.launch(launchOptions);
	try {
		const a = await newTablet(browser, 'Tablette A', signaling.url);
		const id = await createImaginerSession(a, 'Journée à 3 000 notes');
		await a.goto(`/share?id=${id}`);
		const large = addNotesToSessionFile(await exportSessionFile(a), 3000, 3001);
		expect(large.stateBytes, 'the session is several data-channel messages, and more than one frame').toBeGreaterThan(1024 * 1024);
		await mergeSessionFile(a, large.file);
		const link = await joinLink(a, /Station \(posée/);
		await expectCount(a, id, large.total, 'A shows the merged notes');

		const b = await newTablet(processB, 'Station B', signaling.url, { baseURL });
		await b.goto(link);
		await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: 120_000 });
		await expectCount(b, id, (await consoleCount(a))!, 'B holds as many notes as A');
		await expect(badge(b)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		await expect(badge(a)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
	} finally {
		await processB.close();
	}
});

test('a 1,000-note session file merged on a linked tablet reaches its peer, and the sender says "à jour" only after', async ({ browser, playwright, launchOptions, baseURL }) => {
	test.setTimeout(300_000);
	const processB = await playwright.chromium.launch(launchOptions);
	try {
		const a = await newTablet(browser, 'Tablette A', signaling.url, { initScript: watchSyncScreens });
		const id = await createImaginerSession(a, 'Séance fusionnée');
		await a.goto(`/share?id=${id}`);
		const link = await joinLink(a, /Station \(posée/);
		const b = await newTablet(processB, 'Station B', signaling.url, { baseURL, initScript: watchSyncScreens });
		await b.goto(link);
		await expect(b).toHaveURL(new RegExp(`/activity\\?id=${id}$`), { timeout: HANG });
		await expectCount(b, id, 0, 'B starts with no note');
		await expect(tabletsPanel(a).getByRole('rowheader', { name: 'Station B' })).toBeVisible({ timeout: 30_000 });
		await expect(badge(a)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });

		const more = addNotesToSessionFile(await exportSessionFile(a), 1000, 1000);
		expect(more.addedBytes, 'the merged update is over one data-channel message').toBeGreaterThan(256 * 1024);
		await mergeSessionFile(a, more.file);
		await expectCount(b, id, more.total, 'B receives every merged note');
		await expect(badge(a)).toHaveAttribute('data-sync-state', 'caught-up', { timeout: HANG });
		await expect(badge(a)).toContainText('à jour');

		// After the fact: from the merge on, A's badge said "à jour" only once B showed every note.
		const seenA = await seenOn(a);
		const seenB = await seenOn(b);
		const merged = seenA.find((s) => s.message === 'Fichier fusionné : ses nouveautés sont ajoutées à la séance.');
		expect(merged, 'A showed the merge').toBeDefined();
		expect(merged!.badge, 'A stops saying "à jour" as soon as it merges').not.toBe('caught-up');
		const received = seenB.find((s) => s.count === more.total);
		expect(received, 'B’s console reached the total').toBeDefined();
		const early = seenA.filter((s) => s.t >= merged!.t && s.badge === 'caught-up' && s.t < received!.t);
		expect(early, `A "à jour" before B had every note (B complete at ${received!.t})`).toEqual([]);
	} finally {
		await processB.close();
	}
});
