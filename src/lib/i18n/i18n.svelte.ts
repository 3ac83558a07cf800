/**
 * The UI language as shared state. The choice is kept in localStorage (not Dexie) because it is
 * needed synchronously before the first paint; it is a preference, not workshop data. Only the
 * active locale's catalog is loaded: the root layout awaits `ready()` before the first render, and
 * a switch (`use`) loads the other catalog before the text changes, so no screen shows keys.
 */
import { browser } from '$app/environment';
import { CATALOG_PARTS, DEFAULT_LOCALE, isLocale, loadCatalog, negotiateLocale, type CatalogPart, type Locale, type MessageKey } from './catalogs';
import { localize, type Localized } from './localize';
import { translate, type MessageParams } from './translate';

const STORAGE_KEY = 'tablee.locale';

function initialLocale(): Locale {
	if (!browser) return DEFAULT_LOCALE;
	try {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (isLocale(saved)) return saved;
	} catch {
		// Storage can be blocked (private mode, policies): fall back to the browser's languages.
	}
	return negotiateLocale(navigator.languages ?? [navigator.language]);
}

export class I18n {
	#locale = $state<Locale>(initialLocale());
	/** The catalog parts the screens shown so far needed; a switch of language loads them again. */
	#parts = new Set<CatalogPart>();

	get locale(): Locale {
		return this.#locale;
	}

	/**
	 * Loads the current locale's catalog (the parts a screen needs, `catalogPartsFor` its route;
	 * all by default); resolves once `t` can translate that screen's keys.
	 */
	ready(parts: readonly CatalogPart[] = CATALOG_PARTS): Promise<unknown> {
		for (const part of parts) this.#parts.add(part);
		return loadCatalog(this.#locale, parts);
	}

	/** Switches the UI language once its catalog is loaded (a chunk, precached for offline use). */
	async use(value: Locale): Promise<void> {
		// Kept at once, so that a page opened right after the tap (before the catalog arrived) is
		// already in the chosen language; given back if the catalog cannot be loaded.
		const previous = this.#locale;
		this.#remember(value);
		try {
			await loadCatalog(value, this.#parts.size ? [...this.#parts] : CATALOG_PARTS);
		} catch (error) {
			this.#remember(previous);
			throw error;
		}
		this.#setLocale(value);
	}

	#setLocale(value: Locale): void {
		this.#locale = value;
		if (!browser) return;
		document.documentElement.lang = value;
		this.#remember(value);
	}

	#remember(value: Locale): void {
		if (!browser) return;
		try {
			localStorage.setItem(STORAGE_KEY, value);
		} catch {
			// Not fatal: the choice then lasts for this visit only.
		}
	}

	/** Translates a UI message in the current locale. */
	t = (key: MessageKey, params?: MessageParams): string => translate(this.#locale, key, params);

	/** Resolves kit text in the current locale, falling back to the kit's own languages. */
	text = (value: Localized | undefined, fallbacks: readonly Locale[] = []) => localize(value, this.#locale, fallbacks);

	/** Formats a date and time for the current locale. */
	dateTime = (ms: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }) =>
		new Intl.DateTimeFormat(this.#locale, options).format(ms);
}

export const i18n = new I18n();
