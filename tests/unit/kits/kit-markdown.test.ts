import { describe, expect, it } from 'vitest';
import { renderKitMarkdown } from '$lib/kits';
import { inspectKitMarkdown } from '$lib/kits/kit-markdown';

const options = {
	resolveAsset: (path: string) => (path === 'assets/robot.png' ? 'blob:tablee/robot' : undefined),
	termIds: new Set(['ia', 'donnees'])
};
const render = (md: string) => renderKitMarkdown(md, options);

const ALLOWED_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'del', 'a', 'img', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'target', 'rel', 'title', 'class', 'data-term', 'src', 'alt', 'loading', 'align', 'disabled', 'type', 'checked', 'start']);

/** Every tag and attribute of the output is allow-listed, and every URL is one we produced. */
function expectSafe(html: string, input: string) {
	for (const tag of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
		const name = tag[1]!.toLowerCase();
		expect(ALLOWED_TAGS.has(name), `tag <${name}> from ${JSON.stringify(input)}`).toBe(true);
		const attributes = tag[2]!;
		for (const attr of attributes.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
			const key = attr[1]!.toLowerCase();
			const value = attr[2] ?? '';
			expect(ALLOWED_ATTRIBUTES.has(key), `attribute ${key} from ${JSON.stringify(input)}`).toBe(true);
			if (key === 'href') expect(value, input).toMatch(/^(?:https?:\/\/|mailto:|#terme-[a-z0-9-]+$)/i);
			if (key === 'src') expect(value, input).toBe('blob:tablee/robot');
			if (key === 'class') expect(['term-link', 'language-js'], input).toContain(value);
		}
		if (name === 'a' && / href="http/i.test(attributes)) {
			expect(attributes, input).toContain('target="_blank"');
			expect(attributes, input).toContain('rel="noopener noreferrer"');
		}
	}
	// Escaped text may still read "onerror=": harmless as text. Real tags were checked above.
	expect(html).not.toMatch(/<script|<iframe|<style|<svg|<object|<embed|<form/i);
}

const hostile = [
	'<script>alert(1)</script>',
	'Hello <img src=x onerror=alert(1)>',
	'<div onclick="alert(1)">click</div>',
	'<iframe src="https://evil.example"></iframe>',
	'<style>body{display:none}</style>',
	'<svg><script>alert(1)</script></svg>',
	'<a href="javascript:alert(1)">x</a>',
	'[x](javascript:alert(1))',
	'[x](JaVaScRiPt:alert(1))',
	'[x](javascript&#58;alert(1))',
	'[x](  javascript:alert(1))',
	'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[x](vbscript:msgbox(1))',
	'[x](file:///etc/passwd)',
	'[x](//evil.example/path)',
	'[x](posters/02.md)',
	'[x](https://ok.example/" onmouseover="alert(1))',
	'[x](https://ok.example/ "title\\" onmouseover=\\"alert(1)")',
	'![x](https://evil.example/pixel.png)',
	'![x](//evil.example/pixel.png)',
	'![x](data:image/png;base64,AAAA)',
	'![x" onerror="alert(1)](assets/robot.png)',
	'![x](assets/robot.png" onerror="alert(1))',
	'![x](../assets/robot.png)',
	'![x](javascript:alert(1))',
	'[![x](assets/robot.png)](javascript:alert(1))',
	'[x](glossaire:ia" onclick="alert(1))',
	'[x](glossaire:../../etc)',
	'[x](glossaire:IA)',
	'<http://evil.example/"onmouseover="alert(1)>',
	'www.example.com/<script>',
	'`<script>alert(1)</script>`',
	'```js\n<script>alert(1)</script>\n```',
	'<!-- <script>alert(1)</script> -->',
	'<details open ontoggle=alert(1)>',
	'[ref][1]\n\n[1]: javascript:alert(1)',
	'| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
	'- [ ] <b onmouseover=alert(1)>task</b>',
	'> <a href="https://evil.example">quote</a>',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'<scr<script>ipt>alert(1)</script>',
	'[x](https://ok.example/\u0000javascript:alert(1))'
];

describe('renderKitMarkdown', () => {
	it.each(hostile)('neutralises %j', (input) => {
		expectSafe(render(input), input);
	});

	it('renders ordinary Markdown', () => {
		const html = render('# Titre\n\nDu **gras**, de l’*italique* et une liste :\n\n- un\n- deux\n');
		expect(html).toContain('<h1>Titre</h1>');
		expect(html).toContain('<strong>gras</strong>');
		expect(html).toContain('<li>deux</li>');
	});

	it('turns glossary links into term links, and unknown terms into text', () => {
		expect(render('[IA](glossaire:ia)')).toContain('<a href="#terme-ia" data-term="ia" class="term-link">IA</a>');
		expect(render('[Chose](glossaire:inconnu)')).toBe('<p>Chose</p>\n');
	});

	it('opens web links in a new tab without referrer', () => {
		expect(render('[site](https://example.org/a?b=1&c=2)')).toBe(
			'<p><a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">site</a></p>\n'
		);
		expect(render('[écrire](mailto:info@example.org)')).toContain('href="mailto:info@example.org"');
	});

	it('resolves kit images and keeps the alt text of dropped ones', () => {
		expect(render('![Un robot](assets/robot.png)')).toContain('<img src="blob:tablee/robot" alt="Un robot" loading="lazy">');
		expect(render('![Pixel espion](https://evil.example/p.png)')).toBe('<p>Pixel espion</p>\n');
		expect(render('![Absente](assets/absente.png)')).toBe('<p>Absente</p>\n');
	});

	it('shows raw HTML as text', () => {
		expect(render('Avant <b>gras</b> après')).toBe('<p>Avant &lt;b&gt;gras&lt;/b&gt; après</p>\n');
	});
});

describe('inspectKitMarkdown', () => {
	it('finds raw HTML, glossary links, other links and images', () => {
		const findings = inspectKitMarkdown('Voir [IA](glossaire:ia), [site](https://x.org) <span>x</span>\n\n![a](assets/a.png)');
		expect(findings).toEqual([
			{ kind: 'term', id: 'ia' },
			{ kind: 'link', href: 'https://x.org' },
			{ kind: 'html', snippet: '<span>' },
			{ kind: 'html', snippet: '</span>' },
			{ kind: 'image', href: 'assets/a.png' }
		]);
	});
});
