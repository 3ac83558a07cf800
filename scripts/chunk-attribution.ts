/**
 * Where a screen's first-load JavaScript comes from: each chunk's gzipped size (its `.gz` file in
 * `build/`) shared out among the source modules rendered into it, in proportion to their minified
 * length (from `.svelte-kit/chunk-modules.json`, written by `chunk-modules-plugin.ts` at build),
 * then summed by package (`node_modules/<name>`) or source folder (`src/lib/<domain>`,
 * `src/lib/ui/<folder>`, one line per catalog domain file). Proportional sharing is an estimate
 * (gzip does not compress every module alike) but the chunk totals are exact.
 *
 * Which chunks a screen loads:
 * - `--visits <file>`: the scripts Chromium fetched until the screen was ready, as the weight
 *   benchmark records them (`.svelte-kit/weight-visits.json`: `{ screen: [paths] }`); or
 * - `<page>.html` arguments: the page's preloaded chunks (its `modulepreload` links, what
 *   `route-weight.ts` counts), without what loads after start.
 *
 * Usage: `npx tsx scripts/chunk-attribution.ts [--build build] [--visits file] [--modules N] [page.html…]`
 */
import { existsSync, readFileSync } from 'node:fs';
import { CHUNK_MODULES_FILE, type ChunkModules } from './chunk-modules-plugin';
import { gzipSize, routeWeight } from './route-weight';

export interface Attribution {
	/** Package or source folder → gzipped bytes (estimated share). */
	groups: Map<string, number>;
	/** Module → gzipped bytes (estimated share). */
	modules: Map<string, number>;
	total: number;
	chunks: number;
}

/** The group a module id is counted under. */
export function moduleGroup(id: string): string {
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
	if (pkg) return pkg[1]!;
	const catalog = /src\/lib\/i18n\/messages\/([^/]+)\/([^/.]+)/.exec(id);
	if (catalog) return `catalog ${catalog[1]}/${catalog[2]}`;
	const ui = /src\/lib\/ui\/([^/]+)\//.exec(id);
	if (ui) return `src/lib/ui/${ui[1]}`;
	const lib = /src\/lib\/([^/]+)/.exec(id);
	if (lib) return `src/lib/${lib[1]!.replace(/\.[^.]+$/, '')}`;
	if (id.includes('src/routes/')) return 'src/routes';
	if (id.includes('.svelte-kit/')) return 'sveltekit (generated)';
	return id.startsWith('\0') || id.includes('virtual') ? 'virtual' : id.split('?')[0]!;
}

export function attribute(root: string, chunkModules: ChunkModules[], files: readonly string[]): Attribution {
	const byFile = new Map(chunkModules.map((c) => [c.file, c]));
	const groups = new Map<string, number>();
	const modules = new Map<string, number>();
	const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
	let total = 0;
	for (const file of new Set(files)) {
		const gz = gzipSize(root, file);
		total += gz;
		const chunk = byFile.get(file);
		const entries = chunk ? Object.entries(chunk.modules).filter(([, n]) => n > 0) : [];
		const rendered = entries.reduce((a, [, n]) => a + n, 0);
		if (!rendered) {
			add(groups, '(unattributed chunk)', gz);
			continue;
		}
		for (const [id, length] of entries) {
			const share = (gz * length) / rendered;
			add(groups, moduleGroup(id), share);
			add(modules, id, share);
		}
	}
	return { groups, modules, total, chunks: new Set(files).size };
}

function table(title: string, a: Attribution, modulesShown: number): string {
	const kb = (n: number) => (n / 1000).toFixed(1).padStart(6);
	const lines = [`\n${title}: ${kb(a.total).trim()} KB gz in ${a.chunks} chunks`, '| KB gz | share | package or source folder |', '|---:|---:|---|'];
	for (const [group, bytes] of [...a.groups].sort((x, y) => y[1] - x[1])) {
		if (bytes < 50) continue;
		lines.push(`| ${kb(bytes)} | ${((100 * bytes) / a.total).toFixed(1).padStart(4)} % | ${group} |`);
	}
	if (modulesShown > 0) {
		lines.push(`\nlargest modules:`);
		for (const [id, bytes] of [...a.modules].sort((x, y) => y[1] - x[1]).slice(0, modulesShown)) lines.push(`  ${kb(bytes)} ${id}`);
	}
	return lines.join('\n');
}

function main(): void {
	const args = process.argv.slice(2);
	const option = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args.splice(i, 2)[1] : undefined;
	};
	const root = option('--build') ?? 'build';
	const visits = option('--visits');
	const modulesShown = Number(option('--modules') ?? 0);
	if (!existsSync(CHUNK_MODULES_FILE)) throw new Error(`${CHUNK_MODULES_FILE} is missing: run \`npx vite build\` first`);
	const chunkModules = JSON.parse(readFileSync(CHUNK_MODULES_FILE, 'utf8')) as ChunkModules[];
	if (visits) {
		const screens = JSON.parse(readFileSync(visits, 'utf8')) as Record<string, string[]>;
		for (const [screen, paths] of Object.entries(screens)) {
			const files = paths.map((p) => p.replace(/^\//, ''));
			console.log(table(`${screen} (scripts fetched until ready)`, attribute(root, chunkModules, files), modulesShown));
		}
	}
	for (const page of args.filter((a) => a.endsWith('.html'))) {
		const files = routeWeight(root, page).js.map((f) => f.file);
		console.log(table(`${page} (preloaded)`, attribute(root, chunkModules, files), modulesShown));
	}
}

if (process.argv[1] && /chunk-attribution\.[cm]?[jt]s$/.test(process.argv[1])) main();
