/**
 * Camera frames as decoders take them: RGBA bytes, as `ImageData` holds them (a plain object
 * with the same fields in Node).
 */
export interface RgbaFrame {
	data: Uint8ClampedArray<ArrayBuffer>;
	width: number;
	height: number;
}

export interface Point {
	x: number;
	y: number;
}

/** What a decoder saw in one frame: the text when it read the code, where a code was when it saw one. */
export interface QrSighting {
	text: string | null;
	/** Corners of a code seen (read or not), in frame pixels; null when none was found. */
	corners: Point[] | null;
}

/** A QR decoder (zxing-wasm, jsQR): reads one frame. */
export interface QrEngine {
	name: string;
	read(frame: RgbaFrame): Promise<QrSighting>;
}

/** `frame` halved in both directions, each pixel the mean of four (what a blurred code needs). */
export function halve(frame: RgbaFrame): RgbaFrame {
	const width = frame.width >> 1;
	const height = frame.height >> 1;
	const out = new Uint8ClampedArray(width * height * 4);
	const src = frame.data;
	const stride = frame.width * 4;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (2 * y * frame.width + 2 * x) * 4;
			const o = (y * width + x) * 4;
			for (let c = 0; c < 3; c++) out[o + c] = (src[i + c]! + src[i + 4 + c]! + src[i + stride + c]! + src[i + stride + 4 + c]! + 2) >> 2;
			out[o + 3] = 255;
		}
	}
	return { data: out, width, height };
}

/** Longest side of the quadrilateral `corners`, in pixels. */
export function codeSide(corners: readonly Point[]): number {
	let side = 0;
	for (let i = 0; i < corners.length; i++) {
		const a = corners[i]!;
		const b = corners[(i + 1) % corners.length]!;
		side = Math.max(side, Math.hypot(a.x - b.x, a.y - b.y));
	}
	return side;
}
