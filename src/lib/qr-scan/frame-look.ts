/**
 * What a frame looks like to a person holding the tablet, measured cheaply on a grid of its
 * pixels: how bright, how sharp, and how much of it is blown out by a reflection. The scanning
 * screen turns these into advice (`scan-hints.ts`).
 */
import type { RgbaFrame } from './frame';

export interface FrameLook {
	/** Mean grey level, 0–255. */
	brightness: number;
	/**
	 * Edge strength relative to the frame's contrast: the strong end of the Laplacian's magnitude
	 * over the spread of grey levels. A sharp code gives about 1 and more; a blurred one far less.
	 */
	sharpness: number;
	/** Share of the frame's pixels that are saturated (≥ 250), 0–1. */
	glare: number;
}

/** Samples across the shorter side: enough for statistics, cheap at 30 frames a second. */
const GRID = 160;

const luma = (d: Uint8ClampedArray, i: number) => (d[i]! * 77 + d[i + 1]! * 150 + d[i + 2]! * 29) >> 8;

export function lookAtFrame(frame: RgbaFrame): FrameLook {
	const { width, height, data } = frame;
	const step = Math.max(1, Math.floor(Math.min(width, height) / GRID));
	const levels = new Uint32Array(256);
	const edges = new Uint32Array(1024);
	let count = 0;
	let sum = 0;
	let saturated = 0;
	for (let y = 1; y < height - 1; y += step) {
		for (let x = 1; x < width - 1; x += step) {
			const i = (y * width + x) * 4;
			const c = luma(data, i);
			const around = luma(data, i - 4) + luma(data, i + 4) + luma(data, i - width * 4) + luma(data, i + width * 4);
			levels[c]!++;
			edges[Math.min(1023, Math.abs(4 * c - around))]!++;
			sum += c;
			if (c >= 250) saturated++;
			count++;
		}
	}
	if (count === 0) return { brightness: 0, sharpness: 0, glare: 0 };
	const spread = percentile(levels, count, 0.98) - percentile(levels, count, 0.02);
	const edge = percentile(edges, count, 0.995);
	return { brightness: sum / count, sharpness: spread < 8 ? 0 : edge / spread, glare: saturated / count };
}

function percentile(histogram: Uint32Array, count: number, p: number): number {
	const target = count * p;
	let seen = 0;
	for (let v = 0; v < histogram.length; v++) {
		seen += histogram[v]!;
		if (seen >= target) return v;
	}
	return histogram.length - 1;
}
