#!/usr/bin/env node
// Makes sure the browser tests have Debian's Chromium. Playwright cannot download its own browser
// here, so `npm test` installs the Debian package when it is missing and that is allowed (running
// as root with apt-get available, and TABLEE_NO_APT unset); otherwise it stops and prints the
// exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function works(path) {
	if (!existsSync(path)) return false;
	const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
	return r.status === 0;
}

if (works(CHROMIUM)) {
	process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
const command = 'apt-get update && apt-get install -y chromium';

if (isRoot && hasApt && !process.env.TABLEE_NO_APT) {
	console.log(`Chromium is missing at ${CHROMIUM}; installing Debian's package: ${command}`);
	try {
		execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
	} catch {
		console.error(`\nInstalling Chromium failed. Run this as root, then npm test again:\n  ${command}`);
		process.exit(1);
	}
	if (works(CHROMIUM)) process.exit(0);
	console.error(`Chromium was installed but does not run at ${CHROMIUM}.`);
	process.exit(1);
}

console.error(
	`The browser tests need Debian's Chromium at ${CHROMIUM}, and it is missing.\n` +
		`Install it, then run npm test again:\n  sudo ${command}\n` +
		`(or set CHROMIUM_PATH to another Chromium build)`
);
process.exit(1);
