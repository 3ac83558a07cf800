/**
 * Vite plugin: after the client build, writes `.svelte-kit/chunk-modules.json`, for each output
 * chunk its file (`_app/immutable/…`, as under `build/`), its static and dynamic imports, and the
 * source modules rendered into it with their rendered length (bytes of minified code each module
 * contributes). `scripts/chunk-attribution.ts` turns it, with the `.gz` sizes under `build/`, into
 * "which package or source folder weighs what" for a screen's first load. It only reads what the
 * bundler already knows; the output files are untouched. The server and service-worker builds
 * are skipped (their chunks never reach a browser page).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

export interface ChunkModules {
	file: string;
	imports: string[];
	dynamicImports: string[];
	/** Module id (absolute path or virtual id) → rendered length in bytes. */
	modules: Record<string, number>;
}

export const CHUNK_MODULES_FILE = '.svelte-kit/chunk-modules.json';

export function chunkModules(): Plugin {
	let root = process.cwd();
	let isClient = false;
	return {
		name: 'tablee-chunk-modules',
		apply: 'build',
		configResolved(config) {
			root = config.root;
			// SvelteKit's client build is the one whose output goes under `_app/immutable`; the server
			// build is SSR, the service worker is built by a separate Vite call without this plugin.
			isClient = !config.build.ssr;
		},
		generateBundle(_options, bundle) {
			if (!isClient) return;
			const chunks: ChunkModules[] = [];
			for (const output of Object.values(bundle)) {
				if (output.type !== 'chunk') continue;
				const modules: Record<string, number> = {};
				for (const [id, info] of Object.entries(output.modules)) modules[id.startsWith(root) ? id.slice(root.length + 1) : id] = info.renderedLength;
				chunks.push({ file: output.fileName, imports: output.imports, dynamicImports: output.dynamicImports, modules });
			}
			if (!chunks.some((c) => c.file.startsWith('_app/immutable/'))) return;
			const path = resolve(root, CHUNK_MODULES_FILE);
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, JSON.stringify(chunks, null, 1));
		}
	};
}
