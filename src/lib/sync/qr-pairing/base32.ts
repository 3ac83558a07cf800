/**
 * Crockford base32: the text form of pairing codes. Its 32 symbols are all in the QR code's
 * alphanumeric set (so a code is stored at 5.5 bits per symbol, not 8), and a person typing a
 * code by hand need not care about case or about O/0 and I/L/1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUES = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));
for (const [alias, target] of [['O', '0'], ['I', '1'], ['L', '1']] as const) VALUES.set(alias, VALUES.get(target)!);

export function encodeBase32(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out += ALPHABET[(buffer >> bits) & 31];
		}
		buffer &= (1 << bits) - 1;
	}
	if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
	return out;
}

/**
 * Reads base32 text, ignoring spaces, dashes and line breaks a person may type; null when a
 * character is not base32. Leftover bits are dropped: the pairing code's check bytes catch a
 * truncated text.
 */
export function decodeBase32(text: string): Uint8Array | null {
	const clean = text.toUpperCase().replace(/[\s-]+/g, '');
	const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
	let buffer = 0;
	let bits = 0;
	let n = 0;
	for (const c of clean) {
		const v = VALUES.get(c);
		if (v === undefined) return null;
		buffer = (buffer << 5) | v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (buffer >> bits) & 255;
		}
		buffer &= (1 << bits) - 1;
	}
	return out;
}
