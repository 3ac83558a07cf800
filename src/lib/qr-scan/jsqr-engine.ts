/**
 * jsQR as a `QrEngine`: small, pure JavaScript, the fallback where WebAssembly cannot run. It
 * reports where a code is only when it reads it.
 */
import type { QrEngine, QrSighting, RgbaFrame } from './frame';

export async function createJsqrEngine(): Promise<QrEngine> {
	const { default: jsQR } = await import('jsqr');
	return {
		name: 'jsqr',
		async read(frame: RgbaFrame): Promise<QrSighting> {
			const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
			if (!found) return { text: null, corners: null };
			const l = found.location;
			return { text: found.data, corners: [l.topLeftCorner, l.topRightCorner, l.bottomRightCorner, l.bottomLeftCorner] };
		}
	};
}
