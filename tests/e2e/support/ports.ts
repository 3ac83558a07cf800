/**
 * The ports browser tests use, in one place. The app's static server is E2E_PORT (4173 by
 * default), shared by every Playwright worker. The servers a spec starts itself (a venue hub, a
 * signaling server, a copy of the build) get a port of their own per worker: Playwright numbers
 * its parallel workers 0, 1, … in TEST_PARALLEL_INDEX, and each worker's ports are 1000 above
 * the previous worker's, so two specs running side by side never meet on one port.
 */
const base = Number(process.env.E2E_PORT || 4173);
const worker = Number(process.env.TEST_PARALLEL_INDEX || 0);

/** The app's static server (the Playwright web server). */
export const APP_PORT = base;
/** http://127.0.0.1 origin of the app's static server. */
export const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;

/**
 * A port for a server this worker starts: `override` (an environment variable's value) when set,
 * else E2E_PORT + `offset`; either way shifted by the worker's index.
 */
export function workerPort(offset: number, override?: string): number {
	const port = override ? Number(override) : base + offset;
	return port + worker * 1000;
}
