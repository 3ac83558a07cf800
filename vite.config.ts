import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { bundledKits } from './scripts/bundled-kits-plugin.js';

export default defineConfig({
	plugins: [bundledKits(), sveltekit()],
	// Rolldown's plugin-timing report is noise here (SvelteKit's own writeBundle dominates).
	build: { rolldownOptions: { checks: { pluginTimings: false } } },
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
