import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// Every route is prerendered as a client-rendered shell, so the whole app is a set of
		// static files that the service worker can precache. 200.html serves unknown paths.
		// precompress: a .br and a .gz next to every compressible file, served by the hub (static-files.ts).
		adapter: adapter({ fallback: '200.html', strict: true, precompress: true }),
		serviceWorker: { register: false },
		version: { pollInterval: 0 },
		typescript: {
			// Type-check tests, scripts and tooling config along with the app.
			config(tsconfig) {
				tsconfig.include.push('../tests/**/*.ts', '../scripts/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
