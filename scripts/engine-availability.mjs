// Which of the other browser engines the tests can drive here, and the Debian command that
// installs a missing one. Shared by scripts/ensure-engines.mjs and tests/engines/run-engines.ts.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** @typedef {'firefox' | 'webkit'} EngineName */

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATHS = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'];

/** @type {Record<EngineName, string[]>} */
export const ENGINE_PACKAGES = { firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb'] };

/** @param {string} name */
const onPath = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;

/**
 * @param {EngineName} engine
 * @returns {{ ok: true } | { ok: false, missing: string, command: string }}
 */
export function engineAvailability(engine) {
	const command = `apt-get update && apt-get install -y ${ENGINE_PACKAGES[engine].join(' ')}`;
	if (engine === 'firefox') {
		if (existsSync(FIREFOX_PATH)) return { ok: true };
		return { ok: false, missing: `Firefox ESR is not installed (${FIREFOX_PATH})`, command };
	}
	const missing = [];
	if (!existsSync(WEBKIT_DRIVER_PATH)) missing.push(`WebKitWebDriver (${WEBKIT_DRIVER_PATH})`);
	if (!MINIBROWSER_PATHS.some((p) => existsSync(p)) && !process.env.MINIBROWSER_PATH) missing.push('WebKitGTK MiniBrowser');
	if (!onPath('xvfb-run')) missing.push('xvfb-run');
	if (missing.length === 0) return { ok: true };
	return { ok: false, missing: `${missing.join(', ')} not installed`, command };
}
