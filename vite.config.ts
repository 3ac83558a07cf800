import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { bundledKits } from './scripts/bundled-kits-plugin.js';

export default defineConfig({
	plugins: [bundledKits(), sveltekit()],
	preview: { host: '127.0.0.1', port: 4173, strictPort: true },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		pool: 'threads',
		maxWorkers: 2
	}
});
