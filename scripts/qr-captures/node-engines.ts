/** The app's QR engines, loaded in Node (zxing's wasm read from node_modules, as the build bundles it). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createJsqrEngine, createZxingEngine, type QrEngine } from '../../src/lib/qr-scan';

const require = createRequire(import.meta.url);

export function zxingWasmBytes(): ArrayBuffer {
	const bytes = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export async function nodeEngines(): Promise<{ jsqr: QrEngine; zxing: QrEngine }> {
	return { jsqr: await createJsqrEngine(), zxing: await createZxingEngine({ bytes: zxingWasmBytes() }) };
}
