/**
 * The message catalogs. French (Québec) is the source catalog: its keys define `MessageKey`, and
 * every other catalog must have exactly the same keys (checked by the compiler through
 * `satisfies` in each domain file, and by a unit test at run time).
 *
 * Each domain owns one file per locale under `messages/<locale>/`, so that the catalogs stay
 * small and readable. A screen loads only the active locale's catalog (`loadCatalog`, each locale
 * is its own chunk; the root layout awaits it before the first render); the other one is loaded
 * when the user switches, or by screens that print both languages. Node code (the hub, the kit
 * CLI, the build plugin, tests) registers both at once with `all-catalogs.ts`.
 */
import type * as FrDomains from './messages/fr-CA';

export const LOCALES = ['fr-CA', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr-CA';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type FrCatalog = UnionToIntersection<(typeof FrDomains)[keyof typeof FrDomains]>;
export type MessageKey = keyof FrCatalog & string;
export type Catalog = Record<MessageKey, string>;

/** A locale's module: one object of messages per domain. */
export type CatalogDomains = Record<string, Record<string, string>>;

/** Merges a locale's domain objects into one catalog. */
export function mergeDomains(domains: CatalogDomains): Catalog {
	return Object.assign({}, ...Object.values(domains)) as Catalog;
}

const loaded: Partial<Record<Locale, Catalog>> = {};
const pending = new Map<Locale, Promise<Catalog>>();

const loaders: Record<Locale, () => Promise<CatalogDomains>> = {
	'fr-CA': () => import('./messages/fr-CA'),
	en: () => import('./messages/en')
};

/** Makes a catalog available synchronously (Node entry points, after a load). */
export function registerCatalog(locale: Locale, catalog: Catalog): void {
	loaded[locale] = catalog;
}

/** The catalog of a locale if it is loaded. */
export function loadedCatalog(locale: Locale): Catalog | undefined {
	return loaded[locale];
}

/** Loads a locale's catalog (its own chunk) once; later calls return the same promise. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
	const known = loaded[locale];
	if (known) return Promise.resolve(known);
	let promise = pending.get(locale);
	if (!promise) {
		promise = loaders[locale]().then(
			(domains) => {
				const catalog = mergeDomains(domains);
				registerCatalog(locale, catalog);
				return catalog;
			},
			(error: unknown) => {
				pending.delete(locale);
				throw error;
			}
		);
		pending.set(locale, promise);
	}
	return promise;
}

/** Loads several locales' catalogs (screens that print both languages). */
export async function loadCatalogs(locales: readonly Locale[] = LOCALES): Promise<void> {
	await Promise.all(locales.map(loadCatalog));
}

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
