import type { Locale } from './catalogs';

/** Text in one or more locales, as kits carry it. */
export type Localized = Partial<Record<Locale, string>>;

/** A piece of kit text resolved for display, with the language it is actually in. */
export interface ResolvedText {
	text: string;
	/** The language of `text`: set it as the element's `lang` so screen readers pronounce it right. */
	lang: Locale;
}

/**
 * Picks the best text for a locale: the locale itself, else the fallbacks in order (usually the
 * kit's languages), else any non-empty text.
 */
export function localize(value: Localized | undefined, locale: Locale, fallbacks: readonly Locale[] = []): ResolvedText {
	if (!value) return { text: '', lang: locale };
	for (const l of [locale, ...fallbacks]) {
		const t = value[l];
		if (t && t.trim() !== '') return { text: t, lang: l };
	}
	for (const [l, t] of Object.entries(value) as [Locale, string | undefined][]) {
		if (t && t.trim() !== '') return { text: t, lang: l };
	}
	return { text: '', lang: locale };
}
