/**
 * Random identifiers. A `RandomSource` fills `n` random bytes; the default is the platform's
 * `crypto.getRandomValues` (available on insecure origins too, unlike `crypto.subtle`). Tests pass
 * a seeded source from `lib0/prng` so runs replay.
 */
export type RandomSource = (bytes: number) => Uint8Array;

export const cryptoRandom: RandomSource = (bytes) => crypto.getRandomValues(new Uint8Array(bytes));

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url. */
export function base64url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i]!;
		const b = bytes[i + 1];
		const c = bytes[i + 2];
		out += alphabet[a >> 2]!;
		out += alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
		if (b !== undefined) out += alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
		if (c !== undefined) out += alphabet[c & 63]!;
	}
	return out;
}

/**
 * A random 128-bit identifier, base64url (22 characters) that starts with a letter or a digit.
 * Ids travel into CSV and spreadsheet files, where a cell starting with `-` (or `=`, `+`, `@`) is
 * read as a formula: an id starting with `-` would either run as one or need a guard character
 * that makes it differ from the same id in the JSON trace. The first byte is drawn again while
 * its top six bits would encode `-` or `_` (rejection sampling keeps the rest uniform; the id
 * loses 0.05 bit of its 128). Ids made before this rule may still start with `-` or `_`; every
 * reader accepts them (`idPattern`).
 */
export function randomId(random: RandomSource = cryptoRandom): string {
	const bytes = random(16);
	while (bytes[0]! >> 2 >= 62) bytes[0] = random(1)[0]!;
	return base64url(bytes);
}

/** True when an id starts with a letter or digit, as every id made by `randomId` does. */
export function safeIdStart(id: string): boolean {
	return /^[A-Za-z0-9]/.test(id);
}

/** Ids and keys this module creates: base64url, 8 to 64 characters. */
export const idPattern = /^[A-Za-z0-9_-]{8,64}$/;
/** A 128-bit session key in base64url. */
export const syncKeyPattern = /^[A-Za-z0-9_-]{22}$/;
