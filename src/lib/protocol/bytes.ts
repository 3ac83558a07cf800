/** Byte helpers shared by both ends of the wire. */

/** Equal bytes, compared in time independent of where they differ (key tags, tokens). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.byteLength !== b.byteLength) return false;
	let diff = 0;
	for (let i = 0; i < a.byteLength; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
	return diff === 0;
}
