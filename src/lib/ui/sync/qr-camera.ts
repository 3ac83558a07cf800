/**
 * Reading QR codes from the camera: the browser's own `BarcodeDetector` where it exists
 * (Chrome on Android), else zxing-wasm, else jsQR (`$lib/qr-scan`), all loaded only when a scan
 * starts. The rear camera is asked for; failures come back as message keys.
 */
import type { MessageKey } from '$lib/i18n';
import { fail, type Problem, type Result } from '$lib/result';
import { createJsqrEngine, createZxingEngine, decodeFrame, lookAtFrame, scanHint, type Point, type QrEngine, type ScanHint } from '$lib/qr-scan';

export type CameraProblem = Extract<MessageKey, `pairing.camera.${string}`>;

export type CameraStart = Result<MediaStream, Problem<CameraProblem>>;

export async function openCamera(): Promise<CameraStart> {
	if (!globalThis.isSecureContext) return fail('pairing.camera.insecure');
	if (!navigator.mediaDevices?.getUserMedia) return fail('pairing.camera.unsupported');
	try {
		const stream = await navigator.mediaDevices.getUserMedia({
			video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
			audio: false
		});
		return { ok: true, value: stream };
	} catch (error) {
		const name = error instanceof DOMException ? error.name : '';
		if (name === 'NotAllowedError' || name === 'SecurityError') return fail('pairing.camera.denied');
		if (name === 'NotFoundError' || name === 'OverconstrainedError') return fail('pairing.camera.none');
		if (name === 'NotReadableError' || name === 'AbortError') return fail('pairing.camera.busy');
		return fail('pairing.camera.failed');
	}
}

/** Asks for the camera once and lets it go: with the permission, browsers show LAN addresses to WebRTC. */
export async function warmCameraPermission(): Promise<boolean> {
	const started = await openCamera();
	if (!started.ok) return false;
	for (const track of started.value.getTracks()) track.stop();
	return true;
}

/** What one camera frame gave: the code's text when read, else advice for the person (or null). */
export interface FrameReading {
	text: string | null;
	hint: ScanHint | null;
}

export type QrReader = (video: HTMLVideoElement) => Promise<FrameReading>;

interface BarcodeDetectorLike {
	detect(source: ImageData): Promise<{ rawValue: string; cornerPoints?: Point[] }[]>;
}
type BarcodeDetectorCtor = {
	new (options: { formats: string[] }): BarcodeDetectorLike;
	getSupportedFormats?: () => Promise<string[]>;
};

/** Frames are read at most this wide: zxing reads a 1280×720 frame in a few milliseconds. */
const MAX_FRAME_SIDE = 1280;

/**
 * The best QR engine this browser offers: its own `BarcodeDetector` (no download), else
 * zxing-wasm (its wasm bundled with the app and precached, loaded only here), else jsQR where
 * WebAssembly cannot run. See docs/benchmarks.md, "QR scanning in a hall".
 */
async function bestEngine(): Promise<QrEngine> {
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
	if (Detector) {
		try {
			const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
			if (formats.includes('qr_code')) {
				const detector = new Detector({ formats: ['qr_code'] });
				return {
					name: 'BarcodeDetector',
					async read(frame) {
						const found = await detector.detect(new ImageData(frame.data, frame.width, frame.height));
						return { text: found[0]?.rawValue ?? null, corners: found[0]?.cornerPoints ?? null };
					}
				};
			}
		} catch {
			// Fall back to zxing-wasm.
		}
	}
	try {
		const { default: url } = await import('zxing-wasm/reader/zxing_reader.wasm?url');
		return await createZxingEngine({ url });
	} catch {
		return createJsqrEngine();
	}
}

let engineLoad: Promise<QrEngine> | null = null;

/**
 * Starts loading the engine (once per page: compiling zxing's wasm takes a moment on a slow
 * tablet), so that a scanner can do it while the camera opens.
 */
export function preloadQrEngine(): Promise<QrEngine> {
	engineLoad ??= bestEngine().catch((error: unknown) => {
		// Not kept: the next scanner tries again.
		engineLoad = null;
		throw error;
	});
	return engineLoad;
}

/** Reads frames of the camera's video with the best engine, and says what to change when it cannot. */
export async function createQrReader(): Promise<QrReader> {
	const engine = await preloadQrEngine();
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true });
	return async (video) => {
		if (!context || video.videoWidth === 0) return { text: null, hint: null };
		const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(video.videoWidth, video.videoHeight));
		canvas.width = Math.round(video.videoWidth * scale);
		canvas.height = Math.round(video.videoHeight * scale);
		context.drawImage(video, 0, 0, canvas.width, canvas.height);
		const image = context.getImageData(0, 0, canvas.width, canvas.height);
		const frame = { data: image.data, width: image.width, height: image.height };
		const sighting = await decodeFrame(engine, frame);
		return { text: sighting.text, hint: scanHint(lookAtFrame(frame), sighting, frame) };
	};
}
