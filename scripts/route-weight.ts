/**
 * What each screen's first load pulls from a build: the JavaScript and CSS its HTML lists
 * (`modulepreload` and stylesheet links, i.e. SvelteKit's static import closure of the entry, the
 * layouts and the page), with their gzipped sizes (the `.gz` files adapter-static's `precompress`
 * writes, else gzipped here). Usage: `npx tsx scripts/route-weight.ts [build]`. The weight
 * benchmark measures the same in Chromium (with what loads after start); this reads files only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface RouteWeight {
	page: string;
	js: { file: string; gzip: number }[];
	css: { file: string; gzip: number }[];
	jsGzip: number;
	cssGzip: number;
}

/** Gzipped size of a build file: its precompressed `.gz` sibling, else gzip at level 9. */
export function gzipSize(root: string, file: string): number {
	const path = join(root, file);
	if (existsSync(`${path}.gz`)) return statSync(`${path}.gz`).size;
	return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** The first-load files of one prerendered page (`activity.html`), from its links. */
export function routeWeight(root: string, page: string): RouteWeight {
	const html = readFileSync(join(root, page), 'utf8');
	const links = [...html.matchAll(/<link\s+([^>]*)>/g)].map((m) => m[1]!);
	const href = (attrs: string) => /href="\.?\/?([^"]+)"/.exec(attrs)?.[1];
	const files = (rel: string) =>
		[...new Set(links.filter((l) => l.includes(`rel="${rel}"`)).map(href).filter((f): f is string => !!f && f.startsWith('_app/')))].map((file) => ({
			file,
			gzip: gzipSize(root, file)
		}));
	const js = files('modulepreload');
	const css = files('stylesheet');
	const sum = (xs: { gzip: number }[]) => xs.reduce((a, x) => a + x.gzip, 0);
	return { page, js, css, jsGzip: sum(js), cssGzip: sum(css) };
}

/** Every prerendered page of a build. */
export function allRouteWeights(root: string): RouteWeight[] {
	return readdirSync(root)
		.filter((f) => f.endsWith('.html'))
		.sort()
		.map((page) => routeWeight(root, page));
}

function main(): void {
	const root = process.argv[2] ?? 'build';
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
	for (const r of allRouteWeights(root)) {
		console.log(`${r.page.padEnd(16)} JS ${kb(r.jsGzip).padStart(10)} gz in ${r.js.length} files, CSS ${kb(r.cssGzip)} gz`);
	}
	if (process.argv.includes('--files')) {
		for (const page of process.argv.slice(3).filter((a) => a.endsWith('.html'))) {
			const r = routeWeight(root, page);
			console.log(`\n${page}:`);
			for (const f of [...r.js].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(f.gzip).padStart(10)} ${f.file}`);
		}
	}
}

if (process.argv[1] && /route-weight\.[cm]?[jt]s$/.test(process.argv[1])) main();
