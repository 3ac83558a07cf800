import { describe, expect, it } from 'vitest';
import { format, negotiateLocale, translate, localize } from '$lib/i18n';
import { allCatalogs as catalogs } from '$lib/i18n/all-catalogs';

describe('i18n catalogs', () => {
	it('have the same keys in every locale', () => {
		const fr = Object.keys(catalogs['fr-CA']).sort();
		const en = Object.keys(catalogs.en).sort();
		expect(en).toEqual(fr);
	});

	it('have no empty message', () => {
		for (const [locale, catalog] of Object.entries(catalogs)) {
			for (const [key, value] of Object.entries(catalog)) {
				expect(value.trim(), `${locale} ${key}`).not.toBe('');
			}
		}
	});

	it('use the same placeholders in every locale', () => {
		const names = (s: string) => [...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();
		for (const [key, fr] of Object.entries(catalogs['fr-CA'])) {
			expect(names(catalogs.en[key as keyof typeof catalogs.en]), key).toEqual(names(fr));
		}
	});
});

describe('format', () => {
	it('fills placeholders and plurals with locale number formatting', () => {
		expect(format('fr-CA', '{count, plural, one {# note} other {# notes}} de {who}', { count: 1, who: 'Léa' })).toBe('1 note de Léa');
		expect(format('fr-CA', '{count, plural, one {# note} other {# notes}}', { count: 1200 })).toBe('1\u00a0200 notes');
		expect(format('en', '{count, plural, =0 {no notes} one {# note} other {# notes}}', { count: 0 })).toBe('no notes');
		expect(format('en', '{count, plural, one {# note} other {# notes}}', { count: 2 })).toBe('2 notes');
	});

	it('puts 0 where Intl.PluralRules does (French: one; English: other) unless the message names its own zero', () => {
		const notes = '{count, plural, one {# note} other {# notes}}';
		expect(format('fr-CA', notes, { count: 0 })).toBe('0 note');
		expect(format('fr-CA', notes, { count: 1 })).toBe('1 note');
		expect(format('fr-CA', notes, { count: 2 })).toBe('2 notes');
		expect(format('en', notes, { count: 0 })).toBe('0 notes');
		expect(format('en', notes, { count: 1 })).toBe('1 note');
		// An explicit zero form, written either way, is used for 0 only.
		expect(format('fr-CA', '{count, plural, =0 {aucune note} one {# note} other {# notes}}', { count: 0 })).toBe('aucune note');
		expect(format('fr-CA', '{count, plural, zero {aucune note} one {# note} other {# notes}}', { count: 0 })).toBe('aucune note');
		expect(format('fr-CA', '{count, plural, zero {aucune note} one {# note} other {# notes}}', { count: 1 })).toBe('1 note');
		expect(format('en', '{count, plural, zero {no notes} one {# note} other {# notes}}', { count: 0 })).toBe('no notes');
		// Every French catalog message with a plural and no zero form of its own says "0 <one form>".
		let checked = 0;
		for (const [key, template] of Object.entries(catalogs['fr-CA'])) {
			for (const block of template.matchAll(/\{(\w+), plural,([^]*?)\}\}/g)) {
				if (/=0|zero/.test(block[2]!)) continue;
				const one = /one \{([^{}]*)\}/.exec(block[2]!)?.[1];
				if (!one || !one.includes('#')) continue;
				expect(format('fr-CA', `{n, plural,${block[2]!}}}`, { n: 0 }), key).toBe(one.replaceAll('#', '0'));
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(40);
	});

	it('leaves unknown placeholders visible', () => {
		expect(format('en', 'Hello {name}', {})).toBe('Hello {name}');
	});

	it('translates catalog keys', () => {
		expect(translate('en', 'app.nav.kits')).toBe('Kits');
		expect(translate('fr-CA', 'app.minutes', { count: 5 })).toBe('5 minutes');
	});
});

describe('negotiateLocale', () => {
	it('chooses fr-CA for any French and en for English', () => {
		expect(negotiateLocale(['fr-FR', 'en'])).toBe('fr-CA');
		expect(negotiateLocale(['fr'])).toBe('fr-CA');
		expect(negotiateLocale(['en-US'])).toBe('en');
		expect(negotiateLocale(['de-DE', 'en-GB'])).toBe('en');
		expect(negotiateLocale(['es'])).toBe('fr-CA');
	});
});

describe('localize', () => {
	it('falls back to the kit languages and reports the language used', () => {
		expect(localize({ 'fr-CA': 'Bonjour', en: 'Hello' }, 'en')).toEqual({ text: 'Hello', lang: 'en' });
		expect(localize({ 'fr-CA': 'Bonjour' }, 'en', ['fr-CA'])).toEqual({ text: 'Bonjour', lang: 'fr-CA' });
		expect(localize({ en: ' ' , 'fr-CA': 'Salut' }, 'en')).toEqual({ text: 'Salut', lang: 'fr-CA' });
		expect(localize(undefined, 'en')).toEqual({ text: '', lang: 'en' });
	});
});
