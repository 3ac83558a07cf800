/**
 * An image's pixel size read from its header bytes, without decoding it: a 30,000 × 30,000 image
 * is a few hundred kilobytes of file but 3.6 GB of pixels once decoded, which a tablet refuses
 * (the poster shows as a broken image). Kits are checked against `KIT_IMAGE_LIMITS` at import.
 * Pure: no DOM, no decoding; every read is bounds-checked, so a truncated or crafted header gives
 * `undefined`, never an exception.
 */

export interface ImageSize {
	width: number;
	height: number;
}

/** The largest image a kit may carry: decoded, it must fit a tablet's memory and canvas limits. */
export const KIT_IMAGE_LIMITS = {
	/** Pixels per side (the texture limit of many tablets' GPUs). */
	side: 8192,
	/** Width × height: 40 megapixels, about 160 MB once decoded (4 bytes per pixel). */
	pixels: 40_000_000
} as const;

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

function png(b: Uint8Array): ImageSize | undefined {
	// Signature (8), then the IHDR chunk: length (4), "IHDR", width (4, big-endian), height (4).
	if (b.length < 24 || !ascii(b, 12, 'IHDR')) return undefined;
	return { width: u32be(b, 16), height: u32be(b, 20) };
}

function gif(b: Uint8Array): ImageSize | undefined {
	// "GIF87a"/"GIF89a", then the logical screen: width, height (2 bytes each, little-endian).
	if (b.length < 10) return undefined;
	return { width: u16le(b, 6), height: u16le(b, 8) };
}

/** Start-of-frame markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) do not. */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(b: Uint8Array): ImageSize | undefined {
	let at = 2;
	while (at + 4 <= b.length) {
		if (b[at] !== 0xff) return undefined;
		const marker = b[at + 1]!;
		// Fill bytes, and markers without a length (TEM, RSTn).
		if (marker === 0xff) {
			at++;
			continue;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		// Start of scan or end of image before any frame header: nothing to read.
		if (marker === 0xda || marker === 0xd9) return undefined;
		const length = u16be(b, at + 2);
		if (length < 2) return undefined;
		if (isStartOfFrame(marker)) {
			// Length (2), precision (1), height (2), width (2).
			if (at + 9 > b.length) return undefined;
			return { width: u16be(b, at + 7), height: u16be(b, at + 5) };
		}
		at += 2 + length;
	}
	return undefined;
}

function webp(b: Uint8Array): ImageSize | undefined {
	// "RIFF" size "WEBP", then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended).
	if (b.length < 30) return undefined;
	if (ascii(b, 12, 'VP8 ')) {
		// Frame tag (3), start code 9D 01 2A, then 14-bit width and height.
		if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
		return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	}
	if (ascii(b, 12, 'VP8L')) {
		// Signature 0x2F, then width-1 and height-1 on 14 bits each.
		if (b[20] !== 0x2f) return undefined;
		const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (ascii(b, 12, 'VP8X')) {
		// Flags (4), then canvas width-1 and height-1 on 24 bits each.
		return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	}
	return undefined;
}

/**
 * AVIF keeps its size in an `ispe` (image spatial extents) property inside the `meta` box at the
 * start of the file. Looking for the first `ispe` in the first 64 KiB avoids parsing the whole
 * box tree; a file whose header lies further is reported as unreadable, which is the safe side.
 */
function avif(b: Uint8Array): ImageSize | undefined {
	const end = Math.min(b.length, 64 * 1024) - 16;
	for (let at = 4; at <= end; at++) {
		// Box size (4), "ispe", version and flags (4), width (4), height (4).
		if (b[at] === 0x69 && ascii(b, at, 'ispe') && at + 16 <= b.length) return { width: u32be(b, at + 8), height: u32be(b, at + 12) };
	}
	return undefined;
}

const READERS: Record<string, (bytes: Uint8Array) => ImageSize | undefined> = {
	'image/png': png,
	'image/gif': gif,
	'image/jpeg': jpeg,
	'image/webp': webp,
	'image/avif': avif
};

/** The pixel size in an image's header, for a type `kitImageType` recognised; undefined when unreadable. */
export function readImageSize(type: string, bytes: Uint8Array): ImageSize | undefined {
	const size = READERS[type]?.(bytes);
	return size && size.width > 0 && size.height > 0 ? size : undefined;
}

/** Whether an image of this size is too large for the app to show (`KIT_IMAGE_LIMITS`). */
export function imageTooLarge(size: ImageSize): boolean {
	return size.width > KIT_IMAGE_LIMITS.side || size.height > KIT_IMAGE_LIMITS.side || size.width * size.height > KIT_IMAGE_LIMITS.pixels;
}
