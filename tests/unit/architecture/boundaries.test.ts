/**
 * The module map of docs/architecture.md, checked: who may import whom. Reads every source file's
 * import specifiers (static and dynamic), resolves the relative and `$lib` ones to files, and
 * checks the rules below. A new import across a boundary fails here with the file named.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');
const RESULT = join(SRC, 'lib/result.ts');
const SPEC = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

function specifiers(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(SPEC)].map((m) => m[2] as string);
}

/** The file a relative or `$lib` specifier points to, or null for a package. */
function resolveLocal(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/') || spec === '$lib') base = join(SRC, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, `${base}.js`, `${base}.mjs`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return base;
}

function packageName(spec: string): string | null {
	if (spec.startsWith('.') || spec.startsWith('$') || spec.startsWith('/')) return null;
	if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] as string)) return null;
	const parts = spec.split('/');
	return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

const rel = (path: string) => relative(ROOT, path);
const inside = (path: string, folder: string) => rel(path).startsWith(`${folder}/`);

const files = sourceFiles(SRC);
const edges = files.flatMap((file) =>
	specifiers(file).map((spec) => ({ file, spec, target: resolveLocal(file, spec) }))
);

describe('module boundaries', () => {
	it('reads a real tree (the rules below are not vacuous)', () => {
		expect(files.length).toBeGreaterThan(200);
		expect(edges.some((e) => inside(e.file, 'src/hub') && e.target && inside(e.target, 'src/lib/protocol'))).toBe(true);
		expect(edges.some((e) => inside(e.file, 'src/lib/sync') && e.target && inside(e.target, 'src/lib/protocol'))).toBe(true);
	});

	it('the shared result shape imports nothing: the protocol and the hub use it too', () => {
		expect(specifiers(join(SRC, 'lib/result.ts'))).toEqual([]);
	});

	it('the wire protocol imports only itself, the result shape, yjs and lib0: it runs the same in a browser and in the hub', () => {
		const wrong = edges
			.filter((e) => inside(e.file, 'src/lib/protocol'))
			.filter((e) => (e.target ? !inside(e.target, 'src/lib/protocol') && e.target !== RESULT : !['yjs', 'lib0'].includes(packageName(e.spec) ?? '')))
			.map((e) => `${rel(e.file)} → ${e.spec}`);
		expect(wrong).toEqual([]);
	});

	it('the hub reaches the devices only through the protocol: never sync, ui, live, storage or routes', () => {
		const forbidden = ['src/lib/sync', 'src/lib/ui', 'src/lib/live', 'src/lib/storage', 'src/routes'];
		const wrong = edges
			.filter((e) => inside(e.file, 'src/hub') && e.target && forbidden.some((f) => inside(e.target as string, f)))
			.map((e) => `${rel(e.file)} → ${e.spec}`);
		expect(wrong).toEqual([]);
	});

	it('the device side of sync never reaches up into screens or the connection manager', () => {
		const forbidden = ['src/lib/ui', 'src/lib/live', 'src/lib/connect', 'src/routes'];
		const wrong = edges
			.filter((e) => inside(e.file, 'src/lib/sync') && e.target && forbidden.some((f) => inside(e.target as string, f)))
			.map((e) => `${rel(e.file)} → ${e.spec}`);
		expect(wrong).toEqual([]);
	});

	it('screens never touch Yjs: they call session operations and the connection manager', () => {
		const wrong = edges
			.filter((e) => inside(e.file, 'src/lib/ui') || inside(e.file, 'src/routes'))
			.filter((e) => e.spec === 'yjs' || e.spec.startsWith('yjs/') || e.spec.startsWith('y-'))
			.map((e) => `${rel(e.file)} → ${e.spec}`);
		expect(wrong).toEqual([]);
	});

	it('browser code never imports an app module for its side effects alone (the build drops such imports)', () => {
		// vite.config.ts marks modules under src/lib as free of import-time side effects so that
		// unused re-exports stay out of a screen's chunks; a bare `import '$lib/…'` would silently
		// do nothing in the built app. Node-only code (the hub, *.server.ts) is not bundled.
		const bare = /^\s*import\s+(['"])([^'"]+)\1\s*;?\s*$/gm;
		const wrong = files
			.filter((file) => !inside(file, 'src/hub') && !file.endsWith('.server.ts'))
			.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(bare)].map((m) => ({ file, spec: m[2] as string })))
			.filter(({ file, spec }) => !/\.css$/.test(spec) && (resolveLocal(file, spec) ?? '').startsWith(join(SRC, 'lib')))
			.map(({ file, spec }) => `${rel(file)} → ${spec}`);
		expect(wrong).toEqual([]);
	});

	it('every package the hub needs at run time is a dependency (npm install --omit=dev runs it)', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
		const entries = [...Object.values(pkg.bin), 'src/hub/serve-cli.ts', 'src/hub/hub-cli.ts'].map((p) => join(ROOT, p));
		const seen = new Set<string>();
		const packages = new Set<string>();
		const queue = [...entries];
		while (queue.length > 0) {
			const file = queue.pop() as string;
			if (seen.has(file)) continue;
			seen.add(file);
			for (const spec of specifiers(file)) {
				if (spec.startsWith('$app/') || spec.startsWith('$service-worker')) continue;
				const target = resolveLocal(file, spec);
				if (target) {
					if (existsSync(target)) queue.push(target);
					else {
						// A `.ts` written as `.js` in an import is not used in this tree; anything else is a broken path.
						throw new Error(`${rel(file)} imports ${spec}, which does not exist`);
					}
				} else {
					const name = packageName(spec);
					if (name) packages.add(name);
				}
			}
		}
		expect(seen.size).toBeGreaterThan(20);
		const missing = [...packages].filter((name) => !(name in pkg.dependencies)).sort();
		expect(missing).toEqual([]);
	});
});
