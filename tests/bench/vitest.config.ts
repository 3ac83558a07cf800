// Benchmarks run as plain vitest files (each prints `name: figure (budget …) OK|OVER` lines):
//   npx vitest run --config tests/bench/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) } },
	test: {
		include: ['tests/bench/**/*.bench.ts'],
		environment: 'node',
		pool: 'forks',
		maxWorkers: 1,
		testTimeout: 180_000
	}
});
