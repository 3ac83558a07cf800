/**
 * Kit Markdown: posters, instructions and other long texts. Kits may come from anyone, so the
 * output is safe by construction rather than cleaned afterwards: raw HTML is shown as text, links
 * are allow-listed (http, https, mailto, and `glossaire:<term-id>` for the glossary), images come
 * only from the kit itself through `resolveAsset`, and no attribute ever carries author markup.
 */
import { Marked, type Token, type Tokens } from 'marked';
import { kitIdPattern, kitPathPattern } from './kit-schema';

export interface RenderKitMarkdownOptions {
	/** Returns a displayable URL (usually a blob: URL) for a kit-relative image path, if the kit has it. */
	resolveAsset: (path: string) => string | undefined;
	/** Ids of the kit's glossary terms; links to other ids are shown as plain text. */
	termIds: ReadonlySet<string>;
}

const GLOSSARY_SCHEME = 'glossaire:';
const webLink = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** The term id of a `glossaire:<id>` link, or undefined when the link is not a glossary link. */
export function glossaryTarget(href: string): string | undefined {
	return href.toLowerCase().startsWith(GLOSSARY_SCHEME) ? href.slice(GLOSSARY_SCHEME.length) : undefined;
}

/** True for links the renderer keeps as links to the outside world. */
export function isWebLink(href: string): boolean {
	if (!webLink.test(href)) return false;
	try {
		const url = new URL(href);
		return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:';
	} catch {
		return false;
	}
}

/** Renders kit Markdown to HTML that is safe to insert with `{@html}`. */
export function renderKitMarkdown(markdown: string, options: RenderKitMarkdownOptions): string {
	const marked = new Marked({ gfm: true, async: false });
	marked.use({
		renderer: {
			html(token: Tokens.HTML | Tokens.Tag) {
				const shown = escapeHtml(token.text);
				return token.block ? `<p>${shown}</p>\n` : shown;
			},
			link(token: Tokens.Link) {
				const inner = this.parser.parseInline(token.tokens);
				const term = glossaryTarget(token.href);
				if (term !== undefined) {
					if (!kitIdPattern.test(term) || !options.termIds.has(term)) return inner;
					return `<a href="#terme-${term}" data-term="${term}" class="term-link">${inner}</a>`;
				}
				if (!isWebLink(token.href)) return inner;
				const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
				return `<a href="${escapeHtml(token.href)}"${title} target="_blank" rel="noopener noreferrer">${inner}</a>`;
			},
			image(token: Tokens.Image) {
				const alt = escapeHtml(token.text);
				const src = kitPathPattern.test(token.href) ? options.resolveAsset(token.href) : undefined;
				if (src === undefined) return alt;
				const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
				return `<img src="${escapeHtml(src)}" alt="${alt}"${title} loading="lazy">`;
			}
		}
	});
	return marked.parse(markdown, { async: false });
}

/** What a Markdown text links to or contains that the kit checks must look at. */
export type MarkdownFinding =
	| { kind: 'html'; snippet: string }
	| { kind: 'term'; id: string }
	| { kind: 'link'; href: string }
	| { kind: 'image'; href: string };

/** Lists raw HTML, glossary links, other links and images of a Markdown text. */
export function inspectKitMarkdown(markdown: string): MarkdownFinding[] {
	const marked = new Marked({ gfm: true, async: false });
	const findings: MarkdownFinding[] = [];
	marked.walkTokens(marked.lexer(markdown), (token: Token) => {
		if (token.type === 'html') {
			const snippet = (token as Tokens.HTML).text.trim();
			if (snippet !== '') findings.push({ kind: 'html', snippet: snippet.length > 40 ? `${snippet.slice(0, 39)}…` : snippet });
		} else if (token.type === 'link') {
			const href = (token as Tokens.Link).href;
			const term = glossaryTarget(href);
			findings.push(term !== undefined ? { kind: 'term', id: term } : { kind: 'link', href });
		} else if (token.type === 'image') {
			findings.push({ kind: 'image', href: (token as Tokens.Image).href });
		}
	});
	return findings;
}
