/**
 * The seeded set of synthetic captures the QR benchmark and tests decode: every code kind the app
 * shows, at 640×480 and 1280×720, under each degradation, at distances where the code fills
 * 20–80 % of the frame's height and turned up to 40° away from the camera.
 */
import * as prng from 'lib0/prng';
import QRCode from 'qrcode';
import { capture, codeCorners, toRgba, type QrMatrix, type Shot } from './camera-sim';
import { CODE_KINDS, workshopCodes, type CodeKind, type EcLevel, type ShownCode } from './payloads';

export const DEGRADATIONS = ['clean', 'tilt', 'blur', 'dark', 'glare', 'moire', 'jpeg'] as const;
export type Degradation = (typeof DEGRADATIONS)[number];
export const RESOLUTIONS = [
	{ name: '640x480', width: 640, height: 480 },
	{ name: '1280x720', width: 1280, height: 720 }
] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface CaptureSpec {
	id: string;
	code: ShownCode;
	resolution: Resolution;
	degradation: Degradation;
	shot: Shot;
	/** Seed of the sensor noise. */
	seed: number;
	/** Modules of the code (without quiet zone) per side. */
	modules: number;
	/** Pixels per module along the code's facing width (before tilt). */
	modulePixels: number;
}

export interface Capture extends CaptureSpec {
	rgba: Uint8ClampedArray<ArrayBuffer>;
}

export function qrMatrix(text: string, level: EcLevel, margin: number): QrMatrix {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
	return { size: modules.size, margin, dark: (row, col) => modules.get(row, col) === 1 };
}

const between = (gen: prng.PRNG, low: number, high: number) => low + (high - low) * prng.real53(gen);
const signed = (gen: prng.PRNG, value: number) => (prng.bool(gen) ? value : -value);

/** Share of the frame's height the code fills: from across a table to close up. */
export const FILL = [0.2, 0.8] as const;

/** A code facing the camera at mid-distance, centred, in good light, with a little optical blur. */
export function facingShot(resolution: { width: number; height: number }): Shot {
	return {
		width: resolution.width,
		height: resolution.height,
		fill: 0.5,
		tilt: 0,
		pitch: 0,
		roll: 0,
		offsetX: 0,
		offsetY: 0,
		blur: (0.5 * resolution.height) / 480,
		white: 210,
		noise: 2,
		glare: null,
		moire: null,
		jpegQuality: null
	};
}

/** A camera shot of `degradation`, with the distance and angle drawn from `gen`. */
export function drawShot(gen: prng.PRNG, resolution: Resolution, degradation: Degradation, fill: readonly [number, number] = FILL): Shot {
	const scale = resolution.height / 480;
	const shot: Shot = {
		...facingShot(resolution),
		fill: between(gen, fill[0], fill[1]),
		tilt: signed(gen, degradation === 'tilt' ? between(gen, 25, 40) : between(gen, 0, 20)),
		pitch: between(gen, -8, 8),
		roll: between(gen, -15, 15),
		offsetX: between(gen, -0.8, 0.8),
		offsetY: between(gen, -0.8, 0.8),
		white: between(gen, 195, 230)
	};
	if (degradation === 'blur') shot.blur = between(gen, 1.2, 2.4) * scale;
	if (degradation === 'dark') {
		shot.white = between(gen, 30, 60);
		shot.noise = between(gen, 3, 7);
	}
	if (degradation === 'moire') shot.moire = { period: between(gen, 3, 8) * scale, angle: between(gen, 0, Math.PI), amplitude: between(gen, 0.25, 0.45), warp: between(gen, 2, 8) };
	if (degradation === 'jpeg') shot.jpegQuality = Math.round(between(gen, 15, 35));
	if (degradation === 'glare') {
		const corners = codeCorners(shot);
		const xs = corners.map((c) => c[0]);
		const ys = corners.map((c) => c[1]);
		const side = Math.max(...xs) - Math.min(...xs);
		shot.glare = {
			x: between(gen, Math.min(...xs), Math.max(...xs)),
			y: between(gen, Math.min(...ys), Math.max(...ys)),
			radius: side * between(gen, 0.06, 0.12),
			strength: between(gen, 0.6, 1.1)
		};
	}
	return shot;
}

export interface SetOptions {
	seed: number;
	/** Captures per code kind × resolution × degradation. */
	perCell: number;
	kinds?: readonly CodeKind[];
	resolutions?: readonly Resolution[];
	degradations?: readonly Degradation[];
	/** Draw every code at this error-correction level instead of the app's. */
	level?: EcLevel;
	/** Narrower distances than `FILL`. */
	fill?: readonly [number, number];
}

/** The set's descriptions (cheap); `render` makes the pixels of one. */
export function captureSet(options: SetOptions): CaptureSpec[] {
	const gen = prng.create(options.seed);
	const specs: CaptureSpec[] = [];
	for (const resolution of options.resolutions ?? RESOLUTIONS) {
		for (const kind of options.kinds ?? CODE_KINDS) {
			for (const degradation of options.degradations ?? DEGRADATIONS) {
				for (let i = 0; i < options.perCell; i++) {
					const codeSeed = prng.uint32(gen, 1, 0x7fffffff);
					const shown = workshopCodes(codeSeed).find((c) => c.kind === kind)!;
					const code = options.level ? { ...shown, level: options.level } : shown;
					const shot = drawShot(gen, resolution, degradation, options.fill);
					const modules = QRCode.create(code.text, { errorCorrectionLevel: code.level }).modules.size;
					specs.push({
						id: `${resolution.name}/${kind}/${degradation}/${i}`,
						code,
						resolution,
						degradation,
						shot,
						seed: prng.uint32(gen, 1, 0x7fffffff),
						modules,
						modulePixels: (shot.fill * shot.height) / modules
					});
				}
			}
		}
	}
	return specs;
}

export function render(spec: CaptureSpec): Capture {
	const image = capture(qrMatrix(spec.code.text, spec.code.level, spec.code.margin), spec.shot, spec.seed);
	return { ...spec, rgba: toRgba(image) };
}
