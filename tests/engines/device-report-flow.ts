/**
 * "Vérifier cet appareil" in the other engines: reached from the home page, every check done,
 * the report saved as JSON and shown as a QR code that decodes (jsQR, from the canvas's pixels)
 * back to the report. What the engine lacks must read as "absent", never as a pass.
 */
import jsQR from 'jsqr';
import { decodeReport, type CheckId, type CheckStatus, type DeviceReport } from '../../src/lib/device-report';
import { assertEqual, fail, type FlowStep } from './flows';
import type { EnginePage } from './engine-page';

/** The statuses the screen lists, by check id. */
const shownStatuses = (p: EnginePage) =>
	p.run(() => Object.fromEntries([...document.querySelectorAll('[data-check]')].map((li) => [li.getAttribute('data-check'), li.getAttribute('data-status')]))) as Promise<Record<CheckId, CheckStatus>>;

/** Reads the QR canvas's pixels in the page and decodes them here, as a phone's reader would. */
async function decodeShownQr(p: EnginePage): Promise<string | null> {
	const image = await p.waitFor(() => {
		const canvas = document.querySelector('[data-report-qr]') as HTMLCanvasElement | null;
		if (!canvas || canvas.width < 50) return null;
		const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
		let binary = '';
		for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
		return { width: canvas.width, height: canvas.height, rgba: btoa(binary) };
	}, [], { what: 'the report drawn as a QR code' });
	const pixels = new Uint8ClampedArray(Buffer.from(image.rgba, 'base64'));
	return jsQR(pixels, image.width, image.height)?.data ?? null;
}

export const deviceReportSteps: FlowStep[] = [
	{
		name: 'device report: every check, saved as JSON, shown as a QR code that decodes',
		async run(ctx) {
			const p = (ctx.state.page ??= await ctx.device.newPage());
			const rtc = (await p.run(() => typeof RTCPeerConnection)) === 'function';
			await p.goto('/');
			// As the trial protocol says: the app is opened once online and made ready first.
			await p.expectText('L’application est prête à fonctionner sans Internet.');
			await p.click('Vérifier cet appareil (rapport complet)');
			await p.expectUrl(/\/device$/);
			await p.waitFor(() => document.querySelector('[data-device-report-state="done"]') !== null, [], { what: 'the checks to finish', timeout: 45_000 });
			const statuses = await shownStatuses(p);
			for (const id of ['secureContext', 'serviceWorker', 'offlineReady', 'indexedDb', 'broadcastChannel', 'webCrypto'] as const) assertEqual(statuses[id], 'ok', id);
			// The storage API differs by engine (WebKitGTK has no navigator.storage.estimate): the report must match the engine.
			const storage = await p.run(() => ({ estimate: typeof navigator.storage?.estimate === 'function', persist: typeof navigator.storage?.persist === 'function' }));
			assertEqual(statuses.storageEstimate, storage.estimate ? 'ok' : 'missing', 'storage estimate');
			if (!storage.persist) assertEqual(statuses.storagePersisted, 'missing', 'storage persistence');
			assertEqual(statuses.peerConnection, rtc ? 'ok' : 'missing', 'peerConnection');
			assertEqual(statuses.pairingSelfTest, rtc ? 'ok' : 'missing', 'pairing self-test');
			assertEqual(statuses.barcodeDetector, 'missing', 'BarcodeDetector (absent in this engine)');
			if (statuses.storagePersisted === 'notRun') fail('storage persistence was not checked');
			if (!rtc) await p.expectText('Ce navigateur ne permet pas la connexion directe');
			// The camera is not tried until asked; asked, it gives an answer (no camera here: absent).
			if (statuses.camera !== 'notRun' && statuses.camera !== 'missing') fail(`camera before the test: ${statuses.camera}`);
			if (statuses.camera === 'notRun') {
				await p.click('Tester la caméra');
				await p.waitFor(() => document.querySelector('[data-check="camera"]')?.getAttribute('data-status') !== 'notRun', [], { what: 'the camera test' });
			}

			await p.captureDownloads();
			await p.click('Enregistrer le rapport');
			const [file] = await p.downloads(1);
			if (!/^tablee-appareil-[a-z-]+-linux-\d{8}-\d{4}\.json$/.test(file!.name)) fail(`report file name ${file!.name}`);
			const saved = JSON.parse(file!.text) as DeviceReport;
			assertEqual(saved.engine.engine, p.engine === 'firefox' ? 'gecko' : 'webkit', 'engine in the saved report');
			assertEqual(saved.checks.pairingSelfTest.status, statuses.pairingSelfTest, 'self-test in the saved report');
			if (saved.userAgent !== (await p.run(() => navigator.userAgent))) fail('the saved report lacks the raw user agent');

			await p.click('Montrer en code QR');
			const text = await decodeShownQr(p);
			const shown = await p.run(() => document.querySelector('[data-report-code]')?.textContent ?? '');
			assertEqual(text, shown, 'QR code read from the pixels');
			const decoded = decodeReport(text ?? '');
			if (!decoded.ok) fail(`the QR code's text is not a report: ${JSON.stringify(decoded.problem)}`);
			assertEqual(decoded.value.checks, saved.checks, 'checks in the QR code');
			assertEqual(decoded.value.engine, saved.engine, 'engine in the QR code');
		}
	}
];
