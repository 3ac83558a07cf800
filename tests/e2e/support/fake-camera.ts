/**
 * A fake camera showing a QR code: Chromium's fake capture device (`--use-file-for-fake-video-
 * capture`) parses a Y4M file's header when a page opens the camera, then reads each frame from
 * the file as it goes (10 frames a second, looping), so a test writes the code it wants scanned
 * into that device's file, before or while the page's camera is open.
 *
 * The file must never be shorter than a frame while a camera reads it: Chromium's reader
 * (`Y4mFileParser::GetNextFrame`) CHECK-fails on a short read, which kills the capture and leaves
 * the page's camera showing nothing for the rest of the test. So a picture of the same size is
 * written over the old one in place (no truncation): a frame read meanwhile may mix the two
 * pictures, which the scanner just fails to decode once.
 */
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
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
	overwrite(file, Buffer.concat(parts));
}

/** Writes `data` over `file` in place when the sizes match (see above), else writes it anew. */
function overwrite(file: string, data: Buffer): void {
	let size = -1;
	try {
		size = statSync(file).size;
	} catch {
		// No file yet.
	}
	if (size !== data.length) {
		writeFileSync(file, data);
		return;
	}
	const fd = openSync(file, 'r+');
	try {
		for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done, done);
	} finally {
		closeSync(fd);
	}
}

export const fakeCameraArgs = (file: string): string[] => [
	'--use-fake-ui-for-media-stream',
	'--use-fake-device-for-media-stream',
	`--use-file-for-fake-video-capture=${file}`
];
