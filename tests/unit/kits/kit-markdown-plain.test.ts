import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderKitMarkdown, renderPlainMarkdown } from '$lib/kits';

const KITS = 'workshop-kits';
const options = { resolveAsset: () => undefined, termIds: new Set<string>() };
const marked = (text: string) => renderKitMarkdown(text, options);

/** Every string of a JSON value. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

const kits = readdirSync(KITS).filter((k) => statSync(join(KITS, k)).isDirectory());

describe('renderPlainMarkdown', () => {
	it('renders every bundled kit’s consent text, in every language, as marked does', () => {
		let count = 0;
		for (const kit of kits) {
			const manifest = JSON.parse(readFileSync(join(KITS, kit, 'kit.json'), 'utf8')) as { consent?: Record<string, string> };
			for (const [lang, text] of Object.entries(manifest.consent ?? {})) {
				expect(renderPlainMarkdown(text), `${kit} ${lang}`).toBe(marked(text));
				count++;
			}
		}
		expect(count).toBeGreaterThanOrEqual(3);
	});

	it('gives marked’s output or nothing for every text of the bundled kits', () => {
		const texts = kits.flatMap((kit) => [
			...strings(JSON.parse(readFileSync(join(KITS, kit, 'kit.json'), 'utf8'))),
			...files(join(KITS, kit)).filter((f) => f.endsWith('.md')).map((f) => readFileSync(f, 'utf8'))
		]);
		let plain = 0;
		for (const text of texts) {
			const html = renderPlainMarkdown(text);
			if (html === undefined) continue;
			plain++;
			expect(html, text).toBe(marked(text));
		}
		// Most short kit texts are plain; the posters (links, glossary terms) are not.
		expect(plain).toBeGreaterThan(100);
	});

	const same = [
		'',
		'\n\nUne ligne.\n\n',
		'Un paragraphe\nsur deux lignes.',
		'# Titre\n\nTexte.',
		'###### Petit titre',
		'- un\n- deux\n- trois',
		'Avant :\n\n- un\n- **deux** et « trois »\n\nAprès.',
		'**Objectif :** accueillir.\n\n**À faire (10 min)**',
		'Il dit "oui" et l\'autre, non; 50 % d’accord?',
		'Texte **gras**, encore **gras**.',
		'(**entre parenthèses**) fin',
		'**gras**: deux-points collés'
	];
	it.each(same)('matches marked on %j', (text) => {
		expect(renderPlainMarkdown(text)).toBe(marked(text));
	});

	const beyond = [
		'Un [lien](https://example.org)',
		'Voir https://example.org',
		'courriel a@b.ca',
		'du `code`',
		'*emphase*',
		'_emphase_',
		'** pas gras**',
		'***gras et italique***',
		'<b>html</b>',
		'R&D',
		'une \\ barre',
		'~~barré~~',
		'a | b\n--|--\n1 | 2',
		'1. un\n2. deux',
		'- un\n\n- deux',
		'- un\nsuite',
		'    code indenté',
		'Titre\n=====',
		'Titre\n---',
		'> citation',
		'* puce',
		'+ puce',
		'# Titre #',
		'# Titre\nsuite',
		'fin de ligne  \ndure',
		'![image](a.png)'
	];
	it.each(beyond)('leaves %j to marked', (text) => {
		expect(renderPlainMarkdown(text)).toBeUndefined();
	});
});
