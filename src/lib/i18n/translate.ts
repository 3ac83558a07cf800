/**
 * Pure message formatting: `{name}` placeholders and a small ICU-style plural
 * (`{count, plural, one {# note} other {# notes}}`). No runes, no DOM: usable from Node (CLI,
 * tests) and from the UI state in `i18n.svelte.ts`.
 */
import { LOCALES, loadedCatalog, type Locale, type MessageKey } from './catalogs';

export type MessageParams = Record<string, string | number>;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The CLDR category of `n` in `locale`, as `Intl.PluralRules` says: French puts 0 in `one`
 * ("0 note"), English in `other` ("0 notes"). Neither language has a `zero` category.
 */
function plural(locale: Locale, n: number): Intl.LDMLPluralRule {
	let rules = pluralRules.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(locale);
		pluralRules.set(locale, rules);
	}
	return rules.select(n);
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** One formatter per locale: creating an `Intl.NumberFormat` costs far more than formatting. */
function formatNumber(locale: Locale, n: number): string {
	let format = numberFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale);
		numberFormats.set(locale, format);
	}
	return format.format(n);
}

const pluralBlock = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const pluralOption = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** Formats a message template with its parameters in a locale. */
export function format(locale: Locale, template: string, params: MessageParams = {}): string {
	const withPlurals = template.replace(pluralBlock, (_all, name: string, body: string) => {
		const n = Number(params[name] ?? 0);
		const options = new Map<string, string>();
		for (const m of body.matchAll(pluralOption)) options.set(m[1]!, m[2]!);
		// A message may still name its own wording for nothing (`=0 {aucune note}`, or `zero {…}`):
		// that explicit form wins; otherwise 0 takes the language's own category.
		const explicitZero = n === 0 ? options.get('zero') : undefined;
		const chosen =
			options.get(`=${n}`) ?? explicitZero ?? options.get(plural(locale, n)) ?? options.get('other') ?? '';
		return chosen.replaceAll('#', formatNumber(locale, n));
	});
	return withPlurals.replace(/\{(\w+)\}/g, (all, name: string) => {
		const value = params[name];
		if (value === undefined) return all;
		return typeof value === 'number' ? formatNumber(locale, value) : value;
	});
}

/**
 * Translates a catalog key; an unknown key (only possible from untyped input) is returned as is.
 * The locale's catalog must be loaded (`loadCatalog`); if it is not, the French one is used when
 * loaded, so a screen never shows another locale's text by accident except as that fallback.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = loadedCatalog(locale)?.[key] ?? loadedCatalog('fr-CA')?.[key];
	return template === undefined ? key : format(locale, template, params);
}

/** True when a string (for example a message key carried by a validation issue) is a catalog key. */
export function isMessageKey(key: string): key is MessageKey {
	// Every catalog has the same keys: any loaded one answers.
	return LOCALES.some((locale) => {
		const catalog = loadedCatalog(locale);
		return catalog !== undefined && Object.hasOwn(catalog, key);
	});
}
