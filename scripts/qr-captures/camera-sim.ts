/**
 * A tablet camera looking at another tablet's screen, in pure TypeScript: the QR code drawn as
 * the app draws it (modules, white quiet zone, the page around it, the screen's bezel, the table),
 * seen through a pinhole camera at a distance and an angle, then what a real capture adds:
 * defocus or motion blur, low light (gain and noise), glare on the glass, moiré between the
 * screen's pixel grid and the sensor's, and JPEG compression.
 *
 * Images are grey levels 0–255 in a Float32Array until `toRgba` (what decoders take).
 */
import * as prng from 'lib0/prng';
import jpeg from 'jpeg-js';

export interface QrMatrix {
	size: number;
	/** Whether the module at (row, col) is dark. */
	dark(row: number, col: number): boolean;
	/** Quiet zone drawn around the code, in modules. */
	margin: number;
}

export interface Shot {
	width: number;
	height: number;
	/** Width of the code (without quiet zone) over the frame's height, facing the camera. */
	fill: number;
	/** Rotation of the screen around its vertical axis, degrees (perspective). */
	tilt: number;
	/** Rotation around its horizontal axis, degrees. */
	pitch: number;
	/** Rotation in the image plane, degrees. */
	roll: number;
	/** Where the code's centre lands, -1..1 of the room left around it. */
	offsetX: number;
	offsetY: number;
	/** Gaussian blur, standard deviation in pixels. */
	blur: number;
	/** Grey level of the screen's white after exposure (0–255). */
	white: number;
	/** Sensor noise, standard deviation in grey levels. */
	noise: number;
	glare: { x: number; y: number; radius: number; strength: number } | null;
	moire: { period: number; angle: number; amplitude: number; warp: number } | null;
	/** JPEG quality 1–100, or null for a raw frame. */
	jpegQuality: number | null;
}

export interface Gray {
	width: number;
	height: number;
	data: Float32Array;
}

/** Horizontal field of view of a tablet's rear camera. */
const FIELD_OF_VIEW = (65 * Math.PI) / 180;
/** The screen's black (backlight leak and reflected room light), relative to its white. */
const SCREEN_BLACK = 0.07;
const PAGE = 0.93;
const BEZEL = 0.05;
const TABLE = 0.32;
/** The page around the code and the screen's edge, in code widths (a 28rem code on an iPad). */
const SCREEN_EXTENT = { left: 0.75, right: 1.1, top: 0.45, bottom: 0.5 };
const BEZEL_WIDTH = 0.12;
const SUPERSAMPLE = 2;

type Mat3 = [number, number, number, number, number, number, number, number, number];

function rotation(tilt: number, pitch: number, roll: number): Mat3 {
	const [a, b, c] = [tilt, pitch, roll].map((d) => (d * Math.PI) / 180) as [number, number, number];
	const ry: Mat3 = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
	const rx: Mat3 = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)];
	const rz: Mat3 = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
	return multiply(rz, multiply(rx, ry));
}

function multiply(p: Mat3, q: Mat3): Mat3 {
	const out: number[] = [];
	for (let i = 0; i < 3; i++) {
		for (let j = 0; j < 3; j++) {
			let sum = 0;
			for (let k = 0; k < 3; k++) sum += p[i * 3 + k]! * q[k * 3 + j]!;
			out.push(sum);
		}
	}
	return out as Mat3;
}

