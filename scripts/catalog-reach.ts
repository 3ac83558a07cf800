/**
 * Which catalog keys the code reachable from some routes can show: a source scan for the
 * participant catalog's guarantee (`tests/unit/i18n/participant-catalog.test.ts`) and a figure
 * for deciding which domains the participant screens need.
 *
 * The import graph is walked from entry files (static imports, `export … from`, dynamic
 * `import()`; `import type` is skipped, as is every package: they hold no catalog key). A domain's
 * `index.ts` face is followed precisely: importing `{ SyncBadge }` from `$lib/live` follows only
 * the re-export that provides `SyncBadge` (as the bundler's tree-shaking does); every other module
 * is taken whole with all it imports, which over-approximates (a key in a function the screen
 * never calls still counts), the safe direction. The catalog files themselves are not scanned.
 *
 * Keys are found as string literals equal to a key, and as template literals starting with a key
 * prefix (`t(\`board.checkin.phase.${phase}\`)` needs every key starting `board.checkin.phase.`).
 *
 * Usage: `npx tsx scripts/catalog-reach.ts` prints the participant routes' keys by domain file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const MESSAGES = join(SRC, 'lib/i18n/messages');

/** The files a participant screen starts from: the root layout and the station and phone routes. */
export function participantEntries(): string[] {
	const routes = join(SRC, 'routes');
	const under = (dir: string): string[] =>
		readdirSync(dir).flatMap((f) => {
			const p = join(dir, f);
			return statSync(p).isDirectory() ? under(p) : [p];
		});
	return [
		...['+layout.ts', '+layout.svelte', '+error.svelte'].map((f) => join(routes, f)).filter(existsSync),
		...under(join(routes, '(station)')),
		...under(join(routes, '(phone)'))
	];
}

function resolveSpecifier(from: string, spec: string): string | undefined {
	let base: string;
	if (spec.startsWith('$lib/') || spec === '$lib') base = join(SRC, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return undefined; // a package, `$app/…`, `$env/…`: no catalog keys there
	const candidates = [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), `${base}.svelte`, join(base, 'index.ts')];
	return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

interface ImportRef {
	spec: string;
	/** Names imported (`{ a, b as c }`); undefined for the whole module (default, namespace, dynamic, side effect). */
	names?: string[];
	/** An `export … from` statement (a re-export) rather than an import. */
	reexport: boolean;
	/** For re-exports: exported name → name in the source module. */
	exported?: Map<string, string>;
}

const STATEMENT = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const BARE_IMPORT = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function parseNames(clause: string): Map<string, string> | undefined {
	const braces = /\{([^}]*)\}/.exec(clause);
	if (!braces) return undefined;
	const map = new Map<string, string>();
	for (const part of braces[1]!.split(',')) {
		const item = part.trim().replace(/^type\s+/, '');
		if (!item || part.trim().startsWith('type ')) continue;
		const [local, alias] = item.split(/\s+as\s+/);
		map.set((alias ?? local)!.trim(), local!.trim());
	}
	return map;
}

function importsOf(text: string): ImportRef[] {
	const refs: ImportRef[] = [];
	for (const m of text.matchAll(STATEMENT)) {
		const [, kind, typeOnly, clause, spec] = m;
		if (typeOnly) continue;
		if (kind === 'export') {
			const exported = parseNames(clause!);
			if (exported && exported.size === 0) continue; // only types
			refs.push({ spec: spec!, reexport: true, exported, names: exported ? [...exported.values()] : undefined });
		} else {
			const named = parseNames(clause!);
			const hasOther = clause!.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim().length > 0;
			if (named && named.size === 0 && !hasOther) continue; // only types
			refs.push({ spec: spec!, reexport: false, names: named && !hasOther ? [...named.keys()].map((k) => named.get(k)!) : undefined });
		}
	}
	for (const m of text.matchAll(BARE_IMPORT)) refs.push({ spec: m[1]!, reexport: false });
	for (const m of text.matchAll(DYNAMIC)) refs.push({ spec: m[1]!, reexport: false });
	return refs;
}

/** The statements of a file other than its re-exports (what is scanned for keys in an index face). */
function withoutReexports(text: string): string {
	return text.replace(/(?:^|\n)\s*export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\s*['"][^'"]+['"];?/g, '\n');
}

/**
 * The source files reachable from `entries`, each with the text that counts for keys (a face
 * `index.ts` contributes its own statements, not its re-exports).
 */
