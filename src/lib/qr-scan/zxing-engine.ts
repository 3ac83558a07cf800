/**
 * zxing-wasm (ZXing-C++ compiled to WebAssembly) as a `QrEngine`. The wasm file comes from our own
 * build (the browser passes its bundled URL; Node passes the bytes): the library's default would
 * fetch it from a CDN, which a hall without internet does not reach.
 */
import type { Point, QrEngine, QrSighting, RgbaFrame } from './frame';

export type WasmSource = { url: string } | { bytes: ArrayBuffer };

export async function createZxingEngine(wasm: WasmSource): Promise<QrEngine> {
	const zxing = await import('zxing-wasm/reader');
	const overrides = 'url' in wasm ? { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.url : prefix + path) } : { wasmBinary: wasm.bytes };
	// Fails here, once, when WebAssembly cannot run, so the caller can fall back to jsQR.
	await zxing.prepareZXingModule({ overrides, fireImmediately: true });
	return {
		name: 'zxing-wasm',
		async read(frame: RgbaFrame): Promise<QrSighting> {
			const found = await zxing.readBarcodes(frame as ImageData, { formats: ['QRCode'], maxNumberOfSymbols: 1, returnErrors: true });
			const valid = found.find((r) => r.isValid);
			const seen = valid ?? found[0];
			if (!seen) return { text: null, corners: null };
			const p = seen.position;
			const corners: Point[] = [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft].map(({ x, y }) => ({ x, y }));
			return { text: valid ? valid.text : null, corners };
		}
	};
}