function invert(m: Mat3): Mat3 {
	const [a, b, c, d, e, f, g, h, i] = m;
	const A = e * i - f * h;
	const B = -(d * i - f * g);
	const C = d * h - e * g;
	const det = a * A + b * B + c * C;
	return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/**
 * The homography from the screen plane (the code spans -0.5..0.5 on both axes) to image pixels,
 * for a pinhole camera at the distance where the code, facing it, is `fill` of the frame high.
 */
function planeToImage(shot: Shot): Mat3 {
	const focal = shot.width / 2 / Math.tan(FIELD_OF_VIEW / 2);
	const distance = focal / (shot.fill * shot.height);
	const r = rotation(shot.tilt, shot.pitch, shot.roll);
	// Columns: X axis, Y axis, translation (the plane's origin at `distance` on the optical axis).
	const h: Mat3 = [r[0], r[1], 0, r[3], r[4], 0, r[6], r[7], distance];
	const k: Mat3 = [focal, 0, shot.width / 2, 0, focal, shot.height / 2, 0, 0, 1];
	const m = multiply(k, h);
	// Move the code's image so that its corners stay in the frame, as far as `offset` says.
	const corners = [-0.5, 0.5].flatMap((x) => [-0.5, 0.5].map((y) => apply(m, x, y)));
	const xs = corners.map((p) => p[0]);
	const ys = corners.map((p) => p[1]);
	const roomX = Math.max(0, (shot.width - (Math.max(...xs) - Math.min(...xs))) / 2 - 4);
	const roomY = Math.max(0, (shot.height - (Math.max(...ys) - Math.min(...ys))) / 2 - 4);
	const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
	const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
	const dx = shot.width / 2 + shot.offsetX * roomX - cx;
	const dy = shot.height / 2 + shot.offsetY * roomY - cy;
	return multiply([1, 0, dx, 0, 1, dy, 0, 0, 1], m);
}

function apply(m: Mat3, x: number, y: number): [number, number] {
	const w = m[6] * x + m[7] * y + m[8];
	return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

/** Radiance of the scene at plane point (x, y), 0..1 (1 = the screen's white). */
function scene(code: QrMatrix, x: number, y: number): number {
	const { size, margin } = code;
	const col = Math.floor((x + 0.5) * size);
	const row = Math.floor((y + 0.5) * size);
	if (col >= 0 && col < size && row >= 0 && row < size) return code.dark(row, col) ? SCREEN_BLACK : 1;
	const quiet = margin / size;
	if (x >= -0.5 - quiet && x < 0.5 + quiet && y >= -0.5 - quiet && y < 0.5 + quiet) return 1;
	const e = SCREEN_EXTENT;
	if (x >= -0.5 - e.left && x < 0.5 + e.right && y >= -0.5 - e.top && y < 0.5 + e.bottom) return PAGE;
	const b = BEZEL_WIDTH;
	if (x >= -0.5 - e.left - b && x < 0.5 + e.right + b && y >= -0.5 - e.top - b && y < 0.5 + e.bottom + b) return BEZEL;
	return TABLE;
}

/** The code as the camera's optics deliver it, before the sensor (supersampled to average the pixel's area). */
function project(code: QrMatrix, shot: Shot): Gray {
	const [a, b, c, d, e, f, g, h, i] = invert(planeToImage(shot));
	const { width, height } = shot;
	const data = new Float32Array(width * height);
	const step = 1 / SUPERSAMPLE;
	const samples = SUPERSAMPLE * SUPERSAMPLE;
	for (let py = 0; py < height; py++) {
		for (let px = 0; px < width; px++) {
			let sum = 0;
			for (let sy = 0; sy < SUPERSAMPLE; sy++) {
				const y0 = py + (sy + 0.5) * step;
				for (let sx = 0; sx < SUPERSAMPLE; sx++) {
					const x0 = px + (sx + 0.5) * step;
					const w = g * x0 + h * y0 + i;
					sum += scene(code, (a * x0 + b * y0 + c) / w, (d * x0 + e * y0 + f) / w);
				}
			}
			data[py * width + px] = sum / samples;
		}
	}
	return { width, height, data };
}

function gaussianBlur(image: Gray, sigma: number): void {
	if (sigma <= 0) return;
	const radius = Math.ceil(sigma * 3);
	const kernel = Array.from({ length: radius * 2 + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
	const total = kernel.reduce((a, b) => a + b, 0);
	const k = kernel.map((v) => v / total);
	const { width, height, data } = image;
	const tmp = new Float32Array(data.length);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let s = 0;
			for (let i = -radius; i <= radius; i++) s += k[i + radius]! * data[y * width + Math.min(width - 1, Math.max(0, x + i))]!;
			tmp[y * width + x] = s;
		}
	}
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let s = 0;
			for (let i = -radius; i <= radius; i++) s += k[i + radius]! * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x]!;
			data[y * width + x] = s;
		}
	}
}

/** Standard normal deviates from a seeded generator (Box–Muller). */
function gaussian(gen: prng.PRNG): number {
	const u = Math.max(prng.real53(gen), 1e-12);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * prng.real53(gen));
}

/** Simulates the capture of `code` by `shot`; `seed` drives the sensor noise. */
export function capture(code: QrMatrix, shot: Shot, seed: number): Gray {
	const image = project(code, shot);
	const { width, height, data } = image;
	if (shot.moire) {
		// Interference of the screen's pixel grid with the sensor's: fine bands, bent by the lens.
		const { period, angle, amplitude, warp } = shot.moire;
		const ca = Math.cos(angle);
		const sa = Math.sin(angle);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const i = y * width + x;
				if (data[i]! < BEZEL * 2) continue;
				const phase = (2 * Math.PI * (x * ca + y * sa)) / period + warp * Math.sin((2 * Math.PI * y) / height) + warp * Math.cos((2 * Math.PI * x) / width);
				data[i] = data[i]! * (1 - amplitude * (0.5 + 0.5 * Math.cos(phase)));
			}
		}
	}
	gaussianBlur(image, shot.blur);
	const gen = prng.create(seed);
	const glare = shot.glare;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = y * width + x;
			let v = data[i]! * shot.white;
			if (glare) v += 255 * glare.strength * Math.exp(-((x - glare.x) ** 2 + (y - glare.y) ** 2) / (2 * glare.radius * glare.radius));
			v += shot.noise * gaussian(gen);
			data[i] = Math.min(255, Math.max(0, Math.round(v)));
		}
	}
	if (shot.jpegQuality !== null) {
		const encoded = jpeg.encode({ data: toRgba(image), width, height }, shot.jpegQuality);
		const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
		for (let i = 0; i < data.length; i++) data[i] = decoded.data[i * 4]!;
	}
	return image;
}

/** Grey image as RGBA bytes (what `ImageData`, jsQR and zxing take). */
export function toRgba(image: Gray): Uint8ClampedArray<ArrayBuffer> {
	const out = new Uint8ClampedArray(image.data.length * 4);
	for (let i = 0; i < image.data.length; i++) {
		const v = image.data[i]!;
		out[i * 4] = v;
		out[i * 4 + 1] = v;
		out[i * 4 + 2] = v;
		out[i * 4 + 3] = 255;
	}
	return out;
}

/** Where the code's corners land in the frame (to place the glare on it). */
export function codeCorners(shot: Shot): [number, number][] {
	const m = planeToImage(shot);
	return [apply(m, -0.5, -0.5), apply(m, 0.5, -0.5), apply(m, 0.5, 0.5), apply(m, -0.5, 0.5)];
}
