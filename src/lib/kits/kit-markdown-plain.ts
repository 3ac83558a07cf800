/**
 * Plain kit Markdown without `marked`: the small subset a consent text is written in (paragraphs,
 * `#` headings, one flat `- ` list per block, `**strong**`), rendered to exactly the HTML that
 * `renderKitMarkdown` (marked) gives for it. Anything outside that subset, or any character that
 * could mean something more to marked (links, code, emphasis with `_` or one `*`, raw HTML,
 * entities, escapes, autolinks, tables, indented or numbered blocks), returns undefined and the
 * caller uses `renderKitMarkdown`. So a participant's first screen, the consent text, does not
 * wait for the 15 KB renderer; `tests/unit/kits/kit-markdown-plain.test.ts` checks the output
 * against marked for every text of the bundled kits and for edge cases.
 *
 * Safe by construction: the subset has no link, image or attribute, and text is escaped.
 */

/** Characters that may start a Markdown feature beyond the subset, anywhere in a line. */
const BEYOND_SUBSET = /[`[\]!<>\\~_|&\r\t]|https?:|www\.|@|\*\*\*/i;
/** A line that could start a block other than a paragraph, or that marked would treat apart. */
const BLOCK_START = /^(?:[\s#>+=\-\d]|\*(?!\*\S))|\s$/;
const STRONG = /(^|[\s(])\*\*([^*\s](?:[^*]*[^*\s])?)\*\*(?=$|[\s,.;:!?)])/g;

function inline(text: string): string | undefined {
	const escaped = text.replaceAll('"', '&quot;').replaceAll("'", '&#39;');
	const html = escaped.replace(STRONG, (_all, before: string, inner: string) => `${before}<strong>${inner}</strong>`);
	return html.includes('*') ? undefined : html;
}

function paragraph(lines: string[]): string | undefined {
	if (lines.some((line) => BLOCK_START.test(line))) return undefined;
	const html = inline(lines.join('\n'));
	return html === undefined ? undefined : `<p>${html}</p>\n`;
}

function heading(line: string): string | undefined {
	const m = /^(#{1,6}) (\S.*)$/.exec(line);
	if (!m || /[#\s]$/.test(m[2]!)) return undefined;
	const html = inline(m[2]!);
	return html === undefined ? undefined : `<h${m[1]!.length}>${html}</h${m[1]!.length}>\n`;
}

function list(lines: string[]): string | undefined {
	const items: string[] = [];
	for (const line of lines) {
		const text = line.slice(2);
		if (!text || BLOCK_START.test(text)) return undefined;
		const html = inline(text);
		if (html === undefined) return undefined;
		items.push(`<li>${html}</li>\n`);
	}
	return `<ul>\n${items.join('')}</ul>\n`;
}

/** The HTML of Markdown in the plain subset (as `renderKitMarkdown` renders it), else undefined. */
export function renderPlainMarkdown(markdown: string): string | undefined {
	if (BEYOND_SUBSET.test(markdown)) return undefined;
	const text = markdown.replace(/^\n+|\n+$/g, '');
	if (!text) return '';
	let html = '';
	let previousWasList = false;
	for (const block of text.split(/\n{2,}/)) {
		const lines = block.split('\n');
		const isList = lines[0]!.startsWith('- ');
		let out: string | undefined;
		if (isList) {
			// Two lists separated by a blank line are one loose list for marked (`<li><p>`).
			if (previousWasList || !lines.every((l) => l.startsWith('- '))) return undefined;
			out = list(lines);
		} else if (lines[0]!.startsWith('#')) {
			out = lines.length === 1 ? heading(lines[0]!) : undefined;
		} else {
			out = paragraph(lines);
		}
		if (out === undefined) return undefined;
		html += out;
		previousWasList = isList;
	}
	return html;
}
