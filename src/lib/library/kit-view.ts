/**
 * What the screens need from one opened kit: posters in order, Markdown rendered once and
 * sanitised, images as local object URLs, glossary lookups. Browser only (object URLs).
 */
import { readKitText, renderPlainMarkdown, type KitPackage, type KitPoster, type KitTerm } from '$lib/kits';
import type { Locale } from '$lib/i18n';
import { createKitAssets } from './kit-assets';
import { markdownRenderer } from './markdown-renderer.svelte';

export class KitView {
	readonly kit: KitPackage;
	readonly posters: KitPoster[];
	readonly terms: Map<string, KitTerm>;
	readonly #termIds: Set<string>;
	readonly #assets;
	readonly #html = new Map<string, string>();

	constructor(kit: KitPackage) {
		this.kit = kit;
		this.posters = [...kit.manifest.posters].sort((a, b) => a.order - b.order);
		this.terms = new Map(kit.manifest.glossary.map((t) => [t.id, t]));
		this.#termIds = new Set(this.terms.keys());
		this.#assets = createKitAssets(kit);
	}

	get manifest() {
		return this.kit.manifest;
	}

	/** The kit's languages, used as fallbacks when a text is missing in the UI language. */
	get languages(): readonly Locale[] {
		return this.kit.manifest.languages;
	}

	/**
	 * Sanitised HTML of Markdown text (kit fields that allow Markdown). Empty for the moment the
	 * renderer takes to load the first time (see markdown-renderer.svelte.ts); a reactive reader
	 * then gets the HTML.
	 */
	markdown(source: string): string {
		let html = this.#html.get(source);
		if (html !== undefined) return html;
		// The plain subset (a consent text) renders at once, without loading marked.
		html = renderPlainMarkdown(source);
		if (html === undefined) {
			const renderKitMarkdown = markdownRenderer.current;
			if (!renderKitMarkdown) return '';
			html = renderKitMarkdown(source, { resolveAsset: (p) => this.#assets.resolve(p), termIds: this.#termIds });
		}
		this.#html.set(source, html);
		return html;
	}

	/** A poster's body in the best available language, rendered; with the language it is in. */
	posterBody(poster: KitPoster, locale: Locale): { html: string; source: string; lang: Locale } {
		for (const lang of [locale, ...this.languages]) {
			const path = poster.body[lang];
			if (path && this.kit.files.has(path)) {
				const source = readKitText(this.kit, path);
				return { html: this.markdown(source), source, lang };
			}
		}
		return { html: '', source: '', lang: locale };
	}

	image(path: string): string | undefined {
		return this.#assets.resolve(path);
	}

	destroy(): void {
		this.#assets.revoke();
		this.#html.clear();
	}
}
