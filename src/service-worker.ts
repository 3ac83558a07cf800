/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Precaches the whole app (code, every prerendered screen, static files and every bundled kit
 * zip) so that after one visit everything works with the network off.
 *
 * Static files come from `__TABLEE_PRECACHE_STATIC__`, listed by the bundled-kits Vite plugin
 * after it wrote the kits into `static/kits/` (`scripts/static-precache.ts`): `files` from
 * `$service-worker` may be read before that on a first build, so it is only a fallback here.
 *
 * Navigations to what the venue hub serves itself (`/take-home/…`, `/sync`, `/signaling`) are
 * left to the network: see `$lib/pwa/hub-paths.ts`.
 *
 * A new version installs in the background and then WAITS: it takes over only when the user
 * presses "update now" (the page posts SKIP_WAITING), never in the middle of a workshop.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { HUB_SERVED_PATHS } from '$lib/pwa/hub-paths';

declare const self: ServiceWorkerGlobalScope;

/** `InstallEvent.addRoutes` (Service Worker Static Routing API, Chromium 123+), where it exists. */
type InstallWithRoutes = ExtendableEvent & {
	addRoutes?: (rules: { condition: { urlPattern: { pathname: string } }; source: 'cache' }) => Promise<void>;
};

const FALLBACK = '/200.html';

const hidden = (url: string) => url.split('/').some((part) => part.startsWith('.'));

const entries: { url: string; revision: string | null }[] = [
	// Hashed file names: their URL already changes with their content.
	...build.map((url) => ({ url, revision: null })),
	// Static files and bundled kits: revisioned by their content, so an update of the app does not
	// download unchanged kits again.
	...__TABLEE_PRECACHE_STATIC__.map(({ url, revision }) => ({ url: base + url, revision })),
	// Anything SvelteKit listed that the build-time list lacks (should be nothing).
	...files.filter((url) => !hidden(url)).map((url) => ({ url, revision: version })),
	// Screens: revisioned by the app version.
	...prerendered.map((url) => ({ url, revision: version })),
	// adapter-static does not list these two in `prerendered`.
	{ url: '/', revision: version },
	{ url: FALLBACK, revision: version }
];

// Deduplicate, keeping the first entry of a URL: a static file is in both lists, `/` may be too.
const unique = new Map<string, (typeof entries)[number]>();
for (const entry of entries) if (!unique.has(entry.url)) unique.set(entry.url, entry);

precacheAndRoute([...unique.values()], {
	// Screens take their parameters from the query string (`/session?id=…`): one cached page each.
	ignoreURLParametersMatching: [/.*/],
	cleanURLs: true
});
cleanupOutdatedCaches();
// Every other navigation gets the app shell (client-side routes, offline), except the pages and
// sockets the venue hub serves itself on the same origin: those must reach the hub.
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK), { denylist: [...HUB_SERVED_PATHS] }));

self.addEventListener('install', (event) => {
	// Hashed app files (every script and style a screen loads) are answered from the precache by
	// the browser itself, without running this worker's fetch handler once per file: a station's
	// offline cold start at 4× CPU fell from about 2.8 to 2.3 s in Chromium (docs/benchmarks.md).
	// A file missing from the caches still goes to the network. Other browsers use the handler.
	void (event as InstallWithRoutes).addRoutes?.({ condition: { urlPattern: { pathname: `${base}/_app/immutable/*` } }, source: 'cache' }).catch(() => {});
	// The very first install has nothing to replace: let it control the open page at once so the
	// first visit is already enough to work offline. Later versions wait (see SKIP_WAITING).
	if (!self.registration.active) void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
	event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
