/**
 * Both catalogs, registered synchronously on import: for Node code (the hub's pages, the kit CLI,
 * the build plugin, tests), which has no first render to wait for. The app never imports this
 * module (each locale is loaded on demand there, see catalogs.ts).
 */
import * as frCA from './messages/fr-CA';
import * as en from './messages/en';
import { mergeDomains, registerCatalog, type Catalog, type Locale } from './catalogs';

export const allCatalogs: Record<Locale, Catalog> = { 'fr-CA': mergeDomains(frCA), en: mergeDomains(en) };
registerCatalog('fr-CA', allCatalogs['fr-CA']);
registerCatalog('en', allCatalogs.en);
