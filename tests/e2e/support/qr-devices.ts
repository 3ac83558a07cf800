/**
 * Tablets paired by QR code, each a separate Chromium *browser* (its own process, storage and
 * fake camera), as in qr-pairing.spec.ts: the camera of a device shows whatever code the test
 * writes into its Y4M file, and the fake media UI grants the camera, so Chromium offers LAN
 * addresses (separate browsers do not resolve each other's mDNS names reliably). The steps are
 * the user's: show an invitation, scan it on the joining tablet, scan the answer back.
 */
import { join } from 'node:path';
import { chromium, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { fakeCameraArgs, writeQrY4m } from './fake-camera';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface QrTablet {
	name: string;
	browser: Browser;
	page: Page;
	camera: string;
	/** Every WebSocket the page opened (none expected: no signaling, no hub). */
	sockets: string[];
}

/** A tablet with its own browser and camera, named in the settings as a facilitator would. */
export async function newQrTablet(folder: string, name: string, baseURL: string, init?: () => void): Promise<QrTablet> {
	const camera = join(folder, `${name.replace(/\W+/g, '-')}.y4m`);
	writeQrY4m(camera, null);
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...fakeCameraArgs(camera)] });
	const context = await browser.newContext({ locale: 'fr-CA', baseURL, acceptDownloads: true });
	if (init) await context.addInitScript(init);
	const page = await context.newPage();
	const tablet: QrTablet = { name, browser, page, camera, sockets: [] };
	page.on('websocket', (ws) => tablet.sockets.push(ws.url()));
	await page.goto('/settings');
	await page.getByLabel('Nom montré aux autres tablettes').fill(name);
	await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Nom enregistré.' })).toBeVisible();
	return tablet;
}

/** Follows an in-app link (client-side navigation: open WebRTC links stay open). */
export async function navigate(page: Page, href: string, lands?: RegExp): Promise<void> {
	await page.evaluate((target) => {
		const a = document.createElement('a');
		a.href = target;
		document.body.append(a);
		a.click();
		a.remove();
	}, href);
	await expect(page).toHaveURL(lands ?? new RegExp(`${href.replace(/[?&]/g, '\\$&')}$`));
}

/** The code a QR image on screen carries (its `data-pairing-code`). */
export const shownCode = (page: Page, label: RegExp) => page.getByRole('img', { name: label }).getAttribute('data-pairing-code');

/** On a tablet in the session, on /pair: shows an invitation; returns its code. */
export async function showInvitation(page: Page): Promise<string> {
	await page.getByRole('radio', { name: /Inviter une autre tablette/ }).check();
	await page.getByRole('button', { name: 'Montrer le code d’invitation' }).click();
	const code = await shownCode(page, /Code QR d’invitation/);
	expect(code).toMatch(/^[0-9A-Z]{100,260}$/);
	return code!;
}

/**
 * `inviter` (on /pair of the session) invites `joiner`, a tablet without the session, which opens
 * "join by QR code" from its sessions list, scans the invitation and shows its answer; the inviter
 * scans the answer. Resolves once the inviter says the tablets are linked: the session itself is
 * still on its way to the joiner.
 */
export async function pairByQr(inviter: QrTablet, joiner: QrTablet): Promise<void> {
	const invitation = await showInvitation(inviter.page);
	writeQrY4m(joiner.camera, invitation);
	await joiner.page.goto('/sessions');
	await joiner.page.getByRole('link', { name: 'Rejoindre une séance par code QR' }).click();
	const answer = await shownCode(joiner.page, /Code QR de réponse/);
	expect(answer).toMatch(/^[0-9A-Z]{100,260}$/);
	writeQrY4m(inviter.camera, answer);
	await inviter.page.getByRole('button', { name: 'L’autre tablette montre sa réponse : la scanner' }).click();
	await expect(inviter.page.getByText('Tablette reliée. Les contributions')).toBeVisible({ timeout: 30_000 });
}

/**
 * On the joining tablet, once the session's header has arrived: checks what the confirmation
 * shows (when asked) and joins. A QR code joins whatever session it comes from, so the app asks.
 */
export async function confirmQrJoin(page: Page, expected: { title?: string; place?: string } = {}, timeout = 30_000): Promise<void> {
	const confirm = page.locator('[data-join-confirm]');
	await expect(confirm).toBeVisible({ timeout });
	if (expected.title) await expect(confirm.locator('[data-join-title]')).toHaveText(expected.title);
	if (expected.place) await expect(confirm.locator('[data-join-place]')).toHaveText(expected.place);
	await confirm.getByRole('button', { name: 'Rejoindre cette séance' }).click();
}

/**
 * After a failed test, prints what each tablet's screen said (address, headings, alerts and
 * status messages): Playwright's own error context shows one page only, and CI keeps only the
 * printed output.
 */
export async function printScreensOnFailure(devices: readonly QrTablet[], info: TestInfo): Promise<void> {
	if (info.status === info.expectedStatus) return;
	for (const d of devices) {
		const said = await d.page
			.locator('h1, h2, h3, [role="alert"], [role="status"]')
			.allInnerTexts()
			.then((texts) => texts.map((t) => t.trim()).filter(Boolean))
			.catch((error: unknown) => [`(page unreadable: ${String(error).split('\n')[0]})`]);
		console.log(`[${d.name}] ${d.page.url()}\n  ${said.join('\n  ')}`);
	}
}
