/**
 * The message catalogs. French (Québec) is the source catalog: its keys define `MessageKey`, and
 * every other catalog must have exactly the same keys (checked by the compiler through
 * `satisfies` in each domain file, and by a unit test at run time).
 *
 * Each domain owns one file per locale under `messages/<locale>/`, so that the catalogs stay
 * small and readable.
 */
import * as frCA from './messages/fr-CA';
import * as en from './messages/en';

export const LOCALES = ['fr-CA', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr-CA';

function merge<T extends Record<string, Record<string, string>>>(domains: T) {
	return Object.assign({}, ...Object.values(domains)) as UnionToIntersection<T[keyof T]>;
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

const frCatalog = merge(frCA);
export type MessageKey = keyof typeof frCatalog & string;
export type Catalog = Record<MessageKey, string>;

export const catalogs: Record<Locale, Catalog> = {
	'fr-CA': frCatalog,
	en: merge(en) as Catalog
};

/** Picks the UI locale for a list of browser languages: any `fr*` gives fr-CA, `en*` gives en. */
export function negotiateLocale(languages: readonly string[]): Locale {
	for (const lang of languages) {
		const l = lang.toLowerCase();
		if (l.startsWith('fr')) return 'fr-CA';
		if (l.startsWith('en')) return 'en';
	}
	return DEFAULT_LOCALE;
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
