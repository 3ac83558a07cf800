export { LOCALES, DEFAULT_LOCALE, CATALOG_PARTS, catalogPartsFor, negotiateLocale, isLocale, loadCatalog, loadCatalogs, loadedCatalog } from './catalogs';
export type { Locale, MessageKey, Catalog, CatalogPart } from './catalogs';
export { translate, format, isMessageKey } from './translate';
export type { MessageParams } from './translate';
export { localize } from './localize';
export type { Localized, ResolvedText } from './localize';
export { i18n, I18n } from './i18n.svelte';
