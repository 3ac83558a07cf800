/** Names of draft items for headings and buttons: their text in the UI language, else the kit's. */
import { i18n } from '$lib/i18n';
import type { KitLocale } from '$lib/kits';

export function nameOf(value: unknown, languages: readonly KitLocale[]): string {
	if (typeof value !== 'object' || value === null) return '';
	return i18n.text(value as Partial<Record<KitLocale, string>>, languages).text.trim();
}
