/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Precaches the whole app (code, every prerendered screen, static files and every bundled kit
 * zip) so that after one visit everything works with the network off.
 *
 * A new version installs in the background and then WAITS: it takes over only when the user
 * presses "update now" (the page posts SKIP_WAITING), never in the middle of a workshop.
 */
import { build, files, prerendered, version } from '$service-worker';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

const FALLBACK = '/200.html';

const entries = [
	// Hashed file names: their URL already changes with their content.
	...build.map((url) => ({ url, revision: null })),
	// Static files, bundled kits and screens: revisioned by the app version.
	...files.filter((url) => !url.endsWith('/.gitkeep')).map((url) => ({ url, revision: version })),
	...prerendered.map((url) => ({ url, revision: version })),
	// adapter-static does not list these two in `prerendered`.
	{ url: '/', revision: version },
	{ url: FALLBACK, revision: version }
];

// Deduplicate: `/` may already be listed.
const unique = [...new Map(entries.map((e) => [e.url, e])).values()];

precacheAndRoute(unique, {
	// Screens take their parameters from the query string (`/session?id=…`): one cached page each.
	ignoreURLParametersMatching: [/.*/],
	cleanURLs: true
});
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK)));

self.addEventListener('install', () => {
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
