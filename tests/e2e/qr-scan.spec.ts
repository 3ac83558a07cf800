import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { writeCaptureY4m, writeQrY4m } from './support/fake-camera';
import { navigate, newQrTablet, printScreensOnFailure, showInvitation, shownCode, type QrTablet } from './support/qr-devices';
import { capture, type Shot } from '../../scripts/qr-captures/camera-sim';
import { facingShot, qrMatrix } from '../../scripts/qr-captures/capture-set';
import { workshopCodes } from '../../scripts/qr-captures/payloads';
import { APP_ORIGIN } from './support/ports';

/**
 * Scanning through a camera that sees what a tablet camera sees across a table: each device's
 * fake camera plays a synthetic capture (scripts/qr-captures: perspective, moiré, low light,
 * JPEG, blur) of the code, written by the test. Linux Chromium has no BarcodeDetector, so these
 * frames go through zxing-wasm, loaded from the app's own build.
 */

const base = APP_ORIGIN;
const VGA = { width: 640, height: 480 };

test.use({ actionTimeout: 20_000 });

let folder: string;
const devices: QrTablet[] = [];

test.beforeAll(() => {
	folder = mkdtempSync(join(tmpdir(), 'tablee-qr-scan-'));
});

test.afterEach(async ({}, info) => printScreensOnFailure(devices, info));

test.afterAll(async () => {
	for (const d of devices) await d.browser.close().catch(() => {});
	rmSync(folder, { recursive: true, force: true });
});

async function newDevice(name: string): Promise<QrTablet> {
	const device = await newQrTablet(folder, name, base);
	devices.push(device);
	return device;
}

/** Points `device`'s camera at `text` drawn as the app draws pairing codes, seen through `shot`. */
function aimCamera(device: QrTablet, text: string, shot: Partial<Shot>, seed = 1): void {
	writeCaptureY4m(device.camera, capture(qrMatrix(text, 'L', 4), { ...facingShot(VGA), ...shot }, seed));
}

async function openJoinScanner(page: Page): Promise<void> {
	await page.goto('/sessions');
	await page.getByRole('link', { name: 'Rejoindre une séance par code QR' }).click();
}

test('the scanner says what to change: too dark, hold still, come closer', async () => {
	test.setTimeout(120_000);
	const tablet = await newDevice('Tablette qui scanne');
	const invitation = workshopCodes(7).find((c) => c.kind === 'invitation')!.text;
	const hint = tablet.page.locator('[data-scan-hint]');

	aimCamera(tablet, invitation, { white: 14, noise: 4, blur: 3 });
	await openJoinScanner(tablet.page);
	await expect(hint).toHaveAttribute('data-scan-hint', 'dark', { timeout: 20_000 });
	await expect(hint).toHaveText('Trop sombre : augmentez la luminosité de l’autre écran ou éclairez la pièce.');
	await expect(hint).toHaveAttribute('role', 'status');
	await expect(hint).toHaveAttribute('aria-live', 'polite');
	await expectNoAxeViolations(tablet.page, 'QR scanner with a hint');

	aimCamera(tablet, invitation, { blur: 4.5, fill: 0.6 });
	await openJoinScanner(tablet.page);
	await expect(hint).toHaveText('Tenez immobile.', { timeout: 20_000 });

	aimCamera(tablet, invitation, { fill: 0.1, offsetX: 0.5 });
	await openJoinScanner(tablet.page);
	await expect(hint).toHaveText('Approchez la tablette du code.', { timeout: 20_000 });
	// Nothing was read from these frames: the page still waits for a code.
	await expect(tablet.page.getByRole('img', { name: /Code QR de réponse/ })).toHaveCount(0);
});

test('a camera that stops while scanning is said, and trying it again reads the code', async () => {
	const tablet = await newDevice('Tablette dont la caméra s’arrête');
	const invitation = workshopCodes(7).find((c) => c.kind === 'invitation')!.text;
	writeQrY4m(tablet.camera, null);
	await openJoinScanner(tablet.page);
	await expect(tablet.page.getByText('Visez le code QR de l’autre tablette, à 30 à 60 cm.')).toBeVisible({ timeout: 20_000 });
	// An empty file makes Chromium's fake camera fail its next frame read and end the track, as a
	// camera taken by another app or unplugged does.
	writeFileSync(tablet.camera, '');
	const problem = tablet.page.getByRole('alert').filter({ hasText: 'L’appareil photo s’est arrêté' });
	await expect(problem).toBeVisible({ timeout: 20_000 });
	await expect(tablet.page.getByRole('img', { name: /Code QR de réponse/ })).toHaveCount(0);
	await expectNoAxeViolations(tablet.page, 'QR scanner: camera stopped');
	await expectTouchTargets(tablet.page, 'QR scanner: camera stopped');
	writeQrY4m(tablet.camera, invitation);
	await tablet.page.getByRole('button', { name: 'Réessayer l’appareil photo' }).click();
	await expect(problem).toHaveCount(0);
	await expect(tablet.page.getByRole('img', { name: /Code QR de réponse/ })).toBeVisible({ timeout: 20_000 });
});

test('two tablets pair through degraded captures: a tilted, moiré-striped invitation and a dim, JPEG-compressed answer', async () => {
	test.setTimeout(180_000);
	const inviter = await newDevice('Tablette de l’animation');
	const joiner = await newDevice('Tablette qui rejoint');
	const wasm: string[] = [];
	joiner.page.on('request', (r) => {
		if (r.url().endsWith('.wasm')) wasm.push(r.url());
	});
	await inviter.page.goto('/sessions/new');
	await inviter.page.getByRole('radio', { name: /Imaginer/ }).check();
	await inviter.page.getByLabel('Titre de la séance').fill('Atelier de Rimouski');
	await inviter.page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(inviter.page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	const id = new URL(inviter.page.url()).searchParams.get('id')!;
	await navigate(inviter.page, `/share?id=${id}&way=codes`);
	const invitation = await showInvitation(inviter.page);

	aimCamera(joiner, invitation, { tilt: 35, roll: 12, fill: 0.55, moire: { period: 5, angle: 0.7, amplitude: 0.35, warp: 5 } }, 2);
	await openJoinScanner(joiner.page);
	const answer = await shownCode(joiner.page, /Code QR de réponse/);
	expect(answer).toMatch(/^[0-9A-Z]{100,260}$/);
	expect(wasm.length, 'zxing-wasm loaded').toBeGreaterThan(0);
	for (const url of wasm) expect(url.startsWith(`${base}/`), `${url} comes from the app itself`).toBe(true);

	aimCamera(inviter, answer!, { white: 70, noise: 4, jpegQuality: 30, roll: -20, tilt: -20, fill: 0.45 }, 3);
	await inviter.page.getByRole('button', { name: 'L’autre tablette montre sa réponse : la scanner' }).click();
	await expect(inviter.page.getByText('Tablette reliée. Les contributions')).toBeVisible({ timeout: 30_000 });
});
