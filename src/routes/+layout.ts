import { browser } from '$app/environment';
import { catalogPartsFor, i18n } from '$lib/i18n';

// The app runs entirely in the browser (IndexedDB, Yjs, camera); every route is prerendered as a
// shell so that the static build holds one HTML file per screen for the service worker.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';

/**
 * The first render already has the active language's catalog (only that one is loaded), and of it
 * only the part the route's screens show: station tablets and phones get the participant part.
 */
export async function load({ route }: { route: { id: string | null } }): Promise<Record<string, never>> {
	if (browser) await i18n.ready(catalogPartsFor(route.id));
	return {};
}
