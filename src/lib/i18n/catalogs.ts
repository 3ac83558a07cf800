/**
 * The message catalogs. French (Québec) is the source catalog: its keys define `MessageKey`, and
 * every other catalog must have exactly the same keys (checked by the compiler through
 * `satisfies` in each domain file, and by a unit test at run time).
 *
 * Each domain owns one file per locale under `messages/<locale>/`, so that the catalogs stay
 * small and readable. A screen loads only the active locale's catalog (`loadCatalog`; the root
 * layout awaits it before the first render); the other one is loaded when the user switches, or by
 * screens that print both languages. Each locale's catalog comes in two parts, each its own chunk:
 * `participant` (the domains a station tablet or a phone shows, `messages/<locale>/participant.ts`)
 * and `others` (the rest). The participant routes load the first only (`catalogPartsFor`); a unit
 * test proves that their code can show no key outside it. Node code (the hub, the kit CLI, the build
 * plugin, tests) registers both whole catalogs at once with `all-catalogs.ts`.
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

/** The parts a locale's catalog is loaded in (see the module comment). */
export const CATALOG_PARTS = ['participant', 'others'] as const;
export type CatalogPart = (typeof CATALOG_PARTS)[number];

/** Route groups whose screens show only the `participant` part: station tablets and phones. */
const PARTICIPANT_ROUTES = /^\/\((station|phone)\)(\/|$)/;

/** The catalog parts a route's screens need (an unknown route, such as a 404, gets them all). */
export function catalogPartsFor(routeId: string | null): readonly CatalogPart[] {
	return routeId && PARTICIPANT_ROUTES.test(routeId) ? ['participant'] : CATALOG_PARTS;
}

const loaded: Partial<Record<Locale, Catalog>> = {};
const loadedParts: Record<Locale, Set<CatalogPart>> = { 'fr-CA': new Set(), en: new Set() };
const pending = new Map<string, Promise<void>>();

const loaders: Record<Locale, Record<CatalogPart, () => Promise<CatalogDomains>>> = {
	'fr-CA': { participant: () => import('./messages/fr-CA/participant'), others: () => import('./messages/fr-CA/others') },
	en: { participant: () => import('./messages/en/participant'), others: () => import('./messages/en/others') }
};

/** Makes a whole catalog available synchronously (Node entry points). */
export function registerCatalog(locale: Locale, catalog: Catalog): void {
	loaded[locale] = catalog;
	for (const part of CATALOG_PARTS) loadedParts[locale].add(part);
}

/** The catalog of a locale as loaded so far (the parts loaded), if any part is. */
export function loadedCatalog(locale: Locale): Catalog | undefined {
	return loaded[locale];
}

function loadPart(locale: Locale, part: CatalogPart): Promise<void> {
	if (loadedParts[locale].has(part)) return Promise.resolve();
	const id = `${locale}/${part}`;
	let promise = pending.get(id);
	if (!promise) {
		promise = loaders[locale][part]().then(
			(domains) => {
				loaded[locale] = { ...loaded[locale], ...mergeDomains(domains) };
				loadedParts[locale].add(part);
				pending.delete(id);
			},
			(error: unknown) => {
				pending.delete(id);
				throw error;
			}
		);
		pending.set(id, promise);
	}
	return promise;
}

/** Loads parts of a locale's catalog (each its own chunk, loaded once; all parts by default). */
export async function loadCatalog(locale: Locale, parts: readonly CatalogPart[] = CATALOG_PARTS): Promise<Catalog> {
	await Promise.all(parts.map((part) => loadPart(locale, part)));
	return loaded[locale]!;
}

/** Loads several locales' catalogs (screens that print both languages). */
export async function loadCatalogs(locales: readonly Locale[] = LOCALES): Promise<void> {
	await Promise.all(locales.map((locale) => loadCatalog(locale)));
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
