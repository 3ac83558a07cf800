/**
 * The app's way of reading a frame (chosen from the figures of tests/bench/qr-decode.bench.ts,
 * see docs/benchmarks.md): the engine on the whole frame; when it read nothing, on the frame
 * sharpened (a slightly blurred or moiré-striped code), then halved (what helps jsQR most).
 * Corners come from the first pass that saw a code, in the whole frame's pixels.
 */
import { halve, type QrEngine, type QrSighting, type RgbaFrame } from './frame';

/** Frames smaller than this on their shorter side are not halved again. */
const MIN_HALVED = 240;

export async function decodeFrame(engine: QrEngine, frame: RgbaFrame): Promise<QrSighting> {
	const first = await engine.read(frame);
	if (first.text !== null) return first;
	const sharp = await engine.read(sharpen(frame));
	let corners = first.corners ?? sharp.corners;
	if (sharp.text !== null) return { text: sharp.text, corners };
	if (Math.min(frame.width, frame.height) < MIN_HALVED * 2) return { text: null, corners };
	const half = await engine.read(halve(frame));
	corners ??= half.corners?.map((p) => ({ x: p.x * 2, y: p.y * 2 })) ?? null;
	return { text: half.text, corners };
}

/** Unsharp mask with a 3×3 Laplacian, on grey levels (decoders read luminance only). */
export function sharpen(frame: RgbaFrame): RgbaFrame {
	const { width, height, data } = frame;
	const out = new Uint8ClampedArray(data.length);
	const grey = new Uint8ClampedArray(width * height);
	for (let i = 0; i < grey.length; i++) grey[i] = (data[i * 4]! * 77 + data[i * 4 + 1]! * 150 + data[i * 4 + 2]! * 29) >> 8;
	for (let y = 0; y < height; y++) {
		const up = Math.max(0, y - 1) * width;
		const down = Math.min(height - 1, y + 1) * width;
		for (let x = 0; x < width; x++) {
			const i = y * width + x;
			const c = grey[i]!;
			const around = grey[up + x]! + grey[down + x]! + grey[y * width + Math.max(0, x - 1)]! + grey[y * width + Math.min(width - 1, x + 1)]!;
			const v = 5 * c - around;
			out[i * 4] = v;
			out[i * 4 + 1] = v;
			out[i * 4 + 2] = v;
			out[i * 4 + 3] = 255;
		}
	}
	return { data: out, width, height };
}
