/**
 * Vite plugin: the kits under `workshop-kits/` become `static/kits/<id>.zip` plus
 * `static/kits/index.json` before SvelteKit collects static files (see `kit-bundle.server.ts`).
 * Every kit goes through `parseKit`; any issue stops dev and build with the formatted list, so an
 * invalid bundled kit can never ship.
 *
 * The kit code is loaded with Vite's `runnerImport` rather than imported here: the config bundle
 * then stays free of extension-less TypeScript imports (which Vite's future native config loader
 * refuses, and warns about on every run).
 */
import { resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';

type KitBundleModule = typeof import('../src/lib/kits/kit-bundle.server');

export interface BundledKitsOptions {
	/** Folder holding one folder per kit. Default: `<root>/workshop-kits`. */
	kitsDir?: string;
	/** Output folder. Default: `<root>/static/kits`. */
	outDir?: string;
}

/** Registers the build of bundled kits; place it before `sveltekit()` in vite.config.ts. */
export function bundledKits(options: BundledKitsOptions = {}): Plugin {
	let kitsDir = '';
	let outDir = '';
	let bundle: KitBundleModule | undefined;
	return {
		name: 'tablee-bundled-kits',
		async config(config) {
			// Unit tests load this config too; they check the kits themselves (bundled-kits.test.ts)
			// and must not write into static/ or fail because a kit is half-written.
			if (process.env.VITEST) return;
			const root = resolve(config.root ?? process.cwd());
			kitsDir = resolve(root, options.kitsDir ?? 'workshop-kits');
			outDir = resolve(root, options.outDir ?? 'static/kits');
			const loaded = await runnerImport<KitBundleModule>(resolve(root, 'src/lib/kits/kit-bundle.server.ts'), {
				configFile: false,
				root,
				logLevel: 'error'
			});
			bundle = loaded.module;
			bundle.buildBundledKits(kitsDir, outDir);
			for (const warning of bundle.pendingKitWarnings(kitsDir)) console.warn(`[bundled kits] ${warning}`);
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
