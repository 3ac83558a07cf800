import { browser } from '$app/environment';
import { i18n } from '$lib/i18n';

// The app runs entirely in the browser (IndexedDB, Yjs, camera); every route is prerendered as a
// shell so that the static build holds one HTML file per screen for the service worker.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';

/** The first render already has the active language's catalog (only that one is loaded). */
export async function load(): Promise<Record<string, never>> {
	if (browser) await i18n.ready();
	return {};
}
