import { browser } from '$app/environment';
import { loadCatalogs } from '$lib/i18n';

/** The pages print in the kit's language, whatever the screen's: both catalogs, before the first render. */
export async function load(): Promise<Record<string, never>> {
	if (browser) await loadCatalogs();
	return {};
}