export function reachableSources(entries: readonly string[]): Map<string, string> {
	const texts = new Map<string, string>();
	const cache = new Map<string, string>();
	const read = (file: string) => {
		let text = cache.get(file);
		if (text === undefined) {
			text = readFileSync(file, 'utf8');
			cache.set(file, text);
		}
		return text;
	};
	// Whole modules already walked, and (face, name) pairs already followed.
	const whole = new Set<string>();
	const named = new Set<string>();
	const isFace = (file: string) => file.endsWith('/index.ts') && file.startsWith(join(SRC, 'lib'));
	const visitWhole = (file: string): void => {
		if (whole.has(file) || file.startsWith(MESSAGES)) return;
		whole.add(file);
		const text = read(file);
		texts.set(file, isFace(file) ? withoutReexports(text) : text);
		for (const ref of importsOf(text)) {
			const target = resolveSpecifier(file, ref.spec);
			if (!target) continue;
			if (isFace(file) && ref.reexport) visitWhole(target); // the whole face is wanted
			else follow(target, ref.names);
		}
	};
	const follow = (file: string, names: string[] | undefined): void => {
		if (!names || !isFace(file)) return visitWhole(file);
		const text = read(file);
		if (!texts.has(file)) texts.set(file, withoutReexports(text));
		// The face's own imports (statements that are not re-exports) are taken whole.
		const faceOwn = !named.has(`${file}\0`);
		named.add(`${file}\0`);
		const refs = importsOf(text);
		for (const name of names) {
			const key = `${file}\0${name}`;
			if (named.has(key)) continue;
			named.add(key);
			const provider = refs.find((r) => r.reexport && r.exported?.has(name));
			if (provider) {
				const target = resolveSpecifier(file, provider.spec);
				if (target) follow(target, [provider.exported!.get(name)!]);
				continue;
			}
			// Not re-exported by name: from an `export *`, or defined in the face itself.
			for (const star of refs.filter((r) => r.reexport && !r.exported)) {
				const target = resolveSpecifier(file, star.spec);
				if (target) follow(target, [name]);
			}
		}
		if (faceOwn) {
			for (const ref of refs.filter((r) => !r.reexport)) {
				const target = resolveSpecifier(file, ref.spec);
				if (target) follow(target, ref.names);
			}
		}
	};
	for (const entry of entries) visitWhole(entry);
	return texts;
}

/** The keys of `allKeys` that the texts can show (literals, and template literals by prefix). */
export function keysUsed(texts: Iterable<string>, allKeys: readonly string[]): Set<string> {
	const known = new Set(allKeys);
	const used = new Set<string>();
	for (const text of texts) {
		for (const m of text.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)) if (known.has(m[1]!)) used.add(m[1]!);
		for (const m of text.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) {
			for (const key of allKeys) if (key.startsWith(m[1]!)) used.add(key);
		}
	}
	return used;
}

/** Where each key of a locale is defined: key → domain file name (without extension). */
export function keyDomains(locale = 'fr-CA'): Map<string, string> {
	const dir = join(MESSAGES, locale);
	const map = new Map<string, string>();
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !/^(index|participant|others)\.ts$/.test(f))) {
		for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/^\t'([^']+)':/gm)) map.set(m[1]!, file.replace(/\.ts$/, ''));
	}
	return map;
}

/** The participant routes' keys: reachable sources scanned against the French catalog's keys. */
export function participantKeys(): { used: Set<string>; domains: Map<string, string>; files: string[] } {
	const domains = keyDomains();
	const texts = reachableSources(participantEntries());
	return { used: keysUsed(texts.values(), [...domains.keys()]), domains, files: [...texts.keys()].map((f) => relative(ROOT, f)) };
}

function main(): void {
	const { used, domains, files } = participantKeys();
	const byDomain = new Map<string, { used: number; total: number }>();
	for (const [key, domain] of domains) {
		const entry = byDomain.get(domain) ?? { used: 0, total: 0 };
		entry.total++;
		if (used.has(key)) entry.used++;
		byDomain.set(domain, entry);
	}
	console.log(`${files.length} source files reachable from the participant routes, ${used.size} of ${domains.size} keys`);
	for (const [domain, { used: u, total }] of [...byDomain].sort((a, b) => b[1].used - a[1].used)) console.log(`  ${domain.padEnd(14)} ${String(u).padStart(4)} / ${total}`);
	if (process.argv.includes('--files')) for (const f of files.sort()) console.log(`  ${f}`);
	if (process.argv.includes('--keys')) for (const k of [...used].sort()) console.log(`  ${k}  (${domains.get(k)})`);
}

if (process.argv[1] && /catalog-reach\.[cm]?[jt]s$/.test(process.argv[1])) main();
