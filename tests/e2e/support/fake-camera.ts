/**
 * A fake camera showing a QR code: Chromium's fake capture device (`--use-file-for-fake-video-
 * capture`) reads a Y4M file each time a page opens the camera, so a test writes the code it
 * wants scanned into that device's file, then lets the page open the camera.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 3;

/** Writes `text` as a QR code (black on white, wide margins) in a grey-scale I420 Y4M file. */
export function writeQrY4m(file: string, text: string | null): void {
	const luma = new Uint8Array(WIDTH * HEIGHT).fill(235);
	if (text !== null) {
		const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
		const size = modules.size;
		const scale = Math.floor(Math.min(WIDTH, HEIGHT) / (size + 12));
		const left = Math.floor((WIDTH - size * scale) / 2);
		const top = Math.floor((HEIGHT - size * scale) / 2);
		for (let y = 0; y < size; y++) {
			for (let x = 0; x < size; x++) {
				if (!modules.get(y, x)) continue;
				for (let dy = 0; dy < scale; dy++) luma.fill(16, (top + y * scale + dy) * WIDTH + left + x * scale, (top + y * scale + dy) * WIDTH + left + (x + 1) * scale);
			}
		}
	}
	writeLumaY4m(file, luma, WIDTH, HEIGHT);
}

/**
 * Writes a grey image (levels 0–255, such as a synthetic capture from scripts/qr-captures) as the
 * camera's frames, in video range (16–235) as cameras deliver it.
 */
export function writeCaptureY4m(file: string, image: { width: number; height: number; data: ArrayLike<number> }): void {
	const luma = new Uint8Array(image.width * image.height);
	for (let i = 0; i < luma.length; i++) luma[i] = Math.round(16 + (image.data[i]! * 219) / 255);
	writeLumaY4m(file, luma, image.width, image.height);
}

function writeLumaY4m(file: string, luma: Uint8Array, width: number, height: number): void {
	const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
	const parts: Buffer[] = [header];
	for (let i = 0; i < FRAMES; i++) parts.push(Buffer.from('FRAME\n'), Buffer.from(luma), Buffer.from(chroma), Buffer.from(chroma));
	writeFileSync(file, Buffer.concat(parts));
}

export const fakeCameraArgs = (file: string): string[] => [
	'--use-fake-ui-for-media-stream',
	'--use-fake-device-for-media-stream',
	`--use-file-for-fake-video-capture=${file}`
];
