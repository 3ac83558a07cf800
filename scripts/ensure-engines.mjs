#!/usr/bin/env node
// Installs the other engines the browser tests drive (Debian's Firefox ESR, WebKitGTK's
// WebKitWebDriver with xvfb) when they are missing and that is allowed (running as root with
// apt-get available, TABLEE_NO_APT unset). Otherwise it says which engine will be skipped and
// the exact command to install it: `npm run test:engines` then prints SKIPPED for that engine.
import { execFileSync, spawnSync } from 'node:child_process';
import { ENGINE_PACKAGES, engineAvailability } from './engine-availability.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
const allowed = isRoot && hasApt && !process.env.TABLEE_NO_APT;

/** @type {('firefox' | 'webkit')[]} */
const engines = ['firefox', 'webkit'];
const missing = engines.filter((e) => !engineAvailability(e).ok);
if (missing.length > 0 && allowed) {
	const packages = missing.flatMap((e) => ENGINE_PACKAGES[e]);
	const command = `apt-get update -qq && apt-get install -y -qq ${packages.join(' ')}`;
	console.log(`Installing the engines the tests drive: ${command}`);
	try {
		execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
	} catch {
		console.error('Installing the engines failed; their tests will be skipped.');
	}
}
for (const engine of engines) {
	const r = engineAvailability(engine);
	if (!r.ok) {
		const why = allowed ? 'installing it failed' : isRoot && hasApt ? 'TABLEE_NO_APT is set' : 'not root, or no apt-get';
		console.log(`The ${engine} tests will be SKIPPED: ${r.missing} (${why}). Install it, then run npm test again:\n  sudo sh -c '${r.command}'`);
	}
}
