import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageTooLarge, kitImageType, KIT_IMAGE_LIMITS, readImageSize } from '$lib/kits';

/** Images encoded by Chromium (canvas.toBlob), so the headers are what real tools write. */
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/images/${name}`));
const sizeOf = (path: string, bytes: Uint8Array) => readImageSize(kitImageType(path, bytes) ?? '', bytes);

const riff = (chunk: string, body: number[]) => {
	const bytes = [...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...`WEBP${chunk}`].map((c) => c.charCodeAt(0)), [body.length, 0, 0, 0], body);
	while (bytes.length < 40) bytes.push(0);
	return new Uint8Array(bytes);
};

describe('image sizes from headers, without decoding', () => {
	it('reads PNG, JPEG and WebP (extended) files as encoders write them', () => {
		expect(sizeOf('a.png', fixture('small-9x300.png'))).toEqual({ width: 9, height: 300 });
		expect(sizeOf('a.jpg', fixture('photo-37x21.jpg'))).toEqual({ width: 37, height: 21 });
		expect(sizeOf('a.webp', fixture('lossy-53x17.webp'))).toEqual({ width: 53, height: 17 });
		expect(sizeOf('a.webp', fixture('alpha-64x48.webp'))).toEqual({ width: 64, height: 48 });
		expect(sizeOf('a.webp', fixture('lossless-29x31.webp'))).toEqual({ width: 29, height: 31 });
	});

	it('reads the simple WebP forms: lossy (VP8) and lossless (VP8L)', () => {
		// VP8: frame tag, start code 9D 01 2A, 14-bit width and height (2 scale bits above).
		expect(readImageSize('image/webp', riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x3e, 0x20, 0xc0 | 0x03]))).toEqual({ width: 16000, height: 800 });
		// VP8L: 0x2F, then width-1 and height-1 on 14 bits each.
		const w = 8191;
		const h = 4999;
		const bits = (w - 1) | ((h - 1) << 14);
		expect(readImageSize('image/webp', riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]))).toEqual({ width: w, height: h });
	});

	it('finds a progressive JPEG’s frame after other segments', () => {
		const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xdb, 0x00, 0x03, 0x00, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x75, 0x30, 0x01, 0x00, 0x03]);
		expect(readImageSize('image/jpeg', jpeg)).toEqual({ width: 256, height: 30000 });
	});

	it('reads GIF and AVIF sizes', () => {
		const gif = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([0x30, 0x75, 0x10, 0x00]));
		expect(readImageSize('image/gif', gif)).toEqual({ width: 30000, height: 16 });
		const box = (type: string, body: number[]) => [0, 0, 0, 8 + body.length, ...[...type].map((c) => c.charCodeAt(0)), ...body];
		const avif = new Uint8Array([...box('ftyp', [...'avif'].map((c) => c.charCodeAt(0))), ...box('ispe', [0, 0, 0, 0, 0, 0, 0x10, 0x00, 0, 0, 0x0c, 0x00])]);
		expect(readImageSize('image/avif', avif)).toEqual({ width: 4096, height: 3072 });
	});

	it('gives undefined for truncated or garbled headers, never throws', () => {
		const png = fixture('small-9x300.png');
		for (let n = 0; n < 24; n++) expect(readImageSize('image/png', png.subarray(0, n))).toBeUndefined();
		const jpeg = fixture('photo-37x21.jpg');
		for (const n of [0, 2, 3, 10, 100]) expect(readImageSize('image/jpeg', jpeg.subarray(0, n))).toBeUndefined();
		expect(readImageSize('image/jpeg', new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0x00]))).toBeUndefined();
		expect(readImageSize('image/webp', fixture('lossy-53x17.webp').subarray(0, 20))).toBeUndefined();
		expect(readImageSize('image/png', new Uint8Array(30))).toBeUndefined();
		expect(readImageSize('text/plain', png)).toBeUndefined();
	});
});

describe('the pixel limit', () => {
	it('accepts what a tablet shows and refuses past 8,192 px per side or 40 megapixels', () => {
		expect(KIT_IMAGE_LIMITS).toEqual({ side: 8192, pixels: 40_000_000 });
		expect(imageTooLarge({ width: 1280, height: 800 })).toBe(false);
		expect(imageTooLarge({ width: 8192, height: 4882 })).toBe(false);
		expect(imageTooLarge({ width: 8193, height: 10 })).toBe(true);
		expect(imageTooLarge({ width: 10, height: 8193 })).toBe(true);
		expect(imageTooLarge({ width: 7000, height: 7000 })).toBe(true);
		expect(imageTooLarge({ width: 30000, height: 30000 })).toBe(true);
	});
});
