/**
 * The app's decode path (`decodeFrame` with the engines the scanner loads) on a small seeded
 * subset of the benchmark's synthetic captures: every code kind the app shows, under each
 * degradation but JPEG (slow to simulate; the benchmark has it), at distances where a working
 * decoder must read them. Timing is the benchmark's
 * business (tests/bench/qr-decode.bench.ts); this only asserts what was read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, type QrEngine, type RgbaFrame } from '../../../src/lib/qr-scan';
import { decodePairingCode, isRelinkCode } from '../../../src/lib/sync/qr-pairing';
import { parseJoinLink } from '../../../src/lib/sync/join-link';
import { captureSet, render, RESOLUTIONS, type CaptureSpec } from '../../../scripts/qr-captures/capture-set';
import { nodeEngines } from '../../../scripts/qr-captures/node-engines';

const SEED = 1405;
const frameOf = (spec: CaptureSpec): RgbaFrame => ({ data: render(spec).rgba, width: spec.resolution.width, height: spec.resolution.height });

let engines: { jsqr: QrEngine; zxing: QrEngine };
beforeAll(async () => {
	engines = await nodeEngines();
});

describe('decoding degraded captures of the app codes', () => {
	const specs = captureSet({ seed: SEED, perCell: 1, resolutions: [RESOLUTIONS[0]], degradations: ['clean', 'tilt', 'dark', 'glare', 'moire'], fill: [0.5, 0.75] });

	it.each(specs.map((s) => [s.id, s] as const))('zxing-wasm reads %s (seed 1405)', async (_, spec) => {
		const read = await decodeFrame(engines.zxing, frameOf(spec));
		expect(read.text).toBe(spec.code.text);
		expect(read.corners).toHaveLength(4);
	});

	it('reads codes the app then accepts', async () => {
		const [invitation, answer, join] = (['invitation', 'answer', 'join'] as const).map((kind) => specs.find((s) => s.code.kind === kind && s.degradation === 'tilt')!);
		const texts = await Promise.all([invitation!, answer!, join!].map(async (s) => (await decodeFrame(engines.zxing, frameOf(s))).text ?? ''));
		expect(decodePairingCode(texts[0]!)).toMatchObject({ ok: true, value: { kind: 'offer' } });
		expect(decodePairingCode(texts[1]!)).toMatchObject({ ok: true, value: { kind: 'answer' } });
		expect(parseJoinLink(texts[2]!)).toMatchObject({ ok: true });
		const relink = specs.find((s) => s.code.kind === 'relink' && s.degradation === 'clean')!;
		const text = (await decodeFrame(engines.zxing, frameOf(relink))).text ?? '';
		expect(isRelinkCode(text)).toBe(true);
		expect(text).toBe(relink.code.text);
	});

	it('the jsQR fallback reads a clean and a tilted capture', async () => {
		for (const spec of specs.filter((s) => s.code.kind === 'invitation' && (s.degradation === 'clean' || s.degradation === 'tilt'))) {
			expect((await decodeFrame(engines.jsqr, frameOf(spec))).text).toBe(spec.code.text);
		}
	});

	it('reads nothing, and makes nothing up, in a frame with no code', async () => {
		const blank: RgbaFrame = { data: new Uint8ClampedArray(640 * 480 * 4).fill(180), width: 640, height: 480 };
		expect(await decodeFrame(engines.zxing, blank)).toEqual({ text: null, corners: null });
		expect(await decodeFrame(engines.jsqr, blank)).toEqual({ text: null, corners: null });
	});
});
