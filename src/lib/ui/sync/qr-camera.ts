/**
 * Reading QR codes from the camera: the browser's own `BarcodeDetector` where it exists
 * (Chrome on Android, Safari on recent iPadOS), else the small `jsqr` decoder, loaded only when a
 * scan starts. The rear camera is asked for; failures come back as message keys.
 */
import type { MessageKey } from '$lib/i18n';

export type CameraProblem = Extract<MessageKey, `pairing.camera.${string}`>;

export type CameraStart = { ok: true; stream: MediaStream } | { ok: false; problem: CameraProblem };

export async function openCamera(): Promise<CameraStart> {
	if (!globalThis.isSecureContext) return { ok: false, problem: 'pairing.camera.insecure' };
	if (!navigator.mediaDevices?.getUserMedia) return { ok: false, problem: 'pairing.camera.unsupported' };
	try {
		const stream = await navigator.mediaDevices.getUserMedia({
			video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
			audio: false
		});
		return { ok: true, stream };
	} catch (error) {
		const name = error instanceof DOMException ? error.name : '';
		if (name === 'NotAllowedError' || name === 'SecurityError') return { ok: false, problem: 'pairing.camera.denied' };
		if (name === 'NotFoundError' || name === 'OverconstrainedError') return { ok: false, problem: 'pairing.camera.none' };
		if (name === 'NotReadableError' || name === 'AbortError') return { ok: false, problem: 'pairing.camera.busy' };
		return { ok: false, problem: 'pairing.camera.failed' };
	}
}

/** Asks for the camera once and lets it go: with the permission, browsers show LAN addresses to WebRTC. */
export async function warmCameraPermission(): Promise<boolean> {
	const started = await openCamera();
	if (!started.ok) return false;
	for (const track of started.stream.getTracks()) track.stop();
	return true;
}

export type QrReader = (video: HTMLVideoElement) => Promise<string | null>;

interface BarcodeDetectorLike {
	detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = {
	new (options: { formats: string[] }): BarcodeDetectorLike;
	getSupportedFormats?: () => Promise<string[]>;
};

/** The best QR reader this browser offers. */
export async function createQrReader(): Promise<QrReader> {
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
	if (Detector) {
		try {
			const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
			if (formats.includes('qr_code')) {
				const detector = new Detector({ formats: ['qr_code'] });
				return async (video) => {
					const found = await detector.detect(video);
					return found[0]?.rawValue ?? null;
				};
			}
		} catch {
			// Fall back to jsqr.
		}
	}
	const { default: jsQR } = await import('jsqr');
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true });
	return async (video) => {
		if (!context || video.videoWidth === 0) return null;
		// A QR code filling part of the frame is found at this size, and faster.
		const scale = Math.min(1, 800 / Math.max(video.videoWidth, video.videoHeight));
		canvas.width = Math.round(video.videoWidth * scale);
		canvas.height = Math.round(video.videoHeight * scale);
		context.drawImage(video, 0, 0, canvas.width, canvas.height);
		const image = context.getImageData(0, 0, canvas.width, canvas.height);
		return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
	};
}
