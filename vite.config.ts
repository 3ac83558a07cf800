import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { bundledKits } from './scripts/bundled-kits-plugin.js';
import { chunkModules } from './scripts/chunk-modules-plugin.js';

export default defineConfig({
	plugins: [bundledKits(), sveltekit(), chunkModules()],
	// Rolldown's plugin-timing report is noise here (SvelteKit's own writeBundle dominates).
	build: {
		rolldownOptions: {
			checks: { pluginTimings: false },
			// App modules under src/lib have no import-time side effects (state lives in exports;
			// Svelte components register their event delegation only when used), so a module a
			// screen reaches through a domain's index.ts but never uses stays out of its chunks.
			// Without this every component re-exported by an index (OpenSessionGate from $lib/live,
			// say) came along with all it imports: Yjs, sync and Dexie on the home screen. Styles
			// keep their side effects.
			treeshake: { moduleSideEffects: (id: string) => !/\/src\/lib\//.test(id) || /[?&]type=style|\.css$/.test(id) }
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// Node has no first render to wait for: both catalogs are registered up front.
		setupFiles: ['src/lib/i18n/all-catalogs.ts'],
		pool: 'threads',
		// A hang guard, not a speed check (speed is measured by `npm run bench`): generous so that
		// a loaded machine does not fail correct tests.
		testTimeout: 30_000,
		maxWorkers: 2
	}
});
