import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * Benchmarks: plain Vitest files that measure and print `name: figure (budget …) OK|OVER` lines.
 * They report; they never fail on timing (machines differ), only on wrong results.
 */
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/bench/**/*.bench.ts'],
		environment: 'node',
		setupFiles: ['src/lib/i18n/all-catalogs.ts'],
		pool: 'threads',
		maxWorkers: 1,
		testTimeout: 300_000
	}
});
