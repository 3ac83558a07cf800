/**
 * Every file of `static/` (bundled kits included) with a content-hash revision, listed at build
 * time by the bundled-kits Vite plugin once the kits are written (`scripts/static-precache.ts`) and
 * replaced in the service worker bundle by Vite's `define`. URLs are root-relative (`/kits/…`).
 */
declare const __TABLEE_PRECACHE_STATIC__: readonly { url: string; revision: string }[];
