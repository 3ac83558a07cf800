/**
 * Vite plugin: the kits under `workshop-kits/` become `static/kits/<id>.zip` plus
 * `static/kits/index.json` (see `kit-bundle.server.ts`). Every kit goes through `parseKit`; any
 * issue stops dev and build with the formatted list, so an invalid bundled kit can never ship.
 *
 * Once the kits are written, the plugin lists every file of `static/` with a content hash and
 * hands the list to the service worker as `__TABLEE_PRECACHE_STATIC__` (`define`, which
 * SvelteKit's service-worker build reuses): the kits are precached from the very first build of a
 * clean tree, whatever the order in which SvelteKit reads `static/` (see `static-precache.ts`).
 * The config hook also runs early (`order: 'pre'`, before SvelteKit's, as long as this plugin is
 * listed first) so that SvelteKit's own `files` list already holds the kits.
 *
 * The kit code is loaded with Vite's `runnerImport` rather than imported here: the config bundle
 * then stays free of extension-less TypeScript imports (which Vite's future native config loader
 * refuses, and warns about on every run).
 */
import { resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { listStaticPrecache, staticPrecacheDefine, type StaticPrecacheEntry } from './static-precache.js';

type KitBundleModule = typeof import('../src/lib/kits/kit-bundle.server');

export interface BundledKitsOptions {
	/** Folder holding one folder per kit. Default: `<root>/workshop-kits`. */
	kitsDir?: string;
	/** Output folder. Default: `<staticDir>/kits`. */
	outDir?: string;
	/** SvelteKit's static folder (`kit.files.assets`). Default: `<root>/static`. */
	staticDir?: string;
}

export interface BundleFolders {
	kitsDir: string;
	outDir: string;
	staticDir: string;
}

/**
 * Writes the bundled kits into `outDir`, then lists every file of `staticDir` (the kits just
 * written included) for the service worker's precache. `build` is `buildBundledKits`.
 */
export function bundleKitsForPrecache(build: KitBundleModule['buildBundledKits'], folders: BundleFolders): StaticPrecacheEntry[] {
	build(folders.kitsDir, folders.outDir);
	return listStaticPrecache(folders.staticDir);
}

/** Registers the build of bundled kits; place it before `sveltekit()` in vite.config.ts. */
export function bundledKits(options: BundledKitsOptions = {}): Plugin {
	let kitsDir = '';
	let outDir = '';
	let bundle: KitBundleModule | undefined;
	return {
		name: 'tablee-bundled-kits',
		config: {
			order: 'pre',
			async handler(config) {
				// Unit tests load this config too; they check the kits themselves (bundled-kits.test.ts)
				// and must not write into static/ or fail because a kit is half-written.
				if (process.env.VITEST) return;
				const root = resolve(config.root ?? process.cwd());
				const staticDir = resolve(root, options.staticDir ?? 'static');
				kitsDir = resolve(root, options.kitsDir ?? 'workshop-kits');
				outDir = resolve(root, options.outDir ?? resolve(staticDir, 'kits'));
				const loaded = await runnerImport<KitBundleModule>(resolve(root, 'src/lib/kits/kit-bundle.server.ts'), {
					configFile: false,
					root,
					logLevel: 'error'
				});
				bundle = loaded.module;
				const precache = bundleKitsForPrecache(bundle.buildBundledKits, { kitsDir, outDir, staticDir });
				for (const warning of bundle.pendingKitWarnings(kitsDir)) console.warn(`[bundled kits] ${warning}`);
				return { define: staticPrecacheDefine(precache) };
			}
		},
		configureServer(server) {
			const build = bundle;
			if (!build) return;
			// Authors edit kits while the dev server runs: rebuild on change and report problems in
			// the terminal instead of stopping the server.
			server.watcher.add(kitsDir);
			let timer: ReturnType<typeof setTimeout> | undefined;
			const rebuild = (file: string) => {
				if (!resolve(file).startsWith(kitsDir)) return;
				// Editors and git touch many files at once: rebuild once they are done.
				clearTimeout(timer);
				timer = setTimeout(() => {
					try {
						build.buildBundledKits(kitsDir, outDir);
					} catch (error) {
						server.config.logger.error(error instanceof Error ? error.message : String(error));
					}
				}, 200);
			};
			server.watcher.on('add', rebuild);
			server.watcher.on('change', rebuild);
			server.watcher.on('unlink', rebuild);
		}
	};
}
