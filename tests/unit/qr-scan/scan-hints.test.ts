/**
 * Advice while scanning, from what a frame looks like: measured on the benchmark's synthetic
 * captures (seeded), so the thresholds hold for the degradations they were set on.
 */
import { describe, expect, it } from 'vitest';
import { HINT_HOLD_MS, HintPacer, lookAtFrame, scanHint, type FrameLook, type QrSighting, type RgbaFrame } from '../../../src/lib/qr-scan';
import { captureSet, render, RESOLUTIONS, type CaptureSpec, type Degradation } from '../../../scripts/qr-captures/capture-set';

const SEED = 2207;
const unread: QrSighting = { text: null, corners: null };
const rendered = new Map<Degradation, { spec: CaptureSpec; frame: RgbaFrame; look: FrameLook }[]>();
/** Two captures per resolution of `degradation` (rendered once: simulating a capture is slow). */
function looks(degradation: Degradation) {
	const done = rendered.get(degradation);
	if (done) return done;
	const made = captureSet({ seed: SEED, perCell: 1, kinds: ['invitation', 'join'], resolutions: RESOLUTIONS, degradations: [degradation], fill: [0.45, 0.75] }).map((spec) => {
		const frame: RgbaFrame = { data: render(spec).rgba, width: spec.resolution.width, height: spec.resolution.height };
		return { spec, frame, look: lookAtFrame(frame) };
	});
	rendered.set(degradation, made);
	return made;
}

/** A code's corners: a square of `side` pixels at the frame's centre. */
const square = (frame: { width: number; height: number }, side: number): QrSighting => {
	const [x, y] = [frame.width / 2 - side / 2, frame.height / 2 - side / 2];
	return { text: null, corners: [{ x, y }, { x: x + side, y }, { x: x + side, y: y + side }, { x, y: y + side }] };
};

describe('scan hints on synthetic captures (seed 2207)', () => {
	it('says "too dark" for dark captures, and only for them', () => {
		for (const { spec, frame, look } of looks('dark')) expect(scanHint(look, unread, frame), spec.id).toBe('dark');
		for (const { spec, frame, look } of looks('clean')) expect(scanHint(look, square(frame, frame.height * 0.6), frame), spec.id).toBeNull();
	});

	it('says "hold still" for blurred captures', () => {
		for (const { spec, frame, look } of looks('blur')) expect(scanHint(look, square(frame, frame.height * 0.6), frame), spec.id).toBe('steady');
	});

	it('says "glare" when a reflection blows out part of the code', () => {
		for (const { spec, frame, look } of looks('glare')) {
			if (look.glare > 0) expect(scanHint(look, unread, frame), spec.id).toBe('glare');
		}
		expect(looks('glare').filter((l) => l.look.glare > 0.003).length).toBeGreaterThanOrEqual(2);
	});

	it('says "closer" for a sharp frame with a small code or none found', () => {
		for (const { spec, frame, look } of looks('clean')) {
			expect(scanHint(look, unread, frame), spec.id).toBe('closer');
			expect(scanHint(look, square(frame, frame.height * 0.2), frame), spec.id).toBe('closer');
		}
	});

	it('says nothing once the code is read', () => {
		const { frame, look } = looks('dark')[0]!;
		expect(scanHint(look, { text: 'ABC', corners: null }, frame)).toBeNull();
	});
});

describe('HintPacer', () => {
	it('changes the hint at most every 1.5 s, and shows a new one at once after a quiet spell', () => {
		const pacer = new HintPacer();
		expect(pacer.offer('dark', 0)).toBe('dark');
		expect(pacer.offer('steady', 100)).toBe('dark');
		expect(pacer.offer('closer', HINT_HOLD_MS - 1)).toBe('dark');
		expect(pacer.offer('closer', HINT_HOLD_MS)).toBe('closer');
		expect(pacer.offer(null, HINT_HOLD_MS + 10)).toBe('closer');
		expect(pacer.offer(null, 2 * HINT_HOLD_MS)).toBeNull();
		expect(pacer.offer('glare', 2 * HINT_HOLD_MS + 1)).toBeNull();
		expect(pacer.offer('glare', 10 * HINT_HOLD_MS)).toBe('glare');
		expect(pacer.shown).toBe('glare');
	});
});
