import { readFileSync } from 'node:fs';
import { chromium, expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectTouchTargets } from './support/axe';
import { decodeQr } from './support/qr-decode';
import { CHROMIUM_ARGS, chromiumPath } from './support/qr-devices';
import { decodeReport, type DeviceReport } from '../../src/lib/device-report';
import { APP_ORIGIN } from './support/ports';

// Offline use and the service worker's routing are what this file tests (screen specs block the worker).
test.use({ serviceWorkers: 'allow' });

const base = APP_ORIGIN;

const check = (page: Page, id: string) => page.locator(`[data-check="${id}"]`);

async function openReport(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByText('L’application est prête à fonctionner sans Internet.')).toBeVisible();
	await page.getByRole('link', { name: 'Vérifier cet appareil (rapport complet)' }).click();
	await expect(page).toHaveURL(/\/device$/);
	await expect(page.locator('[data-device-report-state]')).toHaveAttribute('data-device-report-state', 'done', { timeout: 30_000 });
}

test('check this device: every capability listed, the pairing self-test run, the report saved and shown as a QR code that decodes', async ({ page }) => {
	await openReport(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Vérifier cet appareil' })).toBeVisible();
	await expect(page.locator('[data-engine]')).toHaveAttribute('data-engine', 'blink');
	await expect(page.locator('[data-engine]')).toContainText(/Navigateur : Chrom(e|ium) \d+/);
	await expect(page.getByText('D’après l’identifiant que le navigateur donne de lui-même')).toBeVisible();
	for (const id of ['secureContext', 'serviceWorker', 'offlineReady', 'indexedDb', 'storageEstimate', 'broadcastChannel', 'webCrypto', 'peerConnection']) {
		await expect(check(page, id), id).toHaveAttribute('data-status', 'ok');
	}
	await expect(check(page, 'pairingSelfTest')).toHaveAttribute('data-status', 'ok');
	await expect(check(page, 'pairingSelfTest')).toContainText(/Autotest de jumelage .* : fonctionne \(adresses offertes : \d+ IPv4, \d+ IPv6, \d+ masquées\)/);
	await expect(check(page, 'storageEstimate')).toContainText(/\d+ Mo utilisés sur \d+ Mo/);
	// Linux Chromium has no BarcodeDetector: said as absent, not hidden.
	await expect(check(page, 'barcodeDetector')).toHaveAttribute('data-status', 'missing');
	await expect(check(page, 'barcodeDetector')).toContainText('Lecteur de codes QR intégré au navigateur : absent');
	// No camera permission is asked on load: the camera waits for the person's tap.
	await expect(check(page, 'camera')).toHaveAttribute('data-status', 'notRun');
	expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'camera' as PermissionName })).state)).toBe('prompt');
	await expect(page.getByRole('status').filter({ hasText: /\d+ fonctionnent · \d+ absentes · \d+ en échec · 1 pas encore essayées/ })).toBeVisible();
	await expectNoAxeViolations(page, 'device report');
	await expectTouchTargets(page, 'device report');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Enregistrer le rapport' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^tablee-appareil-chrom(e|ium)-linux-\d{8}-\d{4}\.json$/);
	const saved = JSON.parse(readFileSync((await file.path())!, 'utf8')) as DeviceReport;
	expect(saved.format).toBe(1);
	expect(saved.userAgent).toBe(await page.evaluate(() => navigator.userAgent));
	expect(saved.checks.pairingSelfTest.status).toBe('ok');
	await expect(page.getByRole('status').filter({ hasText: `Rapport enregistré : ${file.suggestedFilename()}` })).toBeVisible();

	await page.getByRole('button', { name: 'Montrer en code QR' }).click();
	const qr = page.getByRole('img', { name: 'Code QR du rapport de cet appareil' });
	await expect(qr).toBeVisible();
	const read = await decodeQr(page, qr);
	expect(read).toBe(await page.locator('[data-report-code]').textContent());
	const decoded = decodeReport(read!);
	expect(decoded.ok).toBe(true);
	if (decoded.ok) {
		expect(decoded.value.checks).toEqual(saved.checks);
		expect(decoded.value.engine).toEqual(saved.engine);
	}
	await expectNoAxeViolations(page, 'device report with its QR code');

	// In English too, from the settings.
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Check this device (full report)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Check this device' })).toBeVisible();
	await expect(check(page, 'barcodeDetector')).toContainText('Browser’s built-in QR code reader: missing', { timeout: 30_000 });
	await expectNoAxeViolations(page, 'device report (en)');
});

test('check this device: the camera is tried only when asked, and its largest resolution reported', async () => {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
	try {
		const page = await (await browser.newContext({ locale: 'fr-CA', baseURL: base })).newPage();
		await page.addInitScript(() => {
			const media = navigator.mediaDevices;
			const original = media.getUserMedia.bind(media);
			const w = window as unknown as { __cameraOpened: number; __streams: MediaStream[] };
			w.__cameraOpened = 0;
			w.__streams = [];
			media.getUserMedia = async (constraints) => {
				w.__cameraOpened++;
				const stream = await original(constraints);
				w.__streams.push(stream);
				return stream;
			};
		});
		await openReport(page);
		await expect(check(page, 'camera')).toHaveAttribute('data-status', 'notRun');
		expect(await page.evaluate(() => (window as unknown as { __cameraOpened: number }).__cameraOpened)).toBe(0);
		await page.getByRole('button', { name: 'Tester la caméra' }).click();
		await expect(check(page, 'camera')).toHaveAttribute('data-status', 'ok');
		await expect(check(page, 'camera')).toContainText(/Appareil photo : fonctionne \(jusqu’à \d+ × \d+ pixels\)/);
		expect(await page.evaluate(() => (window as unknown as { __cameraOpened: number }).__cameraOpened)).toBe(1);
		// The camera is closed again: no live track is left.
		expect(await page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)))).toEqual(['ended']);
		await page.getByRole('button', { name: 'Montrer en code QR' }).click();
		const code = await page.locator('[data-report-code]').textContent();
		const decoded = decodeReport(code!);
		expect(decoded.ok && decoded.value.checks.camera.detail).toMatch(/^\d+x\d+$/);
	} finally {
		await browser.close();
	}
});
