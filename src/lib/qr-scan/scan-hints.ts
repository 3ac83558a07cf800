/**
 * Advice for the person holding the scanning tablet, from what the decoder saw in the frame:
 * too dark, a reflection, shaking (blur), or too far. Thresholds are set on the synthetic
 * captures of scripts/qr-captures (tests/unit/qr-scan): a dark capture is under 45 of mean grey,
 * a sharp one above 0.3 of relative edge strength and a blurred one under 0.25.
 */
import { codeSide, type QrSighting } from './frame';
import type { FrameLook } from './frame-look';

export type ScanHint = 'dark' | 'glare' | 'steady' | 'closer';

export const HINT_LIMITS = {
	/** Mean grey level under which the frame is too dark. */
	darkBelow: 50,
	/** Share of saturated pixels above which a reflection covers part of the code. */
	glareAbove: 0.003,
	/** Relative edge strength under which the frame is blurred. */
	blurBelow: 0.25,
	/** A code whose side is under this share of the frame's shorter side is too far. */
	smallBelow: 0.35
} as const;

/** The advice for one frame the decoder could not read (null: nothing to say). */
export function scanHint(look: FrameLook, sighting: QrSighting, frame: { width: number; height: number }): ScanHint | null {
	if (sighting.text !== null) return null;
	if (look.brightness < HINT_LIMITS.darkBelow) return 'dark';
	if (look.glare > HINT_LIMITS.glareAbove) return 'glare';
	if (look.sharpness < HINT_LIMITS.blurBelow) return 'steady';
	if (!sighting.corners) return 'closer';
	return codeSide(sighting.corners) < HINT_LIMITS.smallBelow * Math.min(frame.width, frame.height) ? 'closer' : null;
}

/** Shortest time a hint stays on screen: advice that flickers is advice nobody can follow. */
export const HINT_HOLD_MS = 1500;

/**
 * The hint on screen, changed at most every `HINT_HOLD_MS`: frames come ten times a second, a
 * screen reader's polite live region must not be flooded.
 */
export class HintPacer {
	#shown: ScanHint | null = null;
	#since = -Infinity;

	get shown(): ScanHint | null {
		return this.#shown;
	}

	/** Offers the hint of a new frame at `now` (ms); returns the hint to show. */
	offer(hint: ScanHint | null, now: number): ScanHint | null {
		if (hint !== this.#shown && now - this.#since >= HINT_HOLD_MS) {
			this.#shown = hint;
			this.#since = now;
		}
		return this.#shown;
	}
}
