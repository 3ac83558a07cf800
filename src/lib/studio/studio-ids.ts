/**
 * Ids from titles. The kit format wants lowercase ASCII ids (`kitIdPattern`); authors write
 * titles in French. Letters are transliterated (not dropped: "Œuvres" is `oeuvres`, never
 * `uvres`), then everything else becomes hyphens. An id is made once, when its item is created,
 * and never follows later renames: sessions, traces and other kits refer to it.
 */
import { kitIdPattern } from '$lib/kits';

const MAX_ID = 64;

/** Letters that Unicode decomposition does not reduce to ASCII. */
const SPECIAL: Record<string, string> = {
	œ: 'oe',
	æ: 'ae',
	ß: 'ss',
	ø: 'o',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ł: 'l',
	ı: 'i',
	ŀ: 'l',
	ħ: 'h',
	ŧ: 't',
	ŋ: 'ng',
	ſ: 's',
	'&': ' et '
};

/** "Œuvres protégées" → "oeuvres-protegees"; '' when nothing usable is left. */
export function slugify(title: string): string {
	const lower = title.toLowerCase();
	let ascii = '';
	for (const char of lower) ascii += SPECIAL[char] ?? char;
	const slug = ascii
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return trimId(slug, MAX_ID);
}

function trimId(id: string, max: number): string {
	if (id.length <= max) return id;
	const cut = id.slice(0, max);
	const hyphen = cut.lastIndexOf('-');
	return (hyphen > max / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

/**
 * An id for `title`, unique among `taken`: the slug, else `fallback`, with "-2", "-3"… added
 * when needed. Always matches `kitIdPattern`.
 */
export function uniqueId(title: string, taken: Iterable<string>, fallback = 'element'): string {
	const used = new Set(taken);
	const base = slugify(title) || fallback;
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const candidate = `${trimId(base, MAX_ID - suffix.length)}${suffix}`;
		if (!used.has(candidate)) return candidate;
	}
}

/** True when `id` is a valid kit id. */
export function isKitId(id: string): boolean {
	return kitIdPattern.test(id);
}
