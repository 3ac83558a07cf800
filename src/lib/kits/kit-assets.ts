/**
 * Images a kit may carry. Only raster formats: an SVG can hold scripts, which would run with the
 * app's origin if someone opened its blob URL directly.
 */
const IMAGE_TYPES: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	avif: 'image/avif'
};

/** Extensions accepted for images, for messages and docs. */
export const KIT_IMAGE_EXTENSIONS = Object.keys(IMAGE_TYPES);

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
	return signature.every((b, i) => bytes[at + i] === b);
}

function sniff(bytes: Uint8Array): string | undefined {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66], 4)) return 'image/avif';
	return undefined;
}

/**
 * The MIME type of a kit image when its extension is allowed and its bytes really are that kind
 * of image (build Blob URLs with it); undefined otherwise.
 */
export function kitImageType(path: string, bytes: Uint8Array): string | undefined {
	const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
	const declared = IMAGE_TYPES[ext];
	if (!declared) return undefined;
	return sniff(bytes) === declared ? declared : undefined;
}
