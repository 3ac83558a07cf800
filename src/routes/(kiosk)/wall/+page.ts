import { browser } from '$app/environment';
import { loadCatalogs } from '$lib/i18n';

/** This screen prints or projects text in both languages: both catalogs, before the first render. */
export async function load(): Promise<Record<string, never>> {
	if (browser) await loadCatalogs();
	return {};
}
